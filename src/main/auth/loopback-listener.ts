/**
 * The loopback redirect of a browser sign-in (RFC 8252 §7.3, §8.3): an HTTP listener on
 * 127.0.0.1 (the IP literal, never `localhost`, which could resolve elsewhere) on a port the OS
 * picks, for exactly one answer at `/callback`. It takes that one request, checks its `state`
 * against the one this sign-in sent (constant time), answers a short page that says to close the
 * tab (nothing from the request is echoed), and closes; it also closes on cancel and after a
 * short timeout. Requests for other paths (a favicon) or naming another Host (DNS rebinding) are
 * refused without ending the wait.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { secretEqual } from '../security/secret-equal';
import { formatText } from '../i18n/format';
import { directionOf, type Locale } from '../../shared/i18n/locales';
import { message, type MessageId } from '../../shared/i18n/text';
import type { Scheduler } from '../session/scheduler';

export const CALLBACK_PATH = '/callback';
/** How long the app waits for the browser: long enough for a person, short enough that a forgotten tab ends. */
export const DEFAULT_BROWSER_TIMEOUT_MS = 5 * 60_000;
const MAX_ERROR_DESCRIPTION = 300;

export type CallbackResult =
  | { readonly kind: 'code'; readonly code: string }
  /** The org answered with `error=` (e.g. access_denied): its code and, if any, its sentence. */
  | { readonly kind: 'error'; readonly error: string; readonly description?: string }
  /** An answer that is not for this sign-in: another or no `state`. */
  | { readonly kind: 'wrong-state' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' };

/** Reads an authorization response (the redirect's query) for the sign-in that sent `expectedState`. */
export function readCallback(query: URLSearchParams, expectedState: string): CallbackResult {
  const state = query.get('state');
  // Before anything else: an answer to another request (a forged or stale link) is not read further.
  if (state === null || !secretEqual(state, expectedState)) return { kind: 'wrong-state' };
  const error = query.get('error');
  if (error !== null) {
    const description = query.get('error_description')?.trim().slice(0, MAX_ERROR_DESCRIPTION);
    return description ? { kind: 'error', error: error.slice(0, 64), description } : { kind: 'error', error: error.slice(0, 64) };
  }
  const code = query.get('code');
  return code ? { kind: 'code', code } : { kind: 'error', error: 'invalid_request' };
}

export class ListenerUnavailableError extends Error {
  override name = 'ListenerUnavailableError';
  constructor(readonly code: string | undefined) {
    super('The loopback listener could not start.');
  }
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`, for the authorize request and the code exchange. */
  readonly redirectUri: string;
  /** Settles once: the answer, a timeout, or cancel. The listener is closed by then. */
  readonly result: Promise<CallbackResult>;
  /** Stops waiting (result: cancelled); does nothing once settled. */
  close(): void;
}

export interface ListenOptions {
  readonly expectedState: string;
  readonly scheduler: Scheduler;
  readonly timeoutMs?: number;
  /** 0 (default): a port the OS picks. Tests name a busy one. */
  readonly port?: number;
  /** The language of the page the browser shows; English by default. */
  readonly locale?: Locale;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;color-scheme:light dark}main{max-width:28rem;padding:2rem}h1{font-size:1.4rem;margin:0 0 .5rem}`;
const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'close',
};

const PAGES: Record<'done' | 'refused' | 'foreign' | 'over', { title: MessageId; text: MessageId }> = {
  done: { title: 'loopback.done.title', text: 'loopback.done.text' },
  refused: { title: 'loopback.refused.title', text: 'loopback.refused.text' },
  foreign: { title: 'loopback.foreign.title', text: 'loopback.foreign.text' },
  over: { title: 'loopback.over.title', text: 'loopback.over.text' },
};

const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page the browser shows, in the app's language (catalog text: no markup, nothing from the request). */
function page(kind: keyof typeof PAGES, locale: Locale): string {
  const title = escapeHtml(formatText(message(PAGES[kind].title), locale));
  const text = escapeHtml(formatText(message(PAGES[kind].text, { app: message('app.name') }), locale));
  return `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = HEADERS): void {
  response.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  response.end(body);
}

export async function listenForRedirect({ expectedState, scheduler, timeoutMs = DEFAULT_BROWSER_TIMEOUT_MS, port = 0, locale = 'en' }: ListenOptions): Promise<LoopbackListener> {
  let settle!: (result: CallbackResult) => void;
  const result = new Promise<CallbackResult>((resolve) => (settle = resolve));
  let settled = false;
  let boundPort = 0;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    const plain = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' };
    if (settled) return send(response, 410, page('over', locale));
    // A page that reached this port under another name (DNS rebinding) is not the redirect.
    if (request.headers.host !== `127.0.0.1:${boundPort}`) return send(response, 421, 'Misdirected request', plain);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${boundPort}`);
    if (url.pathname !== CALLBACK_PATH) return send(response, 404, 'Not found', plain);
    if (request.method !== 'GET') return send(response, 405, 'Method not allowed', { ...plain, Allow: 'GET' });
    const answer = readCallback(url.searchParams, expectedState);
    response.on('finish', () => server.closeAllConnections());
    send(response, 200, page(answer.kind === 'code' ? 'done' : answer.kind === 'wrong-state' ? 'foreign' : 'refused', locale));
    finish(answer);
  });
  // One answer, then closed: no idle connection keeps the port.
  server.keepAliveTimeout = 1;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  let cancelTimer: () => void = () => {};
  function finish(answer: CallbackResult): void {
    if (settled) return;
    settled = true;
    cancelTimer();
    server.close();
    if (answer.kind === 'timeout' || answer.kind === 'cancelled') server.closeAllConnections();
    settle(answer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new ListenerUnavailableError(error.code)));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  server.on('error', () => finish({ kind: 'cancelled' }));
  cancelTimer = scheduler.set(() => finish({ kind: 'timeout' }), timeoutMs);

  return {
    redirectUri: `http://127.0.0.1:${boundPort}${CALLBACK_PATH}`,
    result,
    close: () => finish({ kind: 'cancelled' }),
  };
}
