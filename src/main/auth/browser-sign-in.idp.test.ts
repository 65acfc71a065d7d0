/**
 * Sign-in in the system browser through the whole app against the emulator: the authorize URL
 * main builds, the hosted page (played over HTTP by src/main/testing/browser-driver.ts), the
 * loopback listener or a private-use redirect, the code exchange, and the same session path as an
 * embedded sign-in. Every way it can fail ends signed out with a clear message and nothing stored.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJwt } from 'jose';
import { CHANNELS, type AuthView } from '../../shared/contract';
import { assertion } from '../../../idp/test/security-key';
import { createManualScheduler } from '../session/scheduler';
import { accepts, openHostedPage, postHostedForm, recordingOpener, returnToApp, signInOnHostedPage } from '../testing/browser-driver';
import { credentials, startHarness, type AppHarness, type HarnessOptions } from '../testing/idp-harness';
import { BROWSER_MESSAGES } from './browser-sign-in';
import { UNSUPPORTED_MESSAGE } from './sign-in-flow';
import { inEnglish } from '../testing/in-english';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}) {
  const opener = recordingOpener();
  const onBrowserReturn = vi.fn();
  h = await startHarness({ ...options, app: { openExternal: opener.open, onBrowserReturn, ...options.app } });
  return { h, opener, onBrowserReturn };
}

/** The next view main pushes that satisfies `test`. */
async function pushed(harness: AppHarness, test: (view: AuthView) => boolean): Promise<AuthView> {
  await vi.waitFor(() => expect(harness.events.some(test)).toBe(true), { timeout: 5000, interval: 10 });
  return harness.events.filter(test).at(-1)!;
}

const signedIn = (v: AuthView) => v.status === 'signed-in';
const signedOut = (v: AuthView) => v.status === 'signed-out';


describe('the browser sign-in', () => {
  it("opens the org's authorize URL with code, PKCE S256, state, nonce and the loopback redirect; the renderer sees none of it", async () => {
    const { h, opener } = await start();
    expect(await h.view(CHANNELS.signInWithBrowser, {})).toEqual({ status: 'browser', messages: [] });
    const url = new URL(opener.opened[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${h.idp.issuer}/v1/authorize`);
    const p = Object.fromEntries(url.searchParams);
    expect(p).toMatchObject({ client_id: h.idp.clientId, response_type: 'code', scope: 'openid profile email offline_access', code_challenge_method: 'S256' });
    expect(p.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(p.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.idp).toBeUndefined();
    expect(await accepts(p.redirect_uri!)).toBe(true);
    const seen = JSON.stringify([h.results, h.events]);
    for (const secret of [p.state!, p.nonce!, p.code_challenge!, p.redirect_uri!]) expect(seen).not.toContain(secret);

    // A second start replaces the first: its listener is closed.
    await h.view(CHANNELS.signInWithBrowser, { idp: '0oaEmulatorPartner01' });
    expect(new URL(opener.opened[1]!).searchParams.get('idp')).toBe('0oaEmulatorPartner01');
    expect(await accepts(p.redirect_uri!)).toBe(false);
  });

  it('signs in through the hosted page: tokens in the vault, profile loaded, the window brought to the front', async () => {
    const { h, opener, onBrowserReturn } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const url = opener.opened[0]!;
    const redirect = await signInOnHostedPage(url, 'alice@example.com');
    const back = await returnToApp(redirect);
    expect(await back.text()).toContain('You can close this tab.');
    const view = await pushed(h, signedIn);
    expect(view).toMatchObject({ status: 'signed-in', storage: 'encrypted', messages: [], profile: { email: 'alice@example.com', name: 'Alice Example' } });
    expect(await h.state()).toEqual(view);
    const stored = await h.storedTokens();
    expect(stored?.refreshToken).toBeTruthy();
    expect(decodeJwt(stored!.idToken).nonce).toBe(new URL(url).searchParams.get('nonce'));
    expect(onBrowserReturn).toHaveBeenCalledTimes(1);
    // Neither the code, the state, the nonce nor a token is in any log line.
    const logged = JSON.stringify(h.log.entries);
    const secrets = [new URL(redirect).searchParams.get('code')!, ...['state', 'nonce', 'code_challenge'].map((k) => new URL(url).searchParams.get(k)!), stored!.accessToken, stored!.idToken];
    for (const secret of secrets) expect(logged).not.toContain(secret);
    expect(await accepts(new URL(url).searchParams.get('redirect_uri')!)).toBe(false);
    // Same session as an embedded sign-in: sign-out revokes and clears it.
    expect(await h.view(CHANNELS.signOut)).toEqual({ status: 'signed-out', messages: [] });
    expect(await h.storedTokens()).toBeUndefined();
  });

  it('a WebAuthn-only user: the window offers the browser (the embedded sign-in is ended at the org), and the security key there signs in', async () => {
    const { h, opener } = await start();
    expect(await h.view(CHANNELS.signIn, credentials('webauthn-only@example.com'))).toEqual({ status: 'unsupported', messages: [UNSUPPORTED_MESSAGE] });
    h.idp.resetCounts();
    await h.view(CHANNELS.signInWithBrowser, {});
    expect(h.idp.counts().cancel).toBe(1);

    const page = await openHostedPage(opener.opened[0]!);
    const choose = await postHostedForm(page, { _intent: 'remediation:identify', identifier: 'webauthn-only@example.com', 'credentials.passcode': 'Password123!' });
    const id = /name="authenticator\.id" value="([^"]+)"/.exec(choose.html!)![1]!;
    const keyPage = await postHostedForm(page, { _intent: 'remediation:select-authenticator-authenticate', 'authenticator.id': id, 'authenticator.methodType': 'webauthn' });
    const { challenge } = JSON.parse(/data-options="([^"]+)"/.exec(keyPage.html!)![1]!.replaceAll('&quot;', '"')) as { challenge: string };
    const signed = assertion(challenge, new URL(page).origin, { counter: 1 });
    const done = await postHostedForm(page, { _intent: 'remediation:challenge-authenticator', 'credentials.clientData': signed.clientData, 'credentials.authenticatorData': signed.authenticatorData, 'credentials.signatureData': signed.signatureData });
    await returnToApp(done.redirect!);
    expect(await pushed(h, signedIn)).toMatchObject({ profile: { email: 'webauthn-only@example.com' } });
  });

  it('cancelled in the browser (access_denied): signed out, says so, nothing stored', async () => {
    const { h, opener } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const page = await openHostedPage(opener.opened[0]!);
    const { redirect } = await postHostedForm(page, { _intent: 'cancel' });
    await returnToApp(redirect!);
    expect(inEnglish(await pushed(h, signedOut))).toEqual({
      status: 'signed-out',
      messages: [{ level: 'warning', text: 'The sign-in in your browser did not finish. Your organization said: “The user cancelled the sign-in.”' }],
    });
    expect(h.store.entries.size).toBe(0);
  });

  it('an answer with another state: signed out, nothing exchanged or stored, listener closed', async () => {
    const { h, opener } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const redirectUri = new URL(opener.opened[0]!).searchParams.get('redirect_uri')!;
    h.idp.resetCounts();
    const res = await fetch(`${redirectUri}?code=stolen&state=forged`);
    expect(await res.text()).toContain('not the one the app is waiting for');
    expect(await pushed(h, signedOut)).toEqual({ status: 'signed-out', messages: [BROWSER_MESSAGES.foreign] });
    expect(h.idp.counts().token).toBe(0);
    expect(h.store.entries.size).toBe(0);
    expect(await accepts(redirectUri)).toBe(false);
  });

  it('no answer in time: signed out with the timeout message, listener closed', async () => {
    const scheduler = createManualScheduler();
    const { h, opener } = await start({ scheduler, app: { browserTimeoutMs: 90_000 } });
    await h.view(CHANNELS.signInWithBrowser, {});
    expect(scheduler.pending()).toContain(90_000);
    await scheduler.runDue();
    expect(await pushed(h, signedOut)).toEqual({ status: 'signed-out', messages: [BROWSER_MESSAGES.timeout] });
    expect(await accepts(new URL(opener.opened[0]!).searchParams.get('redirect_uri')!)).toBe(false);
  });

  it("an id_token with another sign-in's nonce is refused: invalid-token, nothing stored", async () => {
    const { h, opener } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    h.idp.faults.set('token', { kind: 'bad-id-token', variant: 'nonce-mismatch' });
    await returnToApp(await signInOnHostedPage(opener.opened[0]!, 'alice@example.com'));
    expect(await pushed(h, (v) => v.status === 'failure')).toMatchObject({ status: 'failure', code: 'invalid-token' });
    expect(h.store.entries.size).toBe(0);
    expect(h.log.entries.filter((entry) => entry.event === 'browser-sign-in.id-token-refused').map((entry) => entry.fields)).toEqual([{ reason: 'nonce' }]);
  });

  it('cancel while waiting: signed out, listener closed, a late answer signs nobody in', async () => {
    const { h, opener } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const url = opener.opened[0]!;
    const redirect = await signInOnHostedPage(url, 'alice@example.com');
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    await expect(returnToApp(redirect)).rejects.toThrow();
    expect(await h.state()).toEqual({ status: 'signed-out', messages: [] });
    expect(h.store.entries.size).toBe(0);
  });

  // Forgot password, Unlock account and Sign up start a transaction of their own: a browser sign-in
  // left waiting must not sign the person in halfway through it.
  for (const [method, payload] of [
    [CHANNELS.recoverPassword, { username: 'alice@example.com' }],
    [CHANNELS.unlockAccount, { username: 'locked@example.com' }],
    [CHANNELS.register, undefined],
  ] as const) {
    it(`${method} ends the browser sign-in waiting: its listener closed, a late answer signs nobody in`, async () => {
      const { h, opener } = await start();
      await h.view(CHANNELS.signInWithBrowser, {});
      const redirect = await signInOnHostedPage(opener.opened[0]!, 'alice@example.com');
      const selfService = await h.view(method, payload);
      expect(selfService.status).toBe('pending');
      await expect(returnToApp(redirect)).rejects.toThrow();
      expect(await h.state()).toEqual(selfService);
      expect(h.events.some(signedIn)).toBe(false);
      expect(h.store.entries.size).toBe(0);
      expect(h.idp.counts().token).toBe(0);
    });
  }

  it('a port in use: signed out with a message, nothing opened', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
    try {
      const { h, opener } = await start({ app: { loopbackPort: (blocker.address() as AddressInfo).port } });
      expect(await h.view(CHANNELS.signInWithBrowser, {})).toEqual({ status: 'signed-out', messages: [BROWSER_MESSAGES.listener] });
      expect(opener.opened).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('reopens the same page when asked; says so when the browser cannot be opened', async () => {
    let fail = true;
    const opened: string[] = [];
    h = await startHarness({ app: { openExternal: async (url) => (opened.push(url), fail ? Promise.reject(new Error('no browser')) : undefined) } });
    expect((await h.call(CHANNELS.reopenBrowser)).ok).toBe(false);
    expect(await h.view(CHANNELS.signInWithBrowser, {})).toEqual({ status: 'browser', messages: [BROWSER_MESSAGES.notOpened] });
    fail = false;
    expect(await h.view(CHANNELS.reopenBrowser)).toEqual({ status: 'browser', messages: [] });
    expect(opened).toHaveLength(2);
    expect(opened[1]).toBe(opened[0]);
  });

  it('refuses an idp that is not an id, and a browser sign-in while signed in', async () => {
    const { h } = await start();
    expect(await h.call(CHANNELS.signInWithBrowser, { idp: 'x y' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await h.call(CHANNELS.signInWithBrowser, { other: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(await h.call(CHANNELS.signInWithBrowser, {})).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
  });
});

describe("the org's identity provider", () => {
  it('an org with one still signs in embedded; signInWithBrowser({ idp }) goes straight to it and comes back signed in', async () => {
    const { h, opener } = await start({ idp: { identityProvider: true } });
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
    await h.view(CHANNELS.signOut);
    await h.view(CHANNELS.signInWithBrowser, { idp: '0oaEmulatorPartner01' });
    const partner = new URL((await fetch(opener.opened[0]!, { redirect: 'manual' })).headers.get('location')!);
    expect(partner.pathname).toBe('/stand-in-idp/0oaEmulatorPartner01/authorize');
    const chosen = await fetch(partner, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: partner.searchParams.get('state')!, redirect_uri: partner.searchParams.get('redirect_uri')!, account: 'alice@example.com' }),
    });
    const toApp = (await fetch(chosen.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!;
    await returnToApp(toApp);
    expect(await pushed(h, signedIn)).toMatchObject({ profile: { email: 'alice@example.com' } });
  });
});

describe('a private-use redirect (packaged builds)', () => {
  it('the OS hands the redirect to the app: signed in; other URLs and a second answer are not taken', async () => {
    const { h, opener } = await start({ app: { privateUseRedirect: () => 'com.example.desktop:/callback' } });
    await h.view(CHANNELS.signInWithBrowser, {});
    const url = new URL(opener.opened[0]!);
    expect(url.searchParams.get('redirect_uri')).toBe('com.example.desktop:/callback');
    const redirect = await signInOnHostedPage(url.toString(), 'alice@example.com');
    expect(redirect).toMatch(/^com\.example\.desktop:\/callback\?code=/);
    expect(h.app.handleRedirect('com.example.other:/callback?code=x')).toBe(false);
    expect(h.app.handleRedirect(redirect)).toBe(true);
    expect(await pushed(h, signedIn)).toMatchObject({ profile: { email: 'alice@example.com' } });
    expect(h.app.handleRedirect(redirect)).toBe(false);
  });

  it('a handed-over answer with another state signs nobody in', async () => {
    const { h } = await start({ app: { privateUseRedirect: () => 'com.example.desktop:/callback' } });
    await h.view(CHANNELS.signInWithBrowser, {});
    expect(h.app.handleRedirect('com.example.desktop:/callback?code=x&state=forged')).toBe(true);
    expect(await pushed(h, signedOut)).toEqual({ status: 'signed-out', messages: [BROWSER_MESSAGES.foreign] });
  });
});
