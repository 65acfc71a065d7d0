/**
 * `authorizedFetch`: calls the app's own API with the signed-in session's access token, which
 * never leaves the main process. The token is renewed first when due and, when the API answers
 * 401, renewed once and the request sent once more (not for a token so renewed that the API
 * refused too: that is the API's answer), both through the session's own single-flight
 * renewal (session.ts), never a second refresh path. The token goes only to `apiUrl`'s origin,
 * and never through a redirect; the answer, body included, is read under the request's deadline
 * and at most MAX_API_BODY_BYTES (http/bounded-fetch.ts). No Electron here: the app passes
 * net.fetch, tests Node's fetch.
 */
import { createHash } from 'node:crypto';
import type { ApiFailure, AuthView } from '../../shared/contract';
import { isRedirectRefusal } from '../auth/http-client';
import { BodyTooLargeError, DeadlineExceededError, fetchBounded, type BoundedResponse } from '../http/bounded-fetch';
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
  /** For the whole exchange, the body included: a stalled body must not keep a panel loading. */
  timeoutMs: number;
  log: Logger;
  /** A renewal on the way changed what the app shows (a new profile, offline, signed out). */
  onView(view: AuthView): void;
}

export type AuthorizedResponse =
  /** The API answered (any status but a second 401), its 2xx body read within the deadline. */
  | { readonly ok: true; readonly response: BoundedResponse }
  | { readonly ok: false; readonly failure: ApiFailure }
  /** No session, or it ended on the way (the refresh token was refused): the app shows sign-in. */
  | { readonly ok: false; readonly signedOut: true };

/** More than any answer the app reads (the tasks panel shows at most 50 short tasks); read no further. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

export type AuthorizedFetch = (path: string, init?: Pick<RequestInit, 'method' | 'headers' | 'body'>) => Promise<AuthorizedResponse>;

export function createAuthorizedFetch(deps: AuthorizedFetchDeps): AuthorizedFetch {
  const base = new URL(`${deps.apiUrl}/`);
  // The token renewed for a 401 that the API refused in turn (its digest: no copy of the token
  // here): the API does not take this app's tokens (another audience, say). Renewing it again
  // would cost a refresh, rotating the refresh token, and a profile load on every call.
  let refusedWhenFresh: string | undefined;
  const digest = (header: string) => createHash('sha256').update(header).digest('base64');

  function granted(authorization: Authorization): authorization is Extract<Authorization, { ok: true }> {
    if (authorization.view) deps.onView(authorization.view);
    return authorization.ok;
  }
  const notGranted = ({ reason }: Extract<Authorization, { ok: false }>): AuthorizedResponse =>
    reason === 'signed-out' ? { ok: false, signedOut: true } : { ok: false, failure: apiFailure(reason === 'offline' ? 'network' : 'idp-error') };

  /** The request, mapped like the rest of the app: a fixed failure per kind, never the error's words. */
  async function attempt(url: URL, init: Parameters<AuthorizedFetch>[1], header: string): Promise<AuthorizedResponse> {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', header);
    try {
      return { ok: true, response: await fetchBounded(deps.fetch, url, { ...init, headers }, { timeoutMs: deps.timeoutMs, maxBodyBytes: MAX_API_BODY_BYTES }) };
    } catch (error) {
      deps.log.warn('api.request-failed', { path: url.pathname, error: errorName(error) });
      if (error instanceof DeadlineExceededError) return { ok: false, failure: apiTimeout() };
      if (isRedirectRefusal(error) || error instanceof BodyTooLargeError) return { ok: false, failure: apiFailure('idp-error') };
      return { ok: false, failure: apiFailure('network') };
    }
  }

  return async (path, init) => {
    const url = new URL(path.replace(/^\/+/, ''), base);
    // An absolute URL in `path` must not carry the token away.
    if (url.origin !== base.origin) return { ok: false, failure: apiFailure('internal') };
    const first = await deps.session.authorize();
    if (!granted(first)) return notGranted(first);
    const result = await attempt(url, init, first.header);
    if (!result.ok || result.response.status !== 401 || digest(first.header) === refusedWhenFresh) return result;
    // Revoked at the IdP, or expired earlier than it said: renew once and try once more.
    deps.log.info('api.token-rejected', { path: url.pathname });
    const renewed = await deps.session.renewRejected(first.header);
    if (!granted(renewed)) return notGranted(renewed);
    const retried = await attempt(url, init, renewed.header);
    if (retried.ok && retried.response.status === 401) refusedWhenFresh = digest(renewed.header);
    return retried;
  };
}
