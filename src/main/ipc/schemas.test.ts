import { describe, expect, it } from 'vitest';
import { CHANNELS, INPUT_LIMITS } from '../../shared/contract';
import { parseRequest } from './schemas';

function rejects(channel: string, payload: unknown): string {
  const result = parseRequest(channel, payload);
  if (result.ok) throw new Error(`expected ${channel} to reject ${JSON.stringify(payload)}`);
  expect(result.error.code).toBe('invalid-request');
  return result.error.message;
}

describe('parseRequest', () => {
  it('accepts well-formed payloads for every channel', () => {
    expect(parseRequest(CHANNELS.signIn, { username: 'alice@example.com', password: 'pw' })).toEqual({
      ok: true,
      method: 'signIn',
      request: { username: 'alice@example.com', password: 'pw' },
    });
    expect(parseRequest(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'x', revokeSessions: true } }).ok).toBe(true);
    for (const channel of [CHANNELS.getState, CHANNELS.skip, CHANNELS.cancel, CHANNELS.signOut, CHANNELS.refreshProfile, CHANNELS.getTasks, CHANNELS.abortCall]) {
      expect(parseRequest(channel, undefined).ok).toBe(true);
    }
  });

  it('rejects unknown channels', () => {
    expect(rejects('auth:steal-tokens', undefined)).toBe('Unknown action.');
    rejects('getState', undefined);
  });

  it('rejects payloads on void methods', () => {
    rejects(CHANNELS.getState, {});
    rejects(CHANNELS.signOut, 'x');
    rejects(CHANNELS.cancel, null);
    rejects(CHANNELS.abortCall, {});
  });

  it('rejects unknown keys, wrong types and over-long values without echoing them', () => {
    const message = rejects(CHANNELS.signIn, { username: 'a', password: 'Secret-Value-1', admin: true });
    expect(message).not.toContain('Secret-Value-1');
    rejects(CHANNELS.signIn, { username: 'a' });
    rejects(CHANNELS.signIn, { username: 'a', password: 5 });
    rejects(CHANNELS.signIn, { username: 'a'.repeat(INPUT_LIMITS.username + 1), password: 'p' });
    rejects(CHANNELS.signIn, { username: 'a', password: 'p'.repeat(INPUT_LIMITS.password + 1) });
    rejects(CHANNELS.signIn, { username: 'a', password: '' });
    expect(parseRequest(CHANNELS.signIn, { username: 'a'.repeat(INPUT_LIMITS.username), password: 'p'.repeat(INPUT_LIMITS.password) }).ok).toBe(true);
  });

  it('rejects control characters and blank usernames', () => {
    expect(rejects(CHANNELS.signIn, { username: 'alice\u0000', password: 'p' })).toMatch(/not allowed/);
    rejects(CHANNELS.signIn, { username: 'ali\nce', password: 'p' });
    rejects(CHANNELS.signIn, { username: '\u0085x', password: 'p' });
    rejects(CHANNELS.signIn, { username: '   ', password: 'p' });
  });

  it('refuses invisible and bidi characters in usernames as a username field error, and keeps visible ones', () => {
    for (const invisible of ['\u061c', '\u2028', '\u2029', '\u00ad', '\u200b', '\u202e', '\u2066', '\u180e', '\u{e0041}', '\u3164', '\uffa0']) {
      expect(rejects(CHANNELS.signIn, { username: `ali${invisible}ce@example.com`, password: 'p' })).toBe(
        'username: The username contains characters that are not allowed.',
      );
    }
    // Letters of any script, and compatibility forms NFKC folds to visible ones, are still usernames.
    for (const visible of ['jörg@example.com', 'łukasz', 'ｆｕｌｌwidth@example.com', 'مريم@example.com', 'ﬁnn@example.com']) {
      expect(parseRequest(CHANNELS.signIn, { username: visible, password: 'p' })).toMatchObject({ ok: true, request: { username: visible } });
    }
  });

  it('bounds proceed requests', () => {
    rejects(CHANNELS.proceed, { step: 'identify' });
    rejects(CHANNELS.proceed, { step: 'identify', values: {}, extra: 1 });
    rejects(CHANNELS.proceed, { step: 'x'.repeat(INPUT_LIMITS.stepName + 1), values: {} });
    rejects(CHANNELS.proceed, { step: 'Identify Me', values: {} });
    rejects(CHANNELS.proceed, { step: 'identify', values: { password: 'p'.repeat(INPUT_LIMITS.fieldValue + 1) } });
    rejects(CHANNELS.proceed, { step: 'identify', values: { nested: { a: 1 } } });
    rejects(CHANNELS.proceed, { step: 'identify', values: { ['k'.repeat(INPUT_LIMITS.fieldName + 1)]: 'v' } });
    const tooMany = Object.fromEntries(Array.from({ length: INPUT_LIMITS.fieldsPerStep + 1 }, (_, i) => [`f${i}`, 'v']));
    rejects(CHANNELS.proceed, { step: 'identify', values: tooMany });
  });
});
