/**
 * Sign-in in the system browser (RFC 8252, OAuth 2.0 for Native Apps), for what an embedded
 * flow cannot do: security keys and passkeys, Okta FastPass, another identity provider. The
 * authorization-code flow with PKCE S256, a fresh `state` and `nonce`, at the org's
 * `/v1/authorize`; the answer comes back on the loopback listener or, in a packaged build whose
 * redirect URI is its private-use scheme, from the OS (`handleRedirect`). The code is exchanged
 * by okta-auth-js (signature, issuer, audience, expiry), and the id_token's nonce and `azp` are
 * checked here as for an embedded sign-in. State, verifier and nonce never leave main.
 */
import { exchangeCodeForTokens, getOAuthUrls, type OktaAuth, type Tokens } from '@okta/okta-auth-js';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/okta-config';
import { errorName, type Logger } from '../log/logger';
import type { Scheduler } from '../session/scheduler';
import type { IdpTransport } from './http-client';
import { createNonce, idTokenProblem } from './id-token-binding';
import { DEFAULT_BROWSER_TIMEOUT_MS, listenForRedirect, ListenerUnavailableError, readCallback, type CallbackResult, type ListenOptions, type LoopbackListener } from './loopback-listener';
import { classifyFailure, failureView } from './map-error';
import type { FlowOutcome } from './sign-in-flow';
import type { UiMessage } from '../../shared/contract';
import type { Locale } from '../../shared/i18n/locales';
import { message } from '../../shared/i18n/text';

export const BROWSER_MESSAGES = {
  notOpened: { level: 'warning', text: message('browser.notOpened') },
  listener: { level: 'error', text: message('browser.listener') },
  timeout: { level: 'error', text: message('browser.timeout') },
  foreign: { level: 'error', text: message('browser.foreign') },
  denied: { level: 'warning', text: message('browser.denied') },
  refused: { level: 'error', text: message('browser.refused') },
} as const satisfies Record<string, UiMessage>;

export interface BrowserSignInDeps {
  readonly oktaAuth: OktaAuth;
  readonly config: AppConfig;
  readonly transport: IdpTransport;
  readonly log: Logger;
  readonly scheduler: Scheduler;
  /** Opens the system browser at the org's authorize URL (Electron: shell.openExternal, checked). */
  readonly open: (url: string) => Promise<void>;
  /** How long to wait for the browser; default 5 minutes. */
  readonly timeoutMs?: number;
  /** A packaged build's private-use redirect URI (`com.example.app:/callback`); otherwise the loopback listener. */
  readonly privateUseRedirect?: string;
  /** The listener's port (tests: a busy one); default 0, the OS picks. */
  readonly loopbackPort?: number;
  /** The person's language, for the page the browser shows when it comes back; default English. */
  readonly language?: () => Locale;
}

export interface BrowserStartRequest {
  /** Straight to this identity provider of the org (`idp=`). */
  readonly idp?: string;
}

export type BrowserStart =
  | { readonly ok: true; readonly opened: boolean; readonly outcome: Promise<FlowOutcome> }
  | { readonly ok: false; readonly outcome: FlowOutcome };

export interface BrowserSignIn {
  /** Opens the browser; `outcome` settles when the browser answers, the wait times out or is cancelled. */
  start(request: BrowserStartRequest): Promise<BrowserStart>;
  /** Opens the same page again (the person closed the tab); false when it cannot. */
  reopen(): Promise<boolean>;
  /** Stops waiting: the outcome is signed-out with no message. Does nothing when nothing waits. */
  cancel(): void;
  /** A URL the OS handed to the app (private-use scheme): true when it answered the sign-in in progress. */
  handleRedirect(url: string): boolean;
  readonly waiting: boolean;
}

interface Waiting {
  readonly url: string;
  readonly state: string;
  readonly redirectUri: string;
  readonly cancel: () => void;
  /** For a private-use redirect: the answer the OS handed over. */
  readonly answer?: (result: CallbackResult) => void;
}

const random = () => randomBytes(32).toString('base64url');
const signedOut = (messages: ReadonlyArray<UiMessage> = []): FlowOutcome => ({ kind: 'view', view: { status: 'signed-out', messages } });

export function createBrowserSignIn(deps: BrowserSignInDeps): BrowserSignIn {
  const { oktaAuth, config, transport, log, scheduler } = deps;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_BROWSER_TIMEOUT_MS;
  let current: Waiting | undefined;

  /** The private-use redirect: the OS brings the URL; the timeout is ours. */
  function waitForOs(redirectUri: string): LoopbackListener & { answer(result: CallbackResult): void } {
    let settle!: (result: CallbackResult) => void;
    const result = new Promise<CallbackResult>((resolve) => (settle = resolve));
    let done = false;
    const finish = (answer: CallbackResult) => {
      if (done) return;
      done = true;
      cancelTimer();
      settle(answer);
    };
    const cancelTimer = scheduler.set(() => finish({ kind: 'timeout' }), timeoutMs);
    return { redirectUri, result, close: () => finish({ kind: 'cancelled' }), answer: finish };
  }

  async function openPage(url: string): Promise<boolean> {
    try {
      await deps.open(url);
      return true;
    } catch (error) {
      log.warn('browser-sign-in.open-failed', { error: errorName(error) });
      return false;
    }
  }

  async function exchange(code: string, verifier: string, redirectUri: string, nonce: string): Promise<FlowOutcome> {
    transport.takeFailure();
    const releases = [code, verifier].map((secret) => log.registerSecret(secret));
    let tokens: Tokens;
    try {
      ({ tokens } = await exchangeCodeForTokens(oktaAuth, { authorizationCode: code, codeVerifier: verifier, redirectUri, scopes: [...config.scopes], clientId: config.clientId }));
    } catch (error) {
      const view = classifyFailure(error, transport.takeFailure());
      log.warn('browser-sign-in.exchange-failed', { failure: view.code, error: errorName(error) });
      return { kind: 'view', view };
    } finally {
      for (const release of releases) release();
    }
    if (!tokens.accessToken || !tokens.idToken) {
      log.error('browser-sign-in.success-without-tokens');
      return { kind: 'view', view: failureView('idp-error') };
    }
    // okta-auth-js's code exchange does not compare the nonce: another sign-in's id_token is refused here.
    const problem = idTokenProblem(tokens.idToken.claims, { nonce, clientId: config.clientId });
    if (problem) {
      log.warn('browser-sign-in.id-token-refused', { reason: problem });
      return { kind: 'view', view: failureView('invalid-token') };
    }
    return { kind: 'success', tokens, messages: [] };
  }

  async function outcomeOf(result: CallbackResult, verifier: string, redirectUri: string, nonce: string): Promise<FlowOutcome> {
    log.info('browser-sign-in.answer', { result: result.kind, ...(result.kind === 'error' ? { oauthError: result.error } : {}) });
    switch (result.kind) {
      case 'code':
        return exchange(result.code, verifier, redirectUri, nonce);
      case 'cancelled':
        return signedOut();
      case 'timeout':
        return signedOut([BROWSER_MESSAGES.timeout]);
      case 'wrong-state':
        return signedOut([BROWSER_MESSAGES.foreign]);
      case 'error': {
        // A person cancelling is access_denied too: a warning, not an error, for that one.
        const base = result.error === 'access_denied' ? BROWSER_MESSAGES.denied : BROWSER_MESSAGES.refused;
        // The org's own sentence (e.g. "User is not assigned to the client application."), quoted as
        // the org's, and read only once the state matched.
        return signedOut(result.description ? [{ level: base.level, text: message('browser.orgSaid', { description: result.description }) }] : [base]);
      }
    }
  }

  return {
    async start({ idp }) {
      current?.cancel();
      current = undefined;
      const state = random();
      const nonce = createNonce();
      const verifier = oktaAuth.pkce.generateVerifier('');
      const challenge: string = await oktaAuth.pkce.computeChallenge(verifier);

      let wait: LoopbackListener & { answer?(result: CallbackResult): void };
      if (deps.privateUseRedirect) {
        wait = waitForOs(deps.privateUseRedirect);
      } else {
        try {
          const options: ListenOptions = {
            expectedState: state,
            scheduler,
            timeoutMs,
            locale: deps.language?.() ?? 'en',
            ...(deps.loopbackPort !== undefined ? { port: deps.loopbackPort } : {}),
          };
          wait = await listenForRedirect(options);
        } catch (error) {
          log.warn('browser-sign-in.listener-failed', { error: errorName(error), code: error instanceof ListenerUnavailableError ? error.code : undefined });
          return { ok: false, outcome: signedOut([BROWSER_MESSAGES.listener]) };
        }
      }

      const url = new URL(getOAuthUrls(oktaAuth).authorizeUrl!);
      const params: Record<string, string> = {
        client_id: config.clientId,
        redirect_uri: wait.redirectUri,
        response_type: 'code',
        scope: config.scopes.join(' '),
        state,
        nonce,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        ...(idp ? { idp } : {}),
      };
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      const mine: Waiting = { url: url.toString(), state, redirectUri: wait.redirectUri, cancel: () => wait.close(), ...(wait.answer ? { answer: wait.answer } : {}) };
      current = mine;
      const outcome = wait.result.then(async (result) => {
        try {
          return await outcomeOf(result, verifier, wait.redirectUri, nonce);
        } finally {
          if (current === mine) current = undefined;
        }
      });
      log.info('browser-sign-in.started', { redirect: deps.privateUseRedirect ? 'private-use' : 'loopback', idp: idp !== undefined });
      return { ok: true, opened: await openPage(mine.url), outcome };
    },

    async reopen() {
      return current ? openPage(current.url) : false;
    },

    cancel() {
      current?.cancel();
      current = undefined;
    },

    handleRedirect(url) {
      const waiting = current;
      if (!waiting?.answer || !URL.canParse(url)) return false;
      const parsed = new URL(url);
      const expected = new URL(waiting.redirectUri);
      if (parsed.protocol !== expected.protocol || parsed.host !== expected.host || parsed.pathname !== expected.pathname) return false;
      waiting.answer(readCallback(parsed.searchParams, waiting.state));
      return true;
    },

    get waiting() {
      return current !== undefined;
    },
  };
}
