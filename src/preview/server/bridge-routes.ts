/**
 * The two HTTP routes that stand in for Electron IPC in the web preview:
 * `POST /__bridge/invoke` `{channel, payload}` → the main-process handler's BridgeResult, and
 * `GET /__bridge/events`, a Server-Sent Events stream of state changes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENTS, type AuthView, type BridgeError, type BridgeResponse, type BridgeResult } from '../../shared/contract';
import { BRIDGE_LANGUAGE_HEADER } from '../http-transport';
import { BodyTooLargeError, hasBridgeToken, isFromOwnPage, readBody } from './request-guard';

/** What the routes need from the main-process app (AuthApp from src/main/node.ts fits). */
export interface BridgeBackend {
  invoke(channel: string, payload: unknown): Promise<BridgeResult<BridgeResponse>>;
  onStateChanged(listener: (view: AuthView) => void): () => void;
}

/** Largest invoke body: a full step (16 fields of 512 characters) with room for JSON escaping. */
export const MAX_INVOKE_BODY_BYTES = 64 * 1024;
const KEEP_ALIVE_MS = 15_000;

/**
 * `onPageLanguage` hears the language the page says it draws in (BRIDGE_LANGUAGE_HEADER), from
 * the page itself only: a call refused as not the page's says nothing.
 */
export async function handleInvoke(
  request: IncomingMessage,
  response: ServerResponse,
  backend: BridgeBackend,
  origin: string,
  token: string,
  onPageLanguage: (tag: string) => void = () => {},
): Promise<void> {
  if (!isFromOwnPage(request, origin, { requireOrigin: true }) || !hasBridgeToken(request, token)) {
    return refuse(response, 403, { code: 'forbidden', message: 'Only the preview page may use the bridge.' });
  }
  const language = request.headers[BRIDGE_LANGUAGE_HEADER.toLowerCase()];
  if (typeof language === 'string') onPageLanguage(language);
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return refuse(response, 415, { code: 'invalid-request', message: 'The bridge accepts JSON only.' });
  }
  let body: string;
  try {
    body = await readBody(request, MAX_INVOKE_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return refuse(response, 413, { code: 'invalid-request', message: error.message });
    }
    throw error;
  }
  const call = parseCall(body);
  if (call === null) {
    return refuse(response, 400, { code: 'invalid-request', message: 'Expected a JSON object with a string "channel".' });
  }
  let result: BridgeResult<BridgeResponse>;
  try {
    result = await backend.invoke(call.channel, call.payload);
  } catch {
    // The handler promises not to throw; if it does, the details stay on the server side.
    return refuse(response, 500, { code: 'internal', message: 'The background process failed.' });
  }
  sendJson(response, 200, result);
}

export function handleEvents(
  request: IncomingMessage,
  response: ServerResponse,
  backend: BridgeBackend,
  origin: string,
  token: string,
): void {
  if (!isFromOwnPage(request, origin, { requireOrigin: false }) || !hasBridgeToken(request, token)) {
    return refuse(response, 403, { code: 'forbidden', message: 'Only the preview page may use the bridge.' });
  }
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'keep-alive',
  });
  response.write('retry: 1000\n\n');
  const unsubscribe = backend.onStateChanged((view) => {
    response.write(`event: ${EVENTS.stateChanged}\ndata: ${JSON.stringify(view)}\n\n`);
  });
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  const stop = () => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  request.on('close', stop);
  response.on('close', stop);
}

function parseCall(body: string): { channel: string; payload: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { channel, payload } = parsed as { channel?: unknown; payload?: unknown };
  return typeof channel === 'string' ? { channel, payload } : null;
}

function refuse(response: ServerResponse, status: number, error: BridgeError): void {
  sendJson(response, status, { ok: false, error } satisfies BridgeResult<never>);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}
