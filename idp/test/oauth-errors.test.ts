/**
 * Every refusal of the OAuth endpoints, with the exact status, `error` and `error_description`
 * Okta uses: clients and people read the description, and a refusal that changed its reason
 * (or stopped refusing) must show here. One row per refusal, each its own test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, type RunningIdp } from '../index';
import { form, idxPost, rawInteractionCode, rawTokens } from './raw-flow';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp.close();
});

const INVALID_CLIENT = 'Client authentication failed. Either the client or the client credentials are invalid.';
const formOnly = (endpoint: string) => `The ${endpoint} endpoint accepts only application/x-www-form-urlencoded bodies.`;
/** A form POST; a value of '' leaves that field out. */
const post = (endpoint: string, values: Record<string, string>, headers: Record<string, string> = {}) => {
  const init = form(Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')));
  return fetch(`${idp.issuer}/v1/${endpoint}`, { ...init, headers: { ...init.headers, ...headers } });
};
const basic = (credentials: string) => ({ Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });

async function expectOAuthError(res: Response, status: number, error: string, description: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toEqual({ error, error_description: description });
}

describe('interact', () => {
  const valid = () => ({
    client_id: idp.clientId,
    redirect_uri: idp.redirectUri,
    scope: 'openid',
    code_challenge: 'a'.repeat(43),
    code_challenge_method: 'S256',
  });

  it.each([
    ['another client id', { client_id: 'someone-else' }, 401, 'invalid_client', "Invalid value for 'client_id' parameter."],
    ['no redirect URI', { redirect_uri: '' }, 400, 'invalid_request', "The 'redirect_uri' parameter is required."],
    ['another redirect URI', { redirect_uri: 'https://evil.example/cb' }, 400, 'invalid_request', "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings."],
    ['no code challenge', { code_challenge: '' }, 400, 'invalid_request', "The PKCE 'code_challenge' parameter is missing or malformed."],
    ['a 42-character challenge', { code_challenge: 'a'.repeat(42) }, 400, 'invalid_request', "The PKCE 'code_challenge' parameter is missing or malformed."],
    ['a 129-character challenge', { code_challenge: 'a'.repeat(129) }, 400, 'invalid_request', "The PKCE 'code_challenge' parameter is missing or malformed."],
    ['a challenge that is not base64url', { code_challenge: `${'a'.repeat(42)}+` }, 400, 'invalid_request', "The PKCE 'code_challenge' parameter is missing or malformed."],
    ['a challenge with a valid part inside', { code_challenge: `!${'a'.repeat(43)}!` }, 400, 'invalid_request', "The PKCE 'code_challenge' parameter is missing or malformed."],
    ['the plain method', { code_challenge_method: 'plain' }, 400, 'invalid_request', "'code_challenge_method' must be S256."],
    ['an unknown scope', { scope: 'openid admin' }, 400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.'],
    ['an empty scope', { scope: ' ' }, 400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.'],
  ])('refuses %s', async (_name, override, status, error, description) => {
    await expectOAuthError(await post('interact', { ...valid(), ...override }), status, error, description);
  });

  it('accepts challenges of 43 and 128 base64url characters, and no scope (openid email)', async () => {
    for (const values of [valid(), { ...valid(), code_challenge: `${'-_'.repeat(63)}Az` }, { ...valid(), scope: '' }]) {
      const res = await post('interact', values);
      expect(res.status, JSON.stringify(values)).toBe(200);
      expect(Object.keys(await res.json())).toEqual(['interaction_handle']);
    }
  });

  it('refuses JSON', async () => {
    await expectOAuthError(await fetch(`${idp.issuer}/v1/interact`, idxPost(valid())), 415, 'invalid_request', formOnly('interact'));
  });
});

describe('token', () => {
  const client = () => ({ client_id: idp.clientId });

  it.each([
    ['JSON', 'json', 415, 'invalid_request', formOnly('token')],
    ['another client id', { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'other' }, 401, 'invalid_client', INVALID_CLIENT],
    ['no client id', { grant_type: 'refresh_token', refresh_token: 'x', client_id: '' }, 401, 'invalid_client', INVALID_CLIENT],
    ['no grant type', {}, 400, 'invalid_request', "The 'grant_type' parameter is required."],
    ['the password grant', { grant_type: 'password' }, 400, 'unsupported_grant_type', "The 'grant_type' parameter is not supported by this emulator."],
    ['an interaction code grant without the code', { grant_type: 'interaction_code', code_verifier: 'v'.repeat(43) }, 400, 'invalid_request', "The 'interaction_code' parameter is required."],
    ['an interaction code grant without the verifier', { grant_type: 'interaction_code', interaction_code: 'c' }, 400, 'invalid_request', "The PKCE 'code_verifier' parameter is required."],
    ['an unknown interaction code', { grant_type: 'interaction_code', interaction_code: 'c', code_verifier: 'v'.repeat(43) }, 400, 'invalid_grant', 'The interaction code is invalid or has expired.'],
    ['an authorization code grant without the code', { grant_type: 'authorization_code', code_verifier: 'v'.repeat(43) }, 400, 'invalid_request', "The 'code' parameter is required."],
    ['an authorization code grant without the verifier', { grant_type: 'authorization_code', code: 'c' }, 400, 'invalid_request', "The PKCE 'code_verifier' parameter is required."],
    ['an unknown authorization code', { grant_type: 'authorization_code', code: 'c', code_verifier: 'v'.repeat(43) }, 400, 'invalid_grant', 'The authorization code is invalid or has expired.'],
    ['a refresh grant without the token', { grant_type: 'refresh_token' }, 400, 'invalid_request', "The 'refresh_token' parameter is required."],
    ['an unknown refresh token', { grant_type: 'refresh_token', refresh_token: 'not-one' }, 400, 'invalid_grant', 'The refresh token is invalid or expired.'],
  ] as const)('refuses %s', async (_name, values, status, error, description) => {
    const res = values === 'json' ? await fetch(`${idp.issuer}/v1/token`, idxPost(client())) : await post('token', { ...client(), ...values });
    await expectOAuthError(res, status, error, description);
  });

  it('refuses a redirect URI other than the one the flow started with', async () => {
    const { code, verifier } = await rawInteractionCode(idp, DEMO_PASSWORD);
    const res = await post('token', { ...client(), grant_type: 'interaction_code', interaction_code: code, code_verifier: verifier, redirect_uri: 'com.example.other:/cb' });
    await expectOAuthError(res, 400, 'invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
  });

  it('refuses a scope beyond the refresh token’s grant', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    const res = await post('token', { ...client(), grant_type: 'refresh_token', refresh_token: tokens['refresh_token']!, scope: 'openid phone' });
    await expectOAuthError(res, 400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
  });

  it('takes the client id from HTTP Basic auth (any case, percent-encoded) instead of the form', async () => {
    const encoded = encodeURIComponent(idp.clientId).replace('-', '%2D');
    for (const credentials of [`${idp.clientId}:`, `${encoded}:secret`]) {
      for (const scheme of ['Basic', 'BASIC']) {
        const headers = { Authorization: `${scheme} ${Buffer.from(credentials).toString('base64')}` };
        // Past the client check: the next refusal is about the grant.
        await expectOAuthError(await post('token', { grant_type: 'password' }, headers), 400, 'unsupported_grant_type', "The 'grant_type' parameter is not supported by this emulator.");
      }
    }
    // Basic auth wins over a form client id.
    await expectOAuthError(await post('token', { ...client(), grant_type: 'password' }, basic('other:')), 401, 'invalid_client', INVALID_CLIENT);
  });

  it('answers tokens with no-cache', async () => {
    const { code, verifier } = await rawInteractionCode(idp, DEMO_PASSWORD);
    const res = await post('token', { ...client(), grant_type: 'interaction_code', interaction_code: code, code_verifier: verifier, redirect_uri: idp.redirectUri });
    expect(res.status).toBe(200);
    expect(res.headers.get('pragma')).toBe('no-cache');
  });
});

describe('revoke', () => {
  it.each([
    ['JSON', 'json', 415, 'invalid_request', formOnly('revoke')],
    ['another client id', { client_id: 'other', token: 'x' }, 401, 'invalid_client', INVALID_CLIENT],
    ['no token', { client_id: 'CLIENT' }, 400, 'invalid_request', "The 'token' parameter is required."],
  ] as const)('refuses %s', async (_name, values, status, error, description) => {
    const res =
      values === 'json'
        ? await fetch(`${idp.issuer}/v1/revoke`, idxPost({ client_id: idp.clientId }))
        : await post('revoke', Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === 'CLIENT' ? idp.clientId : v])));
    await expectOAuthError(res, status, error, description);
  });

  it('answers 200 with an empty body and no-store', async () => {
    const res = await post('revoke', { client_id: idp.clientId, token: 'unknown' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('');
  });
});

describe('userinfo', () => {
  const challenge = (error: string, description: string) =>
    `Bearer authorization_uri="${idp.issuer}/v1/authorize", realm="${idp.issuer}", scope="openid", error="${error}", error_description="${description}", resource="/oauth2/default/v1/userinfo"`;

  it.each([
    ['no Authorization header', undefined, 'invalid_request', 'The access token is missing.'],
    ['Basic auth', 'Basic abc', 'invalid_request', 'The access token is missing.'],
    ['a bearer token with a space in it', 'Bearer a b', 'invalid_request', 'The access token is missing.'],
    ['an unknown bearer token', 'Bearer not-a-token', 'invalid_token', 'The access token is invalid.'],
  ])('refuses %s with the exact WWW-Authenticate challenge', async (_name, authorization, error, description) => {
    const res = await fetch(`${idp.issuer}/v1/userinfo`, { headers: authorization ? { authorization } : {} });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(challenge(error, description));
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('');
  });

  it('accepts the scheme in any case', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    const res = await fetch(`${idp.issuer}/v1/userinfo`, { headers: { authorization: `bearer   ${tokens['access_token']}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sub: expect.stringMatching(/^00u/), email: 'alice@example.com', updated_at: 1700000000 });
  });
});

describe('logout', () => {
  const INVALID_HINT = "The 'id_token_hint' parameter is invalid.";
  const logout = (query: Record<string, string>) => fetch(`${idp.issuer}/v1/logout?${new URLSearchParams(query)}`, { redirect: 'manual' });

  it('refuses a missing or forged hint', async () => {
    await expectOAuthError(await logout({}), 400, 'invalid_request', "The 'id_token_hint' parameter is required.");
    await expectOAuthError(await logout({ id_token_hint: 'eyJhbGciOiJub25lIn0.e30.' }), 400, 'invalid_request', INVALID_HINT);
    const other = await startIdp();
    try {
      const foreign = await rawTokens(other, DEMO_PASSWORD);
      await expectOAuthError(await logout({ id_token_hint: foreign['id_token']! }), 400, 'invalid_request', INVALID_HINT);
    } finally {
      await other.close();
    }
  });

  it.each(['issuer', 'audience'] as const)('refuses a hint signed by this org for another %s', async (variant) => {
    idp.faults.set('token', { kind: 'bad-id-token', variant, times: 1 });
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    await expectOAuthError(await logout({ id_token_hint: tokens['id_token']! }), 400, 'invalid_request', INVALID_HINT);
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['https on loopback', 'https://127.0.0.1:5173/'],
    ['a look-alike of localhost', 'http://localhost.evil.example/'],
    ['not a URL', 'not a url'],
  ])('refuses a post-logout redirect to %s', async (_name, uri) => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    const res = await logout({ id_token_hint: tokens['id_token']!, post_logout_redirect_uri: uri });
    await expectOAuthError(res, 400, 'invalid_request', "The 'post_logout_redirect_uri' parameter must be a Logout redirect URI in the client app settings.");
  });

  it.each([
    ['the registered one', 'com.example.desktop:/logout', undefined, 'com.example.desktop:/logout'],
    ['http on 127.0.0.1, with state', 'http://127.0.0.1:5173/after', 'st', 'http://127.0.0.1:5173/after?state=st'],
    ['http on localhost without a port', 'http://localhost', undefined, 'http://localhost/'],
  ])('redirects to %s, no-store', async (_name, uri, state, location) => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    const res = await logout({ id_token_hint: tokens['id_token']!, post_logout_redirect_uri: uri, ...(state ? { state } : {}) });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('without a redirect, sends the browser to the sign-in page with no-store', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    const res = await logout({ id_token_hint: tokens['id_token']! });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${idp.origin}/login/default`);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
