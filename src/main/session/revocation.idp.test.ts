/**
 * The pending revocations (revocation.ts) on their own, against the emulator with the real
 * okta-auth-js: what sign-out sends, what is kept when the IdP cannot be reached, and how the
 * kept sets are retried (backoff, order, expiry, the cap, a stored list that could not be read at
 * launch), nudged and disposed. Time is a number the test sets; timers run by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_PASSWORD, IDP_ENDPOINTS, startIdp, type RunningIdp } from '../../../idp/index';
import { createIdpTransport } from '../auth/http-client';
import { createOktaClient } from '../auth/okta-client';
import { loadConfig } from '../config/okta-config';
import { createCapturingLogger, type LogEntry } from '../log/logger';
import { createTestCipher } from './cipher';
import { PENDING_REVOCATION_KEY, createRevocations, type RevocationSet } from './revocation';
import { createManualScheduler } from './scheduler';
import { createSealedStore } from './sealed-store';
import { createMemoryStore, type KeyValueStore } from './store';

const DAY_MS = 24 * 3600 * 1000;
const RETENTION_MS = 30 * DAY_MS;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly accept: string | undefined;
}

/** A store whose reads fail while `unreadable` is set (a file that cannot be opened now). */
function flakyStore(): KeyValueStore & { entries: Map<string, unknown>; unreadable: boolean } {
  const inner = createMemoryStore();
  const store = {
    entries: inner.entries,
    unreadable: false,
    get(key: string) {
      if (store.unreadable) throw new Error('EACCES');
      return inner.get(key);
    },
    set: inner.set,
    delete: inner.delete,
  };
  return store;
}

async function setup(options: { clock?: () => number } = {}) {
  const idp: RunningIdp = await startIdp();
  cleanup.push(() => idp.close());
  const config = loadConfig({ OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri });
  if (!config.ok) throw new Error('bad config');
  const sent: Sent[] = [];
  let held: Promise<void> | undefined;
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({ method: init?.method ?? 'GET', path: url.pathname, accept: headers['Accept'] });
    const wait = held;
    held = undefined;
    await wait;
    if (typeof init?.body === 'string' && unreachable.body?.test(init.body)) throw new TypeError('fetch failed');
    return fetch(input, init);
  };
  /** Requests whose body matches cannot reach the IdP (one connection failing, the others fine). */
  const unreachable: { body?: RegExp } = {};
  /** The next request waits (sent, not yet on the wire) until the returned function is called. */
  function holdNext(): () => void {
    let release!: () => void;
    held = new Promise((resolve) => (release = resolve));
    return release;
  }
  const transport = createIdpTransport(recordingFetch);
  const oktaAuth = createOktaClient(config.config, transport);
  const store = flakyStore();
  const cipher = createTestCipher();
  const log = createCapturingLogger();
  const scheduler = createManualScheduler();
  const time = { now: 1_800_000_000_000 };
  const clock = options.clock ?? (() => time.now);
  const sealed = createSealedStore(cipher, store, log);

  /** Live tokens of a fresh sign-in, from the emulator's token endpoint through the SDK. */
  async function signIn() {
    const signer = createOktaClient(config.ok ? config.config : (undefined as never), createIdpTransport(fetch));
    const tx = await signer.idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
    const tokens = tx.tokens!;
    return { refreshToken: tokens.refreshToken!.refreshToken, accessToken: tokens.accessToken!.accessToken, idToken: tokens.idToken!.idToken };
  }

  const launch = () => createRevocations(oktaAuth, transport, sealed, scheduler, clock, log);
  return {
    idp,
    sent,
    holdNext,
    unreachable,
    transport,
    store,
    sealed,
    log,
    scheduler,
    time,
    signIn,
    launch,
    /** What is kept in the store, decrypted. */
    async kept(): Promise<RevocationSet[] | undefined> {
      const read = await sealed.read(PENDING_REVOCATION_KEY, z.array(z.looseObject({ keepUntil: z.number() })));
      return read.kind === 'ok' ? (read.value as unknown as RevocationSet[]) : undefined;
    },
    /** Every endpoint drops the connection: to the client, exactly like a network outage. */
    offline(on: boolean) {
      for (const endpoint of IDP_ENDPOINTS) {
        if (on) idp.faults.set(endpoint, { kind: 'drop' });
        else idp.faults.clear(endpoint);
      }
    },
    revocationLog: (): LogEntry[] => log.entries.filter((e) => e.event.startsWith('session.revoke')),
  };
}

/** One macrotask turn: every microtask chain started before it (a nudge's retry up to its first request) has run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('revoking at sign-out', () => {
  it('revokes the refresh token, then the access token, then ends the Okta session with a GET asking for HTML', async () => {
    const s = await setup();
    const tokens = await s.signIn();
    const revocations = s.launch();
    await revocations.load();
    s.sent.length = 0;
    expect(await revocations.revoke(tokens)).toBe(true);
    expect(s.sent).toEqual([
      { method: 'POST', path: '/oauth2/default/v1/revoke', accept: 'application/json' },
      { method: 'POST', path: '/oauth2/default/v1/revoke', accept: 'application/json' },
      // The logout answers with a redirect to the sign-in page: that redirect is the answer.
      { method: 'GET', path: '/oauth2/default/v1/logout', accept: 'text/html' },
    ]);
    expect(s.idp.isTokenActive(tokens.refreshToken)).toBe(false);
    expect(s.idp.isTokenActive(tokens.accessToken)).toBe(false);
    expect(s.store.entries.has(PENDING_REVOCATION_KEY)).toBe(false);
    expect(s.scheduler.pending()).toEqual([]);
    expect(s.revocationLog()).toEqual([]);
  });

  it('sends nothing for a token the session does not have', async () => {
    const s = await setup();
    const { accessToken, idToken } = await s.signIn();
    const revocations = s.launch();
    s.sent.length = 0;
    expect(await revocations.revoke({ accessToken, idToken })).toBe(true);
    expect(s.sent.map((r) => r.path)).toEqual(['/oauth2/default/v1/revoke', '/oauth2/default/v1/logout']);
    expect(s.idp.counts()).toMatchObject({ revoke: 1, logout: 1 });
  });

  it('keeps the logout for later when the IdP fails it (5xx), after the two revocations it did', async () => {
    const s = await setup();
    const tokens = await s.signIn();
    const revocations = s.launch();
    s.idp.faults.set('logout', { kind: 'status', status: 503 });
    expect(await revocations.revoke(tokens)).toBe(false);
    expect(await s.kept()).toEqual([{ idToken: tokens.idToken, keepUntil: s.time.now + RETENTION_MS }]);
    expect(s.revocationLog()).toEqual([{ level: 'warn', event: 'session.revoke-deferred', fields: { step: 'idToken' } }]);
  });

  it('drops a step the IdP refuses (4xx) and goes on with the next, even after an earlier transport failure', async () => {
    const s = await setup();
    const tokens = await s.signIn();
    const revocations = s.launch();
    // A failure left over from an earlier request on the same transport must not make this
    // refusal look like an outage.
    await s.transport.httpRequestClient('GET', 'http://127.0.0.1:1/unreachable', {}).catch(() => undefined);
    s.idp.faults.set('revoke', { kind: 'status', status: 400, times: 1 });
    expect(await revocations.revoke(tokens)).toBe(true);
    expect(s.idp.counts()).toMatchObject({ revoke: 2, logout: 1 });
    expect(s.revocationLog()).toEqual([{ level: 'warn', event: 'session.revoke-refused', fields: { step: 'refreshToken', error: expect.any(String) } }]);
    expect(s.store.entries.has(PENDING_REVOCATION_KEY)).toBe(false);
  });

  it('keeps every set it could not finish, up to the 20 newest', async () => {
    const s = await setup();
    const revocations = s.launch();
    s.offline(true);
    for (let i = 0; i < 21; i++) {
      s.time.now += 1;
      expect(await revocations.revoke({ accessToken: `access-${i}` })).toBe(false);
    }
    const kept = await s.kept();
    expect(kept).toHaveLength(20);
    expect(kept![0]).toEqual({ accessToken: 'access-1', keepUntil: 1_800_000_000_002 + RETENTION_MS });
    expect(kept![19]).toMatchObject({ accessToken: 'access-20' });
  });
});

describe('retrying what was kept', () => {
  it('backs off 5 s, 10 s while the IdP stays unreachable, then revokes and starts again from 5 s', async () => {
    const s = await setup();
    const tokens = await s.signIn();
    const revocations = s.launch();
    s.offline(true);
    expect(await revocations.revoke(tokens)).toBe(false);
    expect(s.scheduler.pending()).toEqual([5_000]);
    await s.scheduler.runDue();
    expect(s.scheduler.pending()).toEqual([10_000]);
    expect(await s.kept()).toEqual([{ ...tokens, keepUntil: s.time.now + RETENTION_MS }]);
    expect(s.revocationLog().slice(-1)).toEqual([{ level: 'info', event: 'session.revoke-retried', fields: { left: 1 } }]);

    s.offline(false);
    await s.scheduler.runDue();
    expect(s.idp.isTokenActive(tokens.refreshToken)).toBe(false);
    expect(s.store.entries.has(PENDING_REVOCATION_KEY)).toBe(false);
    expect(s.scheduler.pending()).toEqual([]);
    expect(s.revocationLog().slice(-1)).toEqual([{ level: 'info', event: 'session.revoke-retried', fields: { left: 0 } }]);

    // A success resets the backoff: the next outage starts at 5 s again.
    s.offline(true);
    await revocations.revoke({ accessToken: 'another' });
    expect(s.scheduler.pending()).toEqual([5_000]);
  });

  it('stops at the first set it cannot reach: the others wait for the next retry, in their order', async () => {
    const s = await setup();
    const revocations = s.launch();
    s.offline(true);
    await revocations.revoke({ accessToken: 'first' });
    await revocations.revoke({ accessToken: 'second' });
    s.sent.length = 0;
    await s.scheduler.runDue();
    expect(s.sent.map((r) => r.path)).toEqual(['/oauth2/default/v1/revoke']);
    expect((await s.kept())!.map((set) => set.accessToken)).toEqual(['first', 'second']);
  });

  it('drops a set once its 30 days are up, without a request', async () => {
    const s = await setup();
    const revocations = s.launch();
    s.offline(true);
    await revocations.revoke({ accessToken: 'old' });
    s.offline(false);
    s.time.now += RETENTION_MS;
    s.sent.length = 0;
    await s.scheduler.runDue();
    expect(s.sent).toEqual([]);
    expect(s.store.entries.has(PENDING_REVOCATION_KEY)).toBe(false);
    expect(s.scheduler.pending()).toEqual([]);
  });

  it('keeps a set revoked while a retry runs', async () => {
    const s = await setup();
    const revocations = s.launch();
    s.offline(true);
    await revocations.revoke({ refreshToken: 'kept-refresh', accessToken: 'kept-access' });
    s.offline(false);
    // The retry's first request is held; meanwhile another sign-out's revocation cannot reach
    // the IdP (the SDK sends it between the retry's two requests) and is kept.
    const release = s.holdNext();
    s.sent.length = 0;
    const retry = s.scheduler.runDue();
    await waitFor(() => s.sent.length === 1);
    s.unreachable.body = /token=during/;
    const during = revocations.revoke({ accessToken: 'during' });
    release();
    expect(await during).toBe(false);
    await retry;
    expect(s.sent).toHaveLength(3);
    expect((await s.kept())!.map((set) => set.accessToken)).toEqual(['during']);
  });

  it('a retry that fails unexpectedly is logged, not left as an unhandled rejection', async () => {
    const broken = { on: false };
    const s = await setup({
      clock: () => {
        if (broken.on) throw new Error('clock unavailable');
        return 1_800_000_000_000;
      },
    });
    const revocations = s.launch();
    s.offline(true);
    await revocations.revoke({ accessToken: 'x' });
    broken.on = true;
    await s.scheduler.runDue();
    expect(s.revocationLog()).toContainEqual({ level: 'error', event: 'session.revoke-retry-failed', fields: { error: 'Error' } });
  });
});

/** Resolves once `condition` holds, looking after each macrotask turn (a request reaching the emulator). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await turn();
}

describe('a stored list that could not be read at launch', () => {
  it('is read again before anything is written over it, and merged first, to the 20 newest', async () => {
    const s = await setup();
    const stored = Array.from({ length: 20 }, (_, i) => ({ accessToken: `stored-${i}`, keepUntil: s.time.now + DAY_MS }));
    await s.sealed.write(PENDING_REVOCATION_KEY, stored);
    s.store.unreadable = true;
    const revocations = s.launch();
    await revocations.load();
    expect(s.scheduler.pending()).toEqual([]);
    s.store.unreadable = false;
    s.offline(true);
    expect(await revocations.revoke({ accessToken: 'new' })).toBe(false);
    expect((await s.kept())!.map((set) => set.accessToken)).toEqual([...stored.slice(1).map((set) => set.accessToken), 'new']);
  });

  it('stays unwritten while still unreadable; gone by the time it is read again: only this run is kept', async () => {
    const s = await setup();
    s.store.unreadable = true;
    const revocations = s.launch();
    await revocations.load();
    s.offline(true);
    expect(await revocations.revoke({ accessToken: 'new' })).toBe(false);
    expect(s.store.entries.has(PENDING_REVOCATION_KEY)).toBe(false);
    s.store.unreadable = false;
    await s.scheduler.runDue();
    expect((await s.kept())!.map((set) => set.accessToken)).toEqual(['new']);
  });

  it('is retried on a nudge once readable, though nothing else is pending', async () => {
    const s = await setup();
    const tokens = await s.signIn();
    await s.sealed.write(PENDING_REVOCATION_KEY, [{ ...tokens, keepUntil: s.time.now + DAY_MS }]);
    s.store.unreadable = true;
    const revocations = s.launch();
    await revocations.load();
    s.store.unreadable = false;
    revocations.nudge();
    await waitFor(() => s.revocationLog().some((e) => e.event === 'session.revoke-retried'));
    expect(s.idp.isTokenActive(tokens.refreshToken)).toBe(false);
    expect(s.store.entries.has(PENDING_REVOCATION_KEY)).toBe(false);
  });
});

describe('nudge and dispose', () => {
  it('a nudge retries at once what is pending', async () => {
    const s = await setup();
    const tokens = await s.signIn();
    const revocations = s.launch();
    s.offline(true);
    await revocations.revoke(tokens);
    s.offline(false);
    revocations.nudge();
    await waitFor(() => s.revocationLog().some((e) => e.event === 'session.revoke-retried'));
    expect(s.idp.isTokenActive(tokens.accessToken)).toBe(false);
    expect(s.store.entries.has(PENDING_REVOCATION_KEY)).toBe(false);
  });

  it('a nudge while a retry runs does not start a second one', async () => {
    const s = await setup();
    const revocations = s.launch();
    s.offline(true);
    await revocations.revoke({ accessToken: 'a' });
    s.offline(false);
    const release = s.holdNext();
    s.sent.length = 0;
    const retry = s.scheduler.runDue();
    await waitFor(() => s.sent.length === 1);
    revocations.nudge();
    await turn();
    expect(s.sent).toHaveLength(1);
    release();
    await retry;
    expect(s.sent).toHaveLength(1);
  });

  it('nothing happens on a nudge before load, with nothing pending, or after dispose', async () => {
    const s = await setup();
    await s.sealed.write(PENDING_REVOCATION_KEY, [{ accessToken: 'stored', keepUntil: s.time.now + DAY_MS }]);
    s.sent.length = 0;
    const unloaded = s.launch();
    unloaded.nudge();
    await turn();
    expect(s.sent).toEqual([]);

    const s2 = await setup();
    const idle = s2.launch();
    await idle.load();
    idle.nudge();
    await turn();
    expect(s2.sent).toEqual([]);

    const revocations = s.launch();
    s.offline(true);
    await revocations.revoke({ accessToken: 'a' });
    expect(s.scheduler.pending()).toEqual([5_000]);
    revocations.dispose();
    expect(s.scheduler.pending()).toEqual([]);
    s.offline(false);
    s.sent.length = 0;
    revocations.nudge();
    await turn();
    expect(s.sent).toEqual([]);
  });
});
