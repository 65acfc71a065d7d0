/**
 * The local admin API (`/__admin/*`) for tests and people trying the running app: faults,
 * request counts, the outbox of sent codes and links, opening a link, answering an Okta Verify
 * push. Every request needs this run's token; a page from another site is refused.
 */
import { apiError, isLocalOrigin, jsonReply, sameSecret, type Reply, type RequestContext } from '../http/http-util';
import { isEndpoint, validateFault, type FaultRegistry } from './faults';
import { IDP_ENDPOINTS, type IdpEndpoint } from '../types';
import type { LinkResult } from '../authenticators/types';
import type { Outbox } from './outbox';

export interface AdminDeps {
  /** The per-run secret: `Authorization: Bearer <token>`. */
  adminToken: string;
  faults: FaultRegistry;
  counts(): Record<IdpEndpoint, number>;
  resetCounts(): void;
  outbox: Outbox;
  /** Opens a link the org sent (by its token); undefined when no live step sent it. */
  openLink(token: string): LinkResult | undefined;
  /** Answers the newest waiting push of a login; undefined when none waits. */
  answerPush?(login: string, decision: { approve: boolean; number?: number }): { result: string; status?: number; error?: string } | undefined;
  log: (line: string) => void;
}

const methodNotAllowed = () => apiError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');

function jsonBody(ctx: RequestContext): { ok: true; value: unknown } | { ok: false } {
  const text = ctx.body.toString('utf8').trim();
  if (!text) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The token a link carries (`?token=`), if it is one of this org's links. */
export function linkToken(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link).searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}

export class AdminApi {
  constructor(private readonly deps: AdminDeps) {}

  handle(ctx: RequestContext): Reply {
    // curl and tests send no Origin; a web page always does. Only pages from this machine may
    // switch faults or reset counts (a "simple" POST from any site would otherwise get through).
    const origin = typeof ctx.headers.origin === 'string' ? ctx.headers.origin : undefined;
    if (origin !== undefined && !isLocalOrigin(origin)) return jsonReply(403, { error: 'The admin endpoint only answers pages served from this machine.' });
    // Any local process or page could reach the port; only who was given this run's token may
    // switch faults, read counts or the outbox (printed by `npm run idp`, `adminToken` from startIdp).
    const authorization = typeof ctx.headers.authorization === 'string' ? ctx.headers.authorization : '';
    const presented = /^Bearer (\S+)$/.exec(authorization)?.[1];
    if (presented === undefined || !sameSecret(presented, this.deps.adminToken)) {
      return jsonReply(
        401,
        { error: "The admin endpoint needs this run's token: Authorization: Bearer <token> (printed at start; startIdp returns it as adminToken)." },
        { 'WWW-Authenticate': 'Bearer realm="emulator-admin"' },
      );
    }
    const path = ctx.path.replace(/\/+$/, '');
    if (path === '/__admin/counts' || path === '/__admin/counts/reset') return this.counts(ctx, path);
    if (path === '/__admin/faults' || path.startsWith('/__admin/faults/')) return this.faults(ctx, path);
    if (path === '/__admin/outbox' || path.startsWith('/__admin/outbox/')) return this.outbox(ctx, path);
    if (path.startsWith('/__admin/push/')) return this.push(ctx, path);
    return apiError(404, 'E0000007', 'Not found: Resource not found');
  }

  private counts(ctx: RequestContext, path: string): Reply {
    if (path === '/__admin/counts' && ctx.method === 'GET') return jsonReply(200, this.deps.counts());
    if (path === '/__admin/counts/reset' && ctx.method === 'POST') {
      this.deps.resetCounts();
      return jsonReply(200, this.deps.counts());
    }
    return methodNotAllowed();
  }

  private faults(ctx: RequestContext, path: string): Reply {
    const { faults } = this.deps;
    if (path === '/__admin/faults') {
      if (ctx.method === 'GET') return jsonReply(200, faults.list());
      if (ctx.method === 'DELETE') {
        faults.clear();
        return jsonReply(200, faults.list());
      }
      return methodNotAllowed();
    }
    const endpoint = /^\/__admin\/faults\/([\w-]+)$/.exec(path)?.[1];
    if (!endpoint) return apiError(404, 'E0000007', 'Not found: Resource not found');
    if (!isEndpoint(endpoint)) return jsonReply(404, { error: `Unknown endpoint "${endpoint}". Known: ${IDP_ENDPOINTS.join(', ')}` });
    if (ctx.method === 'DELETE') {
      faults.clear(endpoint);
      return jsonReply(200, faults.list());
    }
    if (ctx.method !== 'PUT') return methodNotAllowed();
    const body = jsonBody(ctx);
    if (!body.ok || body.value === undefined) return jsonReply(400, { error: 'The body must be a JSON fault, e.g. {"kind":"status","status":500}' });
    try {
      faults.set(endpoint, validateFault(endpoint, body.value));
    } catch (err) {
      return jsonReply(400, { error: (err as Error).message });
    }
    this.deps.log(`fault set on ${endpoint}: ${JSON.stringify(body.value)}`);
    return jsonReply(200, faults.list());
  }

  /** `GET /__admin/outbox[?login=]`, `DELETE /__admin/outbox`, `POST /__admin/outbox/{id}/open`. */
  private outbox(ctx: RequestContext, path: string): Reply {
    const { outbox } = this.deps;
    if (path === '/__admin/outbox') {
      if (ctx.method === 'GET') return jsonReply(200, { messages: outbox.list(ctx.query.get('login') ?? undefined) });
      if (ctx.method === 'DELETE') {
        outbox.clear();
        return jsonReply(200, { messages: [] });
      }
      return methodNotAllowed();
    }
    const id = /^\/__admin\/outbox\/([\w-]+)\/open$/.exec(path)?.[1];
    if (!id) return apiError(404, 'E0000007', 'Not found: Resource not found');
    if (ctx.method !== 'POST') return methodNotAllowed();
    const message = outbox.find(id);
    if (!message) return jsonReply(404, { error: `No message ${id} in the outbox.` });
    const token = linkToken(message.link);
    if (!token) return jsonReply(400, { error: 'That message carries no link.' });
    const opened = this.deps.openLink(token);
    // A link whose step is over (completed, resent, cancelled or expired) opens nothing.
    if (!opened) return jsonReply(410, { result: 'expired', error: 'The link no longer belongs to a waiting sign-in step.' });
    return jsonReply(opened.result === 'expired' ? 410 : 200, opened);
  }

  /** `POST /__admin/push/{login}/approve|deny`, body optionally `{"number": N}` (the number tapped). */
  private push(ctx: RequestContext, path: string): Reply {
    const match = /^\/__admin\/push\/([^/]+)\/(approve|deny)$/.exec(path);
    if (!match?.[1] || !this.deps.answerPush) return apiError(404, 'E0000007', 'Not found: Resource not found');
    if (ctx.method !== 'POST') return methodNotAllowed();
    const body = jsonBody(ctx);
    const isObject = body.ok && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value);
    const number = isObject ? (body.value as { number?: unknown }).number : undefined;
    if (!body.ok || (body.value !== undefined && !isObject) || (number !== undefined && (typeof number !== 'number' || !Number.isInteger(number)))) {
      return jsonReply(400, { error: 'The body must be empty or {"number": N} with the number chosen on the phone.' });
    }
    const login = decodeURIComponent(match[1]);
    const answered = this.deps.answerPush(login, { approve: match[2] === 'approve', ...(number === undefined ? {} : { number }) });
    if (!answered) return jsonReply(404, { error: `No push is waiting for ${login}.` });
    return jsonReply(answered.status ?? 200, answered);
  }
}
