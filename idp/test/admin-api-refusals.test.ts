/** The admin API's refusals, each on its own: wrong method, unknown route or endpoint, bad body, no push waiting. */
import { describe, expect, it } from 'vitest';
import { AdminApi, linkToken, type AdminDeps } from '../admin/admin-api';
import { FaultRegistry } from '../admin/faults';
import { Outbox } from '../admin/outbox';
import { IDP_ENDPOINTS } from '../types';

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
    expect(reply.body.error).toBe(`Unknown endpoint "nowhere". Known: ${IDP_ENDPOINTS.join(', ')}`);
    expect(reply.body.error).toContain('well-known, interact, ');
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

describe('admin API: the outbox and its links', () => {
  const outbox = () => {
    const box = new Outbox(() => 0);
    box.add({ login: 'ada@example.com', channel: 'sms', to: '+1 555 0100', purpose: 'verify', text: 'Your code is 123456' });
    box.add({ login: 'ada@example.com', channel: 'email', to: 'ada@example.com', purpose: 'verify', text: 'Sign in', link: 'http://127.0.0.1:1/email/verify?token=tok-1' });
    return box;
  };

  it('a link’s token is its ?token=, and there is none in a link without one, in something not a URL, or in no link', () => {
    expect(linkToken('http://127.0.0.1:1/email/verify?token=abc&x=1')).toBe('abc');
    expect(linkToken('http://127.0.0.1:1/email/verify')).toBeUndefined();
    expect(linkToken('not a url?token=abc')).toBeUndefined();
    expect(linkToken('')).toBeUndefined();
    expect(linkToken(undefined)).toBeUndefined();
  });

  it('opening a message that carries no link (a texted code) is refused with 400', () => {
    const box = outbox();
    const opened: string[] = [];
    const admin = api({ outbox: box, openLink: (token) => (opened.push(token), { result: 'verified' }) });
    const sms = box.list('ada@example.com').find((m) => m.channel === 'sms')!;
    expect(send(admin, 'POST', `/__admin/outbox/${sms.id}/open`)).toEqual({ status: 400, body: { error: 'That message carries no link.' } });
    expect(opened).toEqual([]);
  });

  it('opening a link whose step is over is 410 with the reason; one the org calls expired is 410 too', () => {
    const box = outbox();
    const email = box.list('ada@example.com').find((m) => m.channel === 'email')!;
    const gone = send(api({ outbox: box, openLink: () => undefined }), 'POST', `/__admin/outbox/${email.id}/open`);
    expect(gone).toEqual({ status: 410, body: { result: 'expired', error: 'The link no longer belongs to a waiting sign-in step.' } });
    const expired = send(api({ outbox: box, openLink: () => ({ result: 'expired' }) }), 'POST', `/__admin/outbox/${email.id}/open`);
    expect(expired).toEqual({ status: 410, body: { result: 'expired' } });
    const seen: string[] = [];
    const opened = send(api({ outbox: box, openLink: (token) => (seen.push(token), { result: 'verified' }) }), 'POST', `/__admin/outbox/${email.id}/open`);
    expect(opened).toEqual({ status: 200, body: { result: 'verified' } });
    expect(seen).toEqual(['tok-1']);
  });

  it('DELETE empties the outbox and says so; any other method but GET is refused and keeps it', () => {
    const box = outbox();
    const admin = api({ outbox: box });
    for (const method of ['PUT', 'POST', 'PATCH']) {
      expect(send(admin, method, '/__admin/outbox'), method).toEqual({ status: 405, body: expect.objectContaining(NOT_ALLOWED) });
    }
    expect(box.list()).toHaveLength(2);
    expect(send(admin, 'DELETE', '/__admin/outbox')).toEqual({ status: 200, body: { messages: [] } });
    expect(box.list()).toEqual([]);
  });
});

describe('admin API: what it logs', () => {
  it('a fault set, with its endpoint and the fault as sent', () => {
    const lines: string[] = [];
    send(api({ log: (line) => lines.push(line) }), 'PUT', '/__admin/faults/token', '{"kind":"status","status":503}');
    expect(lines).toEqual(['fault set on token: {"kind":"status","status":503}']);
  });
});
