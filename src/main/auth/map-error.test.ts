import { describe, expect, it } from 'vitest';
import { AuthApiError, AuthSdkError, OAuthError, type HttpResponse } from '@okta/okta-auth-js';
import { classifyFailure, failureView, isTokenRejected, isTransientFailure } from './map-error';
import { inEnglish } from '../testing/in-english';
import type { FailureCode } from '../../shared/contract';

const response = (status: number) => ({ status, responseText: '' }) as HttpResponse;
const apiError = (status?: number) => new AuthApiError({ errorSummary: 'summary' }, status === undefined ? undefined : response(status));

describe('failureView', () => {
  it('carries the wait only when there is one', () => {
    expect(failureView('network')).toStrictEqual({ status: 'failure', code: 'network', message: failureView('network').message });
    expect(failureView('rate-limited', 30)).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 30 });
  });
});

describe('classifyFailure', () => {
  it.each([
    ['an IdP that failed with a 5xx', undefined, { kind: 'server-error', status: 502 } as const, 'idp-error'],
    ['an OAuth error of the app registration', new OAuthError('invalid_client', 'Client authentication failed'), undefined, 'configuration'],
    ['an OAuth error of the IdP', new OAuthError('server_error', 'Oops'), undefined, 'idp-error'],
    ['an API error 429', apiError(429), undefined, 'rate-limited'],
    ['an API error 401', apiError(401), undefined, 'configuration'],
    ['an API error 403', apiError(403), undefined, 'configuration'],
    ['an API error 400', apiError(400), undefined, 'idp-error'],
    ['an API error without response', apiError(), undefined, 'idp-error'],
    ['a token that failed verification', new AuthSdkError('The issuer [http://evil] does not match [http://idp]'), undefined, 'invalid-token'],
    ['another SDK error', new AuthSdkError('Unable to retrieve OAuth redirect params from storage'), undefined, 'idp-error'],
    ['a server body that is not JSON', new SyntaxError('Unexpected token < in JSON'), undefined, 'idp-error'],
    ['anything else', new Error('boom'), undefined, 'internal'],
  ])('classifies %s', (_, error, transport, code) => {
    expect(classifyFailure(error, transport)).toStrictEqual(failureView(code as FailureCode));
  });

  it('says what each failure means in words of the app, never of the error', () => {
    expect(inEnglish(classifyFailure(new Error('secret body'), undefined))).toEqual({ status: 'failure', code: 'internal', message: 'Something went wrong while signing in. Please try again.' });
    expect(inEnglish(classifyFailure(apiError(429), undefined))).toMatchObject({ message: 'Too many sign-in attempts right now.' });
    expect(inEnglish(classifyFailure(apiError(401), undefined))).toMatchObject({ message: 'The app’s Okta settings do not match your organization. Contact your administrator.' });
    expect(inEnglish(classifyFailure(new SyntaxError('x'), undefined))).toMatchObject({ message: 'The sign-in service returned an error. Please try again.' });
  });
});

describe('isTokenRejected', () => {
  it.each([
    ['an OAuth invalid_token', new OAuthError('invalid_token', 'The access token is invalid'), true],
    ['an OAuth error with a 401 response', new OAuthError('server_error', 'Unauthorized', response(401)), true],
    ['an API error 401', apiError(401), true],
    ['a bare 401 from the transport', { status: 401 }, true],
    ['an OAuth invalid_grant', new OAuthError('invalid_grant', 'The refresh token is invalid'), false],
    ['an API error 403', apiError(403), false],
    ['a status that is not a number', { status: '401' }, false],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a string', '401', false],
  ])('says whether %s rejects the token: %s', (_, error, rejected) => {
    expect(isTokenRejected(error)).toBe(rejected);
  });
});

describe('isTransientFailure', () => {
  it.each([
    ['any transport failure, even beside an OAuth error', new OAuthError('invalid_grant', 'x'), { kind: 'timeout' } as const, true],
    ['an error without status', new Error('socket hang up'), undefined, true],
    ['null', null, undefined, true],
    ['undefined', undefined, undefined, true],
    ['an OAuth error without response', new OAuthError('invalid_grant', 'x'), undefined, false],
    ['an API error 500', apiError(500), undefined, true],
    ['an API error 503', apiError(503), undefined, true],
    ['an API error 499', apiError(499), undefined, false],
    ['an API error 400', apiError(400), undefined, false],
    ['an OAuth error with a 500 response', new OAuthError('server_error', 'x', response(500)), undefined, true],
    ['a bare 502 from the transport', { status: 502 }, undefined, true],
    ['a bare 400 from the transport', { status: 400 }, undefined, false],
    ['a status that is not a number', { status: '400' }, undefined, true],
  ])('says whether %s is worth retrying: %s', (_, error, transport, transient) => {
    expect(isTransientFailure(error, transport)).toBe(transient);
  });
});
