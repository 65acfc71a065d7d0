/** The transport's `withSignal` scope: a stopped call's request ends at once and nothing more is sent for it. */
import { describe, expect, it } from 'vitest';
import { createIdpTransport } from './http-client';

/** A fetch that records what it was asked and answers only when told, or rejects when its signal aborts. */
function heldFetch() {
  const sent: string[] = [];
  const signals: AbortSignal[] = [];
  const fetchFn = ((url: string, init: RequestInit) => {
    sent.push(url);
    signals.push(init.signal!);
    return new Promise<Response>((resolve, reject) => {
      init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      if (url.endsWith('/quick')) resolve(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
      // The headers and the start of the body, then nothing more (the stream ignores the signal).
      if (url.endsWith('/held-body')) resolve(new Response(new ReadableStream({ start: (stream) => stream.enqueue(new TextEncoder().encode('{"a":')) }), { status: 200 }));
    });
  }) as unknown as typeof fetch;
  return { fetchFn, sent, signals };
}

const GET = { headers: {} };

describe('withSignal', () => {
  it('aborts the request in flight when the signal does, and records it as aborted (not a timeout or unreachable)', async () => {
    const { fetchFn, sent } = heldFetch();
    const transport = createIdpTransport(fetchFn, 60_000);
    const controller = new AbortController();
    const call = transport.withSignal(controller.signal, () => transport.httpRequestClient('POST', 'http://idp/held', GET));
    expect(sent).toEqual(['http://idp/held']);
    controller.abort();
    await expect(call).rejects.toThrow('The request was cancelled.');
    expect(transport.takeFailure()).toEqual({ kind: 'aborted' });
    expect(transport.takeFailure()).toBeUndefined();
  });

  it('a stop while the body is being read is a cancellation too, not a timeout', async () => {
    const { fetchFn } = heldFetch();
    const transport = createIdpTransport(fetchFn, 60_000);
    const controller = new AbortController();
    const call = transport.withSignal(controller.signal, () => transport.httpRequestClient('GET', 'http://idp/held-body', GET));
    // The headers are in once fetch has resolved; give the body read its first chunk.
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(call).rejects.toThrow('The request was cancelled.');
    expect(transport.takeFailure()).toEqual({ kind: 'aborted' });
  });

  it('sends nothing asked for after the abort', async () => {
    const { fetchFn, sent } = heldFetch();
    const transport = createIdpTransport(fetchFn, 60_000);
    const controller = new AbortController();
    controller.abort();
    await expect(transport.withSignal(controller.signal, () => transport.httpRequestClient('GET', 'http://idp/quick', GET))).rejects.toThrow(
      'The request was cancelled.',
    );
    expect(sent).toEqual([]);
    expect(transport.takeFailure()).toEqual({ kind: 'aborted' });
  });

  it('answers normally inside the scope, and the scope ends with the call', async () => {
    const { fetchFn, signals } = heldFetch();
    const transport = createIdpTransport(fetchFn, 60_000);
    const controller = new AbortController();
    const inside = await transport.withSignal(controller.signal, () => transport.httpRequestClient('GET', 'http://idp/quick', GET));
    expect(inside.status).toBe(200);
    controller.abort();
    // The request made inside is not aborted after the fact, and a later request is outside the scope.
    expect(signals[0]!.aborted).toBe(false);
    expect((await transport.httpRequestClient('GET', 'http://idp/quick', GET)).status).toBe(200);
    expect(transport.takeFailure()).toBeUndefined();
  });

  it('a timeout inside the scope is still a timeout', async () => {
    const { fetchFn } = heldFetch();
    const transport = createIdpTransport(fetchFn, 5);
    const controller = new AbortController();
    await expect(transport.withSignal(controller.signal, () => transport.httpRequestClient('GET', 'http://idp/held', GET))).rejects.toThrow(
      'The request timed out.',
    );
    expect(transport.takeFailure()).toEqual({ kind: 'timeout' });
  });
});
