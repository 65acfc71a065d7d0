import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from './logger';
import { REDACTED, redact } from './redact';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJl';

describe('redact', () => {
  it('masks secret-named keys at any depth', () => {
    expect(
      redact({
        user: 'alice@example.com',
        password: 'Password123!',
        nested: { accessToken: 'abc', refresh_token: 'def', passcode: '1', code: 'x', interaction_code: 'y' },
        headers: { Authorization: 'Bearer abc' },
      }),
    ).toEqual({
      user: 'alice@example.com',
      password: REDACTED,
      nested: { accessToken: REDACTED, refresh_token: REDACTED, passcode: REDACTED, code: REDACTED, interaction_code: REDACTED },
      headers: { Authorization: REDACTED },
    });
  });

  it('keeps the diagnostic fields the app logs on failures (failure code, rejectedByIdp)', () => {
    expect(redact({ failure: 'network', rejectedByIdp: true, step: 'identify' })).toEqual({ failure: 'network', rejectedByIdp: true, step: 'identify' });
  });

  it('replaces JWT-looking and bearer values inside innocent keys', () => {
    expect(redact({ message: `bad ${jwt} here`, list: [jwt], auth: 'Bearer sekrit.value' })).toEqual({
      message: `bad ${REDACTED} here`,
      list: [REDACTED],
      auth: `Bearer ${REDACTED}`,
    });
  });

  it('keeps only name and message of errors', () => {
    const error = Object.assign(new Error(`failed with ${jwt}`), { xhr: { responseText: 'secret body' } });
    expect(redact({ error })).toEqual({ error: { name: 'Error', message: `failed with ${REDACTED}` } });
  });

  it('is applied by loggers', () => {
    const log = createCapturingLogger();
    log.info('signed-in', { idToken: jwt, status: 'SUCCESS' });
    expect(log.entries).toEqual([{ level: 'info', event: 'signed-in', fields: { idToken: REDACTED, status: 'SUCCESS' } }]);
  });
});
