/**
 * The deadline covers the body and the body is read only to its limit: on streams that never end
 * or never stop, with fake timers (nothing races a real clock) and the bytes pulled counted.
 */
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BodyTooLargeError, DeadlineExceededError, fetchBounded, readBounded, withDeadline } from './bounded-fetch';

const CHUNK = 1024;

/** A body that hands out `CHUNK`-byte chunks for ever, counting what was pulled and whether it was cancelled. */
function endlessBody() {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulled += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(7));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

/** A body that sends one chunk and then nothing, never ending (a stalled server). */
function stalledBody() {
  const seen = { cancelled: false };
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return new Promise<void>(() => undefined);
      sent = true;
      controller.enqueue(Uint8Array.from([1, 2, 3]));
      return undefined;
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

const bodyOf = (bytes: number[]) => new Response(Uint8Array.from(bytes)).body;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('withDeadline', () => {
  it('aborts the signal at the timeout, not before, and clears its timer once the work settles', async () => {
    let seen: AbortSignal | undefined;
    const running = withDeadline(100, (signal) => {
      seen = signal;
      return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('aborted')));
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(seen!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await running).toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
    expect(await withDeadline(100, async () => 'done')).toBe('done');
    expect(vi.getTimerCount()).toBe(0);
    await expect(withDeadline(100, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts when `stop` aborts, at once if it already has, and lets go of `stop` afterwards', async () => {
    const stop = new AbortController();
    let inner: AbortSignal | undefined;
    const running = withDeadline(
      1000,
      (signal) => {
        inner = signal;
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.aborted)));
      },
      stop.signal,
    );
    stop.abort();
    expect(await running).toBe(true);
    expect(inner!.aborted).toBe(true);

    expect(await withDeadline(1000, async (signal) => signal.aborted, stop.signal)).toBe(true);

    const later = new AbortController();
    let kept: AbortSignal | undefined;
    await withDeadline(
      1000,
      async (signal) => {
        kept = signal;
      },
      later.signal,
    );
    later.abort();
    expect(kept!.aborted).toBe(false);
  });
});

describe('readBounded', () => {
  it('reads a body to its end, up to and including the limit', async () => {
    const signal = new AbortController().signal;
    expect(await readBounded(bodyOf([1, 2, 3]), 3, signal)).toEqual(Uint8Array.from([1, 2, 3]));
    expect(await readBounded(null, 3, signal)).toEqual(new Uint8Array());
  });

  it('stops an endless body just past the limit, cancels it and says it is too large', async () => {
    const { stream, seen } = endlessBody();
    const limit = 64 * CHUNK;
    const error = await readBounded(stream, limit, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).limit).toBe(limit);
    expect((error as Error).message).toBe(`The answer is larger than ${limit} bytes.`);
    // One chunk past the limit, and not one more asked for.
    expect(seen.pulled).toBe(limit + CHUNK);
    expect(seen.cancelled).toBe(true);
  });

  it('a stalled body ends with a timeout when the signal aborts, even if the stream ignores the signal', async () => {
    const { stream, seen } = stalledBody();
    const controller = new AbortController();
    const reading = readBounded(stream, 1000, controller.signal).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(await reading).toBeInstanceOf(DeadlineExceededError);
    expect(seen.cancelled).toBe(true);
    const aborted = AbortSignal.abort();
    await expect(readBounded(bodyOf([1]), 10, aborted)).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('says a timeout in its own words, by name and message', async () => {
    const error = await readBounded(bodyOf([1]), 10, AbortSignal.abort()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect({ name: (error as Error).name, message: (error as Error).message }).toEqual({ name: 'DeadlineExceededError', message: 'The request timed out.' });
  });

  it('lets go of the signal: no listener left once the body is read, and none from the moment the signal aborts', async () => {
    const done = new AbortController();
    expect(await readBounded(bodyOf([1, 2]), 10, done.signal)).toEqual(Uint8Array.from([1, 2]));
    expect(getEventListeners(done.signal, 'abort')).toHaveLength(0);

    const { stream } = stalledBody();
    const controller = new AbortController();
    const reading = readBounded(stream, 1000, controller.signal).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(await reading).toBeInstanceOf(DeadlineExceededError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('fetchBounded', () => {
  const limits = { timeoutMs: 10_000, maxBodyBytes: 8 };

  it('sends without cookies, refusing redirects, with its own signal, and gives the body read', async () => {
    const fetchFn = vi.fn(async () => new Response(Uint8Array.from([1, 2]), { status: 200, headers: { 'X-Kind': 'k' } }));
    const answer = await fetchBounded(fetchFn, 'https://a.example/x', { method: 'GET', headers: { Accept: 'image/*' } }, limits);
    expect(answer.status).toBe(200);
    expect(answer.ok).toBe(true);
    expect(answer.headers.get('x-kind')).toBe('k');
    expect(answer.body).toEqual(Uint8Array.from([1, 2]));
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://a.example/x');
    expect(init).toEqual({ method: 'GET', headers: { Accept: 'image/*' }, credentials: 'omit', redirect: 'error', signal: expect.any(AbortSignal) });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not read the body of an answer that is not 2xx: cancelled, an empty body', async () => {
    const { stream, seen } = endlessBody();
    const answer = await fetchBounded(async () => new Response(stream, { status: 503, headers: { 'Retry-After': '3' } }), 'https://a.example/x', {}, limits);
    expect(answer).toMatchObject({ status: 503, ok: false, body: new Uint8Array() });
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBe(0);
  });

  it('answers a status that is not 2xx and has no body at all with an empty body', async () => {
    const answer = await fetchBounded(async () => new Response(null, { status: 404 }), 'https://a.example/x', {}, limits);
    expect(answer).toMatchObject({ status: 404, ok: false, body: new Uint8Array() });
  });

  it('times out on a body that stalls after the headers, at the deadline and not before', async () => {
    const { stream, seen } = stalledBody();
    let settled = false;
    const fetching = fetchBounded(async () => new Response(stream), 'https://a.example/x', {}, limits)
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(limits.timeoutMs - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await fetching).toBeInstanceOf(DeadlineExceededError);
    expect(seen.cancelled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out on headers that never come, and passes on what fetch threw otherwise', async () => {
    const hang: typeof fetch = (_url, init) => new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const fetching = fetchBounded(hang, 'https://a.example/x', {}, limits).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(limits.timeoutMs);
    expect(await fetching).toBeInstanceOf(DeadlineExceededError);
    const down = new TypeError('fetch failed');
    await expect(fetchBounded(() => Promise.reject(down), 'https://a.example/x', {}, limits)).rejects.toBe(down);
  });

  it('refuses a 2xx body over the limit', async () => {
    const { stream, seen } = endlessBody();
    await expect(fetchBounded(async () => new Response(stream), 'https://a.example/x', {}, { timeoutMs: 1000, maxBodyBytes: 4 * CHUNK })).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(seen.pulled).toBe(5 * CHUNK);
  });
});
