/**
 * The Identity Engine endpoints (/idp/idx/*): introspect, identify, challenge, challenge/answer,
 * challenge/resend, challenge/poll, challenge/send, credential/enroll, skip, cancel. Each moves a
 * transaction between steps the way an Okta org's sign-in policy does and answers with the
 * resulting IDX document. The password is checked here; every other authenticator's step is its
 * module's (idp/authenticators/). Bad input gets an IDX-shaped error, never a throw.
 */
import { ION_JSON, jsonReply, parseJsonBody, randomToken, type Reply, type RequestContext } from '../http/http-util';
import { MESSAGES, terminalDocument, type IdxMessage } from './documents';
import { choicesToVerify, renderState, type FormErrors, type RenderEnv } from './state';
import { checkNewPassword, PASSWORD_REQUIREMENTS_TEXT } from '../org/password-policy';
import { enrollChoices, nextStep } from '../authenticators/policy';
import { byAuthenticatorId, factorModule } from '../authenticators/registry';
import type { AuthenticatorKey, AuthenticatorModule, Choice, FactorContext, LinkResult, Outcome, Phase } from '../authenticators/types';
import type { Step, Transaction, TransactionStore } from './transactions';
import type { UserDirectory, UserRecord } from '../org/users';
import { checkProfile } from './registration';

export interface IdxEnv extends RenderEnv {
  lockoutThreshold: number;
  users: UserDirectory;
  transactions: TransactionStore;
  log: (line: string) => void;
}

const MAX_FIELD_LENGTH = 1024;

/** IDX error bodies use application/json so the SDK reads them as IDX responses (reference §4). */
export function idxErrorReply(status: number, list: IdxMessage[]): Reply {
  return jsonReply(status, terminalDocument(list));
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= MAX_FIELD_LENGTH ? value : undefined;
}

function objectField(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function passcodeOf(body: Record<string, unknown>): string | undefined {
  return stringField(objectField(body.credentials)?.passcode);
}

/** The `authenticator` object a select or data form posts. */
function choiceOf(body: Record<string, unknown>): Choice | undefined {
  const value = objectField(body.authenticator);
  const id = stringField(value?.id);
  if (!value || !id) return undefined;
  const extra = (name: 'methodType' | 'channel' | 'phoneNumber') => {
    const v = stringField(value[name]);
    return v === undefined ? {} : { [name]: v };
  };
  return { id, ...extra('methodType'), ...extra('channel'), ...extra('phoneNumber') };
}

export class IdxHandlers {
  /** Activation links of users who signed up and must confirm their email: token → user id and expiry. */
  private readonly activations = new Map<string, { userId: string; expiresAt: number }>();

  constructor(private readonly env: IdxEnv) {}

  private reply(status: number, tx: Transaction, errors: FormErrors = {}): Reply {
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    const doc = renderState(this.env, tx, user, errors);
    if (status < 300) return { status, headers: { 'Content-Type': ION_JSON, 'Cache-Control': 'no-store' }, body: JSON.stringify(doc) };
    return jsonReply(status, doc);
  }

  private terminal(status: number, tx: Transaction, list: IdxMessage[]): Reply {
    tx.step = 'terminal';
    tx.terminalMessages = list;
    return this.reply(status, tx);
  }

  /** Parses the body and finds the live transaction named by its stateHandle. */
  private open(ctx: RequestContext): { ok: true; tx: Transaction; body: Record<string, unknown> } | { ok: false; reply: Reply } {
    const parsed = parseJsonBody(ctx);
    if (!parsed.ok) {
      return parsed.reason === 'media-type'
        ? { ok: false, reply: idxErrorReply(415, [MESSAGES.unsupportedMediaType()]) }
        : { ok: false, reply: idxErrorReply(400, [MESSAGES.malformedBody()]) };
    }
    const handle = stringField(parsed.value.stateHandle);
    const tx = handle ? this.env.transactions.byStateHandle(handle) : undefined;
    if (!tx) return { ok: false, reply: idxErrorReply(401, [MESSAGES.sessionExpired()]) };
    return { ok: true, tx, body: parsed.value };
  }

  /** A request for a step the transaction is not at (stale or replayed): current state + message. */
  private wrongStep(tx: Transaction): Reply {
    if (tx.step === 'terminal' || tx.step === 'success') return this.reply(tx.step === 'terminal' ? 403 : 400, tx);
    return this.reply(400, tx, { top: [MESSAGES.actionUnavailable()] });
  }

  private async afterPassword(tx: Transaction, user: UserRecord): Promise<Reply> {
    user.failedAttempts = 0;
    if (!tx.verified.includes('okta_password')) tx.verified.push('okta_password');
    if (user.status === 'PASSWORD_EXPIRED') return this.moveTo(tx, 'reenroll');
    if (user.status === 'PASSWORD_WARN') return this.moveTo(tx, 'reenroll-warning');
    return this.advance(tx, user);
  }

  /** What the user's policy asks for next: the password, another factor, an enrollment, or success. */
  private advance(tx: Transaction, user: UserRecord): Reply {
    tx.factor = undefined;
    const next = nextStep(user, tx);
    switch (next.step) {
      case 'challenge-password':
      case 'select-authenticator':
      case 'select-enroll':
        return this.moveTo(tx, next.step);
      case 'denied':
        return this.terminal(403, tx, [MESSAGES.suspended()]);
      case 'success':
        if (tx.flow === 'register' && this.env.registration?.activation === 'email') return this.awaitActivation(tx, user);
        this.env.transactions.issueCode(tx, user.id);
        this.env.log(`sign-in succeeded for ${user.login}`);
        return this.reply(200, tx);
    }
  }

  private factorContext(tx: Transaction, user: UserRecord): FactorContext {
    return { env: this.env.factors, tx: tx as FactorContext['tx'], user };
  }

  /** A factor's outcome: satisfied (then the policy's next step), or its step again. */
  private settle(tx: Transaction, user: UserRecord, outcome: Outcome): Reply {
    if (!outcome.done) return this.reply(outcome.status, tx, outcome.errors ?? {});
    const key = tx.factor?.key;
    if (key && !tx.verified.includes(key)) tx.verified.push(key);
    if (key) this.env.log(`${key} ${tx.factor?.phase === 'enroll' ? 'enrolled' : 'verified'} for ${user.login}`);
    if (tx.flow === 'recover') {
      // Recovery: the person proved who they are; now the new password.
      tx.factor = undefined;
      return this.moveTo(tx, 'reset-password');
    }
    if (tx.flow === 'unlock') return this.unlocked(tx, user);
    return this.advance(tx, user);
  }

  /** Unlock: the person proved who they are; the account works again, with the password they have (user-account-unlock-success.json). */
  private unlocked(tx: Transaction, user: UserRecord): Reply {
    if (user.status === 'LOCKED_OUT') user.status = 'ACTIVE';
    user.failedAttempts = 0;
    tx.flow = undefined;
    this.env.log(`account unlocked for ${user.login}`);
    return this.terminal(200, tx, [MESSAGES.unlockSucceeded()]);
  }

  /** A new user whose org wants the email confirmed first: the link goes to the outbox, the sign-in ends (terminal-registration.json). */
  private awaitActivation(tx: Transaction, user: UserRecord): Reply {
    const token = randomToken(24);
    const { factors } = this.env;
    this.activations.set(token, { userId: user.id, expiresAt: factors.now() + factors.settings.codeTtlMs });
    user.status = 'PROVISIONED';
    const link = `${factors.origin}/email/verify?token=${token}`;
    const to = String(user.profile.email ?? user.login);
    factors.outbox.add({ login: user.login, channel: 'email', to, purpose: 'activate', text: `Activate your ${factors.settings.orgName} account: open the link.`, link });
    this.env.log(`activation email sent to ${user.login}`);
    tx.flow = undefined;
    return this.terminal(200, tx, [MESSAGES.emailVerificationRequired()]);
  }

  /** The factor in progress and its module, when the transaction is at a factor step. */
  private active(tx: Transaction): { user: UserRecord; module: AuthenticatorModule; ctx: FactorContext } | undefined {
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    const module = tx.step === 'factor' && tx.factor ? factorModule(tx.factor.key) : undefined;
    return user && module ? { user, module, ctx: this.factorContext(tx, user) } : undefined;
  }

  /**
   * The person chose an authenticator (select form, or a form of the factor's own step naming it
   * again). Starts it, or passes the new data (method, phone number, channel) to the running one.
   */
  private async choose(tx: Transaction, user: UserRecord, phase: Phase, body: Record<string, unknown>): Promise<Reply> {
    const choice = choiceOf(body);
    const chosen = byAuthenticatorId(choice?.id);
    const current = tx.step === 'factor' && tx.factor?.phase === phase ? tx.factor.key : undefined;
    const offered: AuthenticatorKey[] = (phase === 'verify' ? choicesToVerify(this.env, tx, user) : enrollChoices(user, tx).choices).map((m) => m.key);
    if (!choice || !chosen || (chosen.key !== current && !offered.includes(chosen.key))) {
      return this.reply(400, tx, { top: [MESSAGES.invalidValue()] });
    }
    if (chosen.key === 'okta_password') {
      tx.factor = undefined;
      return this.moveTo(tx, 'challenge-password');
    }
    const module = factorModule(chosen.key);
    if (!module) return this.reply(400, tx, { top: [MESSAGES.invalidValue()] });
    if (chosen.key === current && module.choose) return this.settle(tx, user, await module.choose(this.factorContext(tx, user), choice));
    tx.step = 'factor';
    tx.factor = { key: module.key, phase, state: undefined };
    return this.settle(tx, user, await module.start(this.factorContext(tx, user), choice));
  }

  private moveTo(tx: Transaction, step: Step): Reply {
    tx.step = step;
    return this.reply(200, tx);
  }

  /**
   * Status checks that end the flow whatever the password (suspended, not activated). A locked-out
   * account is not among them: Okta does not end the sign-in for it, it refuses the password (`lockedOut`).
   */
  private blocked(tx: Transaction, user: UserRecord): Reply | undefined {
    if (user.status === 'SUSPENDED') return this.terminal(403, tx, [MESSAGES.suspended()]);
    if (user.status === 'PROVISIONED') return this.terminal(403, tx, [MESSAGES.notActivated()]);
    return undefined;
  }

  /**
   * The password of a locked-out account, whatever it is: the same step again (the password form,
   * or the one-page identify with `identified`), saying the password is suspended after too many
   * failed attempts (playground/error-authenticator-verification-password-too-many-attempts.json).
   */
  private lockedOut(tx: Transaction, identified?: FormErrors['identified']): Reply {
    return this.reply(401, tx, { top: [MESSAGES.passwordSuspended()], ...(identified && { identified }) });
  }

  /** Counts a wrong password; locks the account once the threshold is reached, and answers as for a locked one. */
  private failedPassword(tx: Transaction, user: UserRecord, identified?: FormErrors['identified']): Reply | undefined {
    user.failedAttempts += 1;
    this.env.log(`wrong password for ${user.login} (${user.failedAttempts}/${this.env.lockoutThreshold})`);
    if (user.failedAttempts >= this.env.lockoutThreshold) {
      user.status = 'LOCKED_OUT';
      this.env.log(`${user.login} is now LOCKED_OUT`);
      return this.lockedOut(tx, identified);
    }
    return undefined;
  }

  introspect(ctx: RequestContext): Reply {
    const parsed = parseJsonBody(ctx);
    if (!parsed.ok) {
      return parsed.reason === 'media-type'
        ? idxErrorReply(415, [MESSAGES.unsupportedMediaType()])
        : idxErrorReply(400, [MESSAGES.malformedBody()]);
    }
    const interactionHandle = stringField(parsed.value.interactionHandle);
    const stateHandle = stringField(parsed.value.stateToken) ?? stringField(parsed.value.stateHandle);
    const tx = interactionHandle
      ? this.env.transactions.byInteractionHandle(interactionHandle)
      : stateHandle
        ? this.env.transactions.byStateHandle(stateHandle)
        : undefined;
    if (!tx) return idxErrorReply(interactionHandle || stateHandle ? 401 : 400, [MESSAGES.sessionExpired()]);
    return this.reply(200, tx);
  }

  /** POST /idp/idx/recover ("Forgot password?"): from identify, asks who; from the password challenge, goes straight to the choice. */
  recover(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx } = opened;
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    const from = tx.step === 'identify' || (tx.step === 'challenge-password' && user);
    if (!this.env.recovery?.authenticators.length || tx.flow || !from) return this.wrongStep(tx);
    tx.flow = 'recover';
    tx.verified = [];
    tx.factor = undefined;
    return user ? this.startRecovery(tx, user) : this.moveTo(tx, 'identify-recovery');
  }

  /** The person who wants to reset is known: choose how to prove it, unless the org has no way for them. */
  private startRecovery(tx: Transaction, user: UserRecord): Reply {
    tx.userId = user.id;
    if (user.status === 'SUSPENDED') return this.terminal(403, tx, [MESSAGES.suspended()]);
    if (choicesToVerify(this.env, tx, user).length === 0) return this.terminal(403, tx, [MESSAGES.resetNotAllowed()]);
    this.env.log(`password recovery started for ${user.login}`);
    return this.moveTo(tx, 'select-authenticator');
  }

  /** POST /idp/idx/unlock-account ("Unlock account" beside identify): who, and how they prove it. */
  unlockAccount(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx } = opened;
    if (!this.env.unlock?.authenticators.length || tx.step !== 'identify' || tx.flow) return this.wrongStep(tx);
    tx.flow = 'unlock';
    tx.verified = [];
    return this.moveTo(tx, 'select-unlock');
  }

  /** select-authenticator-unlock-account: the username and the authenticator in one form. */
  private async startUnlock(tx: Transaction, body: Record<string, unknown>): Promise<Reply> {
    const identifier = stringField(body.identifier)?.trim();
    if (!identifier || identifier.length > 256) return this.reply(400, tx, { identifier: [identifier ? MESSAGES.invalidValue() : MESSAGES.blank()] });
    const user = this.env.users.findByLogin(identifier);
    // As identify answers it (captured/idp_idx_identify_error-invalid-username.json).
    if (!user) return this.reply(401, tx, { top: [MESSAGES.unknownUser(identifier)], identified: { identifier, unknown: true } });
    if (user.status === 'SUSPENDED' || user.status === 'PROVISIONED') return this.terminal(403, tx, [MESSAGES.unlockFailed()]);
    const offered = choicesToVerify(this.env, tx, user);
    if (offered.length === 0) return this.terminal(403, tx, [MESSAGES.unlockNotAllowed()]);
    const chosen = byAuthenticatorId(choiceOf(body)?.id);
    if (!chosen || !offered.some((m) => m.key === chosen.key)) return this.reply(400, tx, { top: [MESSAGES.invalidValue()], identified: { identifier, unknown: false } });
    tx.userId = user.id;
    this.env.log(`account unlock started for ${user.login}`);
    return this.choose(tx, user, 'verify', body);
  }

  /** POST /idp/idx/enroll ("Sign up" beside identify): the org's sign-up form. */
  selectEnrollProfile(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx } = opened;
    if (!this.env.registration || tx.step !== 'identify' || tx.flow) return this.wrongStep(tx);
    tx.flow = 'register';
    tx.verified = [];
    return this.moveTo(tx, 'enroll-profile');
  }

  /** POST /idp/idx/enroll/new: the sign-up form; the user is created (in memory) when it is right. */
  async enrollProfile(ctx: RequestContext): Promise<Reply> {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
    const registration = this.env.registration;
    if (!registration || tx.step !== 'enroll-profile') return this.wrongStep(tx);
    const checked = checkProfile(registration.fields, objectField(body.userProfile) ?? {}, (login) => this.env.users.findByLogin(login) !== undefined);
    if (!checked.ok) return this.reply(400, tx, { fields: checked.errors, profile: checked.values });
    const user = await this.env.users.add({
      login: checked.login,
      // Unusable until the person chooses one at the next step.
      password: randomToken(24),
      status: 'ACTIVE',
      profile: checked.profile,
      factors: ['password'],
      ...(registration.enroll.length > 0 && { policy: { enroll: { required: registration.enroll } } }),
    });
    tx.userId = user.id;
    this.env.log(`user ${user.login} signed up`);
    return this.moveTo(tx, 'enroll-password');
  }

  async identify(ctx: RequestContext): Promise<Reply> {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
    if (tx.step === 'identify-recovery') {
      const identifier = stringField(body.identifier)?.trim();
      if (!identifier || identifier.length > 256) return this.reply(400, tx, { identifier: [identifier ? MESSAGES.invalidValue() : MESSAGES.blank()] });
      const user = this.env.users.findByLogin(identifier);
      // As on sign-in: Okta's identify answers an unknown username with idx.unknown.user.
      if (!user) return this.reply(401, tx, { top: [MESSAGES.unknownUser(identifier)], identified: { identifier, unknown: true } });
      return this.startRecovery(tx, user);
    }
    if (tx.step !== 'identify') return this.wrongStep(tx);

    const identifier = stringField(body.identifier)?.trim();
    const onePage = this.env.policy === 'one-page';
    const passcode = passcodeOf(body);
    if (!identifier || identifier.length > 256) {
      return this.reply(400, tx, { identifier: [identifier ? MESSAGES.invalidValue() : MESSAGES.blank()] });
    }
    if (onePage && !passcode) return this.reply(400, tx, { passcode: [MESSAGES.blank()] });

    const user = this.env.users.findByLogin(identifier);
    if (!onePage) {
      if (!user) return this.reply(401, tx, { top: [MESSAGES.unknownUser(identifier)], identified: { identifier, unknown: true } });
      const blocked = this.blocked(tx, user);
      if (blocked) return blocked;
      tx.userId = user.id;
      return this.advance(tx, user);
    }

    // One page: always pay for one scrypt so timing does not tell known from unknown logins.
    const correct = await this.env.users.verifyPassword(user, passcode ?? '');
    if (!user) return this.reply(401, tx, { top: [MESSAGES.unknownUser(identifier)], identified: { identifier, unknown: true } });
    const blocked = this.blocked(tx, user);
    if (blocked) return blocked;
    const identified = { identifier, unknown: false };
    if (user.status === 'LOCKED_OUT') return this.lockedOut(tx, identified);
    if (!correct) return this.failedPassword(tx, user, identified) ?? this.reply(401, tx, { top: [MESSAGES.authenticationFailed()], identified });
    tx.userId = user.id;
    return this.afterPassword(tx, user);
  }

  /** select-authenticator-authenticate, authenticator-verification-data, a push's resend: choose what to verify. */
  async challenge(ctx: RequestContext): Promise<Reply> {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
    if (tx.step === 'select-unlock') return this.startUnlock(tx, body);
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    const atVerify = tx.step === 'select-authenticator' || tx.step === 'challenge-password' || (tx.step === 'factor' && tx.factor?.phase === 'verify');
    if (!user || !atVerify) return this.wrongStep(tx);
    return this.choose(tx, user, 'verify', body);
  }

  /** select-authenticator-enroll, authenticator-enrollment-data, select-enrollment-channel: choose what to enroll. */
  async enroll(ctx: RequestContext): Promise<Reply> {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    const atEnroll = tx.step === 'select-enroll' || (tx.step === 'factor' && tx.factor?.phase === 'enroll');
    if (!user || !atEnroll) return this.wrongStep(tx);
    return this.choose(tx, user, 'enroll', body);
  }

  /** A factor's own action: resend a code, poll for a push or link, send an activation link. */
  private async factorAction(
    ctx: RequestContext,
    run: (module: AuthenticatorModule, fctx: FactorContext, body: Record<string, unknown>) => Outcome | Promise<Outcome> | undefined,
  ): Promise<Reply> {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
    const active = this.active(tx);
    const outcome = active && (await run(active.module, active.ctx, body));
    if (!active || !outcome) return this.wrongStep(tx);
    return this.settle(tx, active.user, outcome);
  }

  resend(ctx: RequestContext): Promise<Reply> {
    return this.factorAction(ctx, (m, fctx) => m.resend?.(fctx));
  }

  poll(ctx: RequestContext): Promise<Reply> {
    return this.factorAction(ctx, (m, fctx) => m.poll?.(fctx));
  }

  send(ctx: RequestContext): Promise<Reply> {
    return this.factorAction(ctx, (m, fctx, body) => m.send?.(fctx, body));
  }

  /** GET of a link from an email or SMS: a small page, as Okta shows ("return to the original tab"). */
  linkPage(ctx: RequestContext): Reply {
    const token = ctx.query.get('token');
    const opened = token ? this.openLink(token) : undefined;
    const ok = opened !== undefined && opened.result !== 'expired';
    const text = !ok
      ? 'This link has expired or was already used. Return to the sign-in window and ask for another.'
      : opened.result === 'activated'
        ? 'Okta Verify is set up on this device. Return to the sign-in window to continue.'
        : opened.result === 'account-activated'
          ? 'Your account is active. Return to the sign-in window and sign in.'
          : 'Please return to the original tab: the sign-in continues there.';
    return {
      status: ok ? 200 : 410,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'" },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Emulator</title></head><body><p>${text}</p></body></html>`,
    };
  }

  /** The live sign-ins of a login now at a step of this authenticator, newest first (for the admin's push control). */
  factorContexts(login: string, key: AuthenticatorKey): FactorContext[] {
    const user = this.env.users.findByLogin(login);
    if (!user) return [];
    return this.env.transactions
      .liveTransactions()
      .filter((tx) => tx.userId === user.id && tx.step === 'factor' && tx.factor?.key === key)
      .map((tx) => this.factorContext(tx, user));
  }

  /** Someone opened a link from the outbox (magic link, activation link); undefined if no live step sent it. */
  openLink(token: string): LinkResult | undefined {
    const activation = this.activations.get(token);
    if (activation) {
      this.activations.delete(token);
      const user = this.env.users.findById(activation.userId);
      if (!user || activation.expiresAt <= this.env.factors.now()) return { result: 'expired' };
      if (user.status === 'PROVISIONED') user.status = 'ACTIVE';
      this.env.log(`${user.login} activated`);
      return { result: 'account-activated' };
    }
    for (const tx of this.env.transactions.liveTransactions()) {
      if (!tx.factor?.linkToken || tx.factor.linkToken !== token) continue;
      const active = this.active(tx);
      return active?.module.openLink?.(active.ctx) ?? { result: 'expired' };
    }
    return undefined;
  }

  async challengeAnswer(ctx: RequestContext): Promise<Reply> {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    if (!user) return this.wrongStep(tx);
    const passcode = passcodeOf(body);

    switch (tx.step) {
      case 'challenge-password': {
        if (!passcode) return this.reply(400, tx, { passcode: [MESSAGES.blank()] });
        const blocked = this.blocked(tx, user);
        if (blocked) return blocked;
        if (user.status === 'LOCKED_OUT') return this.lockedOut(tx);
        if (!(await this.env.users.verifyPassword(user, passcode))) {
          return this.failedPassword(tx, user) ?? this.reply(401, tx, { top: [MESSAGES.incorrectPassword()] });
        }
        return this.afterPassword(tx, user);
      }
      case 'enroll-password': {
        if (!passcode) return this.reply(400, tx, { passcode: [MESSAGES.blank()] });
        if (checkNewPassword(passcode, user.login, false)) return this.reply(400, tx, { passcode: [MESSAGES.requirementsNotMet(PASSWORD_REQUIREMENTS_TEXT)] });
        await this.env.users.setPassword(user, passcode);
        tx.verified.push('okta_password');
        this.env.log(`password set for ${user.login}`);
        return this.advance(tx, user);
      }
      case 'reenroll':
      case 'reenroll-warning':
      case 'reset-password': {
        if (!passcode) return this.reply(400, tx, { passcode: [MESSAGES.blank()] });
        const isCurrent = await this.env.users.verifyPassword(user, passcode);
        const problem = checkNewPassword(passcode, user.login, isCurrent);
        if (problem === 'too-weak') return this.reply(400, tx, { passcode: [MESSAGES.requirementsNotMet(PASSWORD_REQUIREMENTS_TEXT)] });
        if (problem === 'same-as-current') return this.reply(400, tx, { passcode: [MESSAGES.sameAsCurrent()] });
        await this.env.users.setPassword(user, passcode);
        // A reset also ends a lockout: the person proved who they are.
        user.status = 'ACTIVE';
        user.failedAttempts = 0;
        this.env.log(`password ${tx.step === 'reset-password' ? 'reset' : 'changed'} for ${user.login}`);
        if (tx.step !== 'reset-password') return this.advance(tx, user);
        tx.flow = undefined;
        // Orgs either sign the person in or ask them to sign in with the new password (terminal-reset-password-success.json).
        if (!this.env.recovery?.signsIn) return this.terminal(200, tx, [MESSAGES.recoveryCompleted()]);
        tx.verified.push('okta_password');
        return this.advance(tx, user);
      }
      case 'factor': {
        const active = this.active(tx);
        if (!active) return this.wrongStep(tx);
        return this.settle(tx, user, await active.module.answer(active.ctx, objectField(body.credentials) ?? {}));
      }
      default:
        return this.wrongStep(tx);
    }
  }

  skip(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx } = opened;
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    if (!user) return this.wrongStep(tx);
    if (tx.step === 'reenroll-warning') return this.advance(tx, user);
    if (tx.step === 'select-enroll' && enrollChoices(user, tx).canSkip) {
      tx.enrollmentSkipped = true;
      return this.advance(tx, user);
    }
    return this.wrongStep(tx);
  }

  cancel(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx } = opened;
    tx.step = 'identify';
    tx.userId = undefined;
    tx.interactionCode = undefined;
    tx.terminalMessages = undefined;
    tx.verified = [];
    tx.factor = undefined;
    tx.enrollmentSkipped = undefined;
    tx.flow = undefined;
    return this.reply(200, tx);
  }
}
