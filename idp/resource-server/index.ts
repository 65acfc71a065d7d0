/**
 * A demo API protected by the emulated org, on its own port as a real API would be: it accepts a
 * request only with an access token the org issued for it (see access-token.ts) and serves each
 * user their own task list at `GET /api/tasks`. Started by `startIdp()` (and so by `npm run idp`,
 * `npm start`'s emulator and the web preview); `startResourceServer` runs one on its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLocalHost } from '../http/http-util';
import { createAccessTokenVerifier, type AccessTokenRules, type Verdict } from './access-token';
import { DEMO_TASKS, tasksOf, type TaskLists } from './demo-tasks';

export type { Task, TaskLists } from './demo-tasks';
export { DEMO_TASKS, DEFAULT_TASKS } from './demo-tasks';

export const TASKS_PATH = '/api/tasks';
export const DEFAULT_API_AUDIENCE = 'api://default';
export const DEFAULT_API_SCOPE = 'tasks.read';

export interface ResourceServerOptions {
  issuer: string;
  port?: number;
  audience?: string;
  requiredScope?: string;
  tasks?: TaskLists;
  now?: () => number;
  isActive?: AccessTokenRules['isActive'];
}

export interface RunningResourceServer {
  /** `http://127.0.0.1:${port}`: what the app's `OKTA_API_URL` names. */
  origin: string;
  port: number;
  audience: string;
  requiredScope: string;
  /** The status of every request served, oldest first (tests count retries with it). */
  statuses(): number[];
  /** The next `times` requests to /api/tasks (with a token or not) get `status` (e.g. 503, 429) instead of an answer. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers }).end(JSON.stringify(body));
  return status;
}

/** RFC 6750 §3: the challenge says why, in our words; a request without any token gets no error code. */
function refuse(res: ServerResponse, verdict: Extract<Verdict, { ok: false }>, scope: string): number {
  const params = [`realm="demo-api"`];
  if (verdict.error) params.push(`error="${verdict.error}"`, `error_description="${verdict.description}"`);
  if (verdict.error === 'insufficient_scope') params.push(`scope="${scope}"`);
  return send(res, verdict.status, { error: verdict.error ?? 'unauthorized', error_description: verdict.description }, { 'WWW-Authenticate': `Bearer ${params.join(', ')}` });
}

export async function startResourceServer(options: ResourceServerOptions): Promise<RunningResourceServer> {
  const audience = options.audience ?? DEFAULT_API_AUDIENCE;
  const requiredScope = options.requiredScope ?? DEFAULT_API_SCOPE;
  const lists = options.tasks ?? DEMO_TASKS;
  const verify = createAccessTokenVerifier({
    issuer: options.issuer,
    audience,
    requiredScope,
    now: options.now ?? Date.now,
    ...(options.isActive ? { isActive: options.isActive } : {}),
  });
  const statuses: number[] = [];
  const failures: number[] = [];
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    req.resume();
    // As the emulator: a page reaching us under another host name (DNS rebinding) gets nothing.
    if (!isLocalHost(req.headers.host, port)) return send(res, 421, { error: 'misdirected_request' });
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== TASKS_PATH) return send(res, 404, { error: 'not_found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method_not_allowed' }, { Allow: 'GET, HEAD' });
    const failure = failures.shift();
    if (failure !== undefined) return send(res, failure, { error: 'unavailable' }, failure === 429 ? { 'Retry-After': '7' } : {});
    const verdict = await verify(req.headers.authorization);
    if (!verdict.ok) return refuse(res, verdict, requiredScope);
    return send(res, 200, { owner: verdict.subject, tasks: tasksOf(lists, verdict.subject) });
  }

  const server = createServer((req, res) => {
    handle(req, res).then(
      (status) => statuses.push(status),
      () => {
        if (!res.headersSent) statuses.push(send(res, 500, { error: 'server_error' }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    audience,
    requiredScope,
    statuses: () => [...statuses],
    failNext(status, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(status);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
