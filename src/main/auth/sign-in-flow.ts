/**
 * The embedded password sign-in ("Basic sign-in flow with the password factor") on top of
 * okta-auth-js `idx`: start, answer the current step, skip, cancel. It turns every IdxStatus (and
 * every thrown error) into either a view for the renderer or the tokens of a successful sign-in;
 * what happens with the tokens is the session's job.
 */
import { IdxStatus, type IDToken, type IdxTransaction, type OktaAuth, type Tokens } from '@okta/okta-auth-js';
import type { AuthView, BridgeError, NextStep, ProceedRequest, SignInRequest, UiMessage } from '../../shared/contract';
import { errorName, type Logger } from '../log/logger';
import { describeStep } from './describe-step';
import type { IdpTransport } from './http-client';
import { createNonce, idTokenProblem } from './id-token-binding';
import { classifyFailure, failureView } from './map-error';
import { toUiMessages } from './messages';
import { checkStepValues } from './step-values';

export type FlowOutcome =
  | { readonly kind: 'view'; readonly view: AuthView }
  | { readonly kind: 'success'; readonly tokens: Tokens; readonly messages: ReadonlyArray<UiMessage> };

export type FlowResult = { readonly ok: true; readonly outcome: FlowOutcome } | { readonly ok: false; readonly error: BridgeError };

export interface SignInFlow {
  signIn(request: SignInRequest): Promise<FlowResult>;
  proceed(request: ProceedRequest): Promise<FlowResult>;
  skip(): Promise<FlowResult>;
  /** Always ends with no transaction, even if the IdP cannot be told. */
  cancel(): Promise<FlowOutcome>;
  /** Forgets any transaction locally (no IdP call). */
  reset(): void;
}

export const UNSUPPORTED_MESSAGE: UiMessage = {
  level: 'error',
  text:
    "Your organization's sign-in policy requires a step this app does not support yet (multifactor authentication). " +
    'Contact your administrator.',
};

const TERMINAL_FALLBACK: UiMessage = { level: 'error', text: 'Sign-in cannot continue. Start again or contact your administrator.' };

const signedOut = (messages: ReadonlyArray<UiMessage> = []): FlowOutcome => ({ kind: 'view', view: { status: 'signed-out', messages } });

export function createSignInFlow(oktaAuth: OktaAuth, transport: IdpTransport, log: Logger): SignInFlow {
  let current: NextStep | undefined;
  // The nonce this transaction sent to interact; its id_token must carry it back.
  let nonce: string | undefined;

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

  function fromTransaction(tx: IdxTransaction): FlowOutcome {
    const messages = toUiMessages(tx.messages);
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
        const step = tx.nextStep && describeStep(tx.nextStep);
        if (!step) {
          // Keep the transaction so cancel() can end it at the IdP.
          current = undefined;
          log.info('sign-in.unsupported-step', { step: tx.nextStep?.name ?? 'none' });
          return { kind: 'view', view: { status: 'unsupported', messages: [UNSUPPORTED_MESSAGE] } };
        }
        current = step;
        return { kind: 'view', view: { status: 'pending', step, messages } };
      }
      case IdxStatus.TERMINAL:
        reset();
        return { kind: 'view', view: { status: 'terminal', messages: messages.length > 0 ? messages : [TERMINAL_FALLBACK] } };
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
    try {
      const tx = await call();
      log.info('sign-in.result', { action, status: tx.status, step: tx.nextStep?.name });
      const failure = transport.takeFailure();
      if (tx.status === IdxStatus.TERMINAL && failure?.kind === 'server-error') {
        // A 5xx with an IDX body reads as TERMINAL to the SDK, but it is the IdP failing, not the
        // org's policy ending the sign-in: offer a retry instead of "start over".
        reset();
        return { ok: true, outcome: { kind: 'view', view: failureView('idp-error') } };
      }
      return { ok: true, outcome: fromTransaction(tx) };
    } catch (error) {
      const view = classifyFailure(error, transport.takeFailure());
      log.warn('sign-in.failed', { action, failure: view.code, error: errorName(error) });
      reset();
      return { ok: true, outcome: { kind: 'view', view } };
    }
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
      if (!current || current.name !== step) {
        return { ok: false, error: { code: 'wrong-state', message: 'That step is no longer current. Reload the sign-in form.' } };
      }
      const checked = checkStepValues(current, values);
      if (!checked.ok) return { ok: false, error: { code: 'invalid-request', message: checked.message } };
      const secrets = current.inputs.flatMap((input) => {
        const value = checked.values[input.name];
        return input.secret && typeof value === 'string' ? [value] : [];
      });
      // Legacy mode picks the remediator from the values, whose names are the SDK's own.
      return run('proceed', () => oktaAuth.idx.proceed(checked.values), secrets);
    },

    async skip() {
      if (!current?.canSkip) {
        return { ok: false, error: { code: 'wrong-state', message: 'This step cannot be skipped.' } };
      }
      // The SDK's Skip remediator runs when `skip` is set (idx/remediators/Skip.ts).
      return run('skip', () => oktaAuth.idx.proceed({ skip: true }));
    },

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
