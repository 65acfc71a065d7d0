/**
 * Secrets hygiene, end to end: every secret value that crosses the wire (password, interaction
 * handle and code, PKCE verifier, state handle, access/id/refresh tokens) is collected from the
 * real HTTP traffic, then searched for in everything that leaves the main process's secret
 * keeping: every log line at debug level, every invoke result (views and errors) and every view
 * pushed to the renderer.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/contract';
import { createManualScheduler } from './session/scheduler';
import { credentials, DEMO_PASSWORD, startHarness, type AppHarness } from './testing/idp-harness';

// Keys whose values are secrets in Okta's IDX and OAuth traffic.
const SECRET_NAME = /token|code|password|passcode|handle|verifier|secret|assertion/i;
const MIN_SECRET_LENGTH = 8; // shorter values (e.g. "Bearer", "code") are vocabulary, not secrets
const VOCABULARY = /^[a-z_]+$/; // e.g. grant_type=refresh_token, token_type_hint=access_token

/** Collects secret-named string values at any depth, including IDX `{ name, value }` form fields. */
function collectSecrets(value: unknown, into: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (SECRET_NAME.test(key) && value.length >= MIN_SECRET_LENGTH && !VOCABULARY.test(value) && !URL.canParse(value)) into.add(value);
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
function wireTap(secrets: Set<string>) {
  return (inner: typeof fetch): typeof fetch =>
    async (input, init) => {
      if (typeof init?.body === 'string') collectSecrets(parseBody(init.body), secrets);
      const auth = new Headers(init?.headers).get('authorization');
      if (auth) secrets.add(auth.replace(/^\w+\s+/, ''));
      const response = await inner(input, init);
      const text = await response.clone().text();
      collectSecrets(parseBody(text), secrets);
      return response;
    };
}

function everythingShown(h: AppHarness): string {
  return [JSON.stringify(h.log.entries), JSON.stringify(h.results), JSON.stringify(h.events)].join('\n');
}

describe('secrets hygiene', () => {
  it('no password, token, code or handle appears in logs, errors or views through sign-in, profile and token refresh, and sign-out', async () => {
    const secrets = new Set<string>([DEMO_PASSWORD]);
    const scheduler = createManualScheduler();
    const later = { ms: 0 };
    const h = await startHarness({ wrapFetch: wireTap(secrets), scheduler, clock: () => Date.now() + later.ms });
    try {
      // A wrong password first: its value and the failed step are interesting too.
      expect(await h.view(CHANNELS.signIn, credentials('alice@example.com', 'Wrong-Passw0rd-42'))).toMatchObject({ status: 'pending' });
      secrets.add('Wrong-Passw0rd-42');
      expect(await h.view(CHANNELS.proceed, { step: 'identify', values: credentials('alice@example.com') })).toMatchObject({ status: 'signed-in' });
      expect(await h.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in' });
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
      secrets.add('Brand-New-Passw0rd!');
      await h.view(CHANNELS.signOut);

      const tokens = [...secrets];
      // The tap really saw the secrets it is meant to look for (otherwise this test proves nothing).
      expect(tokens.filter((s) => s.startsWith('eyJ')).length).toBeGreaterThanOrEqual(6); // access + id tokens: two sign-ins, one refresh
      expect(h.log.entries.length).toBeGreaterThan(5);
      expect(h.log.entries.some((e) => e.level === 'debug' || e.level === 'info')).toBe(true);

      const shown = everythingShown(h);
      const leaked = tokens.filter((secret) => shown.includes(secret));
      expect(leaked).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('still leaks nothing when the IdP misbehaves (errors carry server bodies)', async () => {
    const secrets = new Set<string>([DEMO_PASSWORD]);
    const h = await startHarness({ wrapFetch: wireTap(secrets), requestTimeoutMs: 250 });
    try {
      for (const [endpoint, fault] of [
        ['token', { kind: 'malformed', times: 1 }],
        ['token', { kind: 'bad-id-token', variant: 'signature', times: 1 }],
        ['identify', { kind: 'status', status: 500, times: 1 }],
        ['userinfo', { kind: 'wrong-content-type', times: 1 }],
      ] as const) {
        h.idp.faults.set(endpoint, fault);
        await h.call(CHANNELS.signIn, credentials('alice@example.com'));
        await h.call(CHANNELS.cancel);
      }
      expect(secrets.size).toBeGreaterThan(3);
      const shown = everythingShown(h);
      expect([...secrets].filter((secret) => shown.includes(secret))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
