import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from './logger';
import { createRedactor, REDACTED, redact } from './redact';

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

  it('keeps only the name and code of errors, never their message or response', () => {
    const error = Object.assign(new Error(`failed with ${jwt} and opaque-refresh-value-123`), { xhr: { responseText: 'secret body' } });
    expect(redact({ error })).toEqual({ error: { name: 'Error' } });
    const oauth = Object.assign(new Error('The refresh token opaque-refresh-value-123 is invalid'), { name: 'OAuthError', errorCode: 'invalid_grant' });
    expect(redact({ error: oauth, list: [new TypeError('x')] })).toEqual({ error: { name: 'OAuthError', code: 'invalid_grant' }, list: [{ name: 'TypeError' }] });
    expect(redact({ error: Object.assign(new Error('open /home/a/x'), { code: 'ENOENT' }) })).toEqual({ error: { name: 'Error', code: 'ENOENT' } });
    // A "code" that is a sentence is not a code.
    expect(redact({ error: Object.assign(new Error('x'), { code: 'token abc was refused' }) })).toEqual({ error: { name: 'Error' } });
  });

  it('keeps a numeric code as text, ignores an errorCode that is not a string, and adds no code an error lacks', () => {
    expect(redact(Object.assign(new Error('x'), { code: 404 }))).toEqual({ name: 'Error', code: '404' });
    expect(redact(Object.assign(new Error('x'), { errorCode: 42 }))).toEqual({ name: 'Error' });
    expect(redact(new TypeError('x'))).toStrictEqual({ name: 'TypeError' });
  });

  it('cuts values nested deeper than six levels, in objects and arrays alike', () => {
    const inObjects = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { a: inObjects(levels - 1, leaf) });
    const inArrays = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : [inArrays(levels - 1, leaf)]);
    expect(redact(inObjects(6, 'leaf'))).toEqual(inObjects(6, 'leaf'));
    expect(redact(inObjects(7, 'leaf'))).toEqual(inObjects(6, '[too deep]'));
    expect(redact(inArrays(6, 'leaf'))).toEqual(inArrays(6, 'leaf'));
    expect(redact(inArrays(7, 'leaf'))).toEqual(inArrays(6, '[too deep]'));
  });

  it('masks the IDX and OAuth names of secrets however they are spelled', () => {
    const keys = ['state_handle', 'stateHandle', 'x-okta-state-handle', 'X-Okta-State-Handle', 'nonce', 'pwd', 'interaction_code', 'interactionHandle',
      'code_verifier', 'codeVerifier', 'code_challenge', 'client_secret', 'id_token_hint', 'refresh_token', 'sessionToken', 'sid', 'set-cookie', 'responseText', 'responseJSON', 'body', 'otp', 'answer', 'securityAnswer'];
    const masked = redact(Object.fromEntries(keys.map((key) => [key, 'sekrit-value-1']))) as Record<string, unknown>;
    expect(Object.entries(masked).filter(([, value]) => value !== REDACTED)).toEqual([]);
    // What the app logs on purpose stays readable.
    const kept = { failure: 'network', rejectedByIdp: true, reason: 'nonce', step: 'identify', status: 'SUCCESS', storage: 'encrypted', key: 'session', statusCode: 500, left: 1 };
    expect(redact(kept)).toEqual(kept);
  });

  it('masks secret parameters inside strings: URLs, form bodies, JSON bodies, header dumps', () => {
    expect(redact('GET https://org/v1/callback?state=abc&interaction_code=ic-123456&x=1')).toBe(`GET https://org/v1/callback?state=abc&interaction_code=${REDACTED}&x=1`);
    expect(redact('grant_type=interaction_code&interaction_code=ic-1&code_verifier=cv-2&client_id=app')).toBe(
      `grant_type=interaction_code&interaction_code=${REDACTED}&code_verifier=${REDACTED}&client_id=app`,
    );
    expect(redact('grant_type=refresh_token&refresh_token=opaque-rt-9')).toBe(`grant_type=refresh_token&refresh_token=${REDACTED}`);
    expect(redact('{"access_token": "opaque-at", "token_type":"Bearer","expires_in":3600,"stateHandle":"02.x\\"y"}')).toBe(
      `{"access_token": "${REDACTED}", "token_type":"${REDACTED}","expires_in":3600,"stateHandle":"${REDACTED}"}`,
    );
    expect(redact('{"value":[{"name":"stateHandle","required":true,"value":"02.id\\"x","visible":false},{"name":"identifier","value":"alice"}]}')).toBe(
      `{"value":[{"name":"stateHandle","required":true,"value":"${REDACTED}","visible":false},{"name":"identifier","value":"alice"}]}`,
    );
    expect(redact('x-okta-state-handle: 02abc\nAuthorization: Bearer opaque-at\nAccept: */*')).toBe(
      `x-okta-state-handle: ${REDACTED}\nAuthorization: ${REDACTED} ${REDACTED}\nAccept: */*`,
    );
  });

  it('drops binary values', () => {
    const bytes = Buffer.from('Password123!');
    expect(redact({ body: bytes, payload: bytes, view: new Uint8Array(3), buffer: new ArrayBuffer(4), nested: [new DataView(new ArrayBuffer(2))] })).toEqual({
      body: REDACTED,
      payload: '[binary, 12 bytes]',
      view: '[binary, 3 bytes]',
      buffer: '[binary, 4 bytes]',
      nested: ['[binary, 2 bytes]'],
    });
  });

  it('masks registered secrets anywhere, in their encoded forms too, until released', () => {
    const redactor = createRedactor();
    const secret = 'opaque&refresh value/1';
    const release = redactor.registerSecret(secret);
    const line = (s: string) => redactor.redact({ message: `refused ${s} here` }) as { message: string };
    expect(line(secret).message).toBe(`refused ${REDACTED} here`);
    expect(line(encodeURIComponent(secret)).message).toBe(`refused ${REDACTED} here`);
    expect(line('opaque%26refresh+value%2F1').message).toBe(`refused ${REDACTED} here`);
    // A second registration of the same value keeps it masked when the first is released.
    const again = redactor.registerSecret(secret);
    release();
    expect(line(secret).message).toBe(`refused ${REDACTED} here`);
    again();
    again();
    expect(line(secret).message).toBe(`refused ${secret} here`);
    // Too short to mask without mangling every line; four characters (Okta's shortest security
    // answer) are masked.
    redactor.registerSecret('abc');
    expect(redactor.redact('abc')).toBe('abc');
    redactor.registerSecret('blue');
    expect(redactor.redact('answer was blue.')).toBe(`answer was ${REDACTED}.`);
    // A secret inside a longer one: the longer is masked whole.
    redactor.registerSecret('inner-secret');
    redactor.registerSecret('outer-inner-secret-x');
    expect(redactor.redact('a outer-inner-secret-x b inner-secret')).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('masks a registered token of URL-safe characters as is, and a secret with quotes in its JSON-escaped form', () => {
    const redactor = createRedactor();
    redactor.registerSecret('opaque.token_with-safe.chars123');
    redactor.registerSecret('say "hi"\\now');
    expect(redactor.redact('x opaque.token_with-safe.chars123 y')).toBe(`x ${REDACTED} y`);
    expect(redactor.redact(`{"note":${JSON.stringify('a say "hi"\\now b')}}`)).toBe(`{"note":"a ${REDACTED} b"}`);
  });

  it('keeps at most 256 registered forms, forgetting the oldest first', () => {
    const redactor = createRedactor();
    const secrets = Array.from({ length: 257 }, (_, i) => `opaque-secret-${String(i).padStart(3, '0')}`);
    for (const secret of secrets) redactor.registerSecret(secret);
    expect(redactor.redact(`${secrets[0]} ${secrets[1]} ${secrets[256]}`)).toBe(`${secrets[0]} ${REDACTED} ${REDACTED}`);
  });

  it('registered secrets are per logger', () => {
    const a = createCapturingLogger();
    const b = createCapturingLogger();
    a.registerSecret('only-a-knows-this');
    a.info('e', { note: 'only-a-knows-this' });
    b.info('e', { note: 'only-a-knows-this' });
    expect([a.entries[0]!.fields, b.entries[0]!.fields]).toEqual([{ note: REDACTED }, { note: 'only-a-knows-this' }]);
  });

  it('is applied by loggers', () => {
    const log = createCapturingLogger();
    log.info('signed-in', { idToken: jwt, status: 'SUCCESS' });
    expect(log.entries).toEqual([{ level: 'info', event: 'signed-in', fields: { idToken: REDACTED, status: 'SUCCESS' } }]);
  });
});
