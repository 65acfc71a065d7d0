/**
 * okta-auth-js 8 throws instead of returning FAILURE (reference §4). This turns whatever was
 * thrown into the one `failure` view, with a fixed message of the app's catalog: nothing from the error (which
 * may hold a server body, a code or a token) is shown to the user.
 */
import { AuthApiError, AuthSdkError, OAuthError } from '@okta/okta-auth-js';
import type { AuthView, FailureCode, Message } from '../../shared/contract';
import { message } from '../../shared/i18n/text';
import type { TransportFailure } from './http-client';

export type FailureView = Extract<AuthView, { status: 'failure' }>;

const MESSAGES: Readonly<Record<FailureCode, Message>> = {
  network: message('failure.network'),
  'rate-limited': message('failure.rateLimited'),
  'idp-error': message('failure.idpError'),
  'invalid-token': message('failure.invalidToken'),
  configuration: message('failure.configuration'),
  internal: message('failure.internal'),
};

const TIMEOUT_MESSAGE = message('failure.timeout');

// OAuth error codes that mean the app is registered wrongly, not that the user did something wrong.
const CONFIGURATION_OAUTH_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_scope', 'access_denied', 'invalid_request']);

// AuthSdkError messages from token verification (oidc/verifyToken.ts, validateClaims.ts, getKey.ts).
const TOKEN_VERIFICATION = /issuer|audience|expired|issued in the future|signature|key id|nonce|at_hash|token|JWT|jwks|algorithm/i;

export function failureView(code: FailureCode, retryAfterSeconds?: number): FailureView {
  return retryAfterSeconds === undefined
    ? { status: 'failure', code, message: MESSAGES[code] }
    : { status: 'failure', code, message: MESSAGES[code], retryAfterSeconds };
}

export function classifyFailure(error: unknown, transport: TransportFailure | undefined): FailureView {
  if (transport?.kind === 'rate-limited') return failureView('rate-limited', transport.retryAfterSeconds);
  if (transport?.kind === 'timeout') return { status: 'failure', code: 'network', message: TIMEOUT_MESSAGE };
  if (transport?.kind === 'unreachable') return failureView('network');
  if (transport?.kind === 'server-error') return failureView('idp-error');
  if (error instanceof OAuthError) {
    return failureView(CONFIGURATION_OAUTH_ERRORS.has(error.errorCode) ? 'configuration' : 'idp-error');
  }
  if (error instanceof AuthApiError) {
    const status = error.xhr?.status;
    if (status === 429) return failureView('rate-limited');
    if (status === 401 || status === 403) return failureView('configuration');
    return failureView('idp-error');
  }
  if (error instanceof AuthSdkError) {
    return failureView(TOKEN_VERIFICATION.test(error.message) ? 'invalid-token' : 'idp-error');
  }
  // A server body the SDK could not parse surfaces as a SyntaxError from JSON.parse.
  if (error instanceof SyntaxError) return failureView('idp-error');
  return failureView('internal');
}

/** The IdP refused the refresh token (revoked, rotated, expired, user deactivated): the session is over. */
export function isGrantRefused(error: unknown): boolean {
  return error instanceof OAuthError && error.errorCode === 'invalid_grant';
}

/** The IdP rejected the access token itself (401 / `invalid_token`): revoked there, or expired early. */
export function isTokenRejected(error: unknown): boolean {
  return (error instanceof OAuthError && error.errorCode === 'invalid_token') || statusOf(error) === 401;
}

/**
 * Worth trying again later: the IdP was unreachable, slow, busy (429) or failing (5xx). Anything
 * else is an answer (for example 400 for a malformed request) that a retry would only repeat.
 */
export function isTransientFailure(error: unknown, transport: TransportFailure | undefined): boolean {
  if (transport) return true;
  const status = statusOf(error);
  return status === undefined ? !(error instanceof OAuthError) : status >= 500;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // AuthApiError keeps the response as `xhr`, OAuthError as `resp`, the transport throws it bare.
  const holder = error as { xhr?: { status?: unknown }; resp?: { status?: unknown }; status?: unknown };
  const status = holder.xhr?.status ?? holder.resp?.status ?? holder.status;
  return typeof status === 'number' ? status : undefined;
}
