import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { DEMO_PASSWORD, startIdp, type RunningIdp } from '../index';
import { createSdk } from './sdk-client';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp.close();
});

describe('one-page password sign-in with the real okta-auth-js', () => {
  it('legacy mode: authenticate({username,password}) succeeds and tokens verify against the JWKS', async () => {
    const sdk = createSdk(idp, { legacy: true });
    const result = await sdk.idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(result.status).toBe(IdxStatus.SUCCESS);
    const tokens = result.tokens!;
    expect(tokens.idToken?.claims.iss).toBe(idp.issuer);
    expect(tokens.idToken?.claims.aud).toBe(idp.clientId);
    expect(tokens.idToken?.claims.name).toBe('Alice Example');
    expect(tokens.refreshToken?.refreshToken).toBeTruthy();

    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/v1/keys`));
    const { payload } = await jwtVerify(tokens.idToken!.idToken, jwks, { issuer: idp.issuer, audience: idp.clientId });
    expect(payload.sub).toBe(tokens.idToken?.claims.sub);
    await jwtVerify(tokens.accessToken!.accessToken, jwks, { issuer: idp.issuer, audience: 'api://default' });

    const info = await sdk.token.getUserInfo(tokens.accessToken!, tokens.idToken!);
    expect(info.sub).toBe(payload.sub);
    expect(info.email).toBe('alice@example.com');
    expect(info.given_name).toBe('Alice');
  });

  it('step mode: identify with username and password succeeds', async () => {
    const sdk = createSdk(idp);
    const result = await sdk.idx.authenticate({ step: 'identify', username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(result.status).toBe(IdxStatus.SUCCESS);
    expect(result.tokens?.accessToken?.accessToken).toBeTruthy();
    expect(idp.isTokenActive(result.tokens!.accessToken!.accessToken)).toBe(true);
  });

  it('serves discovery with S256 and counts requests per endpoint', async () => {
    idp.resetCounts();
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(idp.issuer);
    expect(doc.code_challenge_methods_supported).toContain('S256');
    expect(idp.counts()['well-known']).toBe(1);
    expect(idp.counts().token).toBe(0);
  });

  it('logs outcomes but never passwords, tokens or codes', async () => {
    const lines: string[] = [];
    const logged = await startIdp({ log: (line) => lines.push(line) });
    try {
      const sdk = createSdk(logged, { legacy: true });
      await sdk.idx.authenticate({ username: 'alice@example.com', password: 'Wrong-Secret-9' });
      const result = await createSdk(logged, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
      const tokens = result.tokens!;
      const admin = { authorization: `Bearer ${logged.adminToken}` };
      await fetch(`${logged.origin}/__admin/faults/keys`, { method: 'PUT', headers: admin, body: '{"kind":"latency","ms":1,"times":1}' });
      const text = lines.join('\n');
      expect(text).toContain('sign-in succeeded for alice@example.com');
      expect(text).toContain('wrong password for alice@example.com');
      for (const secret of ['Wrong-Secret-9', DEMO_PASSWORD, tokens.accessToken!.accessToken, tokens.idToken!.idToken, tokens.refreshToken!.refreshToken]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await logged.close();
    }
  });
});
