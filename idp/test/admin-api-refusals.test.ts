/** The admin API's refusals, each on its own: wrong method, unknown route or endpoint, bad body, no push waiting. */
import { describe, expect, it } from 'vitest';
import { AdminApi, type AdminDeps } from '../admin/admin-api';
import { FaultRegistry } from '../admin/faults';
import type { Outbox } from '../admin/outbox';

const TOKEN = 'admin-token-for-tests';

function api(overrides: Partial<AdminDeps> = {}) {
  const deps: AdminDeps = {
    adminToken: TOKEN,
    faults: new FaultRegistry(),
    counts: () => ({}) as ReturnType<AdminDeps['counts']>,
    resetCounts: () => {},
    outbox: { list: () => [], clear: () => {}, find: () => undefined } as unknown as Outbox,
    openLink: () => undefined,
    log: () => {},
    ...overrides,
  };
  return new AdminApi(deps);
}

function send(admin: AdminApi, method: string, path: string, body = '') {
  const reply = admin.handle({
    method,
    path,
    query: new URLSearchParams(),
    headers: { authorization: `Bearer ${TOKEN}` },
    body: Buffer.from(body),
  });
  return { status: reply.status, body: JSON.parse(reply.body) as Record<string, unknown> };
}

const NOT_ALLOWED = { errorCode: 'E0000022', errorSummary: 'The endpoint does not support the provided HTTP method' };
const NOT_FOUND = { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found' };

describe('admin API refusals', () => {
  it.each([
    ['POST', '/__admin/faults/token'],
    ['GET', '/__admin/outbox/m1/open'],
    ['GET', '/__admin/push/ada@example.com/approve'],
    ['GET', '/__admin/counts/reset'],
    ['POST', '/__admin/counts'],
  ])('%s %s is refused with 405 E0000022', (method, path) => {
    const reply = send(api({ answerPush: () => ({ result: 'approved' }) }), method, path);
    expect(reply.status).toBe(405);
    expect(reply.body).toMatchObject(NOT_ALLOWED);
  });

  it.each([
    ['PUT', '/__admin/faults/a/b'],
    ['POST', '/__admin/outbox/m1/opened'],
    ['POST', '/__admin/push/ada@example.com/maybe'],
    ['GET', '/__admin/nothing'],
  ])('%s %s is not found (E0000007)', (method, path) => {
    const reply = send(api({ answerPush: () => ({ result: 'approved' }) }), method, path);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject(NOT_FOUND);
  });

  it('a push route without a push answerer is not found', () => {
    const reply = send(api(), 'POST', '/__admin/push/ada@example.com/approve');
    expect(reply).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it('an unknown fault endpoint names the known ones', () => {
    const reply = send(api(), 'PUT', '/__admin/faults/nowhere', '{"kind":"status","status":500}');
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatch(/^Unknown endpoint "nowhere"\. Known: .*token/);
  });

  it.each(['', '   ', '{not json'])('a fault body %j is refused with 400 and an example', (body) => {
    const reply = send(api(), 'PUT', '/__admin/faults/token', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('The body must be a JSON fault, e.g. {"kind":"status","status":500}');
  });

  it('a message that is not in the outbox is named', () => {
    const reply = send(api(), 'POST', '/__admin/outbox/m9/open');
    expect(reply).toEqual({ status: 404, body: { error: 'No message m9 in the outbox.' } });
  });

  it.each(['[]', '{"number":"7"}', '{"number":1.5}', 'null', '{oops'])('a push body %s is refused with 400', (body) => {
    const reply = send(api({ answerPush: () => ({ result: 'approved' }) }), 'POST', '/__admin/push/ada/approve', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('The body must be empty or {"number": N} with the number chosen on the phone.');
  });

  it('a push nobody waits for names the login', () => {
    const reply = send(api({ answerPush: () => undefined }), 'POST', '/__admin/push/ada%40example.com/deny');
    expect(reply).toEqual({ status: 404, body: { error: 'No push is waiting for ada@example.com.' } });
  });

  it('passes the decision and the number tapped', () => {
    const seen: unknown[] = [];
    const admin = api({ answerPush: (login, decision) => (seen.push([login, decision]), { result: 'approved' }) });
    expect(send(admin, 'POST', '/__admin/push/ada/approve', '{"number":42}').status).toBe(200);
    // A blank body is an empty one; trailing slashes are dropped, however many.
    expect(send(admin, 'POST', '/__admin/push/ada/deny//', '  \n').status).toBe(200);
    expect(seen).toEqual([['ada', { approve: true, number: 42 }], ['ada', { approve: false }]]);
  });

  it.each([
    ['POST', '/__admin/faults/token/x'],
    ['POST', '/__admin/outbox/m1/open/x'],
    ['POST', '/__admin/push/ada/approved'],
  ])('%s %s, a known route with more after it, is not found', (method, path) => {
    const reply = send(api({ answerPush: () => ({ result: 'approved' }) }), method, path, '{"kind":"drop"}');
    expect(reply).toEqual({ status: 404, body: expect.objectContaining(NOT_FOUND) });
  });
});

describe('admin API: who may ask', () => {
  const ask = (headers: Record<string, string>) =>
    api().handle({ method: 'GET', path: '/__admin/counts', query: new URLSearchParams(), headers, body: Buffer.alloc(0) });
  const NEEDS_TOKEN = "The admin endpoint needs this run's token: Authorization: Bearer <token> (printed at start; startIdp returns it as adminToken).";

  it('refuses a page from another site, even with the token', () => {
    const reply = ask({ origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({ error: 'The admin endpoint only answers pages served from this machine.' });
  });

  it('serves a page from this machine that has the token', () => {
    expect(ask({ origin: 'http://127.0.0.1:5173', authorization: `Bearer ${TOKEN}` }).status).toBe(200);
  });

  it.each([
    ['no Authorization header', {}],
    ['another token', { authorization: 'Bearer not-the-token' }],
    ['text before the scheme', { authorization: `xBearer ${TOKEN}` }],
    ['text after the token', { authorization: `Bearer ${TOKEN} extra` }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
  ])('refuses %s with 401, a Bearer challenge and how to get the token', (_why, headers: Record<string, string>) => {
    const reply = ask(headers);
    expect(reply.status).toBe(401);
    expect(reply.headers['WWW-Authenticate']).toBe('Bearer realm="emulator-admin"');
    expect(JSON.parse(reply.body)).toEqual({ error: NEEDS_TOKEN });
  });
});
