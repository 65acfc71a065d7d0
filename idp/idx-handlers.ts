/**
 * The Identity Engine endpoints (/idp/idx/*): introspect, identify, challenge, challenge/answer,
 * skip, cancel. Each moves a transaction between steps the way an Okta org's sign-in policy does
 * and answers with the resulting IDX document. Bad input gets an IDX-shaped error, never a throw.
 */
import { ION_JSON, jsonReply, parseJsonBody, type Reply, type RequestContext } from './http-util';
import { MESSAGES, EMAIL_AUTHENTICATOR_ID, PASSWORD_AUTHENTICATOR_ID, terminalDocument, type IdxMessage } from './idx-documents';
import { renderState, hasOtherFactors, type FormErrors, type RenderEnv } from './idx-state';
import { checkNewPassword, PASSWORD_REQUIREMENTS_TEXT } from './password-policy';
import type { Step, Transaction, TransactionStore } from './transactions';
import type { UserDirectory, UserRecord } from './users';

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

function passcodeOf(body: Record<string, unknown>): string | undefined {
  const credentials = body.credentials;
  if (!credentials || typeof credentials !== 'object') return undefined;
  return stringField((credentials as Record<string, unknown>).passcode);
}

export class IdxHandlers {
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
    if (user.status === 'PASSWORD_EXPIRED') return this.moveTo(tx, 'reenroll');
    if (user.status === 'PASSWORD_WARN') return this.moveTo(tx, 'reenroll-warning');
    return this.afterPasswordPolicy(tx, user);
  }

  /** What follows a verified (and, if needed, renewed) password: more factors or success. */
  private afterPasswordPolicy(tx: Transaction, user: UserRecord): Reply {
    if (hasOtherFactors(user)) return this.moveTo(tx, 'mfa-select');
    this.env.transactions.issueCode(tx, user.id);
    this.env.log(`sign-in succeeded for ${user.login}`);
    return this.reply(200, tx);
  }

  private moveTo(tx: Transaction, step: Step): Reply {
    tx.step = step;
    return this.reply(200, tx);
  }

  /** Status checks that end the flow whatever the password (locked, suspended). */
  private blocked(tx: Transaction, user: UserRecord): Reply | undefined {
    if (user.status === 'LOCKED_OUT') return this.terminal(403, tx, [MESSAGES.locked()]);
    if (user.status === 'SUSPENDED') return this.terminal(403, tx, [MESSAGES.suspended()]);
    return undefined;
  }

  /** Counts a wrong password; returns the lockout reply once the threshold is reached. */
  private failedPassword(tx: Transaction, user: UserRecord | undefined): Reply | undefined {
    if (!user) return undefined;
    user.failedAttempts += 1;
    this.env.log(`wrong password for ${user.login} (${user.failedAttempts}/${this.env.lockoutThreshold})`);
    if (user.failedAttempts >= this.env.lockoutThreshold) {
      user.status = 'LOCKED_OUT';
      this.env.log(`${user.login} is now LOCKED_OUT`);
      return this.terminal(403, tx, [MESSAGES.locked()]);
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

  async identify(ctx: RequestContext): Promise<Reply> {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
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
      if (!user) return this.reply(401, tx, { top: [MESSAGES.unknownUser(identifier)] });
      const blocked = this.blocked(tx, user);
      if (blocked) return blocked;
      tx.userId = user.id;
      return this.moveTo(tx, hasOtherFactors(user) ? 'select-authenticator' : 'challenge-password');
    }

    // One page: always pay for one scrypt so timing does not tell known from unknown logins.
    const correct = await this.env.users.verifyPassword(user, passcode ?? '');
    if (!user) return this.reply(401, tx, { top: [MESSAGES.unknownUser(identifier)] });
    const blocked = this.blocked(tx, user);
    if (blocked) return blocked;
    if (!correct) return this.failedPassword(tx, user) ?? this.reply(401, tx, { top: [MESSAGES.authenticationFailed()] });
    tx.userId = user.id;
    return this.afterPassword(tx, user);
  }

  challenge(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx, body } = opened;
    if (tx.step !== 'select-authenticator' && tx.step !== 'mfa-select') return this.wrongStep(tx);
    const authenticator = body.authenticator;
    const id = authenticator && typeof authenticator === 'object' ? stringField((authenticator as Record<string, unknown>).id) : undefined;
    if (id === PASSWORD_AUTHENTICATOR_ID && tx.step === 'select-authenticator') return this.moveTo(tx, 'challenge-password');
    if (id === EMAIL_AUTHENTICATOR_ID) return this.moveTo(tx, 'mfa-challenge');
    return this.reply(400, tx, { top: [MESSAGES.invalidValue()] });
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
        if (!(await this.env.users.verifyPassword(user, passcode))) {
          return this.failedPassword(tx, user) ?? this.reply(401, tx, { top: [MESSAGES.incorrectPassword()] });
        }
        return this.afterPassword(tx, user);
      }
      case 'reenroll':
      case 'reenroll-warning': {
        if (!passcode) return this.reply(400, tx, { passcode: [MESSAGES.blank()] });
        const isCurrent = await this.env.users.verifyPassword(user, passcode);
        const problem = checkNewPassword(passcode, user.login, isCurrent);
        if (problem === 'too-weak') return this.reply(400, tx, { passcode: [MESSAGES.requirementsNotMet(PASSWORD_REQUIREMENTS_TEXT)] });
        if (problem === 'same-as-current') return this.reply(400, tx, { passcode: [MESSAGES.sameAsCurrent()] });
        await this.env.users.setPassword(user, passcode);
        user.status = 'ACTIVE';
        this.env.log(`password changed for ${user.login}`);
        return this.afterPasswordPolicy(tx, user);
      }
      case 'mfa-challenge':
        // The emulator sends no email: every code is wrong (the app treats MFA as unsupported).
        return this.reply(401, tx, { passcode: [MESSAGES.invalidCode()] });
      default:
        return this.wrongStep(tx);
    }
  }

  skip(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx } = opened;
    const user = tx.userId ? this.env.users.findById(tx.userId) : undefined;
    if (tx.step !== 'reenroll-warning' || !user) return this.wrongStep(tx);
    return this.afterPasswordPolicy(tx, user);
  }

  cancel(ctx: RequestContext): Reply {
    const opened = this.open(ctx);
    if (!opened.ok) return opened.reply;
    const { tx } = opened;
    tx.step = 'identify';
    tx.userId = undefined;
    tx.interactionCode = undefined;
    tx.terminalMessages = undefined;
    return this.reply(200, tx);
  }
}
