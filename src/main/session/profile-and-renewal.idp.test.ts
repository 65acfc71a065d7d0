/**
 * What a profile load and a renewal do to the signed-in view and the timers when the IdP fails
 * in each way (a server error is not "offline"; an unreachable IdP is, and is retried after 5 s),
 * that an unchanged profile is not written again, that a renewal whose new token the IdP then
 * rejects is not renewed twice, what a resume does while signed out or online and not due, and
 * that work finishing after dispose starts nothing. Time is a clock the test moves; timers run by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDP_ENDPOINTS } from '../../../idp/index';
import { CHANNELS, type AuthView } from '../../shared/contract';
import type { Cipher } from './cipher';
import { silentLogger } from '../log/logger';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';
import { createManualScheduler, type ManualScheduler } from './scheduler';
import { PROFILE_REFRESH_FAILED } from './session';
import { failureView } from '../auth/map-error';
import { MEMORY_ONLY_MESSAGE, VAULT_KEY, createTokenVault } from './vault';

const HOURS_2 = 2 * 3600 * 1000;

/**
 * The app's fetch, with `claims` over userinfo's answer while `on.userinfo` is set (the emulator
 * cannot change a user's profile after sign-in). The subject stays: the SDK refuses another one.
 */
function spoilingUserinfo(on: { userinfo: boolean }, claims: Record<string, unknown>) {
  return (inner: typeof fetch): typeof fetch =>
    async (input, init) => {
      const response = await inner(input, init);
      if (!on.userinfo || !String(input instanceof Request ? input.url : input).endsWith('/v1/userinfo')) return response;
      const real = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...real, ...claims, sub: real.sub }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
}

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Signed {
  h: AppHarness;
  scheduler: ManualScheduler;
  later: { ms: number };
  signedIn: AuthView;
}

async function signedIn(): Promise<Signed> {
  const scheduler = createManualScheduler();
  const later = { ms: 0 };
  h = await startHarness({ scheduler, clock: () => Date.now() + later.ms });
  const view = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
  expect(view).toMatchObject({ status: 'signed-in', storage: 'encrypted' });
  return { h, scheduler, later, signedIn: view };
}

function offline(harness: AppHarness, on: boolean): void {
  for (const endpoint of IDP_ENDPOINTS) {
    if (on) harness.idp.faults.set(endpoint, { kind: 'drop' });
    else harness.idp.faults.clear(endpoint);
  }
}

const backgroundFailures = (harness: AppHarness) => harness.log.entries.filter((e) => e.event === 'session.background-failed');

describe('profile refresh', () => {
  it('a server error keeps the session online: the last profile, a warning, only the renewal timer', async () => {
    const { h, scheduler, signedIn: view } = await signedIn();
    const timers = scheduler.pending();
    h.idp.faults.set('userinfo', { kind: 'status', status: 500, times: 1 });
    expect(await h.view(CHANNELS.refreshProfile)).toEqual({ ...view, messages: [PROFILE_REFRESH_FAILED] });
    expect(scheduler.pending()).toEqual(timers);
  });

  it('an unreachable IdP is offline, retried after 5 s instead of at the renewal', async () => {
    const { h, scheduler, signedIn: view } = await signedIn();
    offline(h, true);
    expect(await h.view(CHANNELS.refreshProfile)).toEqual({ ...view, offline: true, messages: [PROFILE_REFRESH_FAILED] });
    expect(scheduler.pending()).toEqual([5_000]);
  });

  it('an unchanged profile is not written to the vault again', async () => {
    const { h } = await signedIn();
    const before = h.snapshotStore();
    expect(await h.view(CHANNELS.refreshProfile)).toMatchObject({ status: 'signed-in', messages: [] });
    expect(h.snapshotStore()).toEqual(before);
  });

  it('a changed profile whose vault write ends after dispose starts no timer', async () => {
    const { h } = await signedIn();
    // A stale stored profile, so the next launch's refresh writes the vault.
    const vault = createTokenVault(h.cipher, h.store, silentLogger);
    const stored = (await vault.load()).session!;
    await vault.save({ ...stored, profile: { ...stored.profile, name: 'Old Name' } });
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let writing = () => {};
    const writeStarted = new Promise<void>((resolve) => (writing = resolve));
    const cipher: Cipher = { ...h.cipher, encrypt: async (plain) => (writing(), await gate, h.cipher.encrypt(plain)) };
    const scheduler = createManualScheduler();
    const next = await h.launch({ cipher, scheduler });
    expect(await next.state()).toMatchObject({ status: 'signed-in', profile: { name: 'Old Name' } });
    const refresh = next.call(CHANNELS.refreshProfile);
    await writeStarted;
    await next.app.dispose();
    open();
    await refresh;
    expect(scheduler.pending()).toEqual([]);
  });
});

describe('a userinfo answer that is not a profile', () => {
  it('(a claim longer than any name) fails the sign-in as an IdP error and keeps nothing', async () => {
    const scheduler = createManualScheduler();
    h = await startHarness({
      scheduler,
      idp: { users: [{ login: 'long@example.com', password: 'Long-name-pass1!', status: 'ACTIVE', profile: { name: 'x'.repeat(2000) }, factors: ['password'] }] },
    });
    expect(await h.view(CHANNELS.signIn, credentials('long@example.com', 'Long-name-pass1!'))).toEqual(failureView('idp-error'));
    expect(h.store.entries.has(VAULT_KEY)).toBe(false);
    // No session is left behind either: a resume finds nothing to renew.
    await h.app.handleSystemResume();
    expect(scheduler.pending()).toEqual([]);
  });

  it('(on a profile refresh) keeps the session with the last profile and a warning, renewing nothing', async () => {
    const spoil = { userinfo: false };
    const scheduler = createManualScheduler();
    h = await startHarness({ scheduler, wrapFetch: spoilingUserinfo(spoil, { name: 'x'.repeat(2000) }) });
    const view = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    const timers = scheduler.pending();
    h.idp.resetCounts();
    spoil.userinfo = true;
    expect(await h.view(CHANNELS.refreshProfile)).toEqual({ ...view, messages: [PROFILE_REFRESH_FAILED] });
    expect(h.idp.counts()).toMatchObject({ userinfo: 1, token: 0 });
    expect(scheduler.pending()).toEqual(timers);
  });

  it('a changed profile of a memory-only session does not try the vault again', async () => {
    const rename = { userinfo: false };
    h = await startHarness({ encryption: false, wrapFetch: spoilingUserinfo(rename, { name: 'Alice Renamed' }) });
    const view = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(view).toMatchObject({ status: 'signed-in', storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] });
    if (view.status !== 'signed-in') throw new Error('not signed in');
    const logged = h.log.entries.length;
    rename.userinfo = true;
    expect(await h.view(CHANNELS.refreshProfile)).toEqual({ ...view, profile: { ...view.profile, name: 'Alice Renamed' } });
    expect(h.log.entries.slice(logged).map((e) => e.event)).not.toContain('vault.memory-only');
  });
});

describe('renewal', () => {
  it('a token endpoint error at renewal is not offline: the session stays, with a warning, retried after 5 s', async () => {
    const { h, scheduler, later, signedIn: view } = await signedIn();
    later.ms = HOURS_2;
    h.idp.faults.set('token', { kind: 'status', status: 500, times: 1 });
    await scheduler.runDue();
    expect(h.events.at(-1)).toEqual(view);
    expect(await h.view(CHANNELS.getState)).toEqual(view);
    expect(scheduler.pending()).toEqual([5_000]);
  });

  it('a fresh token the IdP rejects at once is not renewed a second time; the view says the profile is stale', async () => {
    const { h, later, signedIn: view } = await signedIn();
    later.ms = HOURS_2;
    h.idp.resetCounts();
    h.idp.faults.set('userinfo', { kind: 'status', status: 401, times: 1 });
    expect(await h.view(CHANNELS.refreshProfile)).toEqual({ ...(await h.withStoredExpiry(view)), messages: [PROFILE_REFRESH_FAILED] });
    expect(h.idp.counts().token).toBe(1);
  });

  it('a renewal whose answer comes after dispose changes nothing and fails nothing', async () => {
    const { h, scheduler, later } = await signedIn();
    later.ms = HOURS_2;
    h.idp.faults.set('token', { kind: 'latency', ms: 120_000, times: 1 });
    const seen = h.idp.counts().token;
    const renewal = scheduler.runDue();
    while (h.idp.counts().token === seen) await new Promise((resolve) => setImmediate(resolve));
    const events = h.events.length;
    await h.app.dispose();
    h.idp.faults.release();
    await renewal;
    expect(h.events).toHaveLength(events);
    expect(backgroundFailures(h)).toEqual([]);
    expect(scheduler.pending()).toEqual([]);
  });
});

describe('resume', () => {
  it('while signed out does nothing and fails nothing', async () => {
    h = await startHarness();
    h.idp.resetCounts();
    await h.app.handleSystemResume();
    expect(Object.values(h.idp.counts()).reduce((a, b) => a + b, 0)).toBe(0);
    expect(backgroundFailures(h)).toEqual([]);
  });

  it('while online and not due asks the IdP nothing and sets the renewal timer again', async () => {
    const { h, scheduler } = await signedIn();
    h.idp.resetCounts();
    await h.app.handleSystemResume();
    expect(Object.values(h.idp.counts()).reduce((a, b) => a + b, 0)).toBe(0);
    // One timer, about an hour away (the token's life less the margin, from the real clock).
    expect(scheduler.pending()).toHaveLength(1);
    expect(scheduler.pending()[0]).toBeGreaterThan(3_000_000);
  });
});
