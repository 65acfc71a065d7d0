/**
 * Secrets hygiene, end to end: every secret value that crosses the wire (password, interaction
 * handle and code, PKCE verifier, state handle, access/id/refresh tokens) is collected from the
 * real HTTP traffic, then searched for in everything that leaves the main process's secret
 * keeping: every log line at debug level, every invoke result (views and errors) and every view
 * pushed to the renderer. The journey calls the demo API too (getTasks: the access token as a
 * bearer header, and once refused, renewed and sent again).
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS, type FailureCode } from '../shared/contract';
import { createManualScheduler } from './session/scheduler';
import { credentials, DEMO_PASSWORD, startHarness, type AppHarness } from './testing/idp-harness';

// Keys whose values are secrets in Okta's IDX and OAuth traffic.
const SECRET_NAME = /token|code|password|passcode|handle|verifier|secret|assertion/i;
const MIN_SECRET_LENGTH = 8; // shorter values (e.g. "Bearer", "code") are vocabulary, not secrets
const VOCABULARY = /^[a-z_]+$/; // e.g. grant_type=refresh_token, token_type_hint=access_token

/** Secret values seen on the wire, each with the name it was first sent or answered under. */
type Secrets = Map<string, string>;

/** Collects secret-named string values at any depth, including IDX `{ name, value }` form fields. */
function collectSecrets(value: unknown, into: Secrets, key = ''): void {
  if (typeof value === 'string') {
    if (SECRET_NAME.test(key) && value.length >= MIN_SECRET_LENGTH && !VOCABULARY.test(value) && !URL.canParse(value)) {
      if (!into.has(value)) into.set(value, key);
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, into, key);
    return;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['name'] === 'string' && typeof record['value'] === 'string') collectSecrets(record['value'], into, record['name']);
    for (const [k, v] of Object.entries(record)) collectSecrets(v, into, k);
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

/** A fetch that records every secret in request and response bodies and headers. */
function wireTap(secrets: Secrets) {
  return (inner: typeof fetch): typeof fetch =>
    async (input, init) => {
      if (typeof init?.body === 'string') collectSecrets(parseBody(init.body), secrets);
      const auth = new Headers(init?.headers).get('authorization');
      if (auth) collectSecrets(auth.replace(/^\w+\s+/, ''), secrets, 'authorization');
      const response = await inner(input, init);
      const text = await response.clone().text();
      collectSecrets(parseBody(text), secrets);
      return response;
    };
}

function everythingShown(h: AppHarness): string {
  return [JSON.stringify(h.log.entries), JSON.stringify(h.results), JSON.stringify(h.events)].join('\n');
}

// The names each kind of secret crosses the wire under: if the tap saw none of one kind, the
// search for leaks below proves nothing about that kind.
const SECRET_KINDS = ['access_token', 'id_token', 'refresh_token', 'passcode', 'interaction_code', 'code_verifier'];
const kindsSeen = (secrets: Secrets) => SECRET_KINDS.filter((kind) => [...secrets.values()].includes(kind));

/**
 * Sign-in after a wrong password, a profile load, the scheduled token refresh (rotated refresh
 * token), bad input that carries the password, sign-out, and the expired-password flow with a new
 * password: every kind of secret crosses the wire.
 */
async function fullJourney(h: AppHarness, scheduler: ReturnType<typeof createManualScheduler>, later: { ms: number }): Promise<void> {
  // A wrong password first: its value and the failed step are interesting too.
  expect(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'Wrong-Passw0rd-42'))).toMatchObject({ status: 'signed-out' });
  expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  expect(await h.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in' });
  // The API with the access token; then that token revoked at the IdP: a 401, a renewal, a retry.
  expect(await h.tasks()).toMatchObject({ ok: true, value: { status: 'loaded' } });
  const revoked = new URLSearchParams({ client_id: h.idp.clientId, token: (await h.storedTokens())!.accessToken, token_type_hint: 'access_token' });
  await fetch(`${h.idp.issuer}/v1/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: revoked });
  expect(await h.tasks()).toMatchObject({ ok: true, value: { status: 'loaded' } });
  expect(h.idp.api!.statuses()).toEqual([200, 401, 200]);
  // Token refresh (the session's scheduled renewal), two hours on: new tokens, rotated refresh token.
  const before = await h.storedTokens();
  later.ms = 2 * 60 * 60 * 1000;
  await scheduler.runDue();
  const after = await h.storedTokens();
  expect(after?.accessToken).toBeTruthy();
  expect(after?.accessToken).not.toBe(before?.accessToken);
  later.ms = 0;
  // Bad input that carries a password: the error must not echo it.
  await h.call(CHANNELS.signIn, { username: 'alice@example.com', password: DEMO_PASSWORD, extra: DEMO_PASSWORD });
  await h.call(CHANNELS.signIn, credentials('alice@example.com'));
  expect(await h.view(CHANNELS.signOut)).toMatchObject({ status: 'signed-out' });
  // The expired-password flow: the new password is a secret as well.
  await h.view(CHANNELS.signIn, credentials('expired@example.com'));
  await h.view(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'Brand-New-Passw0rd!' } });
  await h.view(CHANNELS.signOut);
}

/** The tap saw every kind of secret, all three passwords and at least six JWTs. */
function expectEverySecretSeen(secrets: Secrets): void {
  expect(kindsSeen(secrets)).toEqual(SECRET_KINDS);
  for (const password of [DEMO_PASSWORD, 'Wrong-Passw0rd-42', 'Brand-New-Passw0rd!']) expect(secrets.get(password)).toBe('passcode');
  expect([...secrets.keys()].filter((s) => s.startsWith('eyJ')).length).toBeGreaterThanOrEqual(6); // access + id tokens: two sign-ins, one refresh
}

describe('secrets hygiene', () => {
  it('no password, token, code or handle appears in logs, errors or views through sign-in, profile and token refresh, and sign-out', async () => {
    const secrets: Secrets = new Map();
    const scheduler = createManualScheduler();
    const later = { ms: 0 };
    const h = await startHarness({ wrapFetch: wireTap(secrets), scheduler, clock: () => Date.now() + later.ms, api: true });
    try {
      await fullJourney(h, scheduler, later);
      // The tap really saw the secrets it is meant to look for (otherwise this test proves nothing).
      expectEverySecretSeen(secrets);
      expect(h.log.entries.length).toBeGreaterThan(5);
      expect(h.log.entries.some((e) => e.level === 'debug' || e.level === 'info')).toBe(true);

      const shown = everythingShown(h);
      const leaked = [...secrets.keys()].filter((secret) => shown.includes(secret));
      expect(leaked).toEqual([]);
      // Nothing shaped like a JWT or a bearer header reaches the renderer, whoever issued it.
      const rendererSaw = JSON.stringify([h.results, h.events]);
      expect(rendererSaw).not.toMatch(/eyJ[\w-]+\.[\w-]+|Bearer /);
    } finally {
      await h.close();
    }
  });

  it('a careless log line leaks nothing either: raw requests and responses, whole errors, secret-named keys, bytes', async () => {
    const secrets: Secrets = new Map();
    const scheduler = createManualScheduler();
    const later = { ms: 0 };
    // Logs what code that should not would log, on the app's own logger, during every call: the
    // request line with its URL, headers and body (JSON or form), the response text, as a string,
    // as an Error and as bytes. A password is only masked while its call runs, so it is logged then.
    let log: AppHarness['log'] | undefined;
    const careless = (inner: typeof fetch): typeof fetch => async (input, init) => {
      const request = `${init?.method ?? 'GET'} ${String(input)}\n${typeof init?.body === 'string' ? init.body : ''}`;
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
      log?.debug('careless.request', { message: request, headers, error: new Error(request), bytes: Buffer.from(request) });
      const response = await inner(input, init);
      const text = await response.clone().text();
      log?.debug('careless.response', { message: text, xhr: { responseText: text, status: response.status }, error: new TypeError(text) });
      return response;
    };
    const h = await startHarness({ wrapFetch: (inner) => wireTap(secrets)(careless(inner)), scheduler, clock: () => Date.now() + later.ms, api: true });
    log = h.log;
    try {
      await fullJourney(h, scheduler, later);
      expectEverySecretSeen(secrets);
      expect(h.log.entries.filter((e) => e.event.startsWith('careless.')).length).toBeGreaterThan(20);

      // After the calls: the tokens the session registered are masked even in free text (an
      // opaque refresh token in an error message), and every secret under any IDX/OAuth name.
      for (const [secret, kind] of secrets) {
        if (['access_token', 'id_token', 'refresh_token'].includes(kind)) h.log.warn('careless.message', { message: `The token ${secret} was refused.` });
        h.log.warn('careless.fields', {
          state_handle: secret,
          stateHandle: secret,
          'x-okta-state-handle': secret,
          nonce: secret,
          pwd: secret,
          error: Object.assign(new Error(`failed for ${secret}`), { xhr: { responseText: secret } }),
          url: `http://127.0.0.1/callback?interaction_code=${encodeURIComponent(secret)}&state=x`,
          form: new URLSearchParams({ grant_type: 'interaction_code', interaction_code: secret, code_verifier: secret }).toString(),
          json: JSON.stringify({ refresh_token: secret, stateHandle: secret }),
          payload: Buffer.from(secret),
        });
      }
      const shown = everythingShown(h);
      const leaked = [...secrets.keys()].filter((secret) => shown.includes(secret) || shown.includes(encodeURIComponent(secret)));
      expect(leaked).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('still leaks nothing when the IdP misbehaves (errors carry server bodies)', async () => {
    const secrets: Secrets = new Map();
    const h = await startHarness({ wrapFetch: wireTap(secrets) });
    try {
      const faulted = [
        // Tokens were issued, but the answer is cut short: no token reaches the app.
        ['token', { kind: 'malformed', times: 1 }, 'idp-error'],
        // Tokens arrive (and are seen on the wire) but the id_token fails verification.
        ['token', { kind: 'bad-id-token', variant: 'signature', times: 1 }, 'invalid-token'],
        ['identify', { kind: 'status', status: 500, times: 1 }, 'idp-error'],
        ['userinfo', { kind: 'wrong-content-type', times: 1 }, 'idp-error'],
      ] as const satisfies ReadonlyArray<readonly [string, unknown, FailureCode]>;
      for (const [endpoint, fault, code] of faulted) {
        h.idp.faults.set(endpoint, fault);
        expect(await h.view(CHANNELS.signIn, credentials('alice@example.com')), `${endpoint} ${fault.kind}`).toMatchObject({ status: 'failure', code });
        expect(h.idp.faults.list()).toEqual({}); // the fault was hit
        expect(await h.view(CHANNELS.cancel)).toMatchObject({ status: 'signed-out' });
      }
      expect(kindsSeen(secrets)).toEqual(SECRET_KINDS);
      expect(secrets.get(DEMO_PASSWORD)).toBe('passcode');
      const shown = everythingShown(h);
      expect([...secrets.keys()].filter((secret) => shown.includes(secret))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
