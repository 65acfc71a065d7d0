/**
 * The browser sign-in on its own, with a manual scheduler for its timeout and a capturing logger:
 * the private-use redirect's wait (timeout, cancel, the answer the OS hands over), what is logged
 * at each step, and the code exchange's bookkeeping when the org cannot be reached. The whole
 * flow against the emulator is in browser-sign-in.idp.test.ts.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { OktaAuth } from '@okta/okta-auth-js';
import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/okta-config';
import { createCapturingLogger } from '../log/logger';
import { REDACTED } from '../log/redact';
import { createManualScheduler } from '../session/scheduler';
import { BROWSER_MESSAGES, createBrowserSignIn, type BrowserSignInDeps } from './browser-sign-in';
import { failureView } from './map-error';
import type { IdpTransport } from './http-client';
import { message } from '../../shared/i18n/text';

const ISSUER = 'https://example.okta.com/oauth2/default';
const REDIRECT = 'com.example.desktop:/callback';
const CODE = 'authorization-code-0123456789';

function setup(options: Partial<BrowserSignInDeps> & { failures?: ReturnType<IdpTransport['takeFailure']>[]; gate?: Promise<void>; tokenResponse?: object } = {}) {
  const { failures: queued = [], gate, tokenResponse, ...deps } = options;
  const scheduler = createManualScheduler();
  const log = createCapturingLogger();
  const opened: string[] = [];
  const failures = [...queued];
  const transport = { takeFailure: vi.fn(() => failures.shift()) } as unknown as IdpTransport;
  const requests: string[] = [];
  const oktaAuth = new OktaAuth({
    issuer: ISSUER,
    clientId: 'client-0',
    redirectUri: REDIRECT,
    httpRequestClient: async (_method, _url, args) => {
      // Whatever is logged while the exchange runs has the code masked.
      log.info('probe.request', { note: new URLSearchParams(String(args.data)).get('code') });
      requests.push(String(args.data));
      await gate;
      if (tokenResponse) return { status: 200, headers: {}, responseText: JSON.stringify(tokenResponse), responseJSON: tokenResponse, responseType: 'json' };
      throw new Error('unreachable');
    },
  });
  const config = { clientId: 'client-0', scopes: ['openid', 'profile'] } as unknown as AppConfig;
  const sign = createBrowserSignIn({
    oktaAuth,
    config,
    transport,
    log,
    scheduler,
    open: async (url) => void opened.push(url),
    timeoutMs: 60_000,
    privateUseRedirect: REDIRECT,
    ...deps,
  });
  const events = (event: string) => log.entries.filter((entry) => entry.event === event).map((entry) => entry.fields);
  return { sign, scheduler, log, opened, transport, requests, oktaAuth, events };
}

async function started(sign: ReturnType<typeof setup>['sign'], idp?: string) {
  const start = await sign.start(idp === undefined ? {} : { idp });
  if (!start.ok) throw new Error('not started');
  return start;
}

const stateOf = (url: string) => new URL(url).searchParams.get('state')!;

describe('the private-use redirect wait', () => {
  it('waits for the OS until the timeout, then signs out with the timeout message and nothing waits', async () => {
    const { sign, scheduler } = setup();
    expect(sign.waiting).toBe(false);
    const { outcome } = await started(sign);
    expect(sign.waiting).toBe(true);
    expect(scheduler.pending()).toEqual([60_000]);
    await scheduler.runDue();
    expect(await outcome).toEqual({ kind: 'view', view: { status: 'signed-out', messages: [BROWSER_MESSAGES.timeout] } });
    expect(sign.waiting).toBe(false);
  });

  it('cancel: signed out with no message, the timer stopped, nothing left to reopen', async () => {
    const { sign, scheduler, opened, events } = setup();
    const { outcome } = await started(sign);
    sign.cancel();
    expect(scheduler.pending()).toEqual([]);
    expect(await outcome).toStrictEqual({ kind: 'view', view: { status: 'signed-out', messages: [] } });
    expect(sign.waiting).toBe(false);
    expect(await sign.reopen()).toBe(false);
    expect(opened).toHaveLength(1);
    expect(events('browser-sign-in.answer')).toStrictEqual([{ result: 'cancelled' }]);
  });

  it('an answer the OS hands over stops the timer', async () => {
    const { sign, scheduler, opened } = setup();
    const { outcome } = await started(sign);
    expect(sign.handleRedirect(`${REDIRECT}?state=forged&code=${CODE}`)).toBe(true);
    expect(scheduler.pending()).toEqual([]);
    expect(await outcome).toEqual({ kind: 'view', view: { status: 'signed-out', messages: [BROWSER_MESSAGES.foreign] } });
    expect(stateOf(opened[0]!)).not.toBe('forged');
  });

  it('takes only a URL with the redirect URI’s scheme, host and path', async () => {
    const { sign, opened } = setup();
    await started(sign);
    const state = stateOf(opened[0]!);
    expect(sign.handleRedirect(`com.example.other:/callback?state=${state}&error=x`)).toBe(false);
    expect(sign.handleRedirect(`com.example.desktop://elsewhere/callback?state=${state}&error=x`)).toBe(false);
    expect(sign.handleRedirect(`com.example.desktop:/other?state=${state}&error=x`)).toBe(false);
    expect(sign.waiting).toBe(true);
  });

  it('a second start replaces the first: the first one’s end leaves the second waiting', async () => {
    const { sign } = setup();
    const first = await started(sign);
    await started(sign);
    expect(await first.outcome).toEqual({ kind: 'view', view: { status: 'signed-out', messages: [] } });
    expect(sign.waiting).toBe(true);
  });

  it('an exchange that ends after a new start leaves the new one waiting', async () => {
    let open!: () => void;
    const { sign, opened, requests } = setup({ gate: new Promise<void>((resolve) => (open = resolve)) });
    const first = await started(sign);
    sign.handleRedirect(`${REDIRECT}?state=${stateOf(opened[0]!)}&code=${CODE}`);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    await started(sign);
    open();
    expect(await first.outcome).toMatchObject({ kind: 'view', view: { status: 'failure' } });
    expect(sign.waiting).toBe(true);
  });
});

describe("the org's refusal", () => {
  it('access_denied is a warning, another error an error, the org’s sentence quoted; the OAuth error logged', async () => {
    const { sign, opened, events } = setup();
    const refused = await started(sign);
    sign.handleRedirect(`${REDIRECT}?state=${stateOf(opened[0]!)}&error=login_required`);
    expect(await refused.outcome).toEqual({ kind: 'view', view: { status: 'signed-out', messages: [BROWSER_MESSAGES.refused] } });

    const denied = await started(sign);
    sign.handleRedirect(`${REDIRECT}?state=${stateOf(opened[1]!)}&error=access_denied`);
    expect(await denied.outcome).toEqual({ kind: 'view', view: { status: 'signed-out', messages: [BROWSER_MESSAGES.denied] } });

    const said = await started(sign);
    sign.handleRedirect(`${REDIRECT}?state=${stateOf(opened[2]!)}&error=access_denied&error_description=Not+for+you.`);
    expect(await said.outcome).toEqual({
      kind: 'view',
      view: { status: 'signed-out', messages: [{ level: 'warning', text: message('browser.orgSaid', { description: 'Not for you.' }) }] },
    });
    expect(events('browser-sign-in.answer')).toStrictEqual([
      { result: 'error', oauthError: 'login_required' },
      { result: 'error', oauthError: 'access_denied' },
      { result: 'error', oauthError: 'access_denied' },
    ]);
  });
});

describe('what the browser sign-in logs', () => {
  it('how it started: the redirect kind and whether an idp was named', async () => {
    const { sign, events } = setup();
    await started(sign, '0oaPartner');
    sign.cancel();
    const loopback = setup({ privateUseRedirect: undefined });
    await started(loopback.sign);
    loopback.sign.cancel();
    expect([...events('browser-sign-in.started'), ...loopback.events('browser-sign-in.started')]).toStrictEqual([
      { redirect: 'private-use', idp: true },
      { redirect: 'loopback', idp: false },
    ]);
  });

  it('a browser that cannot be opened: not opened, logged with the error name', async () => {
    const { sign, events } = setup({ open: () => Promise.reject(new TypeError('no browser')) });
    expect((await started(sign)).opened).toBe(false);
    sign.cancel();
    expect(events('browser-sign-in.open-failed')).toStrictEqual([{ error: 'TypeError' }]);
  });

  it('a listener that cannot start: signed out with the listener message, logged with the error name', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
    try {
      const { sign, events, opened } = setup({ privateUseRedirect: undefined, loopbackPort: (blocker.address() as AddressInfo).port });
      expect(await sign.start({})).toEqual({ ok: false, outcome: { kind: 'view', view: { status: 'signed-out', messages: [BROWSER_MESSAGES.listener] } } });
      expect(opened).toEqual([]);
      // A field named `code` is masked by the logger whatever it holds (here EADDRINUSE).
      expect(events('browser-sign-in.listener-failed')).toStrictEqual([{ error: 'ListenerUnavailableError', code: REDACTED }]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('the loopback page is in English when no language is given, else in the person’s', async () => {
    for (const [language, lang] of [[undefined, 'en'], [() => 'fr' as const, 'fr']] as const) {
      const { sign, opened } = setup({ privateUseRedirect: undefined, ...(language ? { language } : {}) });
      const { outcome } = await started(sign);
      const page = await (await fetch(`${new URL(opened[0]!).searchParams.get('redirect_uri')}?state=forged`)).text();
      expect(page).toContain(`<html lang="${lang}"`);
      await outcome;
    }
  });
});

describe('the code exchange', () => {
  it('sends a PKCE verifier of the RFC 7636 alphabet', async () => {
    const { sign, oktaAuth } = setup();
    const challenge = vi.spyOn(oktaAuth.pkce, 'computeChallenge');
    await started(sign);
    sign.cancel();
    expect(challenge.mock.calls[0]![0]).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
  });

  it('an org that cannot be reached: the failure view, logged; a failure left from before is not taken for it; the code masked only meanwhile', async () => {
    const { sign, opened, events, log, requests, transport } = setup({ failures: [{ kind: 'rate-limited', retryAfterSeconds: 9 } as never] });
    const { outcome } = await started(sign);
    sign.handleRedirect(`${REDIRECT}?state=${stateOf(opened[0]!)}&code=${CODE}`);
    const result = await outcome;
    expect(result).toMatchObject({ kind: 'view', view: { status: 'failure' } });
    const code = (result as { view: { code: string } }).view.code;
    expect(code).not.toBe('rate-limited');
    expect(transport.takeFailure).toHaveBeenCalledTimes(2);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain(CODE);
    expect(events('browser-sign-in.exchange-failed')).toStrictEqual([{ failure: code, error: expect.any(String) }]);
    expect(JSON.stringify(events('probe.request'))).not.toContain(CODE);
    expect(JSON.stringify(events('probe.request'))).toContain(REDACTED);
    log.info('probe.after', { note: CODE });
    expect(events('probe.after')).toStrictEqual([{ note: CODE }]);
  });

  const jwt = (claims: object) => ['{"alg":"none"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.';
  const now = Math.floor(Date.now() / 1000);
  const withoutIdToken = { token_type: 'Bearer', expires_in: 3600, scope: 'profile', access_token: jwt({ iss: ISSUER, sub: 'u1', iat: now, exp: now + 3600, scp: ['profile'] }) };

  it('an answer without an id_token, openid asked for: the exchange refuses it (invalid-token), logged', async () => {
    const { sign, opened, events } = setup({ tokenResponse: withoutIdToken });
    const { outcome } = await started(sign);
    sign.handleRedirect(`${REDIRECT}?state=${stateOf(opened[0]!)}&code=${CODE}`);
    expect(await outcome).toEqual({ kind: 'view', view: failureView('invalid-token') });
    expect(events('browser-sign-in.exchange-failed')).toStrictEqual([{ failure: 'invalid-token', error: 'AuthSdkError' }]);
  });

  it('an answer without an id_token, openid not asked for: idp-error, logged, nothing signed in', async () => {
    const config = { clientId: 'client-0', scopes: ['profile'] } as unknown as AppConfig;
    const { sign, opened, log, events } = setup({ tokenResponse: withoutIdToken, config });
    const { outcome } = await started(sign);
    sign.handleRedirect(`${REDIRECT}?state=${stateOf(opened[0]!)}&code=${CODE}`);
    expect(await outcome).toEqual({ kind: 'view', view: failureView('idp-error') });
    expect(log.entries.filter((entry) => entry.event === 'browser-sign-in.success-without-tokens')).toStrictEqual([{ level: 'error', event: 'browser-sign-in.success-without-tokens', fields: {} }]);
    expect(events('browser-sign-in.exchange-failed')).toEqual([]);
  });
});
