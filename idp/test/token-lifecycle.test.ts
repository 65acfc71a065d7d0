/** Refresh with rotation, revocation, expiry and logout, through the real okta-auth-js where it has an API. */
import { describe, expect, it } from 'vitest';
import type { Tokens } from '@okta/okta-auth-js';
import { DEMO_PASSWORD, startIdp, type RunningIdp } from '../index';
import { idpPerTest } from './idp-per-test';
import { createSdk } from './sdk-client';
import { form } from './raw-flow';
import { SIGN_IN_PAGE } from '../oauth/handlers';

const idpWith = idpPerTest();

async function signIn(idp: RunningIdp): Promise<{ sdk: ReturnType<typeof createSdk>; tokens: Tokens }> {
  const sdk = createSdk(idp, { legacy: true });
  const result = await sdk.idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
  if (!result.tokens?.refreshToken || !result.tokens.accessToken || !result.tokens.idToken) throw new Error('sign-in gave no tokens');
  return { sdk, tokens: result.tokens };
}

const tokenParams = { scopes: ['openid', 'profile', 'email', 'offline_access'] };

describe('refresh', () => {
  it('rotates: new tokens work, the old refresh token is rejected with invalid_grant', async () => {
    const idp = await idpWith();
    const { sdk, tokens } = await signIn(idp);
    const renewed = await sdk.token.renewTokensWithRefresh(tokenParams, tokens.refreshToken!);
    expect(renewed.refreshToken?.refreshToken).toBeTruthy();
    expect(renewed.refreshToken?.refreshToken).not.toBe(tokens.refreshToken!.refreshToken);
    expect(renewed.idToken?.claims.sub).toBe(tokens.idToken!.claims.sub);
    expect(idp.isTokenActive(tokens.refreshToken!.refreshToken)).toBe(false);
    expect(idp.isTokenActive(renewed.refreshToken!.refreshToken)).toBe(true);
    const info = await sdk.token.getUserInfo(renewed.accessToken!, renewed.idToken!);
    expect(info.name).toBe('Alice Example');

    await expect(sdk.token.renewTokensWithRefresh(tokenParams, tokens.refreshToken!)).rejects.toMatchObject({ errorCode: 'invalid_grant' });
    // The rotated one keeps working.
    const again = await sdk.token.renewTokensWithRefresh(tokenParams, renewed.refreshToken!);
    expect(again.accessToken?.accessToken).toBeTruthy();
  });

  it('refuses scopes beyond the original grant and expired refresh tokens', async () => {
    // The org's clock is moved, not waited for: a busy machine cannot let the token expire early.
    const orgClock = { offsetMs: 0 };
    const idp = await idpWith({ refreshTokenTtlSeconds: 60, now: () => Date.now() + orgClock.offsetMs });
    const { tokens } = await signIn(idp);
    const refresh = (scope: string) =>
      fetch(`${idp.issuer}/v1/token`, form({ grant_type: 'refresh_token', client_id: idp.clientId, scope, refresh_token: tokens.refreshToken!.refreshToken }));
    const wider = await refresh('openid phone');
    expect(wider.status).toBe(400);
    expect(await wider.json()).toMatchObject({ error: 'invalid_scope' });
    orgClock.offsetMs = 61_000;
    const late = await refresh('openid');
    expect(await late.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('revoke', () => {
  it('a revoked access token is rejected by userinfo', async () => {
    const idp = await idpWith();
    const { sdk, tokens } = await signIn(idp);
    await sdk.revokeAccessToken(tokens.accessToken!);
    expect(idp.isTokenActive(tokens.accessToken!.accessToken)).toBe(false);
    await expect(sdk.token.getUserInfo(tokens.accessToken!, tokens.idToken!)).rejects.toMatchObject({ errorCode: 'invalid_token' });
    expect(idp.isTokenActive(tokens.refreshToken!.refreshToken)).toBe(true);
  });

  it('a revoked refresh token cannot refresh, and the access token minted with it is revoked too', async () => {
    const idp = await idpWith();
    const { sdk, tokens } = await signIn(idp);
    await sdk.revokeRefreshToken(tokens.refreshToken!);
    expect(idp.isTokenActive(tokens.refreshToken!.refreshToken)).toBe(false);
    expect(idp.isTokenActive(tokens.accessToken!.accessToken)).toBe(false);
    await expect(sdk.token.renewTokensWithRefresh(tokenParams, tokens.refreshToken!)).rejects.toMatchObject({ errorCode: 'invalid_grant' });
  });

  it('answers 200 with an empty, non-JSON body; needs the client id; unknown tokens are fine', async () => {
    const idp = await idpWith();
    const basic = `Basic ${Buffer.from(`${idp.clientId}:`).toString('base64')}`;
    const ok = await fetch(`${idp.issuer}/v1/revoke`, { ...form({ token: 'unknown', token_type_hint: 'access_token' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBeNull();
    expect(await ok.text()).toBe('');
    const anonymous = await fetch(`${idp.issuer}/v1/revoke`, form({ token: 'x' }));
    expect(anonymous.status).toBe(401);
    const missing = await fetch(`${idp.issuer}/v1/revoke`, form({ client_id: idp.clientId }));
    expect(missing.status).toBe(400);
  });
});

describe('expiry', () => {
  it('an expired access token is rejected by userinfo with WWW-Authenticate', async () => {
    const orgClock = { offsetMs: 0 };
    const idp = await idpWith({ accessTokenTtlSeconds: 60, now: () => Date.now() + orgClock.offsetMs });
    const { tokens } = await signIn(idp);
    orgClock.offsetMs = 61_000;
    expect(idp.isTokenActive(tokens.accessToken!.accessToken)).toBe(false);
    const res = await fetch(`${idp.issuer}/v1/userinfo`, { headers: { Authorization: `Bearer ${tokens.accessToken!.accessToken}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('an interaction code expires', async () => {
    const orgClock = { offsetMs: 0 };
    const idp = await idpWith({ interactionCodeTtlSeconds: 60, now: () => Date.now() + orgClock.offsetMs });
    const { rawInteractionCode } = await import('./raw-flow');
    const { code, verifier } = await rawInteractionCode(idp, DEMO_PASSWORD);
    orgClock.offsetMs = 61_000;
    const res = await fetch(
      `${idp.issuer}/v1/token`,
      form({ grant_type: 'interaction_code', client_id: idp.clientId, redirect_uri: idp.redirectUri, interaction_code: code, code_verifier: verifier }),
    );
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('logout', () => {
  it('redirects to an allowed post_logout_redirect_uri with state, or (as Okta does) to the sign-in page', async () => {
    const idp = await idpWith();
    const { sdk, tokens } = await signIn(idp);
    // Present at runtime in okta-auth-js 8 but missing from its type declarations.
    const withSignOutUrl = sdk as unknown as { getSignOutRedirectUrl(o: Record<string, unknown>): Promise<string> };
    const url = await withSignOutUrl.getSignOutRedirectUrl({ idToken: tokens.idToken!, postLogoutRedirectUri: 'com.example.desktop:/logout', state: 's1' });
    expect(url.startsWith(`${idp.issuer}/v1/logout?`)).toBe(true);
    const redirect = await fetch(url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('com.example.desktop:/logout?state=s1');

    const toSignIn = await fetch(`${idp.issuer}/v1/logout?id_token_hint=${tokens.idToken!.idToken}`, { redirect: 'manual' });
    expect(toSignIn.status).toBe(302);
    expect(toSignIn.headers.get('location')).toBe(`${new URL(idp.issuer).origin}${SIGN_IN_PAGE}`);

    const loopback = await fetch(`${idp.issuer}/v1/logout?id_token_hint=${tokens.idToken!.idToken}&post_logout_redirect_uri=${encodeURIComponent('http://127.0.0.1:5173/')}`, { redirect: 'manual' });
    expect(loopback.status).toBe(302);
  });

  it('refuses a post_logout_redirect_uri that is not allowed', async () => {
    const idp = await idpWith();
    const { tokens } = await signIn(idp);
    const res = await fetch(`${idp.issuer}/v1/logout?id_token_hint=${tokens.idToken!.idToken}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});

describe('lifecycle of the server', () => {
  it('two emulators start in parallel on free ports, and close() frees the port', async () => {
    const [a, b] = await Promise.all([startIdp(), startIdp()]);
    expect(a.port).not.toBe(b.port);
    expect(a.issuer).toBe(`http://127.0.0.1:${a.port}/oauth2/default`);
    await Promise.all([a.close(), b.close()]);
    await expect(fetch(`${a.issuer}/v1/keys`)).rejects.toThrow();
    const again = await startIdp({ port: a.port });
    expect(again.port).toBe(a.port);
    await again.close();
    await again.close(); // idempotent
  });

  it('rejects bad options with a clear error', async () => {
    await expect(startIdp({ port: -1 })).rejects.toThrow(/port/);
    await expect(startIdp({ lockoutThreshold: 0 })).rejects.toThrow(/lockoutThreshold/);
    await expect(startIdp({ users: [{ login: 'x', password: 'p', status: 'ACTIVE', profile: {}, factors: [] }] })).rejects.toThrow(/factors/);
    await expect(startIdp({ usersFile: '/nonexistent/users.json' })).rejects.toThrow(/Cannot read users file/);
  });

  it('custom users, client id and redirect URI', async () => {
    const idp = await idpWith({
      clientId: 'other-client',
      redirectUri: 'http://127.0.0.1:9999/cb',
      users: [{ login: 'bob@example.org', password: 'Bob-Secret-1', status: 'ACTIVE', profile: { name: 'Bob' }, factors: ['password'] }],
    });
    expect(idp.demoPassword).toBeUndefined();
    const result = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'BOB@example.org', password: 'Bob-Secret-1' });
    expect(result.tokens?.idToken?.claims.aud).toBe('other-client');
    expect(result.tokens?.idToken?.claims.name).toBe('Bob');
  });
});
