/**
 * The emulator answers only requests addressed to it by a loopback name (DNS rebinding: a page
 * at http://evil.test:PORT that resolves to 127.0.0.1 reaches the socket but names itself in
 * Host), and its admin API only callers holding this run's token.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, type RunningIdp } from '../index';
import { createSdk } from './sdk-client';
import { stillServing } from './raw-flow';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** fetch() cannot set Host; node:http can, as a rebinding browser or a local process would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: idp.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const admin = () => ({ authorization: `Bearer ${idp.adminToken}` });

describe('Host header', () => {
  const paths: Array<[string, string, string?]> = [
    ['GET', '/oauth2/default/.well-known/openid-configuration'],
    ['POST', '/oauth2/default/v1/interact', 'client_id=desktop-app-client'],
    ['POST', '/idp/idx/identify', '{"stateHandle":"x"}'],
    ['POST', '/oauth2/default/v1/token', 'grant_type=refresh_token'],
    ['GET', '/oauth2/default/v1/userinfo'],
    ['OPTIONS', '/oauth2/default/v1/token'],
    ['GET', '/__admin/counts'],
    ['GET', '/nope'],
  ];

  it.each(['evil.test', 'evil.test:PORT', '127.0.0.1.evil.test:PORT', '127.0.0.1:1', 'localhost', '[::1]', '127.0.0.2:PORT'])(
    'answers 421 with an Okta error to Host %j on every path, with no CORS headers',
    async (hostPattern) => {
      const host = hostPattern.replace('PORT', String(idp.port));
      const before = idp.counts();
      for (const [method, path, body] of paths) {
        const res = await send(path, { method, body, headers: { host, origin: `http://${host}`, ...admin(), 'content-type': 'application/json' } });
        expect(res.status, `${method} ${path}`).toBe(421);
        expect(JSON.parse(res.body)).toMatchObject({ errorCode: 'E0000001', errorSummary: expect.stringMatching(/^Misdirected Request/) });
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        // Nothing more is served on a connection that named another host.
        expect(res.headers.connection).toBe('close');
      }
      // Refused before routing: no endpoint ran.
      expect(idp.counts()).toEqual(before);
    },
  );

  it('answers 421 to a request with no Host at all (HTTP/1.0)', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(idp.port, '127.0.0.1', () => socket.write('GET /oauth2/default/.well-known/openid-configuration HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.[01] 421 /);
    expect(answer).not.toContain(idp.issuer);
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT'])('serves Host %j', async (hostPattern) => {
    const host = hostPattern.replace('PORT', String(idp.port));
    const res = await send('/oauth2/default/.well-known/openid-configuration', { headers: { host } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ issuer: idp.issuer });
  });

  it('a full sign-in still works (the SDK names 127.0.0.1:PORT)', async () => {
    const result = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(result.tokens?.accessToken).toBeDefined();
  });
});

describe('admin token', () => {
  it('is random per run and not guessable from the port', async () => {
    const other = await startIdp();
    try {
      expect(idp.adminToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(other.adminToken).not.toBe(idp.adminToken);
    } finally {
      await other.close();
    }
  });

  const refusals: Array<[string, string | undefined]> = [
    ['no Authorization', undefined],
    ['a wrong token', 'Bearer wrong-token'],
    ['the token under another scheme', 'Basic TOKEN'],
    ['the token with a suffix', 'Bearer TOKENx'],
    ['the token in lower case', 'Bearer LOWER'],
    ['an empty bearer', 'Bearer '],
  ];
  it.each(refusals)('refuses %s with 401, and changes nothing', async (_name, pattern) => {
    const auth = pattern?.replace('TOKEN', idp.adminToken).replace('LOWER', idp.adminToken.toLowerCase());
    const withAuth: Record<string, string> = auth === undefined ? {} : { authorization: auth };
    for (const [method, path, body] of [
      ['GET', '/__admin/counts'],
      ['GET', '/__admin/faults'],
      ['POST', '/__admin/counts/reset'],
      ['PUT', '/__admin/faults/token', '{"kind":"drop"}'],
      ['DELETE', '/__admin/faults'],
    ] as const) {
      const res = await send(path, { method, body, headers: withAuth });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="emulator-admin"');
      expect(res.body).not.toContain(idp.adminToken);
    }
    expect(idp.faults.list()).toEqual({});
  });

  it('serves the holder of the token', async () => {
    const put = await send('/__admin/faults/userinfo', { method: 'PUT', headers: admin(), body: '{"kind":"status","status":502,"times":1}' });
    expect(put.status).toBe(200);
    expect(idp.faults.list()).toMatchObject({ userinfo: { kind: 'status', status: 502 } });
    expect((await send('/__admin/faults', { method: 'DELETE', headers: admin() })).status).toBe(200);
    expect((await send('/__admin/counts', { headers: admin() })).status).toBe(200);
    expect(await stillServing(idp)).toBe(true);
  });
});
