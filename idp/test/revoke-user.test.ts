/**
 * An admin's "clear user sessions" (`idp.revokeTokens(login)`): every live token of that user and
 * only those are revoked, and the count is theirs exactly: not another user's, not one revoked
 * already, not one the org's clock says has expired (a token expires at its `exp` exactly).
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, type IdpUser, type RunningIdp } from '../index';
import { form, rawTokens } from './raw-flow';

const user = (login: string): IdpUser => ({ login, password: DEMO_PASSWORD, status: 'ACTIVE', profile: { email: login }, factors: ['password'] });

let idp: RunningIdp;
let orgTime: number | undefined;
beforeAll(async () => {
  idp = await startIdp({ now: () => orgTime ?? Date.now(), users: [user('ann@example.com'), user('ben@example.com')] });
});
afterAll(() => idp.close());

describe('revokeTokens (clear user sessions)', () => {
  it('revokes and counts only the user’s live tokens', async () => {
    // Ben signs in first, so no access token here is newer than Ann's last one.
    const ben = await rawTokens(idp, DEMO_PASSWORD, {}, 'ben@example.com');
    const first = await rawTokens(idp, DEMO_PASSWORD, {}, 'ann@example.com');
    const revoked = await rawTokens(idp, DEMO_PASSWORD, {}, 'ann@example.com');
    // Revoking a refresh token revokes the access token minted with it too.
    expect((await fetch(`${idp.issuer}/v1/revoke`, form({ client_id: idp.clientId, token: revoked['refresh_token']!, token_type_hint: 'refresh_token' }))).status).toBe(200);
    const last = await rawTokens(idp, DEMO_PASSWORD, {}, 'ann@example.com');

    // The org's clock at the last access token's expiry: every access token of these sign-ins is
    // expired (issued in the same second or before), the refresh tokens (30 days) are not.
    orgTime = decodeJwt(last['access_token']!).exp! * 1000;
    expect(idp.isTokenActive(last['access_token']!)).toBe(false);
    expect(idp.isTokenActive(revoked['refresh_token']!)).toBe(false);
    expect(idp.isTokenActive(first['refresh_token']!)).toBe(true);

    // Live: the first and the last refresh token.
    expect(idp.liveTokenCount('ann@example.com')).toBe(2);
    expect(idp.revokeTokens('ann@example.com')).toBe(2);
    expect([first['refresh_token'], last['refresh_token']].map((token) => idp.isTokenActive(token!))).toEqual([false, false]);
    expect(idp.liveTokenCount('ann@example.com')).toBe(0);
    expect(idp.revokeTokens('ann@example.com')).toBe(0);
    // Ben's refresh token stays.
    expect(idp.isTokenActive(ben['refresh_token']!)).toBe(true);
    expect(idp.liveTokenCount('ben@example.com')).toBe(1);
  });
});
