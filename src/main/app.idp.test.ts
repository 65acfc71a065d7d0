/**
 * End-to-end in Node: the real okta-auth-js over real HTTP against the local Okta emulator,
 * driven only through `AuthApp.invoke` like the renderer does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, type IdpOptions, type RunningIdp } from '../../idp/index';
import { CHANNELS, type AuthView, type BridgeResult } from '../shared/contract';
import { createAuthApp, type AuthApp } from './app';
import { loadConfig } from './config';
import { createCapturingLogger, silentLogger } from './log/logger';
import { createTestCipher } from './session/cipher';
import { createMemoryStore } from './session/store';
import { VAULT_KEY, createTokenVault } from './session/vault';

interface Harness {
  idp: RunningIdp;
  app: AuthApp;
  store: ReturnType<typeof createMemoryStore>;
  cipher: ReturnType<typeof createTestCipher>;
  log: ReturnType<typeof createCapturingLogger>;
  /** Every view the app produced (results and state-change events). */
  views: AuthView[];
  storedTokens(): Promise<{ accessToken: string; idToken: string; refreshToken?: string } | undefined>;
  call(channel: string, payload?: unknown): Promise<BridgeResult<AuthView>>;
  view(channel: string, payload?: unknown): Promise<AuthView>;
}

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()!();
});

async function harness(options: IdpOptions = {}): Promise<Harness> {
  const idp = await startIdp(options);
  const store = createMemoryStore();
  const cipher = createTestCipher();
  const log = createCapturingLogger();
  const config = loadConfig({ OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri });
  const app = await createAuthApp({ config, cipher, store, log });
  const views: AuthView[] = [];
  app.onStateChanged((v) => views.push(v));
  open.push(async () => {
    await app.dispose();
    await idp.close().catch(() => {});
  });
  const call = async (channel: string, payload?: unknown) => {
    const result = await app.invoke(channel, payload);
    if (result.ok) views.push(result.value);
    return result;
  };
  return {
    idp,
    app,
    store,
    cipher,
    log,
    views,
    async storedTokens() {
      const { session } = await createTokenVault(cipher, store, silentLogger).load();
      if (!session) return undefined;
      return {
        accessToken: session.tokens.accessToken!.accessToken,
        idToken: session.tokens.idToken!.idToken,
        refreshToken: session.tokens.refreshToken?.refreshToken,
      };
    },
    call,
    async view(channel, payload) {
      const result = await call(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

const signIn = (username: string, password = DEMO_PASSWORD) => ({ username, password });

function expectNoSecrets(h: Harness, secrets: ReadonlyArray<string | undefined>): void {
  const everything = JSON.stringify(h.views) + JSON.stringify(h.log.entries);
  for (const secret of secrets) {
    if (secret) expect(everything).not.toContain(secret);
  }
}

describe('sign-in against the emulator', () => {
  it('signs alice in: profile shown, tokens encrypted at rest, no secret in any view or log', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    expect(view).toMatchObject({
      status: 'signed-in',
      storage: 'encrypted',
      profile: { email: 'alice@example.com', name: 'Alice Example', given_name: 'Alice' },
    });
    const tokens = await h.storedTokens();
    expect(tokens?.accessToken).toBeTruthy();
    expect(tokens?.refreshToken).toBeTruthy();
    expect(h.idp.isTokenActive(tokens!.accessToken)).toBe(true);
    const atRest = JSON.stringify(h.store.get(VAULT_KEY));
    for (const t of [tokens!.accessToken, tokens!.idToken, tokens!.refreshToken!]) expect(atRest).not.toContain(t);
    expectNoSecrets(h, [tokens!.accessToken, tokens!.idToken, tokens!.refreshToken, DEMO_PASSWORD]);
    expect(await h.view(CHANNELS.getState)).toEqual(view);
  });

  it('also works with an identifier-first policy', async () => {
    const h = await harness({ policy: 'identifier-first' });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('restores a stored, still-valid session at startup; an unreadable one is discarded', async () => {
    const h = await harness();
    const signedIn = await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    const config = loadConfig({ OKTA_ISSUER: h.idp.issuer, OKTA_CLIENT_ID: h.idp.clientId, OKTA_REDIRECT_URI: h.idp.redirectUri });
    const restored = await createAuthApp({ config, cipher: h.cipher, store: h.store, log: silentLogger });
    expect(await restored.invoke(CHANNELS.getState, undefined)).toEqual({ ok: true, value: signedIn });
    expect(await restored.invoke(CHANNELS.refreshProfile, undefined)).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    await restored.dispose();
    // Another key (another machine or OS account) cannot read the entry: it is removed, not trusted.
    const foreign = await createAuthApp({ config, cipher: createTestCipher(), store: h.store, log: silentLogger });
    expect(await foreign.invoke(CHANNELS.getState, undefined)).toMatchObject({ ok: true, value: { status: 'signed-out', messages: [{ level: 'info' }] } });
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
    await foreign.dispose();
  });

  it('renews a stored session whose access token is within the clock-skew margin of expiry', async () => {
    // 30 s tokens are inside the 60 s margin, so the next launch renews (session/lifecycle.idp.test.ts has the rest).
    const h = await harness({ accessTokenTtlSeconds: 30 });
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    const before = (await h.storedTokens())!;
    const config = loadConfig({ OKTA_ISSUER: h.idp.issuer, OKTA_CLIENT_ID: h.idp.clientId, OKTA_REDIRECT_URI: h.idp.redirectUri });
    const later = await createAuthApp({ config, cipher: h.cipher, store: h.store, log: silentLogger });
    expect(await later.invoke(CHANNELS.getState, undefined)).toMatchObject({ ok: true, value: { status: 'signed-in', messages: [] } });
    expect((await h.storedTokens())!.refreshToken).not.toBe(before.refreshToken);
    await later.dispose();
  });

  it('keeps the form with a message after a wrong password, and then signs in', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('alice@example.com', 'wrong-password'));
    expect(view.status).toBe('pending');
    if (view.status !== 'pending') return;
    expect(view.step.name).toBe('identify');
    expect(view.step.inputs.map((i) => i.name)).toEqual(expect.arrayContaining(['username', 'password']));
    expect(view.messages[0]?.level).toBe('error');
    expectNoSecrets(h, ['wrong-password']);
    const retry = await h.view(CHANNELS.proceed, { step: 'identify', values: { username: 'alice@example.com', password: DEMO_PASSWORD } });
    expect(retry.status).toBe('signed-in');
  });

  it('reports an unknown user without signing in', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('nobody@example.com'));
    expect(view.status).toBe('pending');
    expect(view.status === 'pending' && view.messages.length).toBeGreaterThan(0);
  });

  it.each(['locked@example.com', 'suspended@example.com'])('shows %s a terminal message; a fresh try works after cancel', async (user) => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn(user));
    expect(view.status).toBe('terminal');
    expect(view.status === 'terminal' && view.messages[0]?.text).toBeTruthy();
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('makes an expired password be changed: weak rejected with a message, strong accepted', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    expect(view).toMatchObject({ status: 'pending', step: { name: 'reenroll-authenticator', canSkip: false } });
    if (view.status !== 'pending') return;
    expect(view.step.inputs).toEqual([expect.objectContaining({ name: 'newPassword', type: 'password', secret: true, autocomplete: 'new-password' })]);
    const weak = await h.view(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'abc' } });
    expect(weak).toMatchObject({ status: 'pending', step: { name: 'reenroll-authenticator' } });
    expect(weak.status === 'pending' && weak.messages.some((m) => m.level === 'error')).toBe(true);
    const strong = await h.view(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'Brand-New-Passw0rd!' } });
    expect(strong).toMatchObject({ status: 'signed-in', profile: { email: 'expired@example.com' } });
    expectNoSecrets(h, ['Brand-New-Passw0rd!']);
  });

  it('lets a user skip the password-expiry warning', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('warn@example.com'));
    expect(view).toMatchObject({ status: 'pending', step: { name: 'reenroll-authenticator-warning', canSkip: true } });
    expect(await h.view(CHANNELS.skip)).toMatchObject({ status: 'signed-in', profile: { email: 'warn@example.com' } });
  });

  it('explains that MFA is unsupported and cancels back to signed-out', async () => {
    const h = await harness();
    const view = await h.view(CHANNELS.signIn, signIn('mfa@example.com'));
    expect(view.status).toBe('unsupported');
    expect(view.status === 'unsupported' && view.messages[0]?.text).toMatch(/multifactor authentication/);
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(1);
  });

  it('cancels mid-flow and rejects a stale proceed', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    expect(await h.call(CHANNELS.proceed, { step: 'identify', values: { username: 'x', password: 'y' } })).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(await h.call(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'Brand-New-Passw0rd!' } })).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
  });
});

describe('failures', () => {
  it('reports an unreachable IdP as a network failure, and a retry works once it answers again', async () => {
    const h = await harness();
    h.idp.faults.set('interact', { kind: 'drop', times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'network' });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('reports a closed IdP as a network failure', async () => {
    const h = await harness();
    await h.idp.close();
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'network' });
  });

  it('reports 429 as rate-limited with Retry-After', async () => {
    const h = await harness();
    h.idp.faults.set('identify', { kind: 'rate-limit', retryAfterSeconds: 12, times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'rate-limited', retryAfterSeconds: 12 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('rejects an id_token with a bad signature', async () => {
    const h = await harness();
    h.idp.faults.set('token', { kind: 'bad-id-token', variant: 'signature', times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'invalid-token' });
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('reports a malformed IdP answer as idp-error', async () => {
    const h = await harness();
    h.idp.faults.set('introspect', { kind: 'malformed', times: 1 });
    expect(await h.view(CHANNELS.signIn, signIn('alice@example.com'))).toMatchObject({ status: 'failure', code: 'idp-error' });
  });
});

describe('session', () => {
  it('signs out: tokens revoked at the IdP, vault wiped', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    const tokens = (await h.storedTokens())!;
    expect(await h.view(CHANNELS.signOut)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.isTokenActive(tokens.accessToken)).toBe(false);
    expect(h.idp.isTokenActive(tokens.refreshToken!)).toBe(false);
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('signs out locally even when the IdP is down, and says revocation failed', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    await h.idp.close();
    const view = await h.view(CHANNELS.signOut);
    expect(view.status).toBe('signed-out');
    expect(view.status === 'signed-out' && view.messages[0]?.level).toBe('warning');
    expect(h.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('refreshes the profile when signed in', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, signIn('alice@example.com'));
    h.idp.resetCounts();
    expect(await h.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' }, messages: [] });
    expect(h.idp.counts().userinfo).toBe(1);
  });

  it('keeps memory-only sessions off disk and says so', async () => {
    const idp = await startIdp();
    const store = createMemoryStore();
    const app = await createAuthApp({
      config: loadConfig({ OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri }),
      cipher: createTestCipher({ available: false }),
      store,
      log: silentLogger,
    });
    open.push(async () => (await app.dispose(), await idp.close()));
    const result = await app.invoke(CHANNELS.signIn, signIn('alice@example.com'));
    expect(result).toMatchObject({ ok: true, value: { status: 'signed-in', storage: 'memory-only', messages: [{ level: 'warning' }] } });
    expect(store.entries.size).toBe(0);
  });
});

describe('request handling', () => {
  it('rejects bad payloads without changing state', async () => {
    const h = await harness();
    const before = await h.view(CHANNELS.signIn, signIn('expired@example.com'));
    for (const [channel, payload] of [
      [CHANNELS.signIn, { username: 'alice@example.com' }],
      [CHANNELS.signIn, { username: 'alice\n@example.com', password: 'x' }],
      [CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'x'.repeat(600) } }],
      [CHANNELS.proceed, { step: 'reenroll-authenticator', values: { somethingElse: 'x' } }],
      [CHANNELS.cancel, { now: true }],
      ['auth:unknown', undefined],
    ] as const) {
      expect(await h.call(channel, payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(await h.view(CHANNELS.getState)).toEqual(before);
  });

  it('answers a double submit with one busy and runs only one transaction', async () => {
    const h = await harness();
    h.idp.resetCounts();
    const [first, second] = await Promise.all([
      h.call(CHANNELS.signIn, signIn('alice@example.com')),
      h.call(CHANNELS.signIn, signIn('alice@example.com')),
    ]);
    expect(first).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(h.idp.counts().interact).toBe(1);
  });
});
