// The emulator's HTTP helpers on their own, without a server: body limits, media types, JSON and
// form bodies, which origins and hosts count as this machine, CORS and preflight headers. The
// HTTP tests (bad-requests, local-only) reach them through the router; these pin each rule.
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  apiError,
  BodyTooLargeError,
  corsHeaders,
  isJsonMediaType,
  isLocalHost,
  isLocalOrigin,
  jsonReply,
  mediaType,
  oauthError,
  parseFormBody,
  parseJsonBody,
  preflightHeaders,
  randomToken,
  readBody,
  sameSecret,
  type RequestContext,
} from '../http/http-util';

function request(): PassThrough & IncomingMessage {
  return new PassThrough() as PassThrough & IncomingMessage;
}

function context(contentType: string | undefined, body: string): RequestContext {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body: Buffer.from(body, 'utf8'),
  };
}

describe('replies', () => {
  it('a JSON reply is no-store JSON, and headers passed in win', () => {
    expect(jsonReply(201, { a: 1 })).toStrictEqual({
      status: 201,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      body: '{"a":1}',
    });
    expect(jsonReply(200, [], { 'Cache-Control': 'max-age=60', Extra: 'x' }).headers).toStrictEqual({
      'Content-Type': 'application/json',
      'Cache-Control': 'max-age=60',
      Extra: 'x',
    });
  });

  it('an OAuth error carries error and error_description, and its headers', () => {
    const reply = oauthError(401, 'invalid_client', 'No such client.', { 'WWW-Authenticate': 'Basic' });
    expect(reply.status).toBe(401);
    expect(reply.headers['WWW-Authenticate']).toBe('Basic');
    expect(JSON.parse(reply.body)).toStrictEqual({ error: 'invalid_client', error_description: 'No such client.' });
  });

  it('an API error has Okta’s management-API shape, a fresh error id and its headers', () => {
    const reply = apiError(404, 'E0000007', 'Not found: x', { Allow: 'GET' });
    expect(reply.status).toBe(404);
    expect(reply.headers.Allow).toBe('GET');
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    expect(body).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: x', errorLink: 'E0000007', errorCauses: [] });
    expect(body.errorId).toMatch(/^oae[0-9a-z]+$/);
  });
});

describe('readBody', () => {
  it('joins the chunks of a body up to the limit, the limit itself included', async () => {
    const req = request();
    const read = readBody(req, 6);
    req.write(Buffer.from('abc'));
    req.end(Buffer.from('def'));
    expect((await read).toString()).toBe('abcdef');
  });

  it('rejects a body one byte over the limit with BodyTooLargeError, and ignores what follows', async () => {
    const req = request();
    const read = readBody(req, 5);
    req.write(Buffer.from('abc'));
    req.write(Buffer.from('def'));
    req.emit('error', new Error('later failure'));
    req.end(Buffer.from('ghi'));
    await expect(read).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect(read).rejects.toThrow('request body too large');
  });

  it('passes a stream error on', async () => {
    const req = request();
    const read = readBody(req);
    req.write(Buffer.from('abc'));
    req.emit('error', new Error('socket reset'));
    await expect(read).rejects.toThrow('socket reset');
  });

  it('allows 64 KiB by default and no more', async () => {
    const atLimit = request();
    const fits = readBody(atLimit);
    atLimit.end(Buffer.alloc(64 * 1024));
    expect((await fits).length).toBe(64 * 1024);
    const over = request();
    const tooBig = readBody(over);
    over.end(Buffer.alloc(64 * 1024 + 1));
    await expect(tooBig).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});

describe('media types', () => {
  it('reads the type without parameters, spaces or case, and an absent one as empty', () => {
    expect(mediaType({ 'content-type': ' Application/JSON ; charset=utf-8' })).toBe('application/json');
    expect(mediaType({ 'content-type': 'application/ion+json; okta-version=1.0.0' })).toBe('application/ion+json');
    expect(mediaType({})).toBe('');
  });

  it('takes the three JSON types Okta’s clients send, and nothing else', () => {
    for (const type of ['application/json', 'application/ion+json', 'application/vnd.okta.v1+json']) expect(isJsonMediaType(type)).toBe(true);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '', 'application/json5']) expect(isJsonMediaType(type)).toBe(false);
  });
});

describe('parseJsonBody', () => {
  it('returns a JSON object', () => {
    expect(parseJsonBody(context('application/ion+json; okta-version=1.0.0', '{"stateHandle":"x"}'))).toStrictEqual({ ok: true, value: { stateHandle: 'x' } });
  });

  it('refuses another media type before reading the body', () => {
    expect(parseJsonBody(context('text/plain', '{}'))).toStrictEqual({ ok: false, reason: 'media-type' });
    expect(parseJsonBody(context(undefined, '{}'))).toStrictEqual({ ok: false, reason: 'media-type' });
  });

  it('calls anything but an object malformed: null, an array, a number, a string, broken JSON', () => {
    for (const body of ['null', '[]', '[{"a":1}]', '42', '"text"', 'true', '{', '']) {
      expect(parseJsonBody(context('application/json', body)), body).toStrictEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('parseFormBody', () => {
  it('reads a form body, and refuses any other media type', () => {
    const parsed = parseFormBody(context('application/x-www-form-urlencoded; charset=UTF-8', 'a=1&b=two+words'));
    expect(parsed.ok && [...parsed.value]).toStrictEqual([
      ['a', '1'],
      ['b', 'two words'],
    ]);
    expect(parseFormBody(context('application/json', 'a=1'))).toStrictEqual({ ok: false });
    expect(parseFormBody(context(undefined, 'a=1'))).toStrictEqual({ ok: false });
  });
});

describe('what counts as this machine', () => {
  it('local origins: localhost, 127.0.0.1 and [::1], http or https, any case, with or without a port', () => {
    for (const origin of ['http://localhost', 'https://localhost:5173', 'HTTP://LOCALHOST:1', 'http://127.0.0.1:65535', 'http://[::1]:8080']) {
      expect(isLocalOrigin(origin), origin).toBe(true);
    }
  });

  it('not local: another host, a look-alike, a path, a long port, another scheme, none', () => {
    for (const origin of [
      'http://evil.test',
      'http://localhost.evil.test',
      'http://evil.localhost',
      'xhttp://localhost',
      'http://localhost/',
      'http://localhost:123456',
      'http://localhost:',
      'ftp://localhost',
      'null',
      '',
      undefined,
    ]) {
      expect(isLocalOrigin(origin), String(origin)).toBe(false);
    }
  });

  it('the Host header: the three names on the server’s port, any case; bare names only on port 80', () => {
    expect(isLocalHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isLocalHost('LocalHost:4000', 4000)).toBe(true);
    expect(isLocalHost('[::1]:4000', 4000)).toBe(true);
    expect(isLocalHost('localhost:4001', 4000)).toBe(false);
    expect(isLocalHost('localhost', 4000)).toBe(false);
    expect(isLocalHost('evil.test:4000', 4000)).toBe(false);
    expect(isLocalHost(undefined, 4000)).toBe(false);
    for (const host of ['127.0.0.1', 'LOCALHOST', '[::1]', 'localhost:80']) expect(isLocalHost(host, 80), host).toBe(true);
    expect(isLocalHost('evil.test', 80)).toBe(false);
  });
});

describe('CORS', () => {
  it('gives a local origin its own name back, with credentials, the headers the SDK reads and Vary', () => {
    expect(corsHeaders('http://localhost:5173')).toStrictEqual({
      'Access-Control-Allow-Origin': 'http://localhost:5173',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'WWW-Authenticate, Retry-After, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset',
      Vary: 'Origin',
    });
  });

  it('gives any other origin nothing, a preflight included', () => {
    expect(corsHeaders('http://evil.test')).toStrictEqual({});
    expect(corsHeaders(undefined)).toStrictEqual({});
    expect(preflightHeaders('http://evil.test', 'Authorization')).toStrictEqual({});
  });

  it('a preflight allows the methods and echoes headers asked for in plain words', () => {
    const headers = preflightHeaders('http://127.0.0.1:3000', 'authorization, content-type, x-okta-user-agent-extended');
    expect(headers).toStrictEqual({
      ...corsHeaders('http://127.0.0.1:3000'),
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'authorization, content-type, x-okta-user-agent-extended',
      'Access-Control-Max-Age': '600',
    });
  });

  it('a preflight answers the usual list when the asked-for headers are absent, odd or over 1,000 characters', () => {
    const usual = 'Accept, Authorization, Content-Type, X-Okta-User-Agent-Extended, X-Device-Fingerprint';
    for (const asked of [undefined, '', 'x-a\r\nSet-Cookie: a=b', 'x;y', `${'a'.repeat(1001)}`, ` ${'a'.repeat(999)}\n`]) {
      expect(preflightHeaders('http://localhost', asked)['Access-Control-Allow-Headers'], String(asked)).toBe(usual);
    }
    expect(preflightHeaders('http://localhost', 'a'.repeat(1000))['Access-Control-Allow-Headers']).toBe('a'.repeat(1000));
    expect(preflightHeaders('http://localhost', 'x')['Access-Control-Allow-Headers']).toBe('x');
  });
});

describe('secrets', () => {
  it('sameSecret is true only for the same string: not a prefix, a longer one or another of the same length', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('', '')).toBe(true);
    expect(sameSecret('s3cre', 's3cret')).toBe(false);
    expect(sameSecret('s3crets', 's3cret')).toBe(false);
    expect(sameSecret('s3creT', 's3cret')).toBe(false);
  });

  it('randomToken is base64url of the bytes asked for, 32 by default, and differs each time', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(3)).toMatch(/^[A-Za-z0-9_-]{4}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
