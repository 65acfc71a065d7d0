/**
 * The HTTP client okta-auth-js uses (`httpRequestClient` option), built on any `fetch` (Node's in
 * tests, Electron's `net.fetch` in the app).
 *
 * It behaves like the SDK's own `fetch/fetchRequest.js` (same body encoding, same resolved shape,
 * throws the response object on non-2xx so the SDK can read IDX error bodies) and adds what the
 * SDK lacks: a timeout, and a record of transport failures. The SDK turns any thrown Error into a
 * generic AuthApiError that keeps only the message, so the sign-in code asks `takeFailure()` what
 * really happened (timeout, unreachable, 429 with Retry-After, 5xx) instead of parsing messages.
 */
import type { HttpRequestClient, HttpResponse } from '@okta/okta-auth-js';
import { BodyTooLargeError, DeadlineExceededError, readBounded, withDeadline } from '../http/bounded-fetch';

export type TransportFailure =
  | { readonly kind: 'timeout' }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds?: number }
  /** A 5xx: the IdP failed, whatever its body says (an IDX-shaped one would read as TERMINAL). */
  | { readonly kind: 'server-error'; readonly status: number }
  /** The person stopped the call (`withSignal`'s signal): nothing more is sent for it. */
  | { readonly kind: 'aborted' };

export interface IdpTransport {
  readonly httpRequestClient: HttpRequestClient;
  /** The last transport failure since the previous call, then forgets it. */
  takeFailure(): TransportFailure | undefined;
  /**
   * Runs `call` (an SDK call that makes its own requests) with `signal` over every request it
   * makes: aborting it ends the request in flight, and any request asked for after that fails
   * without being sent. The SDK's request client takes no signal of its own, hence the scope.
   */
  withSignal<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T>;
}

/**
 * The IdP answered with a redirect, which this client never follows (a form body must not go
 * elsewhere). Not a transport failure: the server answered. Node's fetch rejects a redirect under
 * `redirect: 'error'` with a TypeError whose cause says so; the Electron adapter turns net.fetch's
 * own rejection into this error (src/main/electron/net-fetch.ts).
 */
export class RedirectRefusedError extends Error {
  override name = 'RedirectRefusedError';
  constructor() {
    super('The server answered with a redirect, which is not followed.');
  }
}

export const isRedirectRefusal = (error: unknown): boolean =>
  error instanceof RedirectRefusedError || (error instanceof TypeError && (error.cause as { message?: unknown } | undefined)?.message === 'unexpected redirect');

export const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * How long a request may take, headers and body: one deadline for every request, or one chosen per
 * request URL (tests aim a short one at the request a fault delays, so a healthy request on a busy
 * machine keeps the default).
 */
export type RequestTimeout = number | ((url: string) => number);
/**
 * The most of an answer's body read (1 MiB). IDX documents and token answers are a few KB; an IdP
 * (or something in its place) sending without end costs this much memory and an IdP error.
 */
export const MAX_IDP_BODY_BYTES = 1024 * 1024;
const JSON_BODY = /application\/\w*\+?json/;

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined if unusable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function encodeBody(data: unknown, contentType: string): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (JSON_BODY.test(contentType)) return JSON.stringify(data);
  if (contentType === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(Object.entries(data as Record<string, string>)).toString();
  }
  return undefined;
}

async function toHttpResponse(response: Response, signal: AbortSignal): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const text = new TextDecoder().decode(await readBounded(response.body, MAX_IDP_BODY_BYTES, signal));
  const result: HttpResponse = { responseText: text, status: response.status, headers };
  if ((response.headers.get('content-type') ?? '').toLowerCase().includes('application/json')) {
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json === 'object' && json !== null) {
        result.responseType = 'json';
        result.responseJSON = json as Record<string, unknown>;
      }
    } catch {
      // Left as text: the SDK reports "Could not parse server response" style errors itself.
    }
  }
  return result;
}

/** An IDX document that still offers a way on (a remediation), as opposed to a bare error. */
function isIdxStep(result: HttpResponse): boolean {
  let body: unknown = result.responseJSON;
  if (body === undefined) {
    // IDX answers as application/ion+json, which toHttpResponse leaves as text for the SDK.
    try {
      body = JSON.parse(result.responseText);
    } catch {
      return false;
    }
  }
  const remediation = (body as { remediation?: { value?: unknown } } | null)?.remediation;
  return Array.isArray(remediation?.value) && remediation.value.length > 0;
}

/**
 * `acceptLanguage`: the `Accept-Language` every request carries (read per request: the person may
 * change the language while the app runs), so the org's own messages come in their language.
 */
export function createIdpTransport(fetchFn: typeof fetch, timeout: RequestTimeout = DEFAULT_TIMEOUT_MS, acceptLanguage?: () => string): IdpTransport {
  let failure: TransportFailure | undefined;
  // The signal of the call in progress (withSignal). One call at a time: AuthApp runs the sign-in's
  // one at a time (its busy flag) and gives what runs beside them a transport of its own.
  let scope: AbortSignal | undefined;

  // The timer and the listener on the person's signal go once the request settles: after the
  // answer nothing reachable refers to the request's body (a password), see withDeadline. The
  // answer's body is read (toHttpResponse) under the same deadline, to MAX_IDP_BODY_BYTES.
  const httpRequestClient: HttpRequestClient = async (method, url, options) => {
    const stop = scope;
    if (stop?.aborted) throw stopped();
    const timeoutMs = typeof timeout === 'number' ? timeout : timeout(url);
    return withDeadline(timeoutMs, (signal) => send(method, url, options, signal, stop), stop);
  };

  function stopped(): Error {
    failure = { kind: 'aborted' };
    return new Error('The request was cancelled.');
  }

  type FetchOptions = Parameters<HttpRequestClient>[2];
  async function send(method: string, url: string, options: FetchOptions, signal: AbortSignal, stop: AbortSignal | undefined): Promise<HttpResponse> {
    const headers = { ...(options.headers as Record<string, string> | undefined) };
    if (acceptLanguage && !Object.keys(headers).some((name) => name.toLowerCase() === 'accept-language')) headers['Accept-Language'] = acceptLanguage();
    const contentType = headers['Content-Type'] ?? headers['content-type'] ?? '';
    let response: Response;
    try {
      response = await fetchFn(url, {
        method,
        headers,
        body: encodeBody(options.data, contentType),
        credentials: 'omit',
        // Okta's API never redirects; following one could send a form body elsewhere.
        redirect: 'error',
        signal,
      });
    } catch (error) {
      if (isRedirectRefusal(error)) throw new RedirectRefusedError();
      if (stop?.aborted) throw stopped();
      const timedOut = signal.aborted;
      failure = timedOut ? { kind: 'timeout' } : { kind: 'unreachable' };
      throw new Error(timedOut ? 'The request timed out.' : 'The server could not be reached.');
    }
    let result: HttpResponse;
    try {
      result = await toHttpResponse(response, signal);
    } catch (error) {
      if (stop?.aborted) throw stopped();
      if (error instanceof DeadlineExceededError) {
        failure = { kind: 'timeout' };
        throw new Error('The request timed out.');
      }
      if (error instanceof BodyTooLargeError) {
        // The IdP (or what answers in its place) failed: the same as a 5xx for the person.
        failure = { kind: 'server-error', status: response.status };
        throw new Error('The answer was too large.');
      }
      failure = { kind: 'unreachable' };
      throw new Error('The connection was interrupted.');
    }
    if (response.status === 429 && !isIdxStep(result)) {
      // Thrown as a plain Error so the SDK cannot mistake an IDX-shaped 429 body for a terminal
      // state. A 429 that still carries the step (a code resent too soon: "Please wait 30 s")
      // goes to the SDK like any other answer, so the person keeps their place and reads why.
      failure = { kind: 'rate-limited', retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')) };
      throw new Error('Too many requests.');
    }
    if (response.status >= 500) failure = { kind: 'server-error', status: response.status };
    if (!response.ok || (result.responseJSON && 'error' in result.responseJSON)) {
      // The SDK expects the response itself as the rejection value (see fetchRequest.js).
      throw result;
    }
    return result;
  }

  return {
    httpRequestClient,
    takeFailure() {
      const last = failure;
      failure = undefined;
      return last;
    },
    async withSignal(signal, call) {
      scope = signal;
      try {
        return await call();
      } finally {
        if (scope === signal) scope = undefined;
      }
    },
  };
}
