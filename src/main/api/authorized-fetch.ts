/**
 * `authorizedFetch`: calls the app's own API with the signed-in session's access token, which
 * never leaves the main process. The token is renewed first when due and, when the API answers
 * 401, renewed once and the request sent once more, both through the session's own single-flight
 * renewal (session.ts), never a second refresh path. The token goes only to `apiUrl`'s origin,
 * and never through a redirect. No Electron here: the app passes net.fetch, tests Node's fetch.
 */
import type { ApiFailure, AuthView } from '../../shared/contract';
import { isRedirectRefusal } from '../auth/http-client';
import { errorName, type Logger } from '../log/logger';
import type { Authorization } from '../session/session';
import { apiFailure, apiTimeout } from './api-errors';

export interface AuthorizedFetchDeps {
  session: {
    authorize(): Promise<Authorization>;
    renewRejected(header: string): Promise<Authorization>;
  };
  fetch: typeof fetch;
  /** The API's base URL (config `OKTA_API_URL`): only URLs on its origin get the token. */
  apiUrl: string;
  timeoutMs: number;
  log: Logger;
  /** A renewal on the way changed what the app shows (a new profile, offline, signed out). */
  onView(view: AuthView): void;
}

export type AuthorizedResponse =
  /** The API answered (any status but a second 401); the body is the caller's to read. */
  | { readonly ok: true; readonly response: Response }
  | { readonly ok: false; readonly failure: ApiFailure }
  /** No session, or it ended on the way (the refresh token was refused): the app shows sign-in. */
  | { readonly ok: false; readonly signedOut: true };

export type AuthorizedFetch = (path: string, init?: Pick<RequestInit, 'method' | 'headers' | 'body'>) => Promise<AuthorizedResponse>;

export function createAuthorizedFetch(deps: AuthorizedFetchDeps): AuthorizedFetch {
  const base = new URL(`${deps.apiUrl}/`);

  function granted(authorization: Authorization): authorization is Extract<Authorization, { ok: true }> {
    if (authorization.view) deps.onView(authorization.view);
    return authorization.ok;
  }
  const notGranted = (authorization: Extract<Authorization, { ok: false }>): AuthorizedResponse =>
    authorization.view.status === 'signed-in'
      ? { ok: false, failure: apiFailure(authorization.view.offline ? 'network' : 'idp-error') }
      : { ok: false, signedOut: true };

  async function send(url: URL, init: Parameters<AuthorizedFetch>[1], header: string): Promise<Response> {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', header);
    // Cleared once the request settles, as in auth/http-client.ts: no timer holds the request.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
    try {
      return await deps.fetch(url, { ...init, headers, credentials: 'omit', redirect: 'error', signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The request, mapped like the rest of the app: a fixed failure per kind, never the error's words. */
  async function attempt(url: URL, init: Parameters<AuthorizedFetch>[1], header: string): Promise<AuthorizedResponse> {
    try {
      return { ok: true, response: await send(url, init, header) };
    } catch (error) {
      deps.log.warn('api.request-failed', { path: url.pathname, error: errorName(error) });
      if (isRedirectRefusal(error)) return { ok: false, failure: apiFailure('idp-error') };
      return { ok: false, failure: error instanceof Error && error.name === 'AbortError' ? apiTimeout() : apiFailure('network') };
    }
  }

  return async (path, init) => {
    const url = new URL(path.replace(/^\/+/, ''), base);
    // An absolute URL in `path` must not carry the token away.
    if (url.origin !== base.origin) return { ok: false, failure: apiFailure('internal') };
    const first = await deps.session.authorize();
    if (!granted(first)) return notGranted(first);
    const result = await attempt(url, init, first.header);
    if (!result.ok || result.response.status !== 401) return result;
    // Revoked at the IdP, or expired earlier than it said: renew once and try once more.
    await result.response.body?.cancel();
    deps.log.info('api.token-rejected', { path: url.pathname });
    const renewed = await deps.session.renewRejected(first.header);
    if (!granted(renewed)) return notGranted(renewed);
    return attempt(url, init, renewed.header);
  };
}
