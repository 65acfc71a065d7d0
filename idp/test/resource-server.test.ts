/**
 * The demo API judges bearer tokens as a real API protected by Okta would. Against the emulator:
 * a real token is served its owner's tasks; one without the scope, expired by the org's clock or
 * revoked is refused. Against a stand-in org whose key the test holds: every claim the API checks
 * (issuer, audience, expiry, signature, algorithm, scope) is spoiled one at a time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startIdp, startResourceServer, TASKS_PATH, type RunningIdp, type RunningResourceServer } from '../index';
import { DEFAULT_TASKS, DEMO_TASKS } from '../resource-server/index';
import { bearerToken } from '../resource-server/access-token';
import { form, rawTokens } from './raw-flow';

const API_SCOPES = 'openid profile email offline_access tasks.read';

async function getTasks(api: { origin: string }, authorization?: string, init: RequestInit = {}) {
  const res = await fetch(`${api.origin}${TASKS_PATH}`, { ...init, headers: authorization ? { Authorization: authorization } : {} });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as Record<string, unknown> };
}

describe('demo API on the emulator', () => {
  let idp: RunningIdp;
  let api: RunningResourceServer;
  let orgTime = Date.now();
  beforeAll(async () => {
    idp = await startIdp({ now: () => orgTime });
    api = idp.api!;
  });
  afterAll(() => idp.close());

  it('serves the owner of a token with tasks.read their own tasks', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD, { scope: API_SCOPES });
    const answer = await getTasks(api, `Bearer ${tokens['access_token']}`);
    expect(answer).toEqual({ status: 200, challenge: null, body: { owner: 'alice@example.com', tasks: DEMO_TASKS['alice@example.com'] } });
    expect(api.statuses().at(-1)).toBe(200);
  });

  it('asks for a token when none is sent, without an error code (RFC 6750 §3.1)', async () => {
    const answer = await getTasks(api);
    expect(answer.status).toBe(401);
    expect(answer.challenge).toBe('Bearer realm="demo-api"');
  });

  it('refuses an Authorization header that is not a Bearer token', async () => {
    const answer = await getTasks(api, 'Basic YWxpY2U6cHc=');
    expect(answer.status).toBe(401);
    expect(answer.challenge).toBe('Bearer realm="demo-api", error="invalid_token", error_description="The Authorization header is not a Bearer token."');
  });

  it('refuses a good token without the scope with 403 insufficient_scope, naming the scope', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD);
    const answer = await getTasks(api, `Bearer ${tokens['access_token']}`);
    expect(answer.status).toBe(403);
    expect(answer.challenge).toBe('Bearer realm="demo-api", error="insufficient_scope", error_description="The access token does not grant tasks.read.", scope="tasks.read"');
    expect(answer.body).toEqual({ error: 'insufficient_scope', error_description: 'The access token does not grant tasks.read.' });
  });

  it('refuses a token revoked at the org before it expires', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD, { scope: API_SCOPES });
    const revoked = await fetch(`${idp.issuer}/v1/revoke`, form({ client_id: idp.clientId, token: tokens['access_token']!, token_type_hint: 'access_token' }));
    expect(revoked.status).toBe(200);
    const answer = await getTasks(api, `Bearer ${tokens['access_token']}`);
    expect(answer.status).toBe(401);
    expect(answer.body['error_description']).toBe('The access token is no longer active.');
  });

  it('refuses every token of a user whose sessions an admin cleared', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD, { scope: API_SCOPES });
    const live = idp.liveTokenCount('alice@example.com');
    expect(live).toBeGreaterThanOrEqual(2);
    expect(idp.revokeTokens('alice@example.com')).toBe(live);
    expect(idp.liveTokenCount('alice@example.com')).toBe(0);
    expect(idp.revokeTokens('nobody@example.com')).toBe(0);
    expect((await getTasks(api, `Bearer ${tokens['access_token']}`)).status).toBe(401);
  });

  it('refuses a token the org clock says has expired', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD, { scope: API_SCOPES });
    orgTime = Date.now() + 3601_000;
    try {
      const answer = await getTasks(api, `Bearer ${tokens['access_token']}`);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'invalid_token', error_description: 'The access token has expired.' });
    } finally {
      orgTime = Date.now();
    }
  });

  it('answers a failure it was told to, once, then serves again', async () => {
    const tokens = await rawTokens(idp, DEMO_PASSWORD, { scope: API_SCOPES });
    api.failNext(429);
    const busy = await fetch(`${api.origin}${TASKS_PATH}`, { headers: { Authorization: `Bearer ${tokens['access_token']}` } });
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await getTasks(api, `Bearer ${tokens['access_token']}`)).status).toBe(200);
  });

  it('serves only GET/HEAD on its one path, and only under its own host name', async () => {
    expect((await fetch(`${api.origin}/api/other`)).status).toBe(404);
    const post = await fetch(`${api.origin}${TASKS_PATH}`, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const { request } = await import('node:http');
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port: api.port, path: TASKS_PATH, headers: { Host: `evil.example:${api.port}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
        .on('error', reject)
        .end();
    });
    expect(answer).toEqual({ status: 421, body: JSON.stringify({ error: 'misdirected_request' }) });
  });

  it('gives a user without a list of their own the default one', async () => {
    const other = await startIdp({ api: { tasks: { 'someone-else@example.com': [] } } });
    try {
      const tokens = await rawTokens(other, DEMO_PASSWORD, { scope: API_SCOPES });
      expect((await getTasks(other.api!, `Bearer ${tokens['access_token']}`)).body).toEqual({ owner: 'alice@example.com', tasks: DEFAULT_TASKS });
    } finally {
      await other.close();
    }
  });

  it('starts no API with api: false, and closes its API with the org', async () => {
    const none = await startIdp({ api: false });
    expect(none.api).toBeUndefined();
    await none.close();
    const some = await startIdp();
    const origin = some.api!.origin;
    await some.close();
    await expect(fetch(`${origin}${TASKS_PATH}`)).rejects.toThrow();
  });
});

/** A stand-in org: its JWKS at `${issuer}/v1/keys`, signed with a key the test holds. */
async function startStandInOrg(): Promise<{ issuer: string; key: CryptoKey; kid: string; server: Server }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = 'stand-in-key';
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/oauth2/default/v1/keys' ? 200 : 404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/default`, key: privateKey, kid, server };
}

describe('demo API: each claim it checks', () => {
  let org: Awaited<ReturnType<typeof startStandInOrg>>;
  let api: RunningResourceServer;
  const now = Math.floor(Date.now() / 1000);
  beforeAll(async () => {
    org = await startStandInOrg();
    api = await startResourceServer({ issuer: org.issuer });
  });
  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => org.server.close(resolve));
  });

  /** `exp` or `sub` null: the claim is left out. */
  type Spoil = { issuer?: string; audience?: string; exp?: number | null; sub?: null; scp?: unknown; key?: CryptoKey; kid?: string };
  async function token(spoil: Spoil = {}): Promise<string> {
    const jwt = new SignJWT({ scp: 'scp' in spoil ? spoil.scp : ['openid', 'tasks.read'] })
      .setProtectedHeader({ alg: 'RS256', kid: spoil.kid ?? org.kid })
      .setIssuer(spoil.issuer ?? org.issuer)
      .setAudience(spoil.audience ?? 'api://default')
      .setIssuedAt(now - 60);
    if (spoil.sub !== null) jwt.setSubject('bob@example.com');
    if (spoil.exp !== null) jwt.setExpirationTime(spoil.exp ?? now + 600);
    return jwt.sign(spoil.key ?? org.key);
  }
  const describeRefusal = async (jwt: string) => {
    const answer = await getTasks(api, `Bearer ${jwt}`);
    return [answer.status, answer.body['error_description']];
  };

  it('accepts a token that passes every check', async () => {
    expect((await getTasks(api, `Bearer ${await token()}`)).body).toEqual({ owner: 'bob@example.com', tasks: DEFAULT_TASKS });
  });

  it('refuses another audience', async () => {
    expect(await describeRefusal(await token({ audience: 'api://other' }))).toEqual([401, "The access token's aud claim is not accepted."]);
  });

  it('refuses another issuer', async () => {
    expect(await describeRefusal(await token({ issuer: `${org.issuer}-other` }))).toEqual([401, "The access token's iss claim is not accepted."]);
  });

  it('refuses a token without an expiry or a subject', async () => {
    expect((await describeRefusal(await token({ exp: null })))[0]).toBe(401);
    expect((await describeRefusal(await token({ sub: null })))[0]).toBe(401);
  });

  it('refuses an expired token', async () => {
    expect(await describeRefusal(await token({ exp: now - 5 }))).toEqual([401, 'The access token has expired.']);
  });

  it('refuses a signature by another key under the same key id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect(await describeRefusal(await token({ key: privateKey }))).toEqual([401, 'The access token signature is not valid.']);
  });

  it('refuses a key id the JWKS does not have', async () => {
    expect(await describeRefusal(await token({ kid: 'unknown-key' }))).toEqual([401, 'The access token is signed with an unknown key.']);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [, payload] = (await token()).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(await describeRefusal(unsigned)).toEqual([401, 'The access token is not valid.']);
  });

  it('refuses a token whose scp lacks the scope, or is not a list', async () => {
    expect(await describeRefusal(await token({ scp: ['openid'] }))).toEqual([403, 'The access token does not grant tasks.read.']);
    expect(await describeRefusal(await token({ scp: 'tasks.read' }))).toEqual([403, 'The access token does not grant tasks.read.']);
  });
});

describe('demo API: its answers', () => {
  let org: Awaited<ReturnType<typeof startStandInOrg>>;
  afterAll(() => new Promise((resolve) => org.server.close(resolve)));
  beforeAll(async () => {
    org = await startStandInOrg();
  });
  const signed = async () =>
    new SignJWT({ scp: ['tasks.read'] }).setProtectedHeader({ alg: 'RS256', kid: org.kid }).setIssuer(org.issuer).setAudience('api://default').setSubject('bob@example.com').setExpirationTime('10m').sign(org.key);
  const raw = async (api: RunningResourceServer, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${api.origin}${path}`, init);
    return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), retry: res.headers.get('retry-after'), text: await res.text() };
  };

  it('answers every refusal as uncached JSON with an error code, and records each status', async () => {
    const api = await startResourceServer({ issuer: org.issuer });
    try {
      const json = (body: unknown) => ({ type: 'application/json', cache: 'no-store', text: JSON.stringify(body) });
      expect(await raw(api, '/api/other')).toMatchObject({ status: 404, ...json({ error: 'not_found' }) });
      expect(await raw(api, TASKS_PATH, { method: 'DELETE' })).toMatchObject({ status: 405, ...json({ error: 'method_not_allowed' }) });
      expect(await raw(api, TASKS_PATH)).toMatchObject({ status: 401, ...json({ error: 'unauthorized', error_description: 'An access token is required.' }) });
      api.failNext(503, 2);
      for (const _ of [1, 2]) expect(await raw(api, TASKS_PATH)).toMatchObject({ status: 503, retry: null, ...json({ error: 'unavailable' }) });
      const head = await raw(api, TASKS_PATH, { method: 'HEAD', headers: { Authorization: `Bearer ${await signed()}` } });
      expect([head.status, head.type, head.text]).toEqual([200, 'application/json', '']);
      const statuses = api.statuses();
      expect(statuses).toEqual([404, 405, 401, 503, 503, 200]);
      statuses.push(0);
      expect(api.statuses()).toHaveLength(6);
    } finally {
      await api.close();
    }
  });

  it('answers 500 when judging a token fails, listens on the port asked for, and closes once', async () => {
    const probe = await startResourceServer({ issuer: org.issuer });
    const port = probe.port;
    await probe.close();
    const api = await startResourceServer({
      issuer: org.issuer,
      port,
      isActive: () => {
        throw new Error('revocation list unreadable');
      },
    });
    expect([api.port, api.origin]).toEqual([port, `http://127.0.0.1:${port}`]);
    expect(await raw(api, TASKS_PATH, { headers: { Authorization: `Bearer ${await signed()}` } })).toMatchObject({ status: 500, text: JSON.stringify({ error: 'server_error' }) });
    expect(api.statuses()).toEqual([500]);
    const closing = api.close();
    expect(api.close()).toBe(closing);
    await closing;
    await expect(fetch(`${api.origin}${TASKS_PATH}`)).rejects.toThrow();
  });

  it('judges tokens for the audience it is given, and says so', async () => {
    const api = await startResourceServer({ issuer: org.issuer, audience: 'api://other' });
    try {
      expect(api.audience).toBe('api://other');
      expect((await raw(api, TASKS_PATH, { headers: { Authorization: `Bearer ${await signed()}` } })).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('listens on the IPv4 loopback only: the IPv6 one is refused', async () => {
    const api = await startResourceServer({ issuer: org.issuer });
    try {
      await expect(fetch(`http://[::1]:${api.port}${TASKS_PATH}`)).rejects.toThrow();
    } finally {
      await api.close();
    }
  });

  it('closes with a request still arriving: its connection is ended, not waited for', async () => {
    const api = await startResourceServer({ issuer: org.issuer });
    const { connect } = await import('node:net');
    const socket = connect(api.port, '127.0.0.1');
    // Ending it may reset the connection: that is the answer expected, not a failure.
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET ${TASKS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${api.port}\r\n`);
    const ended = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => setImmediate(resolve));
    await api.close();
    await ended;
    expect(socket.destroyed).toBe(true);
  });

  it('refuses to start on a port already taken', async () => {
    const api = await startResourceServer({ issuer: org.issuer });
    try {
      await expect(startResourceServer({ issuer: org.issuer, port: api.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await api.close();
    }
  });
});

describe('bearerToken', () => {
  it('takes the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc.def-_~+/==')).toBe('abc.def-_~+/==');
    expect(bearerToken('bearer abc')).toBeUndefined();
    expect(bearerToken('Bearer  abc')).toBeUndefined();
    expect(bearerToken('Bearer abc def')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('xBearer abc')).toBeUndefined();
  });
});
