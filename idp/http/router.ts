/**
 * Turns HTTP requests into handler calls: routing, method checks, per-endpoint counts, fault
 * injection, CORS, the local admin API (admin/admin-api.ts), and a last-resort 500 so no input
 * can crash the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyTooLargeError,
  apiError,
  corsHeaders,
  isLocalHost,
  jsonReply,
  oauthError,
  preflightHeaders,
  readBody,
  type Reply,
  type RequestContext,
} from './http-util';
import { MESSAGES, messages } from '../idx/documents';
import { localizeReply } from '../idx/localize';
import { idxErrorReply, type IdxHandlers } from '../idx/handlers';
import type { OAuthHandlers } from '../oauth/handlers';
import type { FaultRegistry } from '../admin/faults';
import { AdminApi, type AdminDeps } from '../admin/admin-api';
import type { Outbox } from '../admin/outbox';
import { AUTHORIZE_PATH, SIGN_IN_PAGE_PATH, idpCallbackPath, idpStartPath, type BrowserSignIn } from '../oauth/authorize';
import { WEBAUTHN_SCRIPT_PATH } from '../oauth/hosted-page';
import { IDP_ENDPOINTS, type FaultSpec, type IdpEndpoint } from '../types';

type Shape = 'idx' | 'oauth' | 'api';

interface Route {
  endpoint: IdpEndpoint;
  methods: string[];
  shape: Shape;
  handle(ctx: RequestContext, fault: FaultSpec | undefined): Reply | Promise<Reply>;
}

export interface RouterDeps {
  idx: IdxHandlers;
  oauth: OAuthHandlers;
  faults: FaultRegistry;
  log: (line: string) => void;
  /** The port the server listens on: a request must name it in its Host header. */
  port: number;
  /** The per-run secret `/__admin/*` requires as `Authorization: Bearer <token>`. */
  adminToken: string;
  outbox: Outbox;
  answerPush?: AdminDeps['answerPush'];
  /** The browser sign-in: /v1/authorize, the hosted page, the identity providers. */
  browser: BrowserSignIn;
}

function emptyCounts(): Record<IdpEndpoint, number> {
  return Object.fromEntries(IDP_ENDPOINTS.map((e) => [e, 0])) as Record<IdpEndpoint, number>;
}

function errorForShape(shape: Shape, status: number, text: string): Reply {
  if (shape === 'idx') {
    const key = status === 413 ? 'E0000003' : status === 405 ? 'E0000022' : status >= 500 ? 'E0000009' : 'E0000001';
    return idxErrorReply(status, [{ message: text, i18n: { key }, class: 'ERROR' }]);
  }
  if (shape === 'oauth') return oauthError(status, status >= 500 ? 'server_error' : 'invalid_request', text);
  return apiError(status, status >= 500 ? 'E0000009' : 'E0000001', text);
}

function rateLimited(shape: Shape, retryAfterSeconds: number): Reply {
  const headers = {
    'Retry-After': String(retryAfterSeconds),
    'X-Rate-Limit-Limit': '600',
    'X-Rate-Limit-Remaining': '0',
    'X-Rate-Limit-Reset': String(Math.floor(Date.now() / 1000) + retryAfterSeconds),
  };
  if (shape === 'idx') return jsonReply(429, { version: '1.0.0', messages: messages([MESSAGES.tooManyRequests()]) }, headers);
  return apiError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', headers);
}

/** 421 for a Host header that is not this server, in Okta's error shape. */
function misdirected(port: number): Reply {
  const summary = `Misdirected Request: this server answers only for 127.0.0.1:${port}, localhost:${port} or [::1]:${port}.`;
  return apiError(421, 'E0000001', summary, { Connection: 'close' });
}

export class Router {
  private counts = emptyCounts();
  private readonly routes: Map<string, Route>;
  private readonly adminApi: AdminApi;

  constructor(private readonly deps: RouterDeps) {
    const { idx, oauth } = deps;
    this.adminApi = new AdminApi({
      adminToken: deps.adminToken,
      faults: deps.faults,
      counts: () => this.getCounts(),
      resetCounts: () => this.resetCounts(),
      outbox: deps.outbox,
      openLink: (token) => idx.openLink(token),
      answerPush: deps.answerPush,
      log: deps.log,
    });
    const base = '/oauth2/default';
    const table: Array<[string, Route]> = [
      [`${base}/.well-known/openid-configuration`, { endpoint: 'well-known', methods: ['GET'], shape: 'api', handle: () => oauth.wellKnown() }],
      [`${base}/v1/interact`, { endpoint: 'interact', methods: ['POST'], shape: 'oauth', handle: (c) => oauth.interact(c) }],
      ['/idp/idx/introspect', { endpoint: 'introspect', methods: ['POST'], shape: 'idx', handle: (c) => idx.introspect(c) }],
      ['/idp/idx/identify', { endpoint: 'identify', methods: ['POST'], shape: 'idx', handle: (c) => idx.identify(c) }],
      ['/idp/idx/challenge', { endpoint: 'challenge', methods: ['POST'], shape: 'idx', handle: (c) => idx.challenge(c) }],
      ['/idp/idx/challenge/answer', { endpoint: 'challenge-answer', methods: ['POST'], shape: 'idx', handle: (c) => idx.challengeAnswer(c) }],
      ['/idp/idx/challenge/resend', { endpoint: 'challenge-resend', methods: ['POST'], shape: 'idx', handle: (c) => idx.resend(c) }],
      ['/idp/idx/challenge/poll', { endpoint: 'challenge-poll', methods: ['POST'], shape: 'idx', handle: (c) => idx.poll(c) }],
      ['/idp/idx/challenge/send', { endpoint: 'challenge-send', methods: ['POST'], shape: 'idx', handle: (c) => idx.send(c) }],
      ['/idp/idx/credential/enroll', { endpoint: 'credential-enroll', methods: ['POST'], shape: 'idx', handle: (c) => idx.enroll(c) }],
      ['/idp/idx/recover', { endpoint: 'recover', methods: ['POST'], shape: 'idx', handle: (c) => idx.recover(c) }],
      ['/idp/idx/unlock-account', { endpoint: 'unlock-account', methods: ['POST'], shape: 'idx', handle: (c) => idx.unlockAccount(c) }],
      ['/idp/idx/enroll', { endpoint: 'enroll-profile', methods: ['POST'], shape: 'idx', handle: (c) => idx.selectEnrollProfile(c) }],
      ['/idp/idx/enroll/new', { endpoint: 'enroll-profile', methods: ['POST'], shape: 'idx', handle: (c) => idx.enrollProfile(c) }],
      ['/idp/idx/skip', { endpoint: 'skip', methods: ['POST'], shape: 'idx', handle: (c) => idx.skip(c) }],
      // Links the org sends (email magic link, Okta Verify activation), opened in a browser or on a phone.
      ['/email/verify', { endpoint: 'link', methods: ['GET'], shape: 'api', handle: (c) => idx.linkPage(c) }],
      ['/okta-verify/activate', { endpoint: 'link', methods: ['GET'], shape: 'api', handle: (c) => idx.linkPage(c) }],
      ['/idp/idx/cancel', { endpoint: 'cancel', methods: ['POST'], shape: 'idx', handle: (c) => idx.cancel(c) }],
      [
        `${base}/v1/token`,
        {
          endpoint: 'token',
          methods: ['POST'],
          shape: 'oauth',
          handle: (c, f) => oauth.token(c, f?.kind === 'bad-id-token' ? f.variant : undefined),
        },
      ],
      [`${base}/v1/keys`, { endpoint: 'keys', methods: ['GET'], shape: 'api', handle: () => oauth.keys() }],
      [`${base}/v1/userinfo`, { endpoint: 'userinfo', methods: ['GET', 'POST'], shape: 'oauth', handle: (c) => oauth.userinfo(c) }],
      [`${base}/v1/revoke`, { endpoint: 'revoke', methods: ['POST'], shape: 'oauth', handle: (c) => oauth.revoke(c) }],
      [`${base}/v1/logout`, { endpoint: 'logout', methods: ['GET'], shape: 'oauth', handle: (c) => oauth.logout(c) }],
      [AUTHORIZE_PATH, { endpoint: 'authorize', methods: ['GET'], shape: 'oauth', handle: (c) => deps.browser.authorize(c) }],
      [SIGN_IN_PAGE_PATH, { endpoint: 'sign-in-page', methods: ['GET', 'POST'], shape: 'api', handle: (c) => deps.browser.signInPage(c) }],
      [WEBAUTHN_SCRIPT_PATH, { endpoint: 'sign-in-page', methods: ['GET'], shape: 'api', handle: () => deps.browser.webauthnScript() }],
      ...deps.browser.idps.flatMap((idp): Array<[string, Route]> => [
        [idpStartPath(idp.idp.id), { endpoint: 'external-idp', methods: ['GET'], shape: 'api', handle: (c) => deps.browser.idpStart(idp, c) }],
        [idpCallbackPath(idp.idp.id), { endpoint: 'external-idp', methods: ['GET'], shape: 'api', handle: (c) => deps.browser.idpCallback(idp, c) }],
        [idp.authorizePath, { endpoint: 'external-idp', methods: ['GET', 'POST'], shape: 'api', handle: (c) => idp.authorize(c) }],
      ]),
    ];
    this.routes = new Map(table);
  }

  /** Runs an /idp/idx/* endpoint directly (the hosted sign-in page's own requests): no count, no fault. */
  async idx(path: string, ctx: RequestContext): Promise<Reply> {
    const route = this.routes.get(path);
    if (!route || route.shape !== 'idx') return idxErrorReply(404, [MESSAGES.actionUnavailable()]);
    return route.handle(ctx, undefined);
  }

  getCounts(): Record<IdpEndpoint, number> {
    return { ...this.counts };
  }

  resetCounts(): void {
    this.counts = emptyCounts();
  }

  /** The `node:http` request listener. Never throws; every path ends in a response or a dropped socket. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    try {
      if (!isLocalHost(req.headers.host, this.deps.port)) {
        // Before anything else, preflights included: a page that reached us under another name
        // (DNS rebinding) must not sign in, read tokens or touch the admin API. No CORS headers.
        req.resume();
        return this.write(res, misdirected(this.deps.port));
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'OPTIONS') {
        const requested = req.headers['access-control-request-headers'];
        req.resume();
        return this.write(res, { status: 204, headers: preflightHeaders(origin, typeof requested === 'string' ? requested : undefined), body: '' });
      }
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          req.resume(); // drain and discard the rest so the client can read the answer
          const route = this.routes.get(url.pathname);
          return this.write(res, errorForShape(route?.shape ?? 'api', 413, 'The request body is too large.'), origin, true);
        }
        throw err;
      }
      const ctx: RequestContext = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body };
      const reply = url.pathname.startsWith('/__admin/') ? this.adminApi.handle(ctx) : await this.dispatch(ctx, req);
      if (reply) this.write(res, reply, origin);
    } catch (err) {
      this.deps.log(`internal error: ${err instanceof Error ? err.name : 'unknown'}`);
      if (!res.headersSent && !res.destroyed) this.write(res, apiError(500, 'E0000009', 'Internal Server Error'), origin);
    }
  }

  /** Runs the endpoint; returns undefined when a fault dropped the connection. */
  private async dispatch(ctx: RequestContext, req: IncomingMessage): Promise<Reply | undefined> {
    const route = this.routes.get(ctx.path);
    if (!route) return apiError(404, 'E0000007', `Not found: Resource not found: ${ctx.path.slice(0, 200)} (${ctx.method})`);
    this.counts[route.endpoint] += 1;
    if (!route.methods.includes(ctx.method)) {
      const reply = errorForShape(route.shape, 405, 'The endpoint does not support the provided HTTP method');
      reply.headers.Allow = route.methods.join(', ');
      return reply;
    }
    const fault = this.deps.faults.take(route.endpoint);
    switch (fault?.kind) {
      case 'latency':
        await this.deps.faults.delay(fault.ms);
        break;
      case 'drop':
        req.socket.destroy();
        return undefined;
      case 'status':
        return errorForShape(route.shape, fault.status, `Injected fault: HTTP ${fault.status}`);
      case 'rate-limit':
        return rateLimited(route.shape, fault.retryAfterSeconds);
      default:
        break;
    }
    const handled = await route.handle(ctx, fault);
    // As Okta does, the org's IDX messages come in the language the request asks for (a few, here).
    const reply = route.shape === 'idx' ? localizeReply(handled, ctx.headers) : handled;
    if (fault?.kind === 'malformed') {
      const text = reply.body || '{"error":';
      return { ...reply, headers: { ...reply.headers, 'Content-Type': 'application/json' }, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    }
    if (fault?.kind === 'wrong-content-type') {
      return {
        ...reply,
        headers: { ...reply.headers, 'Content-Type': 'text/html; charset=utf-8' },
        body: '<!doctype html><html><body><h1>Gateway</h1><p>Unexpected response.</p></body></html>',
      };
    }
    return reply;
  }

  private write(res: ServerResponse, reply: Reply, origin?: string, closeAfter = false): void {
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...reply.headers, ...corsHeaders(origin) };
    if (closeAfter) headers.Connection = 'close';
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }
}
