/**
 * The refresh_token grant in detail: scopes kept, narrowed or refused, rotation that keeps
 * offline_access, the original auth_time kept, no-cache, the log line, and a user locked out after the
 * tokens were issued; plus which Authorization headers name the client.
 */
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, type IdpOptions, type RunningIdp } from '../index';
import { form, rawInteractionCode, rawTokens } from './raw-flow';

const open: RunningIdp[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});
async function idpWith(options: IdpOptions = {}): Promise<RunningIdp> {
  const idp = await startIdp(options);
  open.push(idp);
  return idp;
}

interface TokenAnswer {
  status: number;
  pragma: string | null;
  body: Record<string, string>;
}
async function refresh(idp: RunningIdp, refreshToken: string, extra: Record<string, string> = {}): Promise<TokenAnswer> {
  const res = await fetch(`${idp.issuer}/v1/token`, form({ grant_type: 'refresh_token', client_id: idp.clientId, refresh_token: refreshToken, ...extra }));
  return { status: res.status, pragma: res.headers.get('pragma'), body: (await res.json()) as Record<string, string> };
}

describe('refresh_token grant', () => {
  it('without a scope keeps the original ones, rotates, answers no-cache, keeps the original auth_time', async () => {
    const idp = await idpWith();
    const first = await rawTokens(idp, DEMO_PASSWORD);
    const next = await refresh(idp, first['refresh_token']!);
    expect(next.status).toBe(200);
    expect(next.pragma).toBe('no-cache');
    expect(next.body['scope']).toBe('openid profile email offline_access');
    // offline_access once, not added again when it is already there.
    expect(decodeJwt(next.body['access_token']!).scp).toEqual(['openid', 'profile', 'email', 'offline_access']);
    expect(next.body['refresh_token']).toBeTruthy();
    expect(next.body['refresh_token']).not.toBe(first['refresh_token']);
    expect(decodeJwt(next.body['id_token']!).auth_time).toBe(decodeJwt(first['id_token']!).auth_time);
  });

  it("a refresh an hour later keeps the sign-in's auth_time (OIDC Core 12.2: no new authentication)", async () => {
    let clock = Date.UTC(2026, 11, 2, 9, 0, 0);
    const idp = await idpWith({ now: () => clock });
    const first = await rawTokens(idp, DEMO_PASSWORD);
    expect(decodeJwt(first['id_token']!).auth_time).toBe(clock / 1000);
    clock += 3_600_000;
    const next = await refresh(idp, first['refresh_token']!);
    expect(next.status).toBe(200);
    const idToken = decodeJwt(next.body['id_token']!);
    expect(idToken.auth_time).toBe(clock / 1000 - 3600);
  });

  it('a narrower scope (stray spaces allowed) is granted as asked, and the rotated refresh token still comes', async () => {
    const idp = await idpWith();
    const first = await rawTokens(idp, DEMO_PASSWORD);
    const next = await refresh(idp, first['refresh_token']!, { scope: ' openid  email ' });
    expect(next.status).toBe(200);
    expect(next.body['scope']).toBe('openid email');
    // offline_access is kept behind the scenes, so the rotation can go on.
    const again = await refresh(idp, next.body['refresh_token']!);
    expect(again.status).toBe(200);
    expect(again.body['refresh_token']).toBeTruthy();
  });

  it('an empty scope parameter means the original scopes', async () => {
    const idp = await idpWith();
    const first = await rawTokens(idp, DEMO_PASSWORD);
    const next = await refresh(idp, first['refresh_token']!, { scope: '' });
    expect(next.status).toBe(200);
    expect(next.body['scope']).toBe('openid profile email offline_access');
  });

  it('an access token is not a refresh token', async () => {
    const idp = await idpWith();
    const first = await rawTokens(idp, DEMO_PASSWORD);
    expect(await refresh(idp, first['access_token']!)).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' } });
  });

  it('a user locked out after the tokens were issued cannot refresh', async () => {
    const idp = await idpWith({ lockoutThreshold: 1 });
    const first = await rawTokens(idp, DEMO_PASSWORD);
    await expect(rawInteractionCode(idp, 'Wrong-Passw0rd')).rejects.toThrow(/no interaction code/);
    expect(await refresh(idp, first['refresh_token']!)).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' } });
  });

  it('logs the refresh and the logout by login, without tokens', async () => {
    const lines: string[] = [];
    const idp = await idpWith({ log: (line) => lines.push(line) });
    const first = await rawTokens(idp, DEMO_PASSWORD);
    await refresh(idp, first['refresh_token']!);
    await fetch(`${idp.issuer}/v1/logout?id_token_hint=${first['id_token']}`, { redirect: 'manual' });
    expect(lines).toContain('tokens refreshed for alice@example.com');
    expect(lines).toContain('signed out (logout)');
  });
});

describe('client authentication', () => {
  it('an Authorization header that is not Basic leaves the form client id in charge', async () => {
    const idp = await idpWith();
    const res = await fetch(`${idp.issuer}/v1/token`, {
      ...form({ grant_type: 'password', client_id: idp.clientId }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer something' },
    });
    // Past the client check: the refusal is about the grant.
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('logout redirects', () => {
  it('have an empty body', async () => {
    const idp = await idpWith();
    const { id_token: idToken } = await rawTokens(idp, DEMO_PASSWORD);
    for (const query of [`id_token_hint=${idToken}`, `id_token_hint=${idToken}&post_logout_redirect_uri=${encodeURIComponent('com.example.desktop:/logout')}`]) {
      const res = await fetch(`${idp.issuer}/v1/logout?${query}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(await res.text()).toBe('');
    }
  });
});
