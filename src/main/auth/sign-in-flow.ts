/**
 * The embedded password sign-in ("Basic sign-in flow with the password factor") on top of
 * okta-auth-js `idx`: start, answer the current step, skip, cancel. It turns every IdxStatus (and
 * every thrown error) into either a view for the renderer or the tokens of a successful sign-in;
 * what happens with the tokens is the session's job.
 */
import { IdxFeature, IdxStatus, type IDToken, type IdxTransaction, type NextStep as SdkNextStep, type OktaAuth, type Tokens } from '@okta/okta-auth-js';
import type {
  AuthView,
  BridgeError,
  NextStep,
  ProceedRequest,
  RecoverPasswordRequest,
  SelfServiceOffers,
  SignInRequest,
  TerminalReason,
  UiMessage,
  UnlockAccountRequest,
} from '../../shared/contract';
import { message } from '../../shared/i18n/text';
import { errorName, type Logger } from '../log/logger';
import { chooseAnotherStep, describeStep } from './describe-step';
import type { IdpTransport } from './http-client';
import { createNonce, idTokenProblem } from './id-token-binding';
import { classifyFailure, failureView, isTransientFailure } from './map-error';
import { isLockedOut, terminalReason, toUiMessages, type RefusalFields } from './messages';
import { checkStepValues } from './step-values';

export type FlowOutcome =
  | { readonly kind: 'view'; readonly view: AuthView }
  | { readonly kind: 'success'; readonly tokens: Tokens; readonly messages: ReadonlyArray<UiMessage> };

export type FlowResult = { readonly ok: true; readonly outcome: FlowOutcome } | { readonly ok: false; readonly error: BridgeError };

/**
 * What a poll found: something new (a view, or the tokens), or still waiting; `backoff` when the
 * IdP could not answer (unreachable, 429, 5xx), which keeps the step and asks to wait longer.
 */
export type PollOutcome = FlowOutcome | { readonly kind: 'wait'; readonly backoff: boolean } | { readonly kind: 'stopped' };

export interface SignInFlow {
  signIn(request: SignInRequest): Promise<FlowResult>;
  proceed(request: ProceedRequest): Promise<FlowResult>;
  skip(): Promise<FlowResult>;
  /** "Forgot password?": a new transaction in the org's recovery flow, with the username typed (if any). */
  recoverPassword(request: RecoverPasswordRequest): Promise<FlowResult>;
  /** "Unlock account": a new transaction in the org's unlock flow, with the username typed (if any). */
  unlockAccount(request: UnlockAccountRequest): Promise<FlowResult>;
  /** "Sign up": a new transaction in the org's registration flow. */
  register(): Promise<FlowResult>;
  /**
   * Asks the org what it offers besides signing in (interact + introspect, as Okta's widget does
   * before drawing its sign-in form), then forgets that transaction. Undefined when it cannot tell.
   */
  discoverOffers(): Promise<SelfServiceOffers | undefined>;
  /** Sends the current step's code again. */
  resend(): Promise<FlowResult>;
  /** The org's other authenticators, as a choice step (no call to the IdP). */
  chooseAnother(): FlowResult;
  /**
   * Asks the IdP whether what the current step waits for happened (a push approved, the email's
   * link opened). Undefined when the current step does not wait for anything. `signal` aborts it
   * as `abort()` aborts an action (the request in flight cut, nothing more sent): then `stopped`,
   * and the step is left as it was for whoever stopped it.
   */
  poll(signal?: AbortSignal): Promise<PollOutcome> | undefined;
  /** How long to wait before the next poll, while the current step waits for something. */
  pollIntervalMs(): number | undefined;
  /** Always ends with no transaction, even if the IdP cannot be told. */
  cancel(): Promise<FlowOutcome>;
  /**
   * Stops the action in progress (signIn, proceed, skip, resend, recoverPassword, unlockAccount,
   * register): its request is aborted, no further one is sent, and that action ends signed out
   * with `ABORTED_MESSAGE` and no transaction.
   * The IdP is not told (telling it is a request): its transaction expires there.
   */
  abort(): void;
  /** An action stopped before it sent anything (it waited for a poll): ends as `abort()` would, with no transaction. */
  abandon(action: string): FlowOutcome;
  /** Forgets any transaction locally (no IdP call). */
  reset(): void;
}

export const UNSUPPORTED_MESSAGE: UiMessage = {
  level: 'info',
  text: message('unsupported.explanation'),
};

/** Okta's default poll interval when a document gives none (the Sign-In Widget's too). */
export const DEFAULT_POLL_MS = 4000;
/** Polling faster than this would only load the org. */
const MIN_POLL_MS = 1000;

/** What an action stopped by `abort()` ends with: the sign-in form, saying so once. */
export const ABORTED_MESSAGE: UiMessage = { level: 'info', text: message('signIn.canceled') };
/** Said on the home screen after a new password took: the org sends no word of its own when it signs the person in. */
export const PASSWORD_CHANGED: UiMessage = { level: 'info', text: message('password.changed') };
/** Steps that set a new password in place of the current one (expired, expiring, forgotten). */
const PASSWORD_CHANGE_STEPS = ['reenroll-authenticator', 'reenroll-authenticator-warning', 'reset-authenticator'];

const TERMINAL_FALLBACK: UiMessage = { level: 'error', text: message('terminal.fallback') };

const signedOut = (messages: ReadonlyArray<UiMessage> = []): FlowOutcome => ({ kind: 'view', view: { status: 'signed-out', messages } });

/** The sign-in form's inputs (SignInRequest), which a refusal of the one-page identify step concerns. */
const SIGN_IN_FORM_FIELDS: RefusalFields = { username: 'username', password: 'password' };

/** Where a refusal goes on the step the org asks for next: the SDK's names for its username and password inputs. */
function refusalFields(step: SdkNextStep | undefined): RefusalFields {
  const names = new Set((step?.inputs ?? []).map((input) => input.name));
  return {
    ...(names.has('username') && { username: 'username' }),
    ...(names.has('password') && { password: 'password' }),
  };
}

function terminalView(messages: ReadonlyArray<UiMessage>, reason: TerminalReason | undefined): AuthView {
  return reason === undefined ? { status: 'terminal', messages } : { status: 'terminal', messages, reason };
}

/** The SDK's own description of the current step, kept beside what the renderer was sent. */
interface Current {
  readonly step: NextStep;
  readonly sdk: SdkNextStep;
  readonly available: ReadonlyArray<SdkNextStep>;
  /** How the step is polled: a document action (`currentAuthenticatorEnrollment-poll`), or idx.poll() for a poll remediation. */
  readonly poll?: { readonly action: string | undefined; readonly intervalMs: number };
}

type RawWithPoll = Record<string, { value?: { poll?: { refresh?: unknown } } } | undefined>;

/** How the current step is polled, if it waits for something. */
function pollOf(tx: IdxTransaction, sdk: SdkNextStep): Current['poll'] {
  const action = Object.keys(tx.actions ?? {}).find((name) => name.endsWith('-poll'));
  const pollRemediation = sdk.poll?.required === true;
  if (!pollRemediation && !action) return undefined;
  const raw = tx.rawIdxState as unknown as RawWithPoll | undefined;
  const refresh = sdk.poll?.refresh ?? raw?.['currentAuthenticatorEnrollment']?.value?.poll?.refresh ?? raw?.['currentAuthenticator']?.value?.poll?.refresh;
  const intervalMs = typeof refresh === 'number' && Number.isFinite(refresh) ? Math.max(MIN_POLL_MS, refresh) : DEFAULT_POLL_MS;
  return { action: pollRemediation ? undefined : action, intervalMs };
}

export function createSignInFlow(oktaAuth: OktaAuth, transport: IdpTransport, log: Logger): SignInFlow {
  let current: Current | undefined;
  // The nonce this transaction sent to interact; its id_token must carry it back.
  let nonce: string | undefined;
  // The action in progress, so abort() can stop it.
  let inProgress: AbortController | undefined;

  function reset(): void {
    current = undefined;
    nonce = undefined;
    // Terminal responses are saved and replayed by the next authenticate() (reference §4).
    oktaAuth.transactionManager.clear();
  }

  function isAnswerToThisSignIn(idToken: IDToken): boolean {
    const problem = nonce === undefined ? 'nonce' : idTokenProblem(idToken.claims, { nonce, clientId: oktaAuth.options.clientId ?? '' });
    if (problem) log.warn('sign-in.id-token-refused', { reason: problem });
    return problem === undefined;
  }

  function fromTransaction(tx: IdxTransaction, action?: string): FlowOutcome {
    const messages = toUiMessages(tx.messages, refusalFields(tx.nextStep));
    switch (tx.status) {
      case IdxStatus.SUCCESS:
        current = undefined;
        if (!tx.tokens?.accessToken || !tx.tokens.idToken) {
          log.error('sign-in.success-without-tokens');
          reset();
          return { kind: 'view', view: failureView('idp-error') };
        }
        if (!isAnswerToThisSignIn(tx.tokens.idToken)) {
          // Another sign-in's id_token (swapped or replayed) or one issued to another client:
          // nothing of it is kept, as with a token that fails the SDK's own checks.
          reset();
          return { kind: 'view', view: failureView('invalid-token') };
        }
        nonce = undefined;
        return { kind: 'success', tokens: tx.tokens, messages };
      case IdxStatus.PENDING: {
        if (isLockedOut(tx.messages, tx.nextStep)) {
          // The org keeps the password step, but no password will do until the account is
          // unlocked: the locked-out screen, with its "Unlock account" where the org offers it.
          // The transaction is dropped here (telling the org would be a request); it expires there.
          reset();
          return { kind: 'view', view: terminalView(messages, 'locked-out') };
        }
        if (action === 'sign-in' && tx.nextStep?.name === 'identify' && messages.length > 0) {
          // The org refused what was typed and asks for it again: that is the sign-in form the
          // person is on, with the org's words under the field they concern, not a new form.
          reset();
          return signedOut(toUiMessages(tx.messages, SIGN_IN_FORM_FIELDS));
        }
        const available = tx.availableSteps ?? [];
        const step = tx.nextStep && describeStep(tx.nextStep, available);
        if (!step || !tx.nextStep) {
          // Keep the transaction so cancel() can end it at the IdP.
          current = undefined;
          log.info('sign-in.unsupported-step', { step: tx.nextStep?.name ?? 'none', authenticator: tx.nextStep?.authenticator?.key });
          return { kind: 'view', view: { status: 'unsupported', messages: [UNSUPPORTED_MESSAGE] } };
        }
        current = { step, sdk: tx.nextStep, available, poll: pollOf(tx, tx.nextStep) };
        return { kind: 'view', view: { status: 'pending', step, messages } };
      }
      case IdxStatus.TERMINAL:
        reset();
        // Only information and nothing to do (a finished password reset: "You can now sign in with
        // … new password"): that is the sign-in form with the org's words, not a failure.
        if (messages.length > 0 && messages.every((message) => message.level === 'info')) return signedOut(messages);
        return { kind: 'view', view: terminalView(messages.length > 0 ? messages : [TERMINAL_FALLBACK], terminalReason(tx.messages)) };
      // CANCELED is not handled: the SDK reports it only for its 'cancel' action, which only
      // cancel() below runs (and it does not read the result). Anything unexpected is a failure.
      default:
        reset();
        return { kind: 'view', view: failureView('idp-error') };
    }
  }

  /**
   * `secrets` (the password, a step's secret answers) are masked in every log line while the call
   * runs, so an SDK or transport error that quotes the request cannot leak them; released after,
   * so the logger keeps no copy.
   */
  async function run(action: string, call: () => Promise<IdxTransaction>, secrets: ReadonlyArray<string> = []): Promise<FlowResult> {
    const releases = secrets.map((secret) => log.registerSecret(secret));
    try {
      return await settle(action, call);
    } finally {
      for (const release of releases) release();
    }
  }

  async function settle(action: string, call: () => Promise<IdxTransaction>): Promise<FlowResult> {
    transport.takeFailure();
    const controller = new AbortController();
    inProgress = controller;
    try {
      const tx = await transport.withSignal(controller.signal, call);
      if (controller.signal.aborted) return stoppedBy(action);
      log.info('sign-in.result', { action, status: tx.status, step: tx.nextStep?.name });
      const failure = transport.takeFailure();
      if (tx.status === IdxStatus.TERMINAL && failure?.kind === 'server-error') {
        // A 5xx with an IDX body reads as TERMINAL to the SDK, but it is the IdP failing, not the
        // org's policy ending the sign-in: offer a retry instead of "start over".
        reset();
        return { ok: true, outcome: { kind: 'view', view: failureView('idp-error') } };
      }
      return { ok: true, outcome: fromTransaction(tx, action) };
    } catch (error) {
      if (controller.signal.aborted) return stoppedBy(action);
      const view = classifyFailure(error, transport.takeFailure());
      log.warn('sign-in.failed', { action, failure: view.code, error: errorName(error) });
      reset();
      return { ok: true, outcome: { kind: 'view', view } };
    } finally {
      if (inProgress === controller) inProgress = undefined;
    }
  }

  /** Whatever the SDK made of the aborted request (an error, or a state it read from nothing), the action ends here. */
  function stoppedBy(action: string): FlowResult {
    transport.takeFailure();
    return { ok: true, outcome: abandon(action) };
  }

  function abandon(action: string): FlowOutcome {
    log.info('sign-in.aborted', { action });
    reset();
    return signedOut([ABORTED_MESSAGE]);
  }

  /** A poll cut short: what the SDK made of it is dropped; whoever stopped it decides what follows. */
  function stopped(): PollOutcome {
    transport.takeFailure();
    log.info('sign-in.poll-stopped');
    return { kind: 'stopped' };
  }

  /** A self-service flow (recovery, unlock, sign-up): always its own transaction, with its own nonce, since it may end signed in. */
  function selfService(action: string, start: (nonce: string) => Promise<IdxTransaction>): Promise<FlowResult> {
    reset();
    const sent = createNonce();
    nonce = sent;
    return run(action, () => start(sent));
  }

  return {
    signIn({ username, password }) {
      // Always a fresh transaction: a left-over one (wrong password, unsupported step) is abandoned.
      reset();
      // Sent with interact and kept in the transaction, so a later proceed or skip that ends the
      // sign-in is checked against it too (the SDK reads `nonce` only when it starts one).
      const sent = createNonce();
      nonce = sent;
      return run('sign-in', () => oktaAuth.idx.authenticate({ username, password, nonce: sent }), [password]);
    },

    async proceed({ step, values }) {
      if (!current || current.step.name !== step) {
        return { ok: false, error: { code: 'wrong-state', message: 'That step is no longer current. Reload the sign-in form.' } };
      }
      const checked = checkStepValues(current.step, values);
      if (!checked.ok) return { ok: false, error: { code: 'invalid-request', message: checked.message } };
      const secrets = current.step.inputs.flatMap((input) => {
        const value = checked.values[input.name];
        return input.secret && typeof value === 'string' ? [value] : [];
      });
      // The values' names are the SDK's own; naming the step makes the SDK answer exactly the
      // remediation the user saw (a choice offered beside a challenge is a remediation too).
      const result = await run('proceed', () => oktaAuth.idx.proceed({ ...checked.values, step }), secrets);
      if (!PASSWORD_CHANGE_STEPS.includes(step) || !result.ok || result.outcome.kind !== 'success') return result;
      return { ok: true, outcome: { ...result.outcome, messages: [...result.outcome.messages, PASSWORD_CHANGED] } };
    },

    recoverPassword({ username }) {
      return selfService('recover-password', (sent) => oktaAuth.idx.recoverPassword({ ...(username ? { username } : {}), nonce: sent }));
    },

    unlockAccount({ username }) {
      return selfService('unlock-account', (sent) => oktaAuth.idx.unlockAccount({ ...(username ? { username } : {}), nonce: sent }));
    },

    register() {
      return selfService('register', (sent) => oktaAuth.idx.register({ nonce: sent }));
    },

    async discoverOffers() {
      try {
        const tx = await oktaAuth.idx.start();
        const features = tx.enabledFeatures ?? [];
        return {
          ...(features.includes(IdxFeature.PASSWORD_RECOVERY) && { recoverPassword: true }),
          ...(features.includes(IdxFeature.ACCOUNT_UNLOCK) && { unlockAccount: true }),
          ...(features.includes(IdxFeature.REGISTRATION) && { register: true }),
        };
      } catch (error) {
        log.warn('sign-in.discover-failed', { error: errorName(error) });
        return undefined;
      } finally {
        // Nothing of it is kept: signing in starts its own transaction with its own nonce.
        oktaAuth.transactionManager.clear();
      }
    },

    async skip() {
      if (!current?.step.canSkip) {
        return { ok: false, error: { code: 'wrong-state', message: 'This step cannot be skipped.' } };
      }
      // The SDK's Skip remediator runs when `skip` is set (idx/remediators/Skip.ts).
      return run('skip', () => oktaAuth.idx.proceed({ skip: true }));
    },

    async resend() {
      if (!current?.step.canResend) {
        return { ok: false, error: { code: 'wrong-state', message: 'A code cannot be sent again for this step.' } };
      }
      // `resend` runs the document's `…-resend` action (idx/remediate.ts getActionFromValues).
      return run('resend', () => oktaAuth.idx.proceed({ resend: true }));
    },

    chooseAnother() {
      const other = current && chooseAnotherStep(current.sdk, current.available);
      if (!current || !other) {
        return { ok: false, error: { code: 'wrong-state', message: 'There is no other way to verify for this step.' } };
      }
      // Nothing is asked of the IdP: the choice came in the same document as the challenge.
      const { step } = other;
      current = { step, sdk: other.sdk, available: current.available };
      return { ok: true, outcome: { kind: 'view', view: { status: 'pending', step, messages: [] } } };
    },

    poll(signal = new AbortController().signal) {
      const waiting = current;
      if (!waiting?.poll) return undefined;
      const { action } = waiting.poll;
      return (async (): Promise<PollOutcome> => {
        transport.takeFailure();
        let tx: IdxTransaction;
        try {
          // A poll remediation (Okta Verify push) is idx.poll(); a challenge that can also be
          // completed elsewhere (the email's link) polls through its document's action.
          tx = await transport.withSignal(signal, () => (action ? oktaAuth.idx.proceed({ actions: [action] }) : oktaAuth.idx.poll()));
          if (signal.aborted) return stopped();
        } catch (error) {
          if (signal.aborted) return stopped();
          const failure = transport.takeFailure();
          // A busy or unreachable IdP does not end what the user is doing: keep the step, wait longer.
          if (isTransientFailure(error, failure)) return { kind: 'wait', backoff: true };
          const view = classifyFailure(error, failure);
          log.warn('sign-in.failed', { action: 'poll', failure: view.code, error: errorName(error) });
          reset();
          return { kind: 'view', view };
        }
        if (transport.takeFailure()?.kind === 'server-error') return { kind: 'wait', backoff: true };
        // Still waiting for the same thing: nothing for the renderer.
        if (tx.status === IdxStatus.PENDING && tx.nextStep?.name === waiting.sdk.name && tx.nextStep.authenticator?.key === waiting.sdk.authenticator?.key && !tx.messages?.length) {
          return { kind: 'wait', backoff: false };
        }
        log.info('sign-in.result', { action: 'poll', status: tx.status, step: tx.nextStep?.name });
        return fromTransaction(tx);
      })();
    },

    pollIntervalMs: () => current?.poll?.intervalMs,

    abort: () => inProgress?.abort(),

    abandon,

    async cancel() {
      transport.takeFailure();
      try {
        if (oktaAuth.transactionManager.exists()) await oktaAuth.idx.cancel();
      } catch (error) {
        // The user wants out; a failed notification to the IdP must not keep them in.
        log.warn('sign-in.cancel-failed', { error: errorName(error) });
      }
      reset();
      return signedOut();
    },

    reset,
  };
}
