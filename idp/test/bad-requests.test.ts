/** Bad, replayed and hostile requests get Okta-shaped errors, and the emulator keeps serving. */
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, type RunningIdp } from '../index';
import { form, idxPost, rawInteractionCode, startRaw, stillServing } from './raw-flow';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp.close();
});
afterEach(async () => {
  expect(await stillServing(idp)).toBe(true);
});

type IdxBody = { version?: string; messages?: { value: Array<{ i18n: { key: string } }> }; remediation?: { value: Array<{ name: string; value: Array<Record<string, unknown>> }> } };

async function idxJson(res: Response): Promise<IdxBody> {
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as IdxBody;
}

const keys = (doc: IdxBody) => doc.messages?.value.map((m) => m.i18n.key);

describe('IDX endpoints', () => {
  it('malformed JSON: 400 with an IDX message', async () => {
    const res = await fetch(`${idp.origin}/idp/idx/identify`, idxPost('{"stateHandle": "abc", '));
    expect(res.status).toBe(400);
    const doc = await idxJson(res);
    expect(doc.version).toBe('1.0.0');
    expect(keys(doc)).toEqual(['E0000003']);
  });

  it('a JSON array or scalar body is malformed too', async () => {
    for (const body of ['[]', '42', 'null']) {
      expect((await fetch(`${idp.origin}/idp/idx/introspect`, idxPost(body))).status).toBe(400);
    }
  });

  it('wrong content type: 415', async () => {
    const res = await fetch(`${idp.origin}/idp/idx/identify`, idxPost('identifier=x', 'text/plain'));
    expect(res.status).toBe(415);
    expect(keys(await idxJson(res))).toEqual(['E0000006']);
  });

  it('missing or unknown stateHandle / interactionHandle: idx.session.expired, no remediation', async () => {
    for (const [path, body] of [
      ['identify', { identifier: 'alice@example.com' }],
      ['identify', { stateHandle: 'nope' }],
      ['challenge/answer', { stateHandle: 42 }],
      ['introspect', { interactionHandle: 'nope' }],
      ['introspect', { stateToken: 'nope' }],
    ] as const) {
      const res = await fetch(`${idp.origin}/idp/idx/${path}`, idxPost(body));
      expect(res.status, path).toBe(401);
      const doc = await idxJson(res);
      expect(doc.version).toBe('1.0.0');
      expect(keys(doc)).toEqual(['idx.session.expired']);
      expect(doc.remediation).toBeUndefined();
    }
  });

  it('introspect without any handle: 400', async () => {
    expect((await fetch(`${idp.origin}/idp/idx/introspect`, idxPost({}))).status).toBe(400);
  });

  it('missing identifier or password: 400, form kept with a field-level message', async () => {
    const tx = await startRaw(idp);
    const res = await fetch(`${idp.origin}/idp/idx/identify`, idxPost({ stateHandle: tx.stateHandle, credentials: { passcode: 'x' } }));
    expect(res.status).toBe(400);
    const doc = await idxJson(res);
    const identify = doc.remediation?.value.find((r) => r.name === 'identify');
    const identifier = identify?.value.find((f) => f.name === 'identifier') as { messages?: { value: Array<{ i18n: { key: string } }> } };
    expect(identifier.messages?.value[0]?.i18n.key).toBe('model.validation.field.blank');
    const noPassword = await fetch(`${idp.origin}/idp/idx/identify`, idxPost({ stateHandle: tx.stateHandle, identifier: 'alice@example.com', credentials: 'x' }));
    expect(noPassword.status).toBe(400);
  });

  it('a step posted out of order: 400 with the current form and a message', async () => {
    const tx = await startRaw(idp);
    const res = await fetch(`${idp.origin}/idp/idx/challenge/answer`, idxPost({ stateHandle: tx.stateHandle, credentials: { passcode: 'x' } }));
    expect(res.status).toBe(400);
    // The demo org also offers sign-up and unlock beside identify.
    expect((await res.json()) as IdxBody).toMatchObject({ remediation: { value: [{ name: 'identify' }, { name: 'select-enroll-profile' }, { name: 'unlock-account' }] } });
    const skip = await fetch(`${idp.origin}/idp/idx/skip`, idxPost({ stateHandle: tx.stateHandle }));
    expect(skip.status).toBe(400);
  });

  it('a body over 64 KiB: 413', async () => {
    const res = await fetch(`${idp.origin}/idp/idx/identify`, idxPost({ stateHandle: 'x', identifier: 'a'.repeat(100 * 1024) }));
    expect(res.status).toBe(413);
    expect(keys(await idxJson(res))).toEqual(['E0000003']);
  });

  it('wrong method: 405 with Allow', async () => {
    const res = await fetch(`${idp.origin}/idp/idx/identify`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('OAuth endpoints', () => {
  const oauthBody = async (res: Response) => (await res.json()) as { error: string; error_description: string };

  it('interact: wrong client id → invalid_client, wrong redirect URI / no PKCE / bad scope → 400', async () => {
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ client_id: 'someone-else' }, 401, 'invalid_client'],
      [{ redirect_uri: 'https://evil.example/cb' }, 400, 'invalid_request'],
      [{ code_challenge: 'short' }, 400, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 400, 'invalid_request'],
      [{ scope: 'openid admin' }, 400, 'invalid_scope'],
    ];
    for (const [override, status, error] of cases) {
      const err = await startRaw(idp, override).catch((e: Error) => e.message);
      expect(err, JSON.stringify(override)).toMatch(new RegExp(`^interact answered ${status}: .*"error":"${error}"`));
    }
  });

  it('interact or token with JSON instead of a form: 415 OAuth error', async () => {
    for (const path of ['interact', 'token', 'revoke']) {
      const res = await fetch(`${idp.issuer}/v1/${path}`, idxPost({ client_id: idp.clientId }));
      expect(res.status, path).toBe(415);
      expect((await oauthBody(res)).error).toBe('invalid_request');
    }
  });

  it('token: bad PKCE verifier → invalid_grant, and the code is then spent', async () => {
    const { code, verifier } = await rawInteractionCode(idp, DEMO_PASSWORD);
    const base = { grant_type: 'interaction_code', client_id: idp.clientId, redirect_uri: idp.redirectUri, interaction_code: code };
    // Same length and alphabet, last character always changed (a fixed replacement such as `0` equals it 1 time in 16).
    const wrong = `${verifier.slice(0, -1)}${verifier.endsWith('A') ? 'B' : 'A'}`;
    expect(wrong).not.toBe(verifier);
    const bad = await fetch(`${idp.issuer}/v1/token`, form({ ...base, code_verifier: wrong }));
    expect(bad.status).toBe(400);
    expect(await oauthBody(bad)).toEqual({ error: 'invalid_grant', error_description: 'PKCE verification failed.' });
    const retry = await fetch(`${idp.issuer}/v1/token`, form({ ...base, code_verifier: verifier }));
    expect((await oauthBody(retry)).error).toBe('invalid_grant');
  });

  it('token: a reused interaction code → invalid_grant', async () => {
    const { code, verifier } = await rawInteractionCode(idp, DEMO_PASSWORD);
    const body = { grant_type: 'interaction_code', client_id: idp.clientId, redirect_uri: idp.redirectUri, interaction_code: code, code_verifier: verifier };
    expect((await fetch(`${idp.issuer}/v1/token`, form(body))).status).toBe(200);
    const again = await fetch(`${idp.issuer}/v1/token`, form(body));
    expect(again.status).toBe(400);
    expect((await oauthBody(again)).error).toBe('invalid_grant');
  });

  it('token: wrong client id → 401 invalid_client; wrong redirect URI → invalid_grant; unknown grant → unsupported_grant_type', async () => {
    const { code, verifier } = await rawInteractionCode(idp, DEMO_PASSWORD);
    const base = { grant_type: 'interaction_code', client_id: idp.clientId, redirect_uri: idp.redirectUri, interaction_code: code, code_verifier: verifier };
    const wrongClient = await fetch(`${idp.issuer}/v1/token`, form({ ...base, client_id: 'other' }));
    expect(wrongClient.status).toBe(401);
    expect((await oauthBody(wrongClient)).error).toBe('invalid_client');
    const wrongRedirect = await fetch(`${idp.issuer}/v1/token`, form({ ...base, redirect_uri: 'com.example.other:/cb' }));
    expect((await oauthBody(wrongRedirect)).error).toBe('invalid_grant');
    const password = await fetch(`${idp.issuer}/v1/token`, form({ grant_type: 'password', client_id: idp.clientId }));
    expect((await oauthBody(password)).error).toBe('unsupported_grant_type');
    const missing = await fetch(`${idp.issuer}/v1/token`, form({ client_id: idp.clientId }));
    expect((await oauthBody(missing)).error).toBe('invalid_request');
  });

  it('revoke with unreadable Basic auth (a stray %): 401 invalid_client, not a 500', async () => {
    for (const credentials of ['%E0%A4%A:secret', ':secret']) {
      const res = await fetch(`${idp.issuer}/v1/revoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
        body: 'token=abc',
      });
      expect(res.status, credentials).toBe(401);
      expect((await oauthBody(res)).error).toBe('invalid_client');
    }
  });

  it('userinfo without or with an unknown token: 401 with WWW-Authenticate', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer not-a-token' }, { Authorization: 'Basic abc' }]) {
      const res = await fetch(`${idp.issuer}/v1/userinfo`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_(token|request)"/);
    }
  });

  it('logout without or with a forged id_token_hint: 400', async () => {
    expect((await fetch(`${idp.issuer}/v1/logout`)).status).toBe(400);
    const res = await fetch(`${idp.issuer}/v1/logout?id_token_hint=eyJhbGciOiJub25lIn0.e30.`);
    expect(res.status).toBe(400);
    expect((await oauthBody(res)).error).toBe('invalid_request');
  });
});

describe('anything else', () => {
  it('unknown paths: 404 JSON', async () => {
    for (const path of ['/nope', '/oauth2/default/v1/device/authorize', '/idp/idx/enroll/update', '/__admin/nope']) {
      const res = await fetch(`${idp.origin}${path}`, { headers: { authorization: `Bearer ${idp.adminToken}` } });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe('E0000007');
    }
  });

  it('a garbage request line: 400, connection closed, server still up', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(idp.port, '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });

  it('CORS: preflight and responses allow local origins only', async () => {
    const preflight = await fetch(`${idp.origin}/idp/idx/introspect`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-okta-user-agent-extended' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-okta-user-agent-extended');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    const local = await fetch(`${idp.issuer}/v1/keys`, { headers: { Origin: 'http://127.0.0.1:3000' } });
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    const foreign = await fetch(`${idp.issuer}/v1/keys`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const foreignPreflight = await fetch(`${idp.origin}/idp/idx/introspect`, { method: 'OPTIONS', headers: { Origin: 'http://localhost.evil.example' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
