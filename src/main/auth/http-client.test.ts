import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdpTransport, MAX_IDP_BODY_BYTES, parseRetryAfter } from './http-client';
import { acceptLanguage } from '../i18n/accept-language';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/echo') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ body, contentType: req.headers['content-type'] }));
      } else if (req.url === '/language') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ acceptLanguage: req.headers['accept-language'] }));
      } else if (req.url === '/limited') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' }).end('{"errorSummary":"slow down"}');
      } else if (req.url === '/limited-step') {
        // A code resent too soon: Okta answers 429 with the step itself and why.
        res.writeHead(429, { 'content-type': 'application/ion+json; okta-version=1.0.0' }).end(
          JSON.stringify({ version: '1.0.0', remediation: { type: 'array', value: [{ name: 'challenge-authenticator' }] }, messages: { value: [{ message: 'Please wait' }] } }),
        );
      } else if (req.url === '/bad') {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant","error_description":"nope"}');
      } else if (req.url === '/stalled-body') {
        // The headers and the start of the body, then nothing more until the test ends.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"status":');
      } else if (req.url === '/largest' || req.url === '/too-large') {
        const size = MAX_IDP_BODY_BYTES + (req.url === '/too-large' ? 1 : 0);
        res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(size - 2)}"`);
      } else if (req.url === '/cut-body') {
        // The headers and part of the body, then the connection drops.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"status":', () => res.socket?.destroy());
      } else if (req.url === '/json-as-text') {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-request-id': 'r1' }).end('{"a":1}');
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('{}'), 500);
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections();
}));

describe('idp transport', () => {
  it('sends the Accept-Language of the moment with every request, unless the SDK set one', async () => {
    let language = 'de, en;q=0.5';
    const { httpRequestClient } = createIdpTransport(fetch, 1000, () => language);
    const asked = async (headers: Record<string, string> = {}) => (await httpRequestClient('GET', `${base}/language`, { headers })).responseJSON?.['acceptLanguage'];
    expect(await asked()).toBe('de, en;q=0.5');
    language = 'fr, en;q=0.5';
    expect(await asked()).toBe('fr, en;q=0.5');
    expect(await asked({ 'accept-language': 'ja' })).toBe('ja');
    const plain = createIdpTransport(fetch, 1000);
    // Without one, Node's fetch sends its own default.
    expect((await plain.httpRequestClient('GET', `${base}/language`, { headers: {} })).responseJSON?.['acceptLanguage']).toBe('*');
  });

  it('asks for English alone in English, and the language then English otherwise', () => {
    expect([acceptLanguage('en'), acceptLanguage('de'), acceptLanguage('ar')]).toEqual(['en', 'de, en;q=0.5', 'ar, en;q=0.5']);
  });

  it('encodes form and JSON bodies like the SDK and parses JSON responses', async () => {
    const { httpRequestClient } = createIdpTransport(fetch);
    const form = await httpRequestClient('POST', `${base}/echo`, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, data: { a: '1 2', b: 'x&y' } });
    expect(form.status).toBe(200);
    expect(form.responseJSON).toEqual({ body: 'a=1+2&b=x%26y', contentType: 'application/x-www-form-urlencoded' });
    const json = await httpRequestClient('POST', `${base}/echo`, { headers: { 'Content-Type': 'application/json' }, data: { a: 1 } });
    expect(json.responseJSON?.['body']).toBe('{"a":1}');
  });

  it('rejects with the response on error statuses', async () => {
    const { httpRequestClient, takeFailure } = createIdpTransport(fetch);
    await expect(httpRequestClient('POST', `${base}/bad`, {})).rejects.toMatchObject({ status: 400, responseJSON: { error: 'invalid_grant' } });
    expect(takeFailure()).toBeUndefined();
  });

  it('records 429 with Retry-After, timeouts and unreachable servers', async () => {
    const transport = createIdpTransport(fetch, 100);
    await expect(transport.httpRequestClient('GET', `${base}/limited`, {})).rejects.toThrow('Too many requests.');
    expect(transport.takeFailure()).toEqual({ kind: 'rate-limited', retryAfterSeconds: 7 });
    expect(transport.takeFailure()).toBeUndefined();
    await expect(transport.httpRequestClient('GET', `${base}/slow`, {})).rejects.toThrow('timed out');
    expect(transport.takeFailure()).toEqual({ kind: 'timeout' });
    await expect(transport.httpRequestClient('GET', 'http://127.0.0.1:1/', {})).rejects.toThrow('could not be reached');
    expect(transport.takeFailure()).toEqual({ kind: 'unreachable' });
  });

  it('reads the body under the same deadline, and at most MAX_IDP_BODY_BYTES of it', async () => {
    const transport = createIdpTransport(fetch, 100);
    await expect(transport.httpRequestClient('GET', `${base}/stalled-body`, {})).rejects.toThrow('The request timed out.');
    expect(transport.takeFailure()).toEqual({ kind: 'timeout' });
    const patient = createIdpTransport(fetch, 10_000);
    expect((await patient.httpRequestClient('GET', `${base}/largest`, {})).responseText).toHaveLength(MAX_IDP_BODY_BYTES);
    expect(patient.takeFailure()).toBeUndefined();
    await expect(patient.httpRequestClient('GET', `${base}/too-large`, {})).rejects.toThrow('The answer was too large.');
    expect(patient.takeFailure()).toEqual({ kind: 'server-error', status: 200 });
  });

  it('a connection cut mid-body is unreachable, not a timeout or a too-large answer', async () => {
    const transport = createIdpTransport(fetch, 10_000);
    await expect(transport.httpRequestClient('GET', `${base}/cut-body`, {})).rejects.toThrow('The connection was interrupted.');
    expect(transport.takeFailure()).toEqual({ kind: 'unreachable' });
  });

  it('passes the headers on, and parses JSON only when the answer says it is JSON', async () => {
    const answer = await createIdpTransport(fetch).httpRequestClient('GET', `${base}/json-as-text`, {});
    expect(answer.headers).toMatchObject({ 'content-type': 'text/plain', 'x-request-id': 'r1' });
    expect(answer.responseText).toBe('{"a":1}');
    expect(answer.responseJSON).toBeUndefined();
  });

  it('hands a 429 that still carries the step to the SDK as an answer, not a rate-limit failure', async () => {
    const transport = createIdpTransport(fetch, 1000);
    await expect(transport.httpRequestClient('GET', `${base}/limited-step`, {})).rejects.toMatchObject({ status: 429, responseText: expect.stringContaining('challenge-authenticator') });
    expect(transport.takeFailure()).toBeUndefined();
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(new Date(10_000 + 5_000).toUTCString(), 10_000)).toBe(5);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
