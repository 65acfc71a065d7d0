/**
 * The browser sign-in of the emulated org (RFC 8252): /v1/authorize checked as Okta checks it,
 * the hosted page driving the IDX engine (password, email code, security key), the stand-in
 * identity provider, and the authorization_code grant with PKCE. Plain HTTP, as a browser and
 * then the app would send it.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type IdpOptions, type RunningIdp } from '../index';
import { redirectUriAllowed } from '../oauth/redirect-uris';
import { idpPerTest } from './idp-per-test';
import { lastCode } from './mfa-helpers';
import { assertion } from './security-key';

const start = idpPerTest();

const REDIRECT = 'http://127.0.0.1:49152/callback';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

interface Request {
  idp: RunningIdp;
  verifier: string;
  state: string;
  nonce: string;
  url: URL;
}

function authorizeRequest(idp: RunningIdp, overrides: Record<string, string | null> = {}): Request {
  const { verifier, challenge } = pkce();
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const url = new URL(`${idp.issuer}/v1/authorize`);
  const params: Record<string, string | null> = {
    client_id: idp.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile email offline_access',
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return { idp, verifier, state, nonce, url };
}

const get = (url: string | URL) => fetch(url, { redirect: 'manual' });
const location = (res: Response) => new URL(res.headers.get('location') ?? 'about:blank');

/** The hosted page: follow authorize's redirect, then post the page's forms as a browser would. */
async function openPage(request: Request): Promise<{ url: string; html: string }> {
  const res = await get(request.url);
  expect(res.status).toBe(302);
  const url = location(res).toString();
  const page = await get(url);
  return { url, html: await page.text() };
}

async function submit(pageUrl: string, fields: Record<string, string>): Promise<Response> {
  return fetch(pageUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
}

/** The code the app receives on its redirect URI, checked against the request's state. */
function codeFrom(res: Response, request: Request): string {
  expect(res.status).toBe(302);
  const back = location(res);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe(request.state);
  const code = back.searchParams.get('code');
  expect(code, back.toString()).toBeTruthy();
  return code!;
}

async function exchange(request: Request, code: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${request.idp.issuer}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: request.idp.clientId, redirect_uri: REDIRECT, code, code_verifier: request.verifier, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function signInWithPassword(request: Request, login: string): Promise<Response> {
  const { url } = await openPage(request);
  return submit(url, { _intent: 'remediation:identify', identifier: login, 'credentials.passcode': DEMO_PASSWORD });
}

describe('redirect URIs as Okta matches them', () => {
  const registered = ['com.example.desktop:/callback', 'http://127.0.0.1/callback'];
  it.each([
    ['com.example.desktop:/callback', true],
    ['http://127.0.0.1:49152/callback', true],
    ['http://127.0.0.1/callback', true],
    ['http://127.0.0.1:8080/callback', true],
    ['http://127.0.0.1:8080/callback?x=1', false],
    ['http://127.0.0.1:8080/other', false],
    ['http://localhost:8080/callback', false],
    ['https://127.0.0.1:8080/callback', false],
    ['http://user@127.0.0.1:8080/callback', false],
    ['http://127.0.0.1:8080/callback#frag', false],
    ['com.example.desktop:/callback/x', false],
    ['com.example.other:/callback', false],
  ])('%s → %s', (uri, allowed) => {
    expect(redirectUriAllowed(registered, uri)).toBe(allowed);
  });

  it('a loopback URI registered with a port matches that port only', () => {
    expect(redirectUriAllowed(['http://127.0.0.1:7000/callback'], 'http://127.0.0.1:7000/callback')).toBe(true);
    expect(redirectUriAllowed(['http://127.0.0.1:7000/callback'], 'http://127.0.0.1:7001/callback')).toBe(false);
    expect(redirectUriAllowed(['http://127.0.0.1:80/callback'], 'http://127.0.0.1:7001/callback')).toBe(false);
  });
});

describe('/v1/authorize refuses what Okta refuses', () => {
  it('a wrong client or an unregistered redirect URI: an error page, the browser is not sent anywhere', async () => {
    const idp = await start();
    const bad: Array<Record<string, string | null>> = [{ client_id: 'other' }, { redirect_uri: 'http://127.0.0.1:5000/elsewhere' }, { redirect_uri: null }, { redirect_uri: 'https://evil.example/cb' }];
    for (const overrides of bad) {
      const res = await get(authorizeRequest(idp, overrides).url);
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it.each([
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ response_mode: 'fragment' }, 'invalid_request'],
    [{ code_challenge: null }, 'invalid_request'],
    [{ code_challenge_method: 'plain' }, 'invalid_request'],
    [{ scope: 'openid payroll' }, 'invalid_scope'],
    [{ scope: 'profile' }, 'invalid_scope'],
    [{ prompt: 'none' }, 'login_required'],
    [{ idp: '0oaUnknown' }, 'invalid_request'],
  ])('%j → redirect with error=%s and the state', async (overrides, error) => {
    const idp = await start();
    const request = authorizeRequest(idp, overrides);
    const res = await get(request.url);
    expect(res.status).toBe(302);
    const back = location(res);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe(error);
    expect(back.searchParams.get('error_description')).toBeTruthy();
    expect(back.searchParams.get('state')).toBe(request.state);
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('no state: error=invalid_request, and no state to return', async () => {
    const idp = await start();
    const back = location(await get(authorizeRequest(idp, { state: null }).url));
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.has('state')).toBe(false);
  });
});

describe('the hosted sign-in page', () => {
  it('password: the code comes back on the loopback URI; the token endpoint wants the same redirect URI and the PKCE verifier', async () => {
    const idp = await start();
    const request = authorizeRequest(idp);
    const { url, html } = await openPage(request);
    // On localhost, the org's "domain" for WebAuthn; strict CSP, nothing inline but its hashed style.
    expect(new URL(url).hostname).toBe('localhost');
    expect(html).toContain('<h1>Sign in</h1>');
    expect(html).toContain('name="credentials.passcode" type="password"');
    const code = codeFrom(await submit(url, { _intent: 'remediation:identify', identifier: 'alice@example.com', 'credentials.passcode': DEMO_PASSWORD }), request);

    expect((await exchange(request, code, { code_verifier: pkce().verifier })).body.error).toBe('invalid_grant');
    // A refused exchange used the code up, as Okta does: start again.
    const again = authorizeRequest(idp);
    const code2 = codeFrom(await signInWithPassword(again, 'alice@example.com'), again);
    expect((await exchange(again, code2, { redirect_uri: 'http://127.0.0.1:49153/callback' })).body.error).toBe('invalid_grant');

    const third = authorizeRequest(idp);
    const code3 = codeFrom(await signInWithPassword(third, 'alice@example.com'), third);
    const tokens = await exchange(third, code3);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), id_token: expect.any(String), refresh_token: expect.any(String) });
    expect(decodeJwt(tokens.body.id_token!)).toMatchObject({ nonce: third.nonce, aud: idp.clientId, iss: idp.issuer });
    expect((await exchange(third, code3)).body.error).toBe('invalid_grant');
  });

  it('an authorization code is not an interaction code, nor the other way round', async () => {
    const idp = await start();
    const request = authorizeRequest(idp);
    const code = codeFrom(await signInWithPassword(request, 'alice@example.com'), request);
    const res = await fetch(`${idp.issuer}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'interaction_code', client_id: idp.clientId, redirect_uri: REDIRECT, interaction_code: code, code_verifier: request.verifier }),
    });
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('a wrong password shows the org\'s message on the page, and nothing goes back to the app', async () => {
    const idp = await start();
    const request = authorizeRequest(idp);
    const { url } = await openPage(request);
    const res = await submit(url, { _intent: 'remediation:identify', identifier: 'alice@example.com', 'credentials.passcode': 'wrong' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Authentication failed');
  });

  it('cancel sends error=access_denied back to the app', async () => {
    const idp = await start();
    const request = authorizeRequest(idp);
    const { url } = await openPage(request);
    const back = location(await submit(url, { _intent: 'cancel' }));
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(request.state);
    // The flow is over: its page has expired.
    expect((await get(url)).status).toBe(410);
  });
});

async function pageAfterPassword(idp: RunningIdp, login: string) {
  const request = authorizeRequest(idp);
  const { url } = await openPage(request);
  const res = await submit(url, { _intent: 'remediation:identify', identifier: login, 'credentials.passcode': DEMO_PASSWORD });
  return { request, url, html: await res.text() };
}

const hiddenValue = (html: string, name: string) => new RegExp(`name="${name.replace('.', '\\.')}" value="([^"]+)"`).exec(html)?.[1];

describe('second factors on the hosted page', () => {
  it('email: choose it, enter the emailed code, the app gets its code', async () => {
    const idp = await start();
    const { request, url, html } = await pageAfterPassword(idp, 'email-mfa@example.com');
    expect(html).toContain('Verify it’s you');
    const id = hiddenValue(html, 'authenticator.id');
    const codePage = await (await submit(url, { _intent: 'remediation:select-authenticator-authenticate', 'authenticator.id': id!, 'authenticator.methodType': 'email' })).text();
    expect(codePage).toContain('name="credentials.passcode"');
    expect(codePage).toContain('Send again');
    const wrong = await (await submit(url, { _intent: 'remediation:challenge-authenticator', 'credentials.passcode': '000000' })).text();
    expect(wrong).toContain('Invalid code');
    const res = await submit(url, { _intent: 'remediation:challenge-authenticator', 'credentials.passcode': lastCode(idp, 'email-mfa@example.com') });
    expect((await exchange(request, codeFrom(res, request))).status).toBe(200);
  });

  it('security key: the assertion is verified (signature, challenge, origin, counter), then the app gets its code', async () => {
    const idp = await start();
    const { request, url, html } = await pageAfterPassword(idp, 'webauthn-only@example.com');
    const id = hiddenValue(html, 'authenticator.id');
    const keyPage = await (await submit(url, { _intent: 'remediation:select-authenticator-authenticate', 'authenticator.id': id!, 'authenticator.methodType': 'webauthn' })).text();
    expect(keyPage).toContain('<script src="/oauth2/default/v1/authorize/webauthn.js" defer></script>');
    const options = JSON.parse(/data-options="([^"]+)"/.exec(keyPage)![1]!.replaceAll('&quot;', '"')) as { challenge: string; rpId: string; allowCredentials: string[] };
    expect(options).toMatchObject({ rpId: 'localhost', allowCredentials: ['XoFxE_qM80TmETTmEFQz3Q'] });
    const origin = new URL(url).origin;
    const answer = (a: ReturnType<typeof assertion>) =>
      submit(url, { _intent: 'remediation:challenge-authenticator', 'credentials.clientData': a.clientData, 'credentials.authenticatorData': a.authenticatorData, 'credentials.signatureData': a.signatureData });

    const refused = [
      assertion(options.challenge, 'http://127.0.0.1:1'),
      assertion('another-challenge', origin),
      assertion(options.challenge, origin, { type: 'webauthn.create' }),
      assertion(options.challenge, origin, { key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') }),
      // Signed, but for another relying party, or without the user present.
      assertion(options.challenge, origin, { rpId: 'example.com' }),
      assertion(options.challenge, origin, { flags: 0x04 }),
    ];
    const good = assertion(options.challenge, origin);
    const malformed = [
      { ...good, signatureData: '' },
      { ...good, authenticatorData: '' },
      { ...good, clientData: '' },
      { ...good, clientData: Buffer.from('not json').toString('base64url') },
      // Too short to hold the flags and the counter.
      { ...good, authenticatorData: Buffer.from(good.authenticatorData, 'base64url').subarray(0, 36).toString('base64url') },
    ];
    refused.push(...malformed);
    for (const bad of refused) {
      const res = await answer(bad);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('None of the WebAuthn authenticators');
    }
    const res = await answer(assertion(options.challenge, origin, { counter: 7 }));
    expect((await exchange(request, codeFrom(res, request))).status).toBe(200);

    // The signature counter only grows: the same counter again is a cloned key.
    const second = await pageAfterPassword(idp, 'webauthn-only@example.com');
    const page2 = await (await submit(second.url, { _intent: 'remediation:select-authenticator-authenticate', 'authenticator.id': id!, 'authenticator.methodType': 'webauthn' })).text();
    const challenge2 = (JSON.parse(/data-options="([^"]+)"/.exec(page2)![1]!.replaceAll('&quot;', '"')) as { challenge: string }).challenge;
    const replayed = assertion(challenge2, origin, { counter: 7 });
    const again = await submit(second.url, { _intent: 'remediation:challenge-authenticator', 'credentials.clientData': replayed.clientData, 'credentials.authenticatorData': replayed.authenticatorData, 'credentials.signatureData': replayed.signatureData });
    expect(await again.text()).toContain('None of the WebAuthn authenticators');
  });
});

describe('the stand-in identity provider', () => {
  const withIdp: IdpOptions = { identityProvider: true };

  it('identify carries a redirect-idp for it, and the hosted page a button', async () => {
    const idp = await start(withIdp);
    expect(idp.identityProviders).toEqual([{ id: '0oaEmulatorPartner01', name: 'Example Partner' }]);
    const { html } = await openPage(authorizeRequest(idp));
    const href = /<a class="button secondary" href="([^"]+)">Sign in with Example Partner<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toMatch(new RegExp(`^${idp.origin}/sso/idps/0oaEmulatorPartner01\\?stateToken=`));
  });

  it('from the hosted page: the partner signs in its account, the org links it to Alice, the app gets its code', async () => {
    const idp = await start(withIdp);
    const request = authorizeRequest(idp);
    const { html } = await openPage(request);
    const href = /href="([^"]+)">Sign in with Example Partner/.exec(html)![1]!.replaceAll('&amp;', '&');
    const partner = location(await get(href));
    expect(partner.pathname).toBe('/stand-in-idp/0oaEmulatorPartner01/authorize');
    const partnerPage = await (await get(partner)).text();
    expect(partnerPage).toContain('Continue as Alice Example');
    const res = await fetch(partner, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: partner.searchParams.get('state')!, redirect_uri: partner.searchParams.get('redirect_uri')!, account: 'alice@example.com' }),
    });
    const callback = location(res);
    expect(callback.pathname).toBe('/sso/idps/0oaEmulatorPartner01/callback');
    const code = codeFrom(await get(callback), request);
    const tokens = await exchange(request, code);
    expect(decodeJwt(tokens.body.id_token!)).toMatchObject({ email: 'alice@example.com', nonce: request.nonce });
    // The partner's code is single use.
    expect(location(await get(callback)).searchParams.get('code')).toBeNull();
  });

  it('authorize with idp= goes straight to the partner; cancelling there is access_denied for the app', async () => {
    const idp = await start(withIdp);
    const request = authorizeRequest(idp, { idp: '0oaEmulatorPartner01' });
    const partner = location(await get(request.url));
    expect(partner.pathname).toBe('/stand-in-idp/0oaEmulatorPartner01/authorize');
    const res = await fetch(partner, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: partner.searchParams.get('state')!, redirect_uri: partner.searchParams.get('redirect_uri')!, cancel: '1' }),
    });
    const back = location(await get(location(res)));
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(request.state);
  });

  it('an embedded sign-in cannot use it (no browser to come back to), and without the option there is none', async () => {
    const idp = await start();
    expect(idp.identityProviders).toEqual([]);
    expect((await get(`${idp.origin}/sso/idps/0oaEmulatorPartner01?stateToken=x`)).status).toBe(404);
    const withOne = await start(withIdp);
    expect((await get(`${withOne.origin}/sso/idps/0oaEmulatorPartner01?stateToken=x`)).status).toBe(400);
  });
});
