/**
 * Checks that a request to the preview server comes from the preview page itself: the right
 * Host (defeats DNS rebinding) and, when the browser says where it came from, the right Origin
 * and fetch site (defeats other pages on the machine posting to the local port).
 */
import type { IncomingMessage } from 'node:http';
import { secretEqual } from '../../main/security/secret-equal';
import { BRIDGE_TOKEN_HEADER, BRIDGE_TOKEN_PARAM } from '../http-transport';

export function isFromOwnPage(request: IncomingMessage, origin: string, { requireOrigin }: { requireOrigin: boolean }): boolean {
  const { host } = new URL(origin);
  if (request.headers.host !== host) return false;
  const requestOrigin = request.headers.origin;
  if (requestOrigin === undefined) {
    if (requireOrigin) return false;
  } else if (requestOrigin !== origin) {
    return false;
  }
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}

/**
 * Whether the request carries this run's bridge token: in the header on invoke, or in the query
 * on the event stream (EventSource cannot set headers). Host, Origin and Sec-Fetch-Site can be
 * forged by any local process; the token only the page opened from the printed URL has.
 */
export function hasBridgeToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers[BRIDGE_TOKEN_HEADER.toLowerCase()];
  const query = new URL(request.url ?? '/', 'http://preview.invalid').searchParams.get(BRIDGE_TOKEN_PARAM);
  const presented = typeof header === 'string' ? header : query;
  return typeof presented === 'string' && presented.length > 0 && secretEqual(presented, token);
}

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`The request body is larger than ${limit} bytes`);
  }
}

/** Reads the whole body, refusing (and stopping reading) once it passes `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
