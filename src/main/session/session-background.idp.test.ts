/**
 * The session's background work against the emulator: answers that arrive after the app was
 * disposed (a renewal, a profile load, a renewal at launch) change and fail nothing; retries
 * while offline stay quiet until the reconnect, which is announced; kept revocations are retried
 * on resume and after a profile load; an unexpected failure in the background is logged. Requests
 * that must arrive late are held by a latency fault and released by hand; timers run by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDP_ENDPOINTS } from '../../../idp/index';
import { CHANNELS } from '../../shared/contract';
import type { Cipher } from './cipher';
import { credentials, holdNext, startHarness, type AppHarness } from '../testing/idp-harness';
import { PENDING_REVOCATION_KEY } from './revocation';
import { createManualScheduler } from './scheduler';
import { PROFILE_REFRESH_FAILED } from './session';
import { VAULT_KEY } from './vault';

const HOURS_2 = 2 * 3600 * 1000;

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function signedIn(options: { clock?: () => number } = {}) {
  const scheduler = createManualScheduler();
  const later = { ms: 0 };
  h = await startHarness({ scheduler, clock: options.clock ?? (() => Date.now() + later.ms) });
  const view = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
  expect(view).toMatchObject({ status: 'signed-in', storage: 'encrypted' });
  return { h, scheduler, later, view };
}

function offline(harness: AppHarness, on: boolean): void {
  for (const endpoint of IDP_ENDPOINTS) {
    if (on) harness.idp.faults.set(endpoint, { kind: 'drop' });
    else harness.idp.faults.clear(endpoint);
  }
}

const eventsNamed = (harness: AppHarness, pattern: RegExp) => harness.log.entries.filter((e) => pattern.test(e.event));

describe('answers after dispose', () => {
  it('a renewal answered after dispose stores nothing, logs no refresh and fails nothing', async () => {
    const { h, scheduler, later } = await signedIn();
    later.ms = HOURS_2;
    let renewal: Promise<void> | undefined;
    await holdNext(h, 'token', () => (renewal = scheduler.runDue()));
    const stored = h.snapshotStore();
    const logged = h.log.entries.length;
    await h.app.dispose();
    h.idp.faults.release();
    await renewal;
    expect(h.snapshotStore()).toEqual(stored);
    expect(h.log.entries.slice(logged)).toEqual([]);
    expect(scheduler.pending()).toEqual([]);
  });

  it('a due refresh whose renewal is answered after dispose answers signed out', async () => {
    const { h, scheduler, later } = await signedIn();
    later.ms = HOURS_2;
    let refresh: Promise<unknown> | undefined;
    await holdNext(h, 'token', () => (refresh = h.call(CHANNELS.refreshProfile)));
    await h.app.dispose();
    h.idp.faults.release();
    expect(await refresh).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    expect(scheduler.pending()).toEqual([]);
  });

  it('a profile load answered after dispose starts no timer', async () => {
    const { h, scheduler } = await signedIn();
    let refresh: Promise<unknown> | undefined;
    await holdNext(h, 'userinfo', () => (refresh = h.call(CHANNELS.refreshProfile)));
    await h.app.dispose();
    h.idp.faults.release();
    expect(await refresh).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    expect(scheduler.pending()).toEqual([]);
  });

  it('a due refresh whose profile load is answered after dispose answers with the renewed session', async () => {
    const { h, scheduler, later, view } = await signedIn();
    later.ms = HOURS_2;
    let refresh: Promise<unknown> | undefined;
    await holdNext(h, 'userinfo', () => (refresh = h.call(CHANNELS.refreshProfile)));
    expect(h.idp.counts().token).toBe(2);
    await h.app.dispose();
    h.idp.faults.release();
    expect(await refresh).toEqual({ ok: true, value: await h.withStoredExpiry(view) });
    expect(scheduler.pending()).toEqual([]);
  });

  it('a renewal at launch whose vault write ends after dispose keeps nothing of it and loads no profile', async () => {
    const { h } = await signedIn();
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let writing = () => {};
    const writeStarted = new Promise<void>((resolve) => (writing = resolve));
    const cipher: Cipher = { ...h.cipher, encrypt: async (plain) => (writing(), await gate, h.cipher.encrypt(plain)) };
    const next = await h.launch({ cipher, log: h.log, scheduler: createManualScheduler(), clock: () => Date.now() + HOURS_2 });
    await writeStarted;
    await next.app.dispose();
    h.idp.resetCounts();
    open();
    expect(await next.state()).toEqual({ status: 'signed-out', messages: [] });
    expect(eventsNamed(h, /^session\.refreshed$/)).toEqual([]);
    expect(h.idp.counts().userinfo).toBe(0);
  });

  it('a renewal at launch answered after dispose leaves the launch signed out, without an error', async () => {
    const { h } = await signedIn();
    const scheduler = createManualScheduler();
    let next: Awaited<ReturnType<AppHarness['launch']>> | undefined;
    await holdNext(h, 'token', async () => (next = await h.launch({ log: h.log, scheduler, clock: () => Date.now() + HOURS_2 })));
    await next!.app.dispose();
    h.idp.faults.release();
    expect(await next!.state()).toEqual({ status: 'signed-out', messages: [] });
    expect(eventsNamed(h, /failed$/)).toEqual([]);
  });
});

describe('offline', () => {
  it('retries while offline are quiet; the reconnect is announced', async () => {
    const { h, scheduler, view } = await signedIn();
    offline(h, true);
    expect(await h.view(CHANNELS.refreshProfile)).toEqual({ ...view, offline: true, messages: [PROFILE_REFRESH_FAILED] });
    const events = h.events.length;
    await scheduler.runDue();
    expect(h.events).toHaveLength(events);
    offline(h, false);
    await scheduler.runDue();
    expect(h.events.slice(events)).toEqual([view]);
  });
});

describe('revocations kept from an earlier session', () => {
  /** Signed out while the revoke endpoint failed, then signed in again while it still failed once. */
  async function keptAndSignedInAgain() {
    const s = await signedIn();
    s.h.idp.faults.set('revoke', { kind: 'status', status: 503 });
    await s.h.view(CHANNELS.signOut);
    expect(s.h.store.entries.has(PENDING_REVOCATION_KEY)).toBe(true);
    await s.h.view(CHANNELS.signIn, credentials('alice@example.com'));
    // The sign-in's own retry (after its profile load) failed too; the endpoint answers again now.
    await waitFor(() => eventsNamed(s.h, /^session\.revoke-retried$/).length === 1);
    s.h.idp.faults.clear('revoke');
    return s;
  }

  it('are retried after a profile load', async () => {
    const { h } = await keptAndSignedInAgain();
    await h.view(CHANNELS.refreshProfile);
    await waitFor(() => !h.store.entries.has(PENDING_REVOCATION_KEY));
    expect(eventsNamed(h, /^session\.revoke-retried$/).at(-1)?.fields).toEqual({ left: 0 });
  });

  it('are retried on resume', async () => {
    const { h } = await keptAndSignedInAgain();
    await h.app.handleSystemResume();
    await waitFor(() => !h.store.entries.has(PENDING_REVOCATION_KEY));
    expect(h.store.entries.has(VAULT_KEY)).toBe(true);
  });
});

describe('an unexpected failure in the background', () => {
  it('is logged, not left as an unhandled rejection', async () => {
    const broken = { on: false };
    const { h, scheduler } = await signedIn({
      clock: () => {
        if (broken.on) throw new Error('clock unavailable');
        return Date.now();
      },
    });
    broken.on = true;
    await scheduler.runDue();
    expect(eventsNamed(h, /^session\.background-failed$/)).toEqual([{ level: 'error', event: 'session.background-failed', fields: { error: 'Error' } }]);
  });
});

/** Resolves once `condition` holds, looking after each macrotask turn (a background retry finishing). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
