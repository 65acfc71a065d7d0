/**
 * The discovery document, field by field: okta-auth-js reads its endpoints from here, and a
 * changed or dropped field would send a client elsewhere or make it refuse the server. The
 * values are what an Okta org's `default` authorization server publishes (for what the emulator
 * implements, and nothing it does not: no registration endpoint, no fragment or form_post
 * response mode, no client secrets).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from '../index';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp.close();
});

describe('/.well-known/openid-configuration', () => {
  it('publishes the issuer, every endpoint and the supported methods', async () => {
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const { issuer } = idp;
    expect(await res.json()).toEqual({
      issuer,
      authorization_endpoint: `${issuer}/v1/authorize`,
      token_endpoint: `${issuer}/v1/token`,
      userinfo_endpoint: `${issuer}/v1/userinfo`,
      jwks_uri: `${issuer}/v1/keys`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'interaction_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'tasks.read'],
      token_endpoint_auth_methods_supported: ['none'],
      claims_supported: ['iss', 'ver', 'sub', 'aud', 'iat', 'exp', 'jti', 'auth_time', 'amr', 'idp', 'nonce', 'name',
        'preferred_username', 'given_name', 'family_name', 'email', 'email_verified', 'zoneinfo', 'locale', 'at_hash'],
      code_challenge_methods_supported: ['S256'],
      revocation_endpoint: `${issuer}/v1/revoke`,
      revocation_endpoint_auth_methods_supported: ['none'],
      end_session_endpoint: `${issuer}/v1/logout`,
      request_parameter_supported: false,
    });
  });

  it('serves the signing keys as a JWKS that clients may cache for 5 minutes', async () => {
    const res = await fetch(`${idp.issuer}/v1/keys`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=300');
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB', kid: expect.any(String), n: expect.any(String) });
  });
});
