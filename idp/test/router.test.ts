// The router's own answers, over HTTP: each endpoint shape's error body for a refused method, an
// oversized body, an injected status or rate limit; the Allow header; what an unknown path says;
// per-endpoint counts; what the malformed fault leaves of a body; the language of IDX messages.
// faults.test.ts and bad-requests.test.ts check that each of these happens at all.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from '../index';
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

  it('makes broken JSON of an empty body too', async () => {
    const tx = await startRaw(idp);
    idp.faults.set('cancel', { kind: 'malformed', times: 1 });
    const res = await fetch(`${idp.origin}/idp/idx/cancel`, idxPost({ stateHandle: tx.stateHandle }));
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text) as unknown).toThrow();
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
