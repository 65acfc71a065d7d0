/**
 * authorizedFetch and the getTasks bridge method against the emulator and its demo API, over real
 * HTTP with the real okta-auth-js: the token goes with the request and never to the renderer; a
 * token revoked at the IdP is renewed once and the request retried once; a refused refresh signs
 * out; an expired token is renewed before the call, through the session's one renewal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../../shared/i18n/text';
import { DEMO_TASKS } from '../../../idp/resource-server/index';
import { CHANNELS } from '../../shared/contract';
import { createManualScheduler } from '../session/scheduler';
import { PROFILE_REFRESH_FAILED, SESSION_ENDED } from '../session/session';
import { inEnglish } from '../testing/in-english';
import { credentials, holdNext, startHarness, type AppHarness } from '../testing/idp-harness';

const ALICE_TASKS = { status: 'loaded', owner: 'alice@example.com', tasks: DEMO_TASKS['alice@example.com'] };

let h: AppHarness;
afterEach(() => h.close());

async function signedIn(options: Parameters<typeof startHarness>[0] = {}): Promise<AppHarness> {
  h = await startHarness({ api: true, ...options });
  expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
  h.idp.resetCounts();
  return h;
}

/** Lets every step that needs no I/O run (the app's way from a call to the session). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function revoke(token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
  const body = new URLSearchParams({ client_id: h.idp.clientId, token, token_type_hint: hint });
  const res = await fetch(`${h.idp.issuer}/v1/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  expect(res.status).toBe(200);
}

describe('getTasks through authorizedFetch', () => {
  it('reads the signed-in user\'s tasks with the access token, with no request to the IdP', async () => {
    await signedIn();
    expect(await h.tasks()).toEqual({ ok: true, value: ALICE_TASKS });
    expect(h.idp.api!.statuses()).toEqual([200]);
    expect(h.idp.counts().token).toBe(0);
  });

  it('on a 401 (token revoked at the IdP) renews once and retries once: new tokens stored, the view stays signed in', async () => {
    await signedIn();
    const before = (await h.storedTokens())!;
    await revoke(before.accessToken, 'access_token');
    expect(await h.tasks()).toEqual({ ok: true, value: ALICE_TASKS });
    expect(h.idp.api!.statuses()).toEqual([401, 200]);
    expect(h.idp.counts().token).toBe(1);
    const after = (await h.storedTokens())!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(await h.state()).toMatchObject({ status: 'signed-in', profile: { email: 'alice@example.com' } });
  });

  it('two calls that meet the same 401 share one renewal', async () => {
    await signedIn();
    await revoke((await h.storedTokens())!.accessToken, 'access_token');
    const events = h.events.length;
    const [a, b] = await Promise.all([h.tasks(), h.tasks()]);
    expect([a, b]).toEqual([{ ok: true, value: ALICE_TASKS }, { ok: true, value: ALICE_TASKS }]);
    expect(h.idp.counts().token).toBe(1);
    expect(h.idp.api!.statuses().filter((s) => s === 200)).toHaveLength(2);
    // Both calls are told of the one renewal; the renderer hears of it at most once (not at all
    // when the new token expires in the same second as the old, as the view is then the same).
    expect(h.events.length - events).toBeLessThanOrEqual(1);
  });

  it('when the refresh is refused too (session revoked), signs out with a message: no crash, no second API call', async () => {
    await signedIn();
    // Revoking the refresh token revokes the access tokens minted with it.
    await revoke((await h.storedTokens())!.refreshToken!, 'refresh_token');
    expect(await h.tasks()).toEqual({ ok: true, value: { status: 'signed-out' } });
    expect(h.idp.api!.statuses()).toEqual([401]);
    expect(h.events.at(-1)).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(await h.state()).toEqual({ status: 'signed-out', messages: [SESSION_ENDED] });
    expect(await h.storedTokens()).toBeUndefined();
    // Signed out, the method is refused rather than run.
    expect(inEnglish(await h.tasks())).toEqual({ ok: false, error: { code: 'wrong-state', message: 'You cannot load your tasks while not signed in right now.' } });
  });

  it('renews an expired access token before the call (no 401 on the wire)', async () => {
    const offset = { ms: 0 };
    await signedIn({ clock: () => Date.now() + offset.ms });
    offset.ms = 2 * 3600_000;
    expect(await h.tasks()).toEqual({ ok: true, value: ALICE_TASKS });
    expect(h.idp.api!.statuses()).toEqual([200]);
    expect(h.idp.counts().token).toBe(1);
  });

  it('a renewal on the way that brings the session back online shows it: the offline notice goes', async () => {
    const offset = { ms: 0 };
    await signedIn({ clock: () => Date.now() + offset.ms, scheduler: createManualScheduler() });
    const online = await h.state();
    h.idp.faults.set('userinfo', { kind: 'drop', times: 1 });
    expect(await h.view(CHANNELS.refreshProfile)).toEqual({ ...online, offline: true, messages: [PROFILE_REFRESH_FAILED] });
    offset.ms = 2 * 3600_000;
    const events = h.events.length;
    expect(await h.tasks()).toEqual({ ok: true, value: ALICE_TASKS });
    const renewed = await h.withStoredExpiry(online);
    expect(h.events.slice(events)).toEqual([renewed]);
    expect(await h.state()).toEqual(renewed);
  });

  it('a 401 that arrives after the person signed out answers signed out and shows nothing more', async () => {
    const gate: { open?: () => void; held?: () => void } = {};
    const held = new Promise<void>((resolve) => (gate.held = resolve));
    const opened = new Promise<void>((resolve) => (gate.open = resolve));
    await signedIn({
      wrapFetch: (inner) => async (input, init) => {
        if (new URL(String(input instanceof Request ? input.url : input)).pathname === '/api/tasks') {
          gate.held!();
          await opened;
        }
        return inner(input, init);
      },
    });
    const tasks = h.tasks();
    await held;
    // Sign-out revokes the token the held request carries: the API answers it 401.
    expect(await h.view(CHANNELS.signOut)).toMatchObject({ status: 'signed-out' });
    const events = h.events.length;
    gate.open!();
    expect(await tasks).toEqual({ ok: true, value: { status: 'signed-out' } });
    expect(h.idp.api!.statuses()).toEqual([401]);
    expect(h.idp.counts().token).toBe(0);
    expect(h.events.slice(events)).toEqual([]);
  });

  it('a renewal that cannot reach the IdP keeps the session, offline, and says the API could not be reached', async () => {
    await signedIn();
    await revoke((await h.storedTokens())!.accessToken, 'access_token');
    h.idp.faults.set('token', { kind: 'drop', times: 1 });
    expect(inEnglish(await h.tasks())).toEqual({
      ok: true,
      value: { status: 'failed', code: 'network', message: 'The API could not be reached. Check your connection and try again.' },
    });
    expect(h.idp.api!.statuses()).toEqual([401]);
    expect(await h.state()).toMatchObject({ status: 'signed-in', offline: true });
  });

  it('maps the API\'s own failures to fixed sentences: busy with its Retry-After, an error', async () => {
    await signedIn();
    h.idp.api!.failNext(429);
    expect(inEnglish(await h.tasks())).toEqual({
      ok: true,
      value: { status: 'failed', code: 'rate-limited', message: 'The API is busy right now. Please wait a moment and try again.', retryAfterSeconds: 7 },
    });
    h.idp.api!.failNext(503);
    expect(inEnglish(await h.tasks())).toEqual({ ok: true, value: { status: 'failed', code: 'idp-error', message: 'The API returned an error. Please try again.' } });
    expect(await h.tasks()).toEqual({ ok: true, value: ALICE_TASKS });
  });

  it('a token without the API\'s scope is a configuration problem, not a sign-out', async () => {
    h = await startHarness({ api: true });
    const app = await h.launch({ config: { ...h.config, ...(h.config.ok ? { config: { ...h.config.config, scopes: ['openid', 'profile', 'email', 'offline_access'] } } : {}) } });
    expect(await app.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
    expect(inEnglish(await app.tasks())).toEqual({
      ok: true,
      value: { status: 'failed', code: 'configuration', message: 'The API does not accept this app’s sign-in. Contact your administrator.' },
    });
    expect(h.idp.api!.statuses()).toEqual([403]);
  });

  it('a due token is renewed for the call even while a profile load is in flight, not handed that load\'s answer', async () => {
    const offset = { ms: 0 };
    await signedIn({ clock: () => Date.now() + offset.ms });
    const view = await h.state();
    let refresh: Promise<unknown> | undefined;
    // Not due yet: a profile load only, held at the emulator.
    await holdNext(h, 'userinfo', () => (refresh = h.call(CHANNELS.refreshProfile)));
    offset.ms = 2 * 3600_000;
    const tasks = h.tasks();
    await settle();
    h.idp.faults.release();
    expect(await tasks).toEqual({ ok: true, value: ALICE_TASKS });
    expect(h.idp.counts().token).toBe(1);
    expect(h.idp.api!.statuses()).toEqual([200]);
    expect(await refresh).toEqual({ ok: true, value: view });
  });

  it('a call while sign-out revokes (the session already gone) changes nothing on screen: the sign-out\'s view is the last', async () => {
    await signedIn();
    let signingOut: Promise<unknown> | undefined;
    await holdNext(h, 'revoke', () => (signingOut = h.call(CHANNELS.signOut)));
    const shown = h.events.length;
    expect(await h.tasks()).toEqual({ ok: true, value: { status: 'signed-out' } });
    expect(h.events.slice(shown)).toEqual([]);
    h.idp.faults.release();
    expect(await signingOut).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    expect(h.events.slice(shown)).toEqual([{ status: 'signed-out', messages: [] }]);
    expect(h.idp.api!.statuses()).toEqual([]);
  });

  it('without OKTA_API_URL there is nothing to call', async () => {
    h = await startHarness();
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(await h.tasks()).toEqual({ ok: true, value: { status: 'not-configured' } });
    expect(h.idp.api!.statuses()).toEqual([]);
  });

  it('an API that does not answer is given up after the app\'s request timeout, not the default', async () => {
    // A number of ms applies to the API too (a function of the URL is for the IdP's requests only).
    const hanging = (inner: typeof fetch): typeof fetch =>
      ((url: string, init: RequestInit) =>
        String(url).startsWith(h.idp.api!.origin)
          ? new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
          : inner(url, init)) as typeof fetch;
    await signedIn({ requestTimeoutMs: 2_000, wrapFetch: hanging });
    // Well short of the default (15 s): only the app's own 2 s can have ended it.
    const fence = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 12_000).unref());
    expect(await Promise.race([h.tasks(), fence])).toEqual({ ok: true, value: { status: 'failed', code: 'network', message: message('api.failure.timeout') } });
  });
});

