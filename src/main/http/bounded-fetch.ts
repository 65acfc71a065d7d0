/**
 * Requests main makes on its own behalf, with a deadline and a size cap: `withDeadline` gives
 * work a signal that aborts after a timeout (the IdP client uses it around okta-auth-js's reads),
 * and `fetchBounded` fetches under that deadline *including the body*, read at most to a limit, so
 * a server that sends its headers and then stalls, or sends without end, costs a timeout and a
 * bounded amount of memory, never a hang or an unbounded read. No Electron here: callers pass
 * net.fetch in the app, Node's fetch in tests.
 */

/** The deadline passed before the answer, body included, was in. */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
  constructor() {
    super('The request timed out.');
  }
}

/** The body ran past the caller's limit; what was read is dropped and the rest never asked for. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`The answer is larger than ${limit} bytes.`);
  }
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs`, or as soon as `stop` aborts.
 *
 * Not AbortSignal.timeout(): a timeout signal with a listener stays alive until its timer fires,
 * and a fetch may hang a listener on it that holds the request, body (a password) included
 * (Electron's net.fetch does). This timer is cleared once `work` settles, and the listener on
 * `stop` removed (rather than AbortSignal.any), so after the answer nothing reachable refers to the
 * request (src/main/auth/password-lifetime.test.ts).
 */
export async function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>, stop?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  if (stop?.aborted) abort();
  else stop?.addEventListener('abort', abort, { once: true });
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener('abort', abort);
  }
}

function joined(chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads `body` to its end, at most `limit` bytes: one chunk past it cancels the stream and throws
 * BodyTooLargeError; `signal` aborting cancels it and throws DeadlineExceededError, whether or not
 * the stream itself heeds the signal.
 */
export async function readBounded(body: ReadableStream<Uint8Array> | null, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new DeadlineExceededError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) return joined(chunks, size);
      size += value.byteLength;
      if (size > limit) throw new BodyTooLargeError(limit);
      chunks.push(value);
    }
  } catch (error) {
    // Not awaited: a stream that stalls may never settle its cancel either.
    reader.cancel().catch(() => undefined);
    // A fetch that heeds the signal errors its stream too, maybe before `aborted` rejects.
    throw signal.aborted && !(error instanceof BodyTooLargeError) ? new DeadlineExceededError() : error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    aborted.catch(() => undefined);
  }
}

/** An answer with its body already read (an empty one when the status is not 2xx). */
export interface BoundedResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export interface FetchLimits {
  /** Covers the whole exchange: connecting, the headers and the body. */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

/**
 * `fetchFn(url, init)` without cookies and refusing redirects (a redirect must not take a token or
 * a request elsewhere), under one deadline for the headers and the body. A 2xx body is read up to
 * `maxBodyBytes`; another status's body is cancelled unread (no caller shows it). Throws
 * DeadlineExceededError, BodyTooLargeError, or what `fetchFn` threw (unreachable, a refused redirect).
 */
export function fetchBounded(fetchFn: typeof fetch, url: string | URL, init: Omit<RequestInit, 'signal' | 'credentials' | 'redirect'>, limits: FetchLimits): Promise<BoundedResponse> {
  return withDeadline(limits.timeoutMs, async (signal) => {
    let response: Response;
    try {
      response = await fetchFn(url, { ...init, credentials: 'omit', redirect: 'error', signal });
    } catch (error) {
      throw signal.aborted ? new DeadlineExceededError() : error;
    }
    const { status, ok, headers } = response;
    if (!ok) {
      response.body?.cancel().catch(() => undefined);
      return { status, ok, headers, body: new Uint8Array() };
    }
    return { status, ok, headers, body: await readBounded(response.body, limits.maxBodyBytes, signal) };
  });
}
