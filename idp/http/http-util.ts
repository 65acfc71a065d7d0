/**
 * Small HTTP helpers shared by the emulator's handlers: the Reply value every handler returns,
 * body reading with a size limit, content-type checks, and CORS for local browser clients.
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What a handler answers; the server writes it (and may distort it when a fault is set). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export const MAX_BODY_BYTES = 64 * 1024;

export const ION_JSON = 'application/ion+json; okta-version=1.0.0';

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error, error_description: description }, headers);
}

/** Okta's management-API style error body (used where neither OAuth nor IDX shapes apply). */
export function apiError(status: number, code: string, summary: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(
    status,
    { errorCode: code, errorSummary: summary, errorLink: code, errorId: `oae${Date.now().toString(36)}`, errorCauses: [] },
    headers,
  );
}

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
  }
}

/** Reads the whole body, rejecting with BodyTooLargeError past the limit (the rest is not buffered). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}

export function mediaType(headers: IncomingMessage['headers']): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

const JSON_MEDIA_TYPES = new Set(['application/json', 'application/ion+json', 'application/vnd.okta.v1+json']);

export function isJsonMediaType(type: string): boolean {
  return JSON_MEDIA_TYPES.has(type);
}

export type JsonBodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: 'media-type' | 'malformed' };

export function parseJsonBody(ctx: RequestContext): JsonBodyResult {
  if (!isJsonMediaType(mediaType(ctx.headers))) return { ok: false, reason: 'media-type' };
  try {
    const value: unknown = JSON.parse(ctx.body.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'malformed' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

export type FormBodyResult = { ok: true; value: URLSearchParams } | { ok: false };

export function parseFormBody(ctx: RequestContext): FormBodyResult {
  if (mediaType(ctx.headers) !== 'application/x-www-form-urlencoded') return { ok: false };
  return { ok: true, value: new URLSearchParams(ctx.body.toString('utf8')) };
}

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** Whether a request's Origin is a page served from this machine. */
export function isLocalOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && LOCAL_ORIGIN.test(origin);
}

/** CORS headers for browser clients served from this machine; none for any other origin. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!isLocalOrigin(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'WWW-Authenticate, Retry-After, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset',
    Vary: 'Origin',
  };
}

export function preflightHeaders(origin: string | undefined, requestedHeaders: string | undefined): Record<string, string> {
  const base = corsHeaders(origin);
  if (!base['Access-Control-Allow-Origin']) return {};
  return {
    ...base,
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      requestedHeaders && /^[\w\-, ]{1,1000}$/.test(requestedHeaders)
        ? requestedHeaders
        : 'Accept, Authorization, Content-Type, X-Okta-User-Agent-Extended, X-Device-Fingerprint',
    'Access-Control-Max-Age': '600',
  };
}

/**
 * Whether a request's Host header names this server: 127.0.0.1, localhost or [::1] on its port.
 * A DNS-rebinding page (http://evil.test:PORT resolving to 127.0.0.1) sends its own name, so it
 * gets no answer it could read even though the browser lets it reach the socket.
 */
export function isLocalHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  // A browser leaves out the default port.
  const names = port === 80 ? ['127.0.0.1', 'localhost', '[::1]'] : [];
  return value === `127.0.0.1:${port}` || value === `localhost:${port}` || value === `[::1]:${port}` || names.includes(value);
}

/** Compares a secret the client sent with the real one in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** An unguessable base64url string for handles, codes and opaque tokens. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
