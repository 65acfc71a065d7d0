/**
 * authorizedFetch's own rules, on a stand-in session and fetch: where the token may go, what is
 * sent, and how a request that gets no answer is reported.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCapturingLogger } from '../log/logger';
import { inEnglish } from '../testing/in-english';
import type { Authorization } from '../session/session';
import { loadTasks } from './tasks';
import { createAuthorizedFetch, MAX_API_BODY_BYTES, type AuthorizedFetchDeps } from './authorized-fetch';

const HEADER = 'Bearer access-token-value-1';
const SIGNED_IN = { status: 'signed-in', profile: { sub: 'u' }, storage: 'encrypted', messages: [] } as const;

function setup(fetchFn: typeof fetch, overrides: Partial<AuthorizedFetchDeps> = {}) {
  const views: unknown[] = [];
  const log = createCapturingLogger();
  const session = {
    authorize: vi.fn(async (): Promise<Authorization> => ({ ok: true, header: HEADER })),
    renewRejected: vi.fn(async (): Promise<Authorization> => ({ ok: true, header: 'Bearer access-token-value-2', view: SIGNED_IN })),
  };
  const call = createAuthorizedFetch({ session, fetch: fetchFn, apiUrl: 'https://api.example.com/base', timeoutMs: 50, log, onView: (v) => views.push(v), ...overrides });
  /** The answer with its catalog messages in English. */
  const english = async (...args: Parameters<typeof call>) => inEnglish(await call(...args));
  return { call, english, session, views, log };
}

describe('authorizedFetch', () => {
  it('sends the header to a path under the API, without cookies and refusing redirects', async () => {
    const fetchFn = vi.fn(async () => new Response('{}', { status: 200 }));
    const { call } = setup(fetchFn);
    const answer = await call('/api/tasks', { headers: { Accept: 'application/json' } });
    expect(answer.ok && answer.response.status).toBe(200);
    const [url, init] = fetchFn.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('https://api.example.com/base/api/tasks');
    expect(new Headers(init.headers).get('authorization')).toBe(HEADER);
    expect(new Headers(init.headers).get('accept')).toBe('application/json');
    expect(init).toMatchObject({ credentials: 'omit', redirect: 'error' });
  });

  it('never sends the token to another origin named in the path; a protocol-relative path stays under the API', async () => {
    const fetchFn = vi.fn(async () => new Response('{}'));
    const { call, english, session } = setup(fetchFn);
    expect(await english('https://evil.example/x')).toEqual({ ok: false, failure: { code: 'internal', message: 'Something went wrong while calling the API. Please try again.' } });
    expect(fetchFn).not.toHaveBeenCalled();
    expect(session.authorize).not.toHaveBeenCalled();
    await call('//evil.example/x');
    expect(String((fetchFn.mock.calls[0] as unknown as [URL])[0])).toBe('https://api.example.com/base/evil.example/x');
  });

  it('after a 401, retries once with the renewed header and shows the view the renewal reached', async () => {
    const fetchFn = vi.fn(async () => new Response('', { status: 401 }));
    const { call, session, views } = setup(fetchFn);
    const answer = await call('x');
    expect(answer.ok && answer.response.status).toBe(401);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(session.renewRejected).toHaveBeenCalledWith(HEADER);
    expect(new Headers((fetchFn.mock.calls[1] as unknown as [URL, RequestInit])[1].headers).get('authorization')).toBe('Bearer access-token-value-2');
    expect(views).toEqual([SIGNED_IN]);
  });

  it('logs a token the API rejected once, with the path alone (no query, no token)', async () => {
    const fetchFn = vi.fn(async () => new Response('', { status: 401 }));
    const { call, log } = setup(fetchFn);
    await call('/api/tasks?q=1');
    expect(log.entries).toEqual([{ level: 'info', event: 'api.token-rejected', fields: { path: '/base/api/tasks' } }]);
  });

  it('a token renewed for a 401 and refused too is not renewed again: the API\'s refusal is the answer, until another token comes', async () => {
    const fetchFn = vi.fn(async () => new Response('', { status: 401 }));
    const { call, session } = setup(fetchFn);
    const sent = () => fetchFn.mock.calls.map((c) => new Headers((c as unknown as [URL, RequestInit])[1].headers).get('authorization'));
    expect((await call('x')).ok).toBe(true);
    expect(sent()).toEqual([HEADER, 'Bearer access-token-value-2']);
    session.authorize.mockResolvedValue({ ok: true, header: 'Bearer access-token-value-2' });
    const answer = await call('x');
    expect(answer.ok && answer.response.status).toBe(401);
    expect(session.renewRejected).toHaveBeenCalledTimes(1);
    expect(sent()).toEqual([HEADER, 'Bearer access-token-value-2', 'Bearer access-token-value-2']);
    // A token the timer renewed since gets its one renewal again.
    session.authorize.mockResolvedValue({ ok: true, header: 'Bearer access-token-value-3' });
    await call('x');
    expect(session.renewRejected).toHaveBeenCalledTimes(2);
    expect(session.renewRejected).toHaveBeenLastCalledWith('Bearer access-token-value-3');
  });

  it('a renewed token the API takes is renewed again on a later 401', async () => {
    let status = 401;
    const fetchFn = vi.fn(async () => {
      const answer = new Response('', { status });
      status = status === 401 ? 200 : 401;
      return answer;
    });
    const { call, session } = setup(fetchFn);
    expect((await call('x')).ok).toBe(true);
    session.authorize.mockResolvedValue({ ok: true, header: 'Bearer access-token-value-2' });
    await call('x');
    expect(session.renewRejected).toHaveBeenCalledTimes(2);
    expect(session.renewRejected).toHaveBeenLastCalledWith('Bearer access-token-value-2');
  });

  it('reports no session as signed out, a renewal that failed offline as unreachable and online as an API error; shows only a view a renewal reached', async () => {
    const fetchFn = vi.fn(async () => new Response('', { status: 401 }));
    const { english, session, views } = setup(fetchFn);
    session.authorize.mockResolvedValueOnce({ ok: false, reason: 'signed-out' });
    expect(await english('x')).toEqual({ ok: false, signedOut: true });
    expect(views).toEqual([]);
    const ended = { status: 'signed-out', messages: [] } as const;
    session.authorize.mockResolvedValueOnce({ ok: false, reason: 'signed-out', view: ended });
    expect(await english('x')).toEqual({ ok: false, signedOut: true });
    expect(views).toEqual([ended]);
    session.renewRejected.mockResolvedValueOnce({ ok: false, reason: 'refused', view: SIGNED_IN });
    expect(await english('x')).toEqual({ ok: false, failure: { code: 'idp-error', message: 'The API returned an error. Please try again.' } });
    session.renewRejected.mockResolvedValueOnce({ ok: false, reason: 'offline' });
    expect(await english('x')).toEqual({ ok: false, failure: { code: 'network', message: 'The API could not be reached. Check your connection and try again.' } });
    expect(views).toEqual([ended, SIGNED_IN]);
  });

  it('reports a timeout, an unreachable API and a refused redirect with fixed sentences, logging only the error class', async () => {
    const hang: typeof fetch = (_input, init) => new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect(await setup(hang).english('x')).toEqual({ ok: false, failure: { code: 'network', message: 'The API did not answer in time. Check your connection and try again.' } });
    const down = setup(async () => Promise.reject(new TypeError('fetch failed: access-token-value-1')));
    expect(await down.english('x')).toEqual({ ok: false, failure: { code: 'network', message: 'The API could not be reached. Check your connection and try again.' } });
    expect(down.log.entries).toEqual([{ level: 'warn', event: 'api.request-failed', fields: { path: '/base/x', error: 'TypeError' } }]);
    const redirected = setup(async () => Promise.reject(new TypeError('fetch failed', { cause: new Error('unexpected redirect') })));
    expect(await redirected.english('x')).toEqual({ ok: false, failure: { code: 'idp-error', message: 'The API returned an error. Please try again.' } });
  });

  describe('the body', () => {
    afterEach(() => vi.useRealTimers());

    it('is read within the deadline: a body that stalls after the headers is a timeout, and the tasks panel stops loading', async () => {
      vi.useFakeTimers();
      let cancelled = false;
      const stalled = () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start: (controller) => controller.enqueue(new TextEncoder().encode('{"owner":')),
            pull: () => new Promise<void>(() => undefined),
            cancel: () => void (cancelled = true),
          }),
          { status: 200 },
        );
      const { call } = setup(async () => stalled());
      let settled = false;
      const loading = loadTasks(call).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(49);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(inEnglish(await loading)).toEqual({ status: 'failed', code: 'network', message: 'The API did not answer in time. Check your connection and try again.' });
      expect(cancelled).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('is read to MAX_API_BODY_BYTES and no further: a longer one is refused as an API error', async () => {
      const chunk = 64 * 1024;
      let pulled = 0;
      const endless = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            pulled += chunk;
            controller.enqueue(new Uint8Array(chunk).fill(0x20));
          },
        },
        { highWaterMark: 0 },
      );
      const { english, log } = setup(async () => new Response(endless, { status: 200 }), { timeoutMs: 10_000 });
      expect(await english('/api/tasks')).toEqual({ ok: false, failure: { code: 'idp-error', message: 'The API returned an error. Please try again.' } });
      expect(pulled).toBe(MAX_API_BODY_BYTES + chunk);
      expect(log.entries).toEqual([{ level: 'warn', event: 'api.request-failed', fields: { path: '/base/api/tasks', error: 'BodyTooLargeError' } }]);
    });

    it('of a 2xx answer is handed on read; another status comes with none', async () => {
      const { call } = setup(async () => new Response('{"a":1}', { status: 200 }));
      const answer = await call('x');
      expect(answer.ok && new TextDecoder().decode(answer.response.body)).toBe('{"a":1}');
      const refused = await setup(async () => new Response('{"error":"x"}', { status: 403 })).call('x');
      expect(refused.ok && { status: refused.response.status, body: refused.response.body }).toEqual({ status: 403, body: new Uint8Array() });
    });
  });
});
