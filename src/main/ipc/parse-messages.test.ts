/**
 * The exact messages parseRequest gives back: where the problem is (a bounded path), what it is,
 * nothing that could spoof the UI or a log line, never longer than 160 characters; and the
 * edges of what it accepts (null-prototype objects, exactly the maximum number of fields).
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS, INPUT_LIMITS } from '../../shared/contract';
import { parseRequest } from './schemas';

function messageFor(channel: string, payload: unknown): string {
  const result = parseRequest(channel, payload);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.code).toBe('invalid-request');
  return result.error.message;
}

const signIn = (extra: Record<string, unknown>) => ({ username: 'alice@example.com', password: 'pw', ...extra });
const step = 'reenroll-authenticator';

describe('parseRequest messages', () => {
  it('a problem at the top level has no path prefix', () => {
    expect(messageFor(CHANNELS.signIn, signIn({ admin: 1 }))).toBe('Unrecognized key: "admin"');
  });

  it('a problem in a field is prefixed with its path, bounded to 80 characters', () => {
    const name = 'f'.repeat(100);
    expect(messageFor(CHANNELS.proceed, { step, values: { [name]: 'v' } })).toBe(`${`values.${name}`.slice(0, 80)}: Invalid key in record`);
  });

  it('replaces invisible characters zod would echo from a key name', () => {
    expect(messageFor(CHANNELS.signIn, signIn({ '\u202eadmin': 1 }))).toBe('Unrecognized key: "?admin"');
  });

  it('keeps a 160-character message whole and cuts a longer one to 160 with an ellipsis', () => {
    // 'Unrecognized key: ""' is 20 characters.
    expect(messageFor(CHANNELS.signIn, signIn({ ['k'.repeat(140)]: 1 }))).toBe(`Unrecognized key: "${'k'.repeat(140)}"`);
    const cut = messageFor(CHANNELS.signIn, signIn({ ['k'.repeat(141)]: 1 }));
    expect(cut).toHaveLength(160);
    expect(cut).toBe(`Unrecognized key: "${'k'.repeat(140)}…`);
  });
});

describe('parseRequest edges', () => {
  it('accepts objects with no prototype, as structured clone may deliver them', () => {
    const values = Object.assign(Object.create(null) as Record<string, unknown>, { newPassword: 'x' });
    expect(parseRequest(CHANNELS.proceed, { step, values })).toMatchObject({ ok: true, request: { step, values: { newPassword: 'x' } } });
    const credentials = Object.assign(Object.create(null) as Record<string, unknown>, { username: 'alice@example.com', password: 'pw' });
    expect(parseRequest(CHANNELS.signIn, credentials)).toMatchObject({ ok: true, request: { username: 'alice@example.com' } });
  });

  it('accepts exactly the maximum number of fields in a step', () => {
    const values = Object.fromEntries(Array.from({ length: INPUT_LIMITS.fieldsPerStep }, (_, i) => [`f${i}`, 'v']));
    expect(parseRequest(CHANNELS.proceed, { step, values }).ok).toBe(true);
    expect(messageFor(CHANNELS.proceed, { step, values: { ...values, one: 'more' } })).toBe('values: Too many fields.');
  });
});
