/**
 * What went wrong calling the app's own API, as a fixed catalog message per failure code (as
 * auth/map-error.ts does for the IdP): nothing from the response or the error reaches the user.
 */
import type { ApiFailure, FailureCode, Message } from '../../shared/contract';
import { message } from '../../shared/i18n/text';
import { parseRetryAfter } from '../auth/http-client';

const MESSAGES: Readonly<Record<FailureCode, Message>> = {
  network: message('api.failure.network'),
  'rate-limited': message('api.failure.rateLimited'),
  'idp-error': message('api.failure.idpError'),
  'invalid-token': message('api.failure.invalidToken'),
  configuration: message('api.failure.configuration'),
  internal: message('api.failure.internal'),
};

const TIMEOUT_MESSAGE = message('api.failure.timeout');

export function apiFailure(code: FailureCode, retryAfterSeconds?: number): ApiFailure {
  return retryAfterSeconds === undefined ? { code, message: MESSAGES[code] } : { code, message: MESSAGES[code], retryAfterSeconds };
}

export const apiTimeout = (): ApiFailure => ({ code: 'network', message: TIMEOUT_MESSAGE });

/**
 * An answer that is not the resource: 401 (after the one renewal) and 403 mean the API does not
 * take this app's tokens (another audience, a missing scope), 429 is busy, anything else an error.
 */
export function failureOfStatus(response: Pick<Response, 'status' | 'headers'>): ApiFailure {
  if (response.status === 401 || response.status === 403) return apiFailure('configuration');
  if (response.status === 429) return apiFailure('rate-limited', parseRetryAfter(response.headers.get('retry-after')));
  return apiFailure('idp-error');
}
