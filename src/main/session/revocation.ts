/**
 * Ends tokens at the IdP when the user signs out: revoke the refresh token (which at Okta also
 * ends the access tokens minted with it), revoke the access token, and end the Okta session with
 * a GET of the logout URL (`id_token_hint`). What cannot be done because the IdP is unreachable
 * is kept, encrypted in the vault's store (never in the clear; only in memory without a cipher),
 * and retried: at the next launch, after the next successful call to the IdP, on system resume
 * and on a backoff timer. An IdP answer other than a transient failure (e.g. 400) drops the step.
 */
import { z } from 'zod';
import type { AccessToken, IDToken, OktaAuth, RefreshToken } from '@okta/okta-auth-js';
import { RedirectRefusedError, type IdpTransport } from '../auth/http-client';
import { isTransientFailure } from '../auth/map-error';
import { errorName, type Logger } from '../log/logger';
import { backoffMs, type Clock, type Scheduler } from './scheduler';
import type { SealedStore } from './sealed-store';

export const PENDING_REVOCATION_KEY = 'pending-revocation';
/** After this long a kept set is dropped: its tokens have expired or the session is long gone. */
const RETENTION_MS = 30 * 24 * 3600 * 1000;
/** A bound on what is kept if the user signs in and out offline again and again. */
const MAX_PENDING = 20;

export interface RevocationSet {
  readonly refreshToken?: string;
  readonly accessToken?: string;
  /** Used only as the logout hint. */
  readonly idToken?: string;
  /** Epoch ms after which the set is no longer worth retrying. */
  readonly keepUntil: number;
}

const setSchema = z
  .object({
    refreshToken: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    idToken: z.string().min(1).optional(),
    keepUntil: z.number(),
  })
  .strict();
const listSchema = z.array(setSchema).max(MAX_PENDING);

export interface Revocations {
  /** Loads what an earlier run kept; call once at startup. */
  load(): Promise<void>;
  /** Ends the tokens now; true when all of it was done, false when some is kept for a retry. */
  revoke(tokens: Omit<RevocationSet, 'keepUntil'>): Promise<boolean>;
  /** After a successful call to the IdP: retry now if anything is waiting. */
  nudge(): void;
  dispose(): void;
}

type Step = 'refreshToken' | 'accessToken' | 'idToken';

/** `getSignOutRedirectUrl` exists at runtime (oidc/mixin) but is missing from the SDK's typings. */
type WithLogoutUrl = { getSignOutRedirectUrl(options: { idToken: IDToken; postLogoutRedirectUri: string }): string };

export function createRevocations(
  oktaAuth: OktaAuth,
  transport: IdpTransport,
  sealed: SealedStore,
  scheduler: Scheduler,
  clock: Clock,
  log: Logger,
): Revocations {
  let pending: RevocationSet[] = [];
  let running: Promise<void> | undefined;
  let attempt = 0;
  let cancelTimer: (() => void) | undefined;
  let disposed = false;
  let storedUnread = false;

  const calls: Record<Step, (value: string) => Promise<unknown>> = {
    refreshToken: (refreshToken) => oktaAuth.revokeRefreshToken({ refreshToken } as RefreshToken),
    accessToken: (accessToken) => oktaAuth.revokeAccessToken({ accessToken } as AccessToken),
    idToken: async (idToken) => {
      // postLogoutRedirectUri '' leaves the parameter out: there is no browser to send back.
      const url = (oktaAuth as unknown as WithLogoutUrl).getSignOutRedirectUrl({ idToken: { idToken } as IDToken, postLogoutRedirectUri: '' });
      try {
        await transport.httpRequestClient('GET', url, { headers: { Accept: 'text/html' } });
      } catch (error) {
        // Okta ends the session, then redirects a request without post_logout_redirect_uri to its
        // sign-in page: that redirect is the answer, and the step is done.
        if (!(error instanceof RedirectRefusedError)) throw error;
      }
    },
  };

  /** Runs the steps in order; returns what is left after the first transient failure, or undefined. */
  async function attemptSet(set: RevocationSet): Promise<RevocationSet | undefined> {
    let left: RevocationSet = set;
    for (const step of ['refreshToken', 'accessToken', 'idToken'] as const) {
      const value = left[step];
      if (!value) continue;
      transport.takeFailure();
      try {
        await calls[step](value);
      } catch (error) {
        if (isTransientFailure(error, transport.takeFailure())) {
          log.warn('session.revoke-deferred', { step });
          return left;
        }
        log.warn('session.revoke-refused', { step, error: errorName(error) });
      }
      const { [step]: _done, ...rest } = left;
      left = rest;
    }
    return undefined;
  }

  /**
   * When the stored list could not be read at launch (a locked keychain), it holds tokens still
   * live at the IdP: it is read again before anything is written over it. False while unreadable.
   */
  async function mergeStored(): Promise<boolean> {
    if (!storedUnread) return true;
    const read = await sealed.read(PENDING_REVOCATION_KEY, listSchema);
    if (read.kind === 'unavailable') return false;
    storedUnread = false;
    if (read.kind === 'ok') pending = [...read.value, ...pending].slice(-MAX_PENDING);
    return true;
  }

  async function persist(): Promise<void> {
    // Still unreadable: this run's sets stay in memory (and are retried) rather than overwrite it.
    if (!(await mergeStored())) return;
    if (pending.length === 0) sealed.delete(PENDING_REVOCATION_KEY);
    else await sealed.write(PENDING_REVOCATION_KEY, pending);
  }

  // Nobody awaits a timer or a nudge: an unexpected error is logged, never an unhandled rejection.
  const retryInBackground = () =>
    retry().catch((error: unknown) => log.error('session.revoke-retry-failed', { error: errorName(error) }));

  function scheduleRetry(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    if (disposed || pending.length === 0) return;
    attempt += 1;
    cancelTimer = scheduler.set(retryInBackground, backoffMs(attempt));
  }

  function retry(): Promise<void> {
    running ??= (async () => {
      await mergeStored();
      const batch = [...pending];
      const kept: RevocationSet[] = [];
      let unreachable = false;
      for (const set of batch) {
        if (set.keepUntil <= clock()) continue;
        // Once the IdP is unreachable, the rest waits for the next retry instead of timing out too.
        const left: RevocationSet | undefined = unreachable ? set : await attemptSet(set);
        if (left) kept.push(left);
        unreachable ||= left !== undefined;
      }
      // revoke() may have added sets meanwhile; keep those too.
      pending = [...kept, ...pending.filter((s) => !batch.includes(s))];
      await persist();
      if (!unreachable) attempt = 0;
      log.info('session.revoke-retried', { left: pending.length });
      scheduleRetry();
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    async load() {
      const read = await sealed.read(PENDING_REVOCATION_KEY, listSchema);
      if (read.kind === 'ok') pending = read.value;
      storedUnread = read.kind === 'unavailable';
      // At launch, right away but off the startup path.
      if (pending.length > 0 && !disposed) cancelTimer = scheduler.set(retryInBackground, 0);
    },

    async revoke(tokens) {
      const left = await attemptSet({ ...tokens, keepUntil: clock() + RETENTION_MS });
      if (!left) return true;
      pending = [...pending, left].slice(-MAX_PENDING);
      await persist();
      scheduleRetry();
      return false;
    },

    nudge() {
      if ((pending.length > 0 || storedUnread) && !running && !disposed) void retryInBackground();
    },

    dispose() {
      disposed = true;
      cancelTimer?.();
    },
  };
}
