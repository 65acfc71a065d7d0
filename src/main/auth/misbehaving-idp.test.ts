/**
 * A misbehaving IdP, endpoint by endpoint: server errors, 429 with Retry-After, answers slower
 * than the client timeout, dropped connections, truncated JSON, HTML where JSON was expected, and
 * id_tokens that fail verification. Each time the user gets a clear failure view, nothing stored
 * is lost or half-written, no promise rejection goes unhandled, and once the IdP behaves again
 * the next sign-in works.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BAD_ID_TOKEN_VARIANTS, type FaultSpec, type IdpEndpoint } from '../../../idp/index';
import { CHANNELS, type FailureCode } from '../../shared/contract';
import { DEFAULT_TIMEOUT_MS } from './http-client';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';
import { formatText } from '../i18n/format';
import { inEnglish } from '../testing/in-english';

// Small, so a "too slow" answer costs well under a second; the fault waits longer than this.
// Only the delayed request is subject to it (see harness()).
const TIMEOUT_MS = 250;
const SLOW: FaultSpec = { kind: 'latency', ms: TIMEOUT_MS * 4, times: 1 };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const open: AppHarness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  // Checked after each test too, so a failure points at the test that caused it.
  expect(unhandled).toEqual([]);
});

interface FaultyHarness extends AppHarness {
  /** Sets the fault on the emulator (and, for a slow answer, aims the client timeout at it). */
  fault(endpoint: IdpEndpoint, spec: FaultSpec): void;
}

/**
 * A harness whose app uses the default request timeout, unless `slow`: then the requests a latency
 * fault delays (the next `times` to its endpoint after `fault()`) get TIMEOUT_MS, and every other
 * request the default, so a healthy request on a busy machine cannot time out. The delayed
 * request's outcome does not depend on load either: the emulator runs in this process, so its
 * longer sleep always ends after the client's timer has fired.
 */
async function harness(slow = false): Promise<FaultyHarness> {
  let aimed: { endpoint: IdpEndpoint; left: number } | undefined;
  const timeoutFor = (url: string): number => {
    const hit = aimed !== undefined && aimed.left > 0 && new URL(url).pathname.endsWith(`/${aimed.endpoint}`);
    if (!hit) return DEFAULT_TIMEOUT_MS;
    aimed!.left -= 1;
    return TIMEOUT_MS;
  };
  const h = await startHarness(slow ? { requestTimeoutMs: timeoutFor } : {});
  open.push(h);
  return Object.assign(h, {
    fault(endpoint: IdpEndpoint, spec: FaultSpec) {
      if (spec.kind === 'latency') {
        if (!slow) throw new Error('a latency fault needs harness(true)');
        aimed = { endpoint, left: spec.times ?? Infinity };
      }
      h.idp.faults.set(endpoint, spec);
    },
  });
}

interface Fault {
  readonly name: string;
  readonly spec: FaultSpec;
  readonly code: FailureCode;
  readonly retryAfterSeconds?: number;
}

const FAULTS: Fault[] = [
  { name: '500', spec: { kind: 'status', status: 500, times: 1 }, code: 'idp-error' },
  { name: '429 with Retry-After', spec: { kind: 'rate-limit', retryAfterSeconds: 7, times: 1 }, code: 'rate-limited', retryAfterSeconds: 7 },
  { name: 'an answer slower than the timeout', spec: SLOW, code: 'network' },
  { name: 'a dropped connection', spec: { kind: 'drop', times: 1 }, code: 'network' },
  { name: 'truncated JSON', spec: { kind: 'malformed', times: 1 }, code: 'idp-error' },
  { name: 'HTML instead of JSON', spec: { kind: 'wrong-content-type', times: 1 }, code: 'idp-error' },
];

// Every endpoint a password sign-in touches, in order.
const SIGN_IN_ENDPOINTS: IdpEndpoint[] = ['interact', 'introspect', 'identify', 'token', 'keys', 'userinfo'];

const MATRIX = SIGN_IN_ENDPOINTS.flatMap((endpoint) => FAULTS.map((fault) => ({ endpoint, ...fault })));

describe('sign-in while an endpoint misbehaves', () => {
  it.each(MATRIX)('$endpoint answers with $name: "$code" failure, nothing stored, a retry signs in', async ({ endpoint, spec, code, retryAfterSeconds }) => {
    const h = await harness(spec.kind === 'latency');
    h.fault(endpoint, spec);

    const failed = await h.view(CHANNELS.signIn, credentials('alice@example.com'));

    // Even where a 5xx carries an IDX body (introspect, identify), it is offered as a retryable failure.
    expect(failed).toMatchObject({ status: 'failure', code });
    if (failed.status !== 'failure') return;
    expect(formatText(failed.message, 'en')).toMatch(/\w+.*\./); // a sentence for the user
    expect(failed.retryAfterSeconds).toBe(retryAfterSeconds);
    expect(h.idp.faults.list()).toEqual({}); // the fault was really hit
    expect(h.store.entries.size).toBe(0);
    expect(await h.state()).toEqual(failed);

    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({
      status: 'signed-in',
      profile: { email: 'alice@example.com' },
    });
    expect(h.store.entries.size).toBe(1);
  });
});

describe('what a failed answer leaves behind', () => {
  it.each([
    ['a 500 with an IDX body', { kind: 'status', status: 500, times: 1 }],
    ['a dropped connection', { kind: 'drop', times: 1 }],
  ] as const)('after %s to the identify step, no transaction is left: cancel tells the org nothing', async (_name, spec) => {
    const h = await harness();
    h.fault('identify', spec);
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'failure' });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(h.idp.counts().cancel).toBe(0);
  });

  it('a request that fails is logged with the action, the failure shown and the error\'s name', async () => {
    const h = await harness();
    h.fault('identify', { kind: 'drop', times: 1 });
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'failure', code: 'network' });
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.failed')).toEqual([
      { level: 'warn', event: 'sign-in.failed', fields: { action: 'sign-in', failure: 'network', error: expect.any(String) } },
    ]);
  });
});

describe('id_tokens that fail verification', () => {
  // The last four pass okta-auth-js's own checks in an IDX run (see idp BAD_ID_TOKEN_VARIANTS).
  it.each(BAD_ID_TOKEN_VARIANTS)('an id_token with a bad %s is rejected; nothing stored; a retry signs in', async (variant) => {
    const h = await harness();
    h.idp.faults.set('token', { kind: 'bad-id-token', variant, times: 1 });
    const failed = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(failed).toMatchObject({ status: 'failure', code: 'invalid-token' });
    expect(h.store.entries.size).toBe(0);
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('an id_token that answers this sign-in is taken without a word of refusal in the log', async () => {
    const h = await harness();
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.id-token-refused')).toEqual([]);
  });

  it.each([
    ['proceed (new password)', 'expired@example.com', CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'Brand-New-Passw0rd!' } }],
    ['skip', 'warn@example.com', CHANNELS.skip, undefined],
  ] as const)('the nonce is checked when %s ends the sign-in, too', async (_name, login, channel, payload) => {
    const h = await harness();
    expect(await h.view(CHANNELS.signIn, credentials(login))).toMatchObject({ status: 'pending' });
    h.idp.faults.set('token', { kind: 'bad-id-token', variant: 'nonce-mismatch', times: 1 });
    expect(await h.view(channel, payload)).toMatchObject({ status: 'failure', code: 'invalid-token' });
    expect(h.store.entries.size).toBe(0);
    expect(h.log.entries).toContainEqual(expect.objectContaining({ event: 'sign-in.id-token-refused', fields: { reason: 'nonce' } }));
  });

  it('sends a fresh nonce with each sign-in', async () => {
    const sent: string[] = [];
    const h = await startHarness({
      wrapFetch: (inner) => (input, init) => {
        if (String(input).endsWith('/v1/interact')) sent.push(new URLSearchParams(String(init?.body)).get('nonce') ?? '');
        return inner(input, init);
      },
    });
    open.push(h);
    await h.view(CHANNELS.signIn, credentials('alice@example.com', 'Wrong-Passw0rd-1'));
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(sent).toHaveLength(2);
    for (const nonce of sent) expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent[0]).not.toBe(sent[1]);
  });
});

describe('a stored session survives a misbehaving IdP', () => {
  it.each(FAULTS)('refresh-profile while userinfo answers with $name keeps the session and its vault entry', async ({ spec }) => {
    const h = await harness(spec.kind === 'latency');
    const signedIn = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    if (signedIn.status !== 'signed-in') throw new Error('not signed in');
    const stored = h.snapshotStore();
    const tokens = await h.storedTokens();
    h.fault('userinfo', spec);

    const refreshed = await h.view(CHANNELS.refreshProfile);

    // Still signed in with the last known profile, told (with a warning) that it is not fresh.
    expect(refreshed).toMatchObject({ status: 'signed-in', profile: signedIn.profile, storage: signedIn.storage });
    expect(refreshed.status === 'signed-in' && refreshed.messages.map((m) => m.level)).toEqual(['warning']);
    expect(h.snapshotStore()).toEqual(stored);
    expect(await h.storedTokens()).toEqual(tokens);
    h.idp.faults.clear();
    expect(await h.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in', profile: signedIn.profile, messages: [] });
    expect(await h.storedTokens()).toEqual(tokens);
  });

  it.each(FAULTS)('sign-out while revoke answers with $name still signs out locally and says the IdP was not told', async ({ spec }) => {
    const h = await harness(spec.kind === 'latency');
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    h.fault('revoke', { ...spec, times: 2 } as FaultSpec);
    const view = await h.view(CHANNELS.signOut);
    expect(inEnglish(view)).toMatchObject({ status: 'signed-out', messages: [{ level: 'warning', text: expect.stringMatching(/signed out/) }] });
    expect(await h.storedTokens()).toBeUndefined();
    h.idp.faults.clear();
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  });

  it('a session stored by an earlier run is restored even when the IdP is down at startup', async () => {
    const h = await harness();
    const signedIn = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    const stored = h.snapshotStore();
    await h.idp.close();
    // The emulator is closed, so each request fails at once: no short timeout needed.
    const next = await h.launch();
    expect(await next.call(CHANNELS.getState)).toEqual({ ok: true, value: signedIn });
    expect(await next.call(CHANNELS.refreshProfile)).toMatchObject({ ok: true, value: { status: 'signed-in', profile: signedIn.status === 'signed-in' ? signedIn.profile : {} } });
    expect(h.snapshotStore()).toEqual(stored);
  });
});
