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
    ['an OAuth invalid_token', true, new OAuthError('invalid_token', 'The access token is invalid')],
    ['an OAuth error with a 401 response', true, new OAuthError('server_error', 'Unauthorized', response(401))],
    ['an API error 401', true, apiError(401)],
    ['a bare 401 from the transport', true, { status: 401 }],
    ['an OAuth invalid_grant', false, new OAuthError('invalid_grant', 'The refresh token is invalid')],
    ['an API error 403', false, apiError(403)],
    ['a status that is not a number', false, { status: '401' }],
    ['null', false, null],
    ['undefined', false, undefined],
    ['a string', false, '401'],
  ])('takes %s as a rejected token: %s', (_, rejected, error) => {
    expect(isTokenRejected(error)).toBe(rejected);
  });
});

describe('isTransientFailure', () => {
  it.each([
    ['any transport failure, even beside an OAuth error', true, new OAuthError('invalid_grant', 'x'), { kind: 'timeout' } as const],
    ['an error without status', true, new Error('socket hang up'), undefined],
    ['null', true, null, undefined],
    ['undefined', true, undefined, undefined],
    ['an OAuth error without response', false, new OAuthError('invalid_grant', 'x'), undefined],
    ['an API error 500', true, apiError(500), undefined],
    ['an API error 503', true, apiError(503), undefined],
    ['an API error 499', false, apiError(499), undefined],
    ['an API error 400', false, apiError(400), undefined],
    ['an OAuth error with a 500 response', true, new OAuthError('server_error', 'x', response(500)), undefined],
    ['a bare 502 from the transport', true, { status: 502 }, undefined],
    ['a bare 400 from the transport', false, { status: 400 }, undefined],
    ['a status that is not a number', true, { status: '400' }, undefined],
  ])('takes %s as worth retrying: %s', (_, transient, error, transport) => {
    expect(isTransientFailure(error, transport)).toBe(transient);
  });
});
