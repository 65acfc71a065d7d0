// The router's own answers, over HTTP: each endpoint shape's error body for a refused method, an
// oversized body, an injected status or rate limit; the Allow header; what an unknown path says;
// per-endpoint counts; what the malformed fault leaves of a body; the language of IDX messages.
// faults.test.ts and bad-requests.test.ts check that each of these happens at all.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from '../index';
import { FaultRegistry } from '../admin/faults';
import { Outbox } from '../admin/outbox';
import { Router } from '../http/router';
import type { Reply } from '../http/http-util';
import type { IdxHandlers } from '../idx/handlers';
import type { OAuthHandlers } from '../oauth/handlers';
import type { BrowserSignIn } from '../oauth/authorize';
import { idpPerTest } from './idp-per-test';
import { idxPost, startRaw } from './raw-flow';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp.close();
});
afterEach(() => {
  idp.faults.clear();
  idp.resetCounts();
});
/** An emulator of a test's own, for what a shared one's beforeAll would hide from a mutation run's per-test coverage. */
const start = idpPerTest();

type IdxBody = { version?: string; messages?: { value: Array<{ message: string; i18n: { key: string }; class: string }> } };
const idxKeys = async (res: Response) => ((await res.json()) as IdxBody).messages?.value.map((m) => m.i18n.key);

describe('error bodies follow the endpoint', () => {
  it('IDX: a refused method is E0000022, an injected 5xx E0000009, an injected 4xx E0000001, each as an IDX error', async () => {
    const wrongMethod = await fetch(`${idp.origin}/idp/idx/challenge/answer`, { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const body = (await wrongMethod.json()) as IdxBody;
    expect(body.version).toBe('1.0.0');
    expect(body.messages?.value).toStrictEqual([
      { message: 'The endpoint does not support the provided HTTP method', i18n: { key: 'E0000022' }, class: 'ERROR' },
    ]);

    idp.faults.set('identify', { kind: 'status', status: 502, times: 1 });
    const serverError = await fetch(`${idp.origin}/idp/idx/identify`, idxPost({}));
    expect(serverError.status).toBe(502);
    expect(await idxKeys(serverError)).toStrictEqual(['E0000009']);

    idp.faults.set('identify', { kind: 'status', status: 500, times: 1 });
    expect(await idxKeys(await fetch(`${idp.origin}/idp/idx/identify`, idxPost({})))).toStrictEqual(['E0000009']);

    idp.faults.set('identify', { kind: 'status', status: 499, times: 1 });
    const clientError = await fetch(`${idp.origin}/idp/idx/identify`, idxPost({}));
    expect(clientError.status).toBe(499);
    expect(await idxKeys(clientError)).toStrictEqual(['E0000001']);
  });

  it('OAuth: server_error for 5xx, invalid_request for 4xx and a refused method, with the words', async () => {
    idp.faults.set('token', { kind: 'status', status: 500, times: 1 });
    expect(await (await fetch(`${idp.issuer}/v1/token`, { method: 'POST' })).json()).toStrictEqual({
      error: 'server_error',
      error_description: 'Injected fault: HTTP 500',
    });
    idp.faults.set('token', { kind: 'status', status: 499, times: 1 });
    expect(await (await fetch(`${idp.issuer}/v1/token`, { method: 'POST' })).json()).toMatchObject({ error: 'invalid_request' });
    const wrongMethod = await fetch(`${idp.issuer}/v1/token`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toStrictEqual({ error: 'invalid_request', error_description: 'The endpoint does not support the provided HTTP method' });
  });

  it('API: E0000009 for 5xx, E0000001 for 4xx and a refused method', async () => {
    idp.faults.set('keys', { kind: 'status', status: 500, times: 1 });
    expect(await (await fetch(`${idp.issuer}/v1/keys`)).json()).toMatchObject({ errorCode: 'E0000009', errorSummary: 'Injected fault: HTTP 500' });
    idp.faults.set('keys', { kind: 'status', status: 499, times: 1 });
    expect(await (await fetch(`${idp.issuer}/v1/keys`)).json()).toMatchObject({ errorCode: 'E0000001' });
    const wrongMethod = await fetch(`${idp.issuer}/v1/keys`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(await wrongMethod.json()).toMatchObject({ errorCode: 'E0000001', errorSummary: 'The endpoint does not support the provided HTTP method' });
  });

  it('Allow lists every method an endpoint takes', async () => {
    const res = await fetch(`${idp.issuer}/v1/userinfo`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('a body over 64 KiB: the endpoint’s own 413, and the connection closed after it', async () => {
    const big = 'x'.repeat(65 * 1024);
    const oauth = await fetch(`${idp.issuer}/v1/token`, { method: 'POST', body: big });
    expect(oauth.status).toBe(413);
    expect(oauth.headers.get('connection')).toBe('close');
    expect(await oauth.json()).toStrictEqual({ error: 'invalid_request', error_description: 'The request body is too large.' });
    const api = await fetch(`${idp.origin}/no/such/path`, { method: 'POST', body: big });
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ errorCode: 'E0000001', errorSummary: 'The request body is too large.' });
  });
});

describe('rate limits', () => {
  it('an IDX endpoint answers an IDX document', async () => {
    idp.faults.set('introspect', { kind: 'rate-limit', retryAfterSeconds: 3, times: 1 });
    const res = await fetch(`${idp.origin}/idp/idx/introspect`, idxPost({ stateHandle: 'x' }));
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ version: '1.0.0', messages: { type: 'array', value: [{ i18n: { key: 'tooManyRequests' } }] } });
  });

  it('an API endpoint answers Okta’s E0000047 with the limit headers, the reset that many seconds on', async () => {
    idp.faults.set('keys', { kind: 'rate-limit', retryAfterSeconds: 30, times: 1 });
    const before = Math.floor(Date.now() / 1000);
    const res = await fetch(`${idp.issuer}/v1/keys`);
    const after = Math.floor(Date.now() / 1000);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('x-rate-limit-limit')).toBe('600');
    expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(res.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThanOrEqual(before + 30);
    expect(reset).toBeLessThanOrEqual(after + 30);
    expect(await res.json()).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
  });
});

describe('unknown paths and counts', () => {
  it('an unknown path names the path (at most 200 characters) and the method', async () => {
    const res = await fetch(`${idp.origin}/nope`, { method: 'DELETE' });
    expect(((await res.json()) as { errorSummary: string }).errorSummary).toBe('Not found: Resource not found: /nope (DELETE)');
    const long = `/${'p'.repeat(300)}`;
    const summary = ((await (await fetch(`${idp.origin}${long}`)).json()) as { errorSummary: string }).errorSummary;
    expect(summary).toBe(`Not found: Resource not found: ${long.slice(0, 200)} (GET)`);
  });

  it('counts each request to an endpoint, a refused method too, and both sign-up paths as one endpoint', async () => {
    await fetch(`${idp.issuer}/v1/keys`);
    await fetch(`${idp.issuer}/v1/keys`, { method: 'POST' });
    await fetch(`${idp.origin}/idp/idx/enroll`, idxPost({}));
    await fetch(`${idp.origin}/idp/idx/enroll/new`, idxPost({}));
    await fetch(`${idp.origin}/nope`);
    const counts = idp.counts();
    expect(counts.keys).toBe(2);
    expect(counts['enroll-profile']).toBe(2);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(4);
    idp.resetCounts();
    expect(Object.values(idp.counts()).every((n) => n === 0)).toBe(true);
  });
});

describe('the malformed fault', () => {
  it('keeps the first half of the real body', async () => {
    const whole = await (await fetch(`${idp.issuer}/v1/keys`)).text();
    idp.faults.set('keys', { kind: 'malformed', times: 1 });
    const res = await fetch(`${idp.issuer}/v1/keys`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(whole.slice(0, Math.floor(whole.length / 2)));
  });

  it('makes broken JSON of an empty body too (revoke answers 200 with none)', async () => {
    const revoke = () => fetch(`${idp.issuer}/v1/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `client_id=${idp.clientId}&token=unknown` });
    expect(await (await revoke()).text()).toBe('');
    idp.faults.set('revoke', { kind: 'malformed', times: 1 });
    const text = await (await revoke()).text();
    expect(text).toBe('{"er');
  });
});

describe('language', () => {
  it('IDX documents come in the language asked for; other endpoints’ words do not change', async () => {
    const tx = await startRaw(idp);
    const introspect = (language?: string) =>
      fetch(`${idp.origin}/idp/idx/introspect`, {
        ...idxPost({ stateHandle: tx.stateHandle }),
        headers: { 'Content-Type': 'application/json', ...(language && { 'Accept-Language': language }) },
      }).then((r) => r.text());
    const [french, english] = [await introspect('fr'), await introspect()];
    expect(english).toContain('"label":"Username"');
    expect(french).not.toContain('"label":"Username"');
    expect(french).toContain('"label":"Nom d’utilisateur"');
    const oauth = await fetch(`${idp.issuer}/v1/token`, { headers: { 'Accept-Language': 'fr' } });
    expect(((await oauth.json()) as { error_description: string }).error_description).toBe('The endpoint does not support the provided HTTP method');
  });
});

describe('preflight', () => {
  it('answers 204 with no body, the headers asked for when sent once', async () => {
    const status = await new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: idp.port, method: 'OPTIONS', path: '/idp/idx/introspect', headers: { Origin: 'http://localhost:1', 'Access-Control-Request-Headers': 'x-one' } },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers['access-control-allow-headers'] as string | undefined, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toStrictEqual({ status: 204, allow: 'x-one', body: '' });
  });
});

describe('every route', () => {
  const IDP = '0oaEmulatorPartner01';
  const routes: Array<[path: string, endpoint: string, methods: string[], shape: 'idx' | 'oauth' | 'api']> = [
    ['/oauth2/default/.well-known/openid-configuration', 'well-known', ['GET'], 'api'],
    ['/oauth2/default/v1/interact', 'interact', ['POST'], 'oauth'],
    ['/idp/idx/introspect', 'introspect', ['POST'], 'idx'],
    ['/idp/idx/identify', 'identify', ['POST'], 'idx'],
    ['/idp/idx/challenge', 'challenge', ['POST'], 'idx'],
    ['/idp/idx/challenge/answer', 'challenge-answer', ['POST'], 'idx'],
    ['/idp/idx/challenge/resend', 'challenge-resend', ['POST'], 'idx'],
    ['/idp/idx/challenge/poll', 'challenge-poll', ['POST'], 'idx'],
    ['/idp/idx/challenge/send', 'challenge-send', ['POST'], 'idx'],
    ['/idp/idx/credential/enroll', 'credential-enroll', ['POST'], 'idx'],
    ['/idp/idx/recover', 'recover', ['POST'], 'idx'],
    ['/idp/idx/unlock-account', 'unlock-account', ['POST'], 'idx'],
    ['/idp/idx/enroll', 'enroll-profile', ['POST'], 'idx'],
    ['/idp/idx/enroll/new', 'enroll-profile', ['POST'], 'idx'],
    ['/idp/idx/skip', 'skip', ['POST'], 'idx'],
    ['/email/verify', 'link', ['GET'], 'api'],
    ['/okta-verify/activate', 'link', ['GET'], 'api'],
    ['/idp/idx/cancel', 'cancel', ['POST'], 'idx'],
    ['/oauth2/default/v1/token', 'token', ['POST'], 'oauth'],
    ['/oauth2/default/v1/keys', 'keys', ['GET'], 'api'],
    ['/oauth2/default/v1/userinfo', 'userinfo', ['GET', 'POST'], 'oauth'],
    ['/oauth2/default/v1/revoke', 'revoke', ['POST'], 'oauth'],
    ['/oauth2/default/v1/logout', 'logout', ['GET'], 'oauth'],
    ['/oauth2/default/v1/authorize', 'authorize', ['GET'], 'oauth'],
    ['/oauth2/default/v1/authorize/sign-in', 'sign-in-page', ['GET', 'POST'], 'api'],
    ['/oauth2/default/v1/authorize/webauthn.js', 'sign-in-page', ['GET'], 'api'],
    [`/sso/idps/${IDP}`, 'external-idp', ['GET'], 'api'],
    [`/sso/idps/${IDP}/callback`, 'external-idp', ['GET'], 'api'],
    [`/stand-in-idp/${IDP}/authorize`, 'external-idp', ['GET', 'POST'], 'api'],
  ];
  // An emulator per row, started in the test (not a beforeAll), so that a mutation run counts the
  // route table it builds as covered by this test.

  it.each(routes)('%s reaches its handler by its methods, counted as %s; any other method is its shape’s 405', async (path, endpoint, methods, shape) => {
    const withIdp = await start({ identityProvider: true, api: false });
    for (const method of methods) {
      withIdp.resetCounts();
      const res = await fetch(`${withIdp.origin}${path}`, { method, ...(method === 'POST' ? { body: '' } : {}), redirect: 'manual' });
      const text = await res.text();
      expect(res.status, `${method} ${path}`).not.toBe(405);
      expect(text).not.toContain('Resource not found');
      const counts = withIdp.counts();
      expect(counts[endpoint as keyof typeof counts], `${method} ${path}`).toBe(1);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
    }
    const refused = await fetch(`${withIdp.origin}${path}`, { method: 'DELETE' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe(methods.join(', '));
    const body = (await refused.json()) as Record<string, unknown>;
    if (shape === 'idx') expect(body).toMatchObject({ version: '1.0.0', messages: { value: [{ i18n: { key: 'E0000022' } }] } });
    if (shape === 'oauth') expect(body).toStrictEqual({ error: 'invalid_request', error_description: 'The endpoint does not support the provided HTTP method' });
    if (shape === 'api') expect(body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'The endpoint does not support the provided HTTP method' });
  });
});

describe('connections', () => {
  it('an ordinary answer keeps the connection open for the next request', async () => {
    const res = await fetch(`${idp.issuer}/v1/keys`);
    expect(res.headers.get('connection')).not.toBe('close');
  });

  it('a client that gave up during a held request leaves the emulator serving', async () => {
    idp.faults.set('keys', { kind: 'latency', ms: 60_000, times: 1 });
    const gaveUp = new AbortController();
    const asked = fetch(`${idp.issuer}/v1/keys`, { signal: gaveUp.signal });
    await idp.faults.holding();
    gaveUp.abort();
    await expect(asked).rejects.toThrow();
    idp.faults.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await fetch(`${idp.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it('the admin API answers with this emulator’s own counts, and resets them', async () => {
    const own = await start({ api: false });
    const admin = (path: string, method = 'GET') => fetch(`${own.origin}/__admin/${path}`, { method, headers: { authorization: `Bearer ${own.adminToken}` } });
    await fetch(`${own.issuer}/v1/keys`);
    expect(await (await admin('counts')).json()).toMatchObject({ keys: 1 });
    expect(await (await admin('counts/reset', 'POST')).json()).toMatchObject({ keys: 0 });
    expect(own.counts().keys).toBe(0);
  });
});


describe('Router.idx (the hosted sign-in page’s own IDX requests)', () => {
  function router(identify: () => Reply) {
    return new Router({
      idx: { identify } as unknown as IdxHandlers,
      oauth: {} as OAuthHandlers,
      faults: new FaultRegistry(),
      log: () => {},
      port: 1,
      adminToken: 'token',
      outbox: new Outbox(() => 0),
      browser: { idps: [] } as unknown as BrowserSignIn,
    });
  }
  const ctx = { method: 'POST', path: '/idp/idx/identify', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) };

  it('runs an IDX endpoint, with no count', async () => {
    const reply: Reply = { status: 200, headers: {}, body: '{"ok":true}' };
    const r = router(() => reply);
    expect(await r.idx('/idp/idx/identify', ctx)).toBe(reply);
    expect(r.getCounts().identify).toBe(0);
  });

  it('runs nothing that is not one: an OAuth or API endpoint, or no endpoint, is "action unavailable"', async () => {
    const r = router(() => {
      throw new Error('not to be called');
    });
    for (const path of ['/oauth2/default/v1/token', '/oauth2/default/v1/keys', '/nope']) {
      const reply = await r.idx(path, ctx);
      expect(reply.status, path).toBe(404);
      expect(JSON.parse(reply.body), path).toMatchObject({ version: '1.0.0', messages: { value: [{ i18n: { key: 'idx.action.unavailable' } }] } });
    }
  });
});

describe('a handler that throws', () => {
  it('is a 500 in Okta’s shape, logged by the error’s name only, and the server goes on', async () => {
    const lines: string[] = [];
    let calls = 0;
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const r = new Router({
      idx: {
        identify: () => {
          calls += 1;
          throw calls === 1 ? new TypeError('a bug that names hunter2') : 'a string that names hunter2';
        },
      } as unknown as IdxHandlers,
      oauth: {} as OAuthHandlers,
      faults: new FaultRegistry(),
      log: (line) => lines.push(line),
      port,
      adminToken: 'token',
      outbox: new Outbox(() => 0),
      browser: { idps: [] } as unknown as BrowserSignIn,
    });
    server.on('request', (req, res) => void r.handle(req, res));
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/idp/idx/identify`, idxPost({}));
        expect(res.status).toBe(500);
        expect(await res.json()).toMatchObject({ errorCode: 'E0000009', errorSummary: 'Internal Server Error' });
      }
      expect(lines).toStrictEqual(['internal error: TypeError', 'internal error: unknown']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
