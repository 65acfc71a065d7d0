/**
 * Session lifecycle against the Okta emulator: restore at launch, refresh (single flight,
 * rotation, refusal, backoff), offline start and reconnect, sign-out with revocation and its
 * retry. Time is an injectable clock and timers a manual scheduler, so nothing sleeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, IDP_ENDPOINTS } from '../../../idp/index';
import { CHANNELS, type AuthView } from '../../shared/contract';
import type { AuthAppDeps } from '../app';
import { createIdpTransport } from '../auth/http-client';
import { createOktaClient } from '../auth/okta-client';
import type { AppConfig } from '../config/okta-config';
import { silentLogger } from '../log/logger';
import { startHarness, type AppHarness, type LaunchedApp } from '../testing/idp-harness';
import { PENDING_REVOCATION_KEY, createRevocations } from './revocation';
import { createManualScheduler, type ManualScheduler } from './scheduler';
import { createSealedStore } from './sealed-store';
import { PROFILE_REFRESH_FAILED, REVOCATION_FAILED, SESSION_ENDED, SESSION_EXPIRED, createSession } from './session';
import { DISCARDED_MESSAGE, VAULT_KEY, createTokenVault, type TokenVault } from './vault';
import { formatText } from '../i18n/format';

const HOURS_2 = 2 * 3600 * 1000;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** The harness's emulator, store, cipher and log, plus a clock that tests move and IdP outages. */
interface World extends Pick<AppHarness, 'idp' | 'store' | 'cipher' | 'log' | 'withStoredExpiry'> {
  config: AppConfig;
  /** Added to the real time the app sees. */
  clockOffset: { ms: number };
  /** The app as launched by `world()`. */
  first: Launched;
  /** The next launch of the app, on the same store; `deps` replaces some of its dependencies. */
  launch(deps?: Partial<AuthAppDeps>): Promise<Launched>;
  stored(): Promise<{ accessToken: string; idToken: string; refreshToken: string } | undefined>;
  totalRequests(): number;
  offline(on: boolean): void;
}

/** Each launch runs its own timers by hand. */
type Launched = LaunchedApp & { scheduler: ManualScheduler };

async function world(options: { encryption?: boolean } = {}): Promise<World> {
  const clockOffset = { ms: 0 };
  const clock = () => Date.now() + clockOffset.ms;
  const scheduler = createManualScheduler();
  const h = await startHarness({ encryption: options.encryption, clock, scheduler });
  cleanup.push(() => h.close());
  if (!h.config.ok) throw new Error('bad config');
  return {
    idp: h.idp,
    config: h.config.config,
    store: h.store,
    cipher: h.cipher,
    log: h.log,
    clockOffset,
    first: { ...h, scheduler },
    withStoredExpiry: h.withStoredExpiry,
    async launch(deps = {}) {
      const scheduler = createManualScheduler();
      return { ...(await h.launch({ log: h.log, clock, scheduler, ...deps })), scheduler };
    },
    async stored() {
      const tokens = await h.storedTokens();
      return tokens && { ...tokens, refreshToken: tokens.refreshToken! };
    },
    totalRequests: () => Object.values(h.idp.counts()).reduce((a, b) => a + b, 0),
    // Every endpoint drops the connection: to the client, exactly like a network outage.
    offline(on) {
      for (const endpoint of IDP_ENDPOINTS) {
        if (on) h.idp.faults.set(endpoint, { kind: 'drop' });
        else h.idp.faults.clear(endpoint);
      }
    },
  };
}

async function signedInWorld(options: { encryption?: boolean } = {}) {
  const w = await world(options);
  const first = w.first;
  const result = await first.app.invoke(CHANNELS.signIn, { username: 'alice@example.com', password: DEMO_PASSWORD });
  expect(result).toMatchObject({ ok: true, value: { status: 'signed-in' } });
  const signedIn = (result as { value: AuthView }).value;
  // Undefined without encryption (nothing is stored); the tests that use it encrypt.
  const tokens = (await w.stored())!;
  return { w, first, signedIn, tokens };
}

function expectNoSecrets(w: World, views: AuthView[], secrets: string[]): void {
  const everything = JSON.stringify(views) + JSON.stringify(w.log.entries) + JSON.stringify([...w.store.entries]);
  for (const secret of [...secrets, DEMO_PASSWORD]) expect(everything).not.toContain(secret);
}

describe('restore at launch', () => {
  it('shows home from a valid stored session with no request to the IdP', async () => {
    const { w, signedIn } = await signedInWorld();
    w.idp.resetCounts();
    const next = await w.launch();
    expect(await next.state()).toEqual(signedIn);
    expect(w.totalRequests()).toBe(0);
    // The renewal is scheduled ahead of expiry (3600 s tokens, 60 s margin), not run.
    expect(next.scheduler.pending()).toHaveLength(1);
    expect(next.scheduler.pending()[0]).toBeGreaterThan(3500_000);
  });

  it('refreshes an expired stored session: new tokens persisted, the old refresh token dead', async () => {
    const { w, tokens } = await signedInWorld();
    w.idp.resetCounts();
    w.clockOffset.ms = HOURS_2;
    const next = await w.launch();
    expect(await next.state()).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' }, messages: [] });
    expect((await next.state()) as object).not.toHaveProperty('offline');
    expect(w.idp.counts().token).toBe(1);
    const fresh = (await w.stored())!;
    expect(fresh.refreshToken).not.toBe(tokens.refreshToken);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(w.idp.isTokenActive(tokens.refreshToken)).toBe(false);
    expect(w.idp.isTokenActive(fresh.refreshToken)).toBe(true);
    expect(w.idp.isTokenActive(fresh.accessToken)).toBe(true);
    expectNoSecrets(w, next.events, [tokens.refreshToken, fresh.refreshToken, fresh.accessToken, fresh.idToken]);
  });

  it('does not hold up the launch while the renewal is in flight; calls wait for it instead', async () => {
    const { w } = await signedInWorld();
    w.clockOffset.ms = HOURS_2;
    let tokenRequested!: () => void;
    const requested = new Promise<void>((resolve) => (tokenRequested = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gatedFetch: typeof fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/v1/token')) {
        tokenRequested();
        await gate;
      }
      return fetch(input, init);
    };
    const nextTick = () => new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')));

    const launching = w.launch({ fetch: gatedFetch });
    await requested;
    // The app (and so the window) is ready while the token request is still held at the gate.
    expect(await Promise.race([launching.then(() => 'ready' as const), nextTick()])).toBe('ready');
    const next = await launching;
    const state = next.state();
    expect(await Promise.race([state.then(() => 'answered' as const), nextTick()])).toBe('pending');

    release();
    expect(await state).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' } });
  });

  it('signs out with an explanation when the IdP refuses the stored refresh token', async () => {
    const { w, first } = await signedInWorld();
    const oldStore = structuredClone([...w.store.entries]);
    // The running app renews, which rotates the refresh token; the old copy is then refused.
    w.clockOffset.ms = HOURS_2;
    await first.app.handleSystemResume();
    for (const [k, v] of oldStore) w.store.set(k, v);
    const next = await w.launch();
    expect(await next.state()).toEqual({ status: 'signed-out', messages: [SESSION_EXPIRED] });
    expect(w.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('discards a tampered store entry, says so, and asks nothing of the IdP', async () => {
    const { w } = await signedInWorld();
    const entry = w.store.get(VAULT_KEY) as { version: number; data: string };
    const bytes = Buffer.from(entry.data, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    w.store.set(VAULT_KEY, { ...entry, data: bytes.toString('base64') });
    w.idp.resetCounts();
    const next = await w.launch();
    expect(await next.state()).toEqual({ status: 'signed-out', messages: [DISCARDED_MESSAGE] });
    expect(w.store.get(VAULT_KEY)).toBeUndefined();
    expect(w.totalRequests()).toBe(0);
  });
});

describe('refresh', () => {
  it('runs one token request however many callers ask at once', async () => {
    const { w, first } = await signedInWorld();
    w.idp.resetCounts();
    w.clockOffset.ms = HOURS_2;
    const results = await Promise.all([
      first.app.handleSystemResume(),
      first.app.handleSystemResume(),
      first.scheduler.runDue(),
      first.app.invoke(CHANNELS.refreshProfile, undefined),
    ]);
    expect(results[3]).toMatchObject({ ok: true, value: { status: 'signed-in', messages: [] } });
    expect(w.idp.counts().token).toBe(1);
  });

  it('writes the rotated refresh token to the vault before the session lets go of the old one', async () => {
    const { w, tokens } = await signedInWorld();
    const transport = createIdpTransport(fetch);
    const oktaAuth = createOktaClient(w.config, transport);
    const realVault = createTokenVault(w.cipher, w.store, silentLogger);
    const seenAtWrite: Array<{ written?: string; held?: string }> = [];
    const vault: TokenVault = {
      ...realVault,
      async save(s) {
        seenAtWrite.push({ written: s.tokens.refreshToken?.refreshToken, held: session.currentTokens()?.refreshToken?.refreshToken });
        return realVault.save(s);
      },
    };
    const scheduler = createManualScheduler();
    const clock = () => Date.now() + HOURS_2;
    const revocations = createRevocations(oktaAuth, transport, createSealedStore(w.cipher, w.store, silentLogger), scheduler, clock, silentLogger);
    const session = createSession({ oktaAuth, transport, vault, revocations, log: silentLogger, clock, scheduler, onChange: () => {} });
    cleanup.push(async () => session.dispose());
    expect(session.currentTokens()).toBeUndefined();
    expect(await session.restore()).toMatchObject({ status: 'signed-in' });
    const fresh = (await w.stored())!.refreshToken;
    expect(seenAtWrite[0]).toEqual({ written: fresh, held: tokens.refreshToken });
    // One write per refresh: the profile that followed it had not changed.
    expect(seenAtWrite).toHaveLength(1);
    expect(session.currentTokens()?.refreshToken?.refreshToken).toBe(fresh);
    // The SDK's token manager follows too.
    expect(oktaAuth.tokenManager.getTokensSync().refreshToken?.refreshToken).toBe(fresh);
    expect(oktaAuth.tokenManager.getTokensSync().accessToken?.accessToken).toBe((await w.stored())!.accessToken);
  });

  it('writes the vault again only when the profile changed at the IdP', async () => {
    const { w, first, signedIn } = await signedInWorld();
    if (signedIn.status !== 'signed-in') throw new Error('not signed in');
    const entry = w.store.get(VAULT_KEY);
    expect(await first.view(CHANNELS.refreshProfile)).toEqual(signedIn);
    // Every write encrypts with a fresh IV, so an unchanged entry means no write.
    expect(w.store.get(VAULT_KEY)).toEqual(entry);
    // The user was renamed since the session was stored: the next profile refresh stores the new name.
    const vault = createTokenVault(w.cipher, w.store, silentLogger);
    const stored = (await vault.load()).session!;
    await vault.save({ ...stored, profile: { ...stored.profile, name: 'Old Name' } });
    const next = await w.launch();
    expect(await next.state()).toMatchObject({ status: 'signed-in', profile: { name: 'Old Name' } });
    expect(await next.view(CHANNELS.refreshProfile)).toEqual(signedIn);
    expect((await vault.load()).session?.profile).toEqual(signedIn.profile);
  });

  it('ends the session and tells the renderer when a background refresh is refused', async () => {
    const { w, first, tokens } = await signedInWorld();
    // An administrator revokes the refresh token.
    await fetch(`${w.idp.issuer}/v1/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${btoa(w.idp.clientId)}` },
      body: new URLSearchParams({ token: tokens.refreshToken, client_id: w.idp.clientId }),
    });
    w.clockOffset.ms = HOURS_2;
    await first.scheduler.runDue();
    expect(first.events.at(-1)).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(await first.state()).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(w.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('keeps the session through network errors, retrying with growing delays', async () => {
    const { w, first, signedIn } = await signedInWorld();
    w.clockOffset.ms = HOURS_2;
    w.offline(true);
    await first.scheduler.runDue();
    expect(first.events.at(-1)).toEqual({ ...signedIn, offline: true });
    expect(first.scheduler.pending()).toEqual([5_000]);
    await first.scheduler.runDue();
    expect(first.scheduler.pending()).toEqual([10_000]);
    expect(await first.state()).toMatchObject({ status: 'signed-in', offline: true });
    expect(await w.stored()).toBeDefined();
    w.offline(false);
    await first.scheduler.runDue();
    expect(first.events.at(-1)).toEqual(await w.withStoredExpiry(signedIn));
  });
});

describe('tokens revoked at the IdP (by an admin, or a sign-out elsewhere)', () => {
  async function revokeAtIdp(w: World, token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
    const response = await fetch(`${w.idp.issuer}/v1/revoke`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${w.idp.clientId}:`).toString('base64')}`,
      },
      body: new URLSearchParams({ token, token_type_hint: hint }),
    });
    expect(response.status).toBe(200);
    expect(w.idp.isTokenActive(token)).toBe(false);
  }

  it('a rejected access token is renewed once with the refresh token, and the session goes on', async () => {
    const { w, first, signedIn, tokens } = await signedInWorld();
    await revokeAtIdp(w, tokens.accessToken, 'access_token');
    w.idp.resetCounts();
    expect(await first.view(CHANNELS.refreshProfile)).toEqual(await w.withStoredExpiry(signedIn));
    expect(w.idp.counts()).toMatchObject({ userinfo: 2, token: 1 });
    const fresh = (await w.stored())!;
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(w.idp.isTokenActive(fresh.accessToken)).toBe(true);
  });

  it('ends the session here too when the refresh token was revoked with it', async () => {
    const { w, first, tokens } = await signedInWorld();
    await revokeAtIdp(w, tokens.refreshToken, 'refresh_token');
    expect(await first.view(CHANNELS.refreshProfile)).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(await first.state()).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(w.store.get(VAULT_KEY)).toBeUndefined();
  });
});

describe('offline', () => {
  it('starts offline with the cached profile when the IdP is gone', async () => {
    const { w, signedIn } = await signedInWorld();
    const before = structuredClone([...w.store.entries]);
    await w.idp.close();
    w.clockOffset.ms = HOURS_2;
    const next = await w.launch();
    expect(await next.state()).toEqual({ ...signedIn, offline: true, messages: [PROFILE_REFRESH_FAILED] });
    expect([...w.store.entries]).toEqual(before);
  });

  it('starts offline, then reconnects quietly and clears the notice', async () => {
    const { w, signedIn } = await signedInWorld();
    w.clockOffset.ms = HOURS_2;
    w.offline(true);
    const next = await w.launch();
    expect(await next.state()).toMatchObject({ status: 'signed-in', offline: true, profile: { email: 'alice@example.com' } });
    w.offline(false);
    w.idp.resetCounts();
    await next.scheduler.runDue();
    expect(w.idp.counts().token).toBe(1);
    const renewed = await w.withStoredExpiry(signedIn);
    expect(next.events.at(-1)).toEqual(renewed);
    expect(await next.state()).toEqual(renewed);
  });

  it('a profile refresh that cannot reach the IdP keeps the session and says offline; reconnect clears it', async () => {
    const { w, first, signedIn } = await signedInWorld();
    w.offline(true);
    expect(await first.view(CHANNELS.refreshProfile)).toEqual({ ...signedIn, offline: true, messages: [PROFILE_REFRESH_FAILED] });
    w.offline(false);
    await first.scheduler.runDue();
    expect(first.events.at(-1)).toEqual(signedIn);
    expect(w.idp.counts().token).toBe(1); // only the sign-in: the probe was userinfo
  });
});

describe('sign-out', () => {
  it('waits for a background profile write, so the wiped vault stays empty', async () => {
    const { w } = await signedInWorld();
    // A stale stored profile, so the reconnect probe below writes the vault.
    const vault = createTokenVault(w.cipher, w.store, silentLogger);
    const stored = (await vault.load()).session!;
    await vault.save({ ...stored, profile: { ...stored.profile, name: 'Old Name' } });
    // Encryption held at a gate: the probe's write is in progress while sign-out runs.
    let gate = Promise.resolve();
    let open = () => {};
    let writing = () => {};
    const writeStarted = new Promise<void>((resolve) => (writing = resolve));
    const cipher = { ...w.cipher, encrypt: async (plain: string) => (writing(), await gate, w.cipher.encrypt(plain)) };
    const next = await w.launch({ cipher });
    w.offline(true);
    expect(await next.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in', offline: true });
    w.offline(false);
    gate = new Promise((resolve) => (open = resolve));
    const probe = next.scheduler.runDue();
    await writeStarted;
    const signOut = next.view(CHANNELS.signOut);
    // Up to the wipe, sign-out needs no I/O: one macrotask turn drains every microtask, so a
    // sign-out that did not wait for the write would have wiped the vault by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(w.store.get(VAULT_KEY)).toBeDefined();
    open();
    await probe;
    expect(await signOut).toMatchObject({ status: 'signed-out' });
    expect(w.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('revokes both tokens, ends the Okta session and wipes everything', async () => {
    const { w, first, tokens } = await signedInWorld();
    w.idp.resetCounts();
    expect(await first.view(CHANNELS.signOut)).toEqual({ status: 'signed-out', messages: [] });
    expect(w.idp.isTokenActive(tokens.accessToken)).toBe(false);
    expect(w.idp.isTokenActive(tokens.refreshToken)).toBe(false);
    expect(w.idp.counts()).toMatchObject({ revoke: 2, logout: 1 });
    expect(w.store.entries.size).toBe(0);
    expect(first.scheduler.pending()).toEqual([]);
    expectNoSecrets(w, first.events, [tokens.accessToken, tokens.refreshToken, tokens.idToken]);
  });

  it('with the IdP down: signed out locally, told it will retry, revocation kept encrypted and retried', async () => {
    const { w, first, tokens } = await signedInWorld();
    w.offline(true);
    expect(await first.view(CHANNELS.signOut)).toEqual({ status: 'signed-out', messages: [REVOCATION_FAILED] });
    expect(formatText(REVOCATION_FAILED.text, 'en')).toMatch(/retry/);
    expect(w.store.get(VAULT_KEY)).toBeUndefined();
    expect(w.store.get(PENDING_REVOCATION_KEY)).toMatchObject({ version: 1, data: expect.any(String) });
    expectNoSecrets(w, first.events, [tokens.accessToken, tokens.refreshToken, tokens.idToken]);
    expect(w.idp.isTokenActive(tokens.refreshToken)).toBe(true);

    w.offline(false);
    w.idp.resetCounts();
    await first.scheduler.runDue();
    expect(w.idp.isTokenActive(tokens.refreshToken)).toBe(false);
    expect(w.idp.isTokenActive(tokens.accessToken)).toBe(false);
    expect(w.idp.counts()).toMatchObject({ revoke: 2, logout: 1 });
    expect(w.store.get(PENDING_REVOCATION_KEY)).toBeUndefined();
    expect(first.scheduler.pending()).toEqual([]);
  });

  it('retries a kept revocation at the next launch', async () => {
    const { w, first, tokens } = await signedInWorld();
    w.idp.faults.set('revoke', { kind: 'status', status: 503 });
    await first.view(CHANNELS.signOut);
    await first.app.dispose();
    w.idp.faults.clear();
    const next = await w.launch();
    expect(await next.state()).toEqual({ status: 'signed-out', messages: [] });
    expect(next.scheduler.pending()).toEqual([0]);
    await next.scheduler.runDue();
    expect(w.idp.isTokenActive(tokens.refreshToken)).toBe(false);
    expect(w.store.get(PENDING_REVOCATION_KEY)).toBeUndefined();
  });

  it('drops a kept revocation the IdP answers with a client error instead of retrying forever', async () => {
    const { w, first } = await signedInWorld();
    w.offline(true);
    await first.view(CHANNELS.signOut);
    w.offline(false);
    w.idp.faults.set('revoke', { kind: 'status', status: 400 });
    await first.scheduler.runDue();
    expect(w.store.get(PENDING_REVOCATION_KEY)).toBeUndefined();
    expect(w.idp.counts().logout).toBeGreaterThan(0);
  });

  it('without OS encryption keeps the pending revocation in memory only, and still retries it', async () => {
    const { w, first, signedIn } = await signedInWorld({ encryption: false });
    expect(signedIn).toMatchObject({ storage: 'memory-only' });
    w.offline(true);
    expect(await first.view(CHANNELS.signOut)).toEqual({ status: 'signed-out', messages: [REVOCATION_FAILED] });
    expect(w.store.entries.size).toBe(0);
    w.offline(false);
    w.idp.resetCounts();
    await first.scheduler.runDue();
    expect(w.idp.counts()).toMatchObject({ revoke: 2, logout: 1 });
    expect(first.scheduler.pending()).toEqual([]);
  });
});

/** A session of its own over `w`'s store, on a client the test can look into; `clock` fixed or moving. */
function ownSession(w: World, clock: () => number = Date.now) {
  const transport = createIdpTransport(fetch);
  const oktaAuth = createOktaClient(w.config, transport);
  const scheduler = createManualScheduler();
  const revocations = createRevocations(oktaAuth, transport, createSealedStore(w.cipher, w.store, silentLogger), scheduler, clock, silentLogger);
  const session = createSession({ oktaAuth, transport, vault: createTokenVault(w.cipher, w.store, silentLogger), revocations, log: silentLogger, clock, scheduler, onChange: () => {} });
  cleanup.push(async () => session.dispose());
  return { session, oktaAuth, scheduler };
}

describe('the session and the SDK underneath', () => {
  it('the SDK’s token manager holds exactly the session’s tokens, is emptied by sign-out, and its expiry timers stop at dispose', async () => {
    const { w, tokens } = await signedInWorld();
    const held = (oktaAuth: ReturnType<typeof createOktaClient>) => {
      const t = oktaAuth.tokenManager.getTokensSync();
      return { accessToken: t.accessToken?.accessToken, idToken: t.idToken?.idToken, refreshToken: t.refreshToken?.refreshToken };
    };
    // okta-auth-js 8 keeps a timer per token until it expires (TokenManager.state.expireTimeouts):
    // left running, they keep a Node process (the preview, a test) alive for an hour.
    const timers = (oktaAuth: ReturnType<typeof createOktaClient>) => Object.keys((oktaAuth.tokenManager as unknown as { state: { expireTimeouts: object } }).state.expireTimeouts);

    const first = ownSession(w);
    expect(await first.session.restore()).toMatchObject({ status: 'signed-in' });
    expect(held(first.oktaAuth)).toEqual(tokens);
    expect(timers(first.oktaAuth).length).toBeGreaterThan(0);
    first.session.dispose();
    expect(timers(first.oktaAuth)).toEqual([]);

    const second = ownSession(w);
    expect(await second.session.restore()).toMatchObject({ status: 'signed-in' });
    expect(await second.session.signOut()).toEqual({ status: 'signed-out', messages: [] });
    expect(second.oktaAuth.tokenManager.getTokensSync()).toEqual({});
  });

  it('a sign-in whose profile cannot be read leaves no tokens behind, in the SDK either', async () => {
    const { w } = await signedInWorld();
    const signedIn = ownSession(w);
    await signedIn.session.restore();
    const tokens = signedIn.session.currentTokens()!;
    const next = ownSession(w);
    w.idp.faults.set('userinfo', { kind: 'status', status: 500, times: 1 });
    expect(await next.session.complete(tokens, [])).toMatchObject({ status: 'failure', code: 'idp-error' });
    expect(next.session.currentTokens()).toBeUndefined();
    expect(next.oktaAuth.tokenManager.getTokensSync()).toEqual({});
    expect(await w.stored()).toBeUndefined();
  });

  it('dispose also stops a revocation waiting to retry', async () => {
    const { w } = await signedInWorld();
    const { session, scheduler } = ownSession(w);
    await session.restore();
    w.offline(true);
    expect(await session.signOut()).toEqual({ status: 'signed-out', messages: [REVOCATION_FAILED] });
    expect(scheduler.pending()).toHaveLength(1);
    session.dispose();
    expect(scheduler.pending()).toEqual([]);
  });

  it('renews a stored session exactly at the margin before expiry, not a millisecond before', async () => {
    const { w } = await signedInWorld();
    const { session: stored } = await createTokenVault(w.cipher, w.store, silentLogger).load();
    const dueAt = stored!.tokens.accessToken!.expiresAt * 1000 - 60_000;
    w.idp.resetCounts();
    expect(await ownSession(w, () => dueAt - 1).session.restore()).toMatchObject({ status: 'signed-in' });
    expect(w.idp.counts().token ?? 0).toBe(0);
    expect(await ownSession(w, () => dueAt).session.restore()).toMatchObject({ status: 'signed-in' });
    expect(w.idp.counts().token).toBe(1);
  });

  it('a 401 on a token another call already replaced is retried with the new one; on the current one it renews; signed out, nothing', async () => {
    const { w, tokens } = await signedInWorld();
    const { session } = ownSession(w);
    await session.restore();
    w.idp.resetCounts();
    expect(await session.renewRejected('Bearer an-older-token')).toEqual({ ok: true, header: `Bearer ${tokens.accessToken}` });
    expect(w.idp.counts().token ?? 0).toBe(0);
    const renewed = await session.renewRejected(`Bearer ${tokens.accessToken}`);
    expect(renewed).toMatchObject({ ok: true, header: `Bearer ${(await w.stored())!.accessToken}` });
    expect(renewed).not.toMatchObject({ header: `Bearer ${tokens.accessToken}` });
    expect(w.idp.counts().token).toBe(1);
    await session.signOut();
    expect(await session.renewRejected('Bearer an-older-token')).toEqual({ ok: false, reason: 'signed-out' });
  });

  it('after one renewal, a later renewal still waits for a profile load in flight and then renews', async () => {
    const { w, tokens } = await signedInWorld();
    const { session } = ownSession(w);
    await session.restore();
    // A first renewal ends its turn (a 401 on the current token).
    expect(await session.renewRejected(`Bearer ${tokens.accessToken}`)).toMatchObject({ ok: true });
    const afterFirst = (await w.stored())!.accessToken;
    w.idp.faults.set('userinfo', { kind: 'latency', ms: 120_000, times: 1 });
    const loading = session.refreshProfile();
    await w.idp.faults.holding();
    const second = session.renewRejected(`Bearer ${afterFirst}`);
    w.idp.faults.release();
    await loading;
    const result = await second;
    expect(result).toMatchObject({ ok: true });
    expect(result).not.toMatchObject({ header: `Bearer ${afterFirst}` });
  });
});
