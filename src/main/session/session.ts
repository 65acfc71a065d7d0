/**
 * The signed-in session: tokens into the SDK's token manager and the vault after sign-in, restore
 * at launch, refresh ahead of expiry (single flight, retried with backoff, ended only by the IdP's
 * refusal), offline and reconnect, profile refresh, and sign-out with revocation. Tokens stay
 * here; a view carries only the profile, the storage mode and whether the app is offline.
 */
import { isDeepStrictEqual } from 'node:util';
import type { OktaAuth, Tokens } from '@okta/okta-auth-js';
import type { AuthView, SessionTimes, TokenStorage, UiMessage, UserProfile } from '../../shared/contract';
import { message } from '../../shared/i18n/text';
import type { IdpTransport } from '../auth/http-client';
import { classifyFailure, failureView, isGrantRefused, isTokenRejected, type FailureView } from '../auth/map-error';
import { toUserProfile } from '../auth/profile';
import { errorName, type Logger } from '../log/logger';
import type { Revocations } from './revocation';
import { backoffMs, type Clock, type Scheduler } from './scheduler';
import type { TokenVault } from './vault';

export type SignedInView = Extract<AuthView, { status: 'signed-in' }>;

/**
 * What a call to the app's own API may send (api/authorized-fetch.ts). `view` is present only when
 * a renewal ran on the way and reached it: what the app shows next (a new profile, offline, or
 * signed out). With no session there is no view: sign-out shows its own when it ends, and a call
 * during or after it must not replace that.
 */
export type Authorization =
  | { readonly ok: true; readonly header: string; readonly view?: AuthView }
  /** `signed-out`: no session (any more); `offline`: the IdP could not be reached; `refused`: no new token came. */
  | { readonly ok: false; readonly reason: 'signed-out' | 'offline' | 'refused'; readonly view?: AuthView };

export interface Session {
  /** Stores the tokens and fetches the profile; a failure view if the profile cannot be read. */
  complete(tokens: Tokens, messages: ReadonlyArray<UiMessage>): Promise<AuthView>;
  /** At launch: the stored session (refreshed first if its access token is due), or signed-out. */
  restore(): Promise<AuthView>;
  refreshProfile(): Promise<AuthView>;
  signOut(): Promise<AuthView>;
  /** After sleep: refresh now if due, probe the IdP if offline, retry pending revocations. */
  handleResume(): Promise<void>;
  /**
   * The `Authorization` header for the app's own API: the current access token, renewed first
   * when due, through the same single-flight renewal the timer uses. The header stays in main;
   * the view a renewal reached comes with it, for the renderer.
   */
  authorize(): Promise<Authorization>;
  /**
   * The API refused the token `header` carried (401): renew once, unless another caller already
   * replaced that token; a renewal that leaves the same token is a refusal (`ok: false`).
   */
  renewRejected(header: string): Promise<Authorization>;
  /** Tokens of the current session, for tests. Never sent to the renderer. */
  currentTokens(): Tokens | undefined;
  dispose(): void;
}

export interface SessionDeps {
  oktaAuth: OktaAuth;
  transport: IdpTransport;
  vault: TokenVault;
  revocations: Revocations;
  log: Logger;
  clock: Clock;
  scheduler: Scheduler;
  /** Told about each view the session reaches on its own (background refresh, expiry, reconnect). */
  onChange(view: AuthView): void;
}

/**
 * Clock-skew margin: an access token with less than this left is treated as expired, so it is
 * renewed this long before its expiry and never used at a moment the IdP may already reject it.
 */
export const REFRESH_MARGIN_SECONDS = 60;
/** Never renew more often than this, even if the IdP issues very short-lived tokens. */
const MIN_RENEW_DELAY_MS = 10_000;

export const REVOCATION_FAILED: UiMessage = {
  level: 'warning',
  text: message('session.revocationFailed'),
};
export const SESSION_EXPIRED: UiMessage = { level: 'info', text: message('session.expired') };
export const SESSION_ENDED: UiMessage = { level: 'info', text: message('session.ended') };
export const PROFILE_REFRESH_FAILED: UiMessage = { level: 'warning', text: message('session.profileRefreshFailed') };

/** The session's times for the technical details (numbers only: nothing of the tokens themselves). */
function timesOf(tokens: Tokens): { times?: SessionTimes } {
  const authTime = tokens.idToken?.claims.auth_time;
  const expiresAt = tokens.accessToken?.expiresAt;
  const times: SessionTimes = {
    ...(typeof authTime === 'number' && Number.isFinite(authTime) && { signedInAt: authTime }),
    ...(typeof expiresAt === 'number' && Number.isFinite(expiresAt) && { accessTokenExpiresAt: expiresAt }),
  };
  return Object.keys(times).length > 0 ? { times } : {};
}

interface Current {
  tokens: Tokens;
  profile: UserProfile;
  storage: TokenStorage;
  offline: boolean;
  /** Messages that stay true while signed in (e.g. memory-only storage). */
  notes: ReadonlyArray<UiMessage>;
}

type Renewal = { kind: 'renewed' } | { kind: 'ended' } | { kind: 'failed'; failure: FailureView } | { kind: 'stale' };

export function createSession(deps: SessionDeps): Session {
  const { oktaAuth, transport, vault, revocations, log, clock, scheduler } = deps;
  let current: Current | undefined;
  // Bumped whenever a session starts or ends, so late background results cannot touch a new one.
  let generation = 0;
  let inFlight: Promise<AuthView | undefined> | undefined;
  // Whether the work in flight has reached a token request (renewThenLoad), or is a profile load only.
  let renewing = false;
  let failures = 0;
  let cancelTimer: (() => void) | undefined;

  const signedIn = (c: Current, extra: ReadonlyArray<UiMessage> = []): SignedInView => ({
    status: 'signed-in',
    profile: c.profile,
    storage: c.storage,
    messages: [...c.notes, ...extra],
    ...(c.offline ? { offline: true } : {}),
    ...timesOf(c.tokens),
  });
  const expiresAtMs = (c: Current) => (c.tokens.accessToken?.expiresAt ?? 0) * 1000;
  const isDue = (c: Current) => expiresAtMs(c) - REFRESH_MARGIN_SECONDS * 1000 <= clock();
  const bearer = (c: Current | undefined) => (c?.tokens.accessToken ? `Bearer ${c.tokens.accessToken.accessToken}` : undefined);

  function schedule(delayMs: number): void {
    cancelTimer?.();
    cancelTimer = scheduler.set(() => safeBackground(), delayMs);
  }
  // Nobody awaits a timer: an unexpected error is logged, never an unhandled rejection.
  const safeBackground = () => background().catch((error: unknown) => log.error('session.background-failed', { error: errorName(error) }));
  const scheduleRenewal = (c: Current) => schedule(Math.max(MIN_RENEW_DELAY_MS, expiresAtMs(c) - REFRESH_MARGIN_SECONDS * 1000 - clock()));
  const scheduleRetry = () => schedule(backoffMs(++failures));

  /**
   * Tokens are registered with the logger as they arrive (sign-in, restore, refresh), so one
   * quoted in an error message or a server body, where no pattern would spot an opaque refresh
   * token, is masked all the same. They stay registered after sign-out: revocation still uses them.
   */
  function keepSecret(tokens: Tokens): void {
    for (const value of [tokens.accessToken?.accessToken, tokens.idToken?.idToken, tokens.refreshToken?.refreshToken]) {
      if (value) log.registerSecret(value);
    }
  }

  /** New tokens arrive (a sign-in, a restore): masked in logs and held by the SDK from now on. */
  function adopt(tokens: Tokens): void {
    generation += 1;
    failures = 0;
    keepSecret(tokens);
    oktaAuth.tokenManager.setTokens(tokens);
  }

  function start(next: Current): void {
    adopt(next.tokens);
    current = next;
  }

  function forget(): void {
    generation += 1;
    cancelTimer?.();
    cancelTimer = undefined;
    current = undefined;
    failures = 0;
    oktaAuth.tokenManager.clear();
    vault.clear();
  }

  type ProfileResult =
    | { readonly ok: true; readonly profile: UserProfile }
    | { readonly ok: false; readonly failure: FailureView; readonly tokenRejected: boolean };

  async function fetchProfile(tokens: Tokens): Promise<ProfileResult> {
    transport.takeFailure();
    try {
      const claims = await oktaAuth.token.getUserInfo(tokens.accessToken, tokens.idToken);
      const profile = toUserProfile(claims);
      return profile ? { ok: true, profile } : { ok: false, failure: failureView('idp-error'), tokenRejected: false };
    } catch (error) {
      const failure = classifyFailure(error, transport.takeFailure());
      const tokenRejected = isTokenRejected(error);
      log.warn('session.userinfo-failed', { failure: failure.code, rejectedByIdp: tokenRejected, error: errorName(error) });
      return { ok: false, failure, tokenRejected };
    }
  }

  /** The token request itself. The rotated refresh token is in the vault before `current` drops the old one. */
  async function refreshTokens(): Promise<Renewal> {
    const c = current;
    const gen = generation;
    const refreshToken = c?.tokens.refreshToken;
    if (!c) return { kind: 'stale' };
    if (!refreshToken) return { kind: 'ended' };
    transport.takeFailure();
    let fresh: Tokens;
    try {
      // Always the refresh-token path: tokenManager.renew() without one falls back to an iframe (reference §5).
      fresh = await oktaAuth.token.renewTokensWithRefresh({ scopes: refreshToken.scopes }, refreshToken);
    } catch (error) {
      if (isGrantRefused(error)) return { kind: 'ended' };
      const failure = classifyFailure(error, transport.takeFailure());
      log.warn('session.refresh-failed', { failure: failure.code, error: errorName(error) });
      return { kind: 'failed', failure };
    }
    keepSecret(fresh);
    if (gen !== generation) return { kind: 'stale' };
    const tokens: Tokens = { ...c.tokens, ...fresh };
    const saved = await vault.save({ tokens, profile: c.profile });
    if (gen !== generation) return { kind: 'stale' };
    current = { ...c, tokens, storage: saved.storage, notes: saved.messages };
    oktaAuth.tokenManager.setTokens(tokens);
    log.info('session.refreshed', { storage: saved.storage });
    return { kind: 'renewed' };
  }

  /**
   * Loads the profile with the current access token and keeps it; on a network error, goes
   * offline. An unexpired access token the IdP rejects was revoked there (by an admin, or a
   * sign-out elsewhere): renew once, so a refused refresh token ends the session here too.
   */
  async function loadProfile(renewIfRejected = true): Promise<AuthView | undefined> {
    const c = current;
    const gen = generation;
    if (!c) return undefined;
    const result = await fetchProfile(c.tokens);
    if (gen !== generation || !current) return undefined;
    if (!result.ok) {
      if (result.tokenRejected && renewIfRejected) return renewThenLoad();
      if (result.failure.code === 'network') {
        current = { ...current, offline: true };
        scheduleRetry();
      }
      return signedIn(current, [PROFILE_REFRESH_FAILED]);
    }
    const { profile } = result;
    // The tokens are already stored (sign-in, restore, refresh): write again only for a new profile.
    const changed = !isDeepStrictEqual(profile, current.profile);
    current = { ...current, profile, offline: false };
    failures = 0;
    if (changed && current.storage === 'encrypted') {
      const saved = await vault.save({ tokens: current.tokens, profile });
      if (gen !== generation || !current) return undefined;
      current = { ...current, storage: saved.storage, notes: saved.messages };
    }
    scheduleRenewal(current);
    revocations.nudge();
    return signedIn(current);
  }

  /**
   * One round with the IdP (a refresh, or a profile load) at a time: callers share the run in
   * progress, and sign-out waits for it, so no vault write of the old session lands after the wipe.
   */
  function exclusive(work: () => Promise<AuthView | undefined>): Promise<AuthView | undefined> {
    inFlight ??= work().finally(() => {
      inFlight = undefined;
      renewing = false;
    });
    return inFlight;
  }

  /** Refresh, then act on the outcome. Callers hold the `exclusive` turn. */
  async function renewThenLoad(): Promise<AuthView | undefined> {
    renewing = true;
    const renewal = await refreshTokens();
    switch (renewal.kind) {
      case 'stale':
        return undefined;
      case 'ended':
        log.info('session.ended');
        forget();
        return { status: 'signed-out', messages: [SESSION_ENDED] };
      case 'failed':
        if (!current) return undefined;
        current = { ...current, offline: renewal.failure.code === 'network' };
        scheduleRetry();
        return signedIn(current, [PROFILE_REFRESH_FAILED]);
      case 'renewed':
        // The refresh worked, so the IdP is reachable: the profile follows; if it fails, the last one stays.
        return (await loadProfile(false)) ?? (current && signedIn(current));
    }
  }
  /**
   * A renewal, shared with one already running. A profile load in flight is not one (its result
   * says nothing of a new token): wait for it, then renew, so a caller that needs a new token gets one.
   */
  async function sync(): Promise<AuthView | undefined> {
    while (inFlight && !renewing) await inFlight.catch(() => undefined);
    return exclusive(renewThenLoad);
  }

  /** Timer, resume and reconnect: renew if due, otherwise probe the IdP while offline. */
  async function background(): Promise<void> {
    const c = current;
    const gen = generation;
    if (!c) return;
    const wasOffline = c.offline;
    let next: AuthView | undefined;
    if (isDue(c)) next = await sync();
    else if (c.offline) next = await exclusive(loadProfile);
    else return scheduleRenewal(c);
    if (!next || (gen !== generation && next.status === 'signed-in')) return;
    // Quiet while nothing the user sees changes (another failed retry while offline).
    if (next.status === 'signed-in' && next.offline && wasOffline) return;
    deps.onChange(next.status === 'signed-in' ? signedIn(current ?? c) : next);
  }

  /**
   * The header for the current token, with the view a renewal on the way reached. After a
   * renewal, only a token other than `replaced` is usable: the renewal failed if it is the same.
   */
  function authorization(after: AuthView | undefined, replaced?: string): Authorization {
    const header = bearer(current);
    const shown = after ? { view: after } : {};
    if (current && header && header !== replaced) return { ok: true, header, ...shown };
    return { ok: false, reason: !current ? 'signed-out' : current.offline ? 'offline' : 'refused', ...shown };
  }
  /** Renews through the shared single flight, then says whether a token other than `replaced` came of it. */
  async function renewed(replaced: string | undefined): Promise<Authorization> {
    return authorization(await sync(), replaced);
  }

  return {
    async complete(tokens, messages) {
      // No session until the profile is in: a sign-in whose profile cannot be read leaves none.
      adopt(tokens);
      const result = await fetchProfile(tokens);
      if (!result.ok) {
        forget();
        return result.failure;
      }
      const { profile } = result;
      const saved = await vault.save({ tokens, profile });
      current = { tokens, profile, storage: saved.storage, offline: false, notes: saved.messages };
      log.info('session.signed-in', { storage: saved.storage });
      scheduleRenewal(current);
      revocations.nudge();
      return signedIn(current, messages);
    },

    async restore() {
      await revocations.load();
      const loaded = await vault.load();
      const stored = loaded.session;
      if (!stored) return { status: 'signed-out', messages: loaded.messages };
      start({ tokens: stored.tokens, profile: stored.profile, storage: 'encrypted', offline: false, notes: [] });
      const c = current!;
      if (!isDue(c)) {
        // Still valid: home at once, with no request to the IdP.
        log.info('session.restored');
        scheduleRenewal(c);
        return signedIn(c);
      }
      if (!stored.tokens.refreshToken) {
        forget();
        return { status: 'signed-out', messages: [SESSION_EXPIRED] };
      }
      const view = await sync();
      if (view?.status === 'signed-out') return { status: 'signed-out', messages: [SESSION_EXPIRED] };
      return view ?? { status: 'signed-out', messages: [] };
    },

    async refreshProfile() {
      if (!current) return { status: 'signed-out', messages: [] };
      if (isDue(current)) return (await sync()) ?? { status: 'signed-out', messages: [] };
      return (await exclusive(loadProfile)) ?? { status: 'signed-out', messages: [] };
    },

    async signOut() {
      // A refresh in flight may rotate the refresh token: wait, so the live one is revoked (and for
      // one that starts after a profile load, see sync). Its failure is not sign-out's: this
      // computer is signed out regardless.
      while (inFlight) await inFlight.catch(() => undefined);
      const c = current;
      // Local state goes first: whatever the IdP says, this computer must be signed out.
      forget();
      if (!c) return { status: 'signed-out', messages: [] };
      const done = await revocations.revoke({
        refreshToken: c.tokens.refreshToken?.refreshToken,
        accessToken: c.tokens.accessToken?.accessToken,
        idToken: c.tokens.idToken?.idToken,
      });
      log.info('session.signed-out', { revoked: done });
      return { status: 'signed-out', messages: done ? [] : [REVOCATION_FAILED] };
    },

    async handleResume() {
      revocations.nudge();
      await safeBackground();
    },

    async authorize() {
      return current && isDue(current) ? renewed(bearer(current)) : authorization(undefined);
    },

    async renewRejected(header) {
      // Another call saw the same 401 and renewed already: its token is the one to retry with.
      return current && bearer(current) === header ? renewed(header) : authorization(undefined);
    },

    currentTokens: () => current?.tokens,

    dispose() {
      generation += 1;
      // The SDK's token manager holds an expiry timer per token: without this a Node process
      // (the preview, a test, another app's main) stays alive until the access token expires.
      oktaAuth.tokenManager.stop();
      cancelTimer?.();
      revocations.dispose();
    },
  };
}
