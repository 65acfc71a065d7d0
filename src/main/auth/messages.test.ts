import type { IdxAuthenticator, IdxMessage } from '@okta/okta-auth-js';
import { describe, expect, it } from 'vitest';
import { isLockedOut, terminalReason, toUiMessages } from './messages';

const msg = (message: string, key?: string, cls = 'ERROR'): IdxMessage => ({ message, class: cls, ...(key ? { i18n: { key } } : {}) }) as IdxMessage;
const FIELDS = { username: 'user-input', password: 'pass-input' };

describe('toUiMessages', () => {
  it('maps classes to levels, trims, drops empty and repeated texts, and bounds the length', () => {
    expect(
      toUiMessages([msg(' a ', undefined, 'ERROR'), msg('b', undefined, 'warning'), msg('c', undefined, 'INFO'), msg('d', undefined, 'other'), msg('a'), msg('  '), msg('x'.repeat(600))]),
    ).toEqual([
      { level: 'error', text: 'a' },
      { level: 'warning', text: 'b' },
      { level: 'info', text: 'c' },
      { level: 'info', text: 'd' },
      { level: 'error', text: 'x'.repeat(500) },
    ]);
    expect(toUiMessages(undefined)).toEqual([]);
    expect(toUiMessages([{ message: 42 } as unknown as IdxMessage])).toEqual([]);
  });

  it('ties a refusal to the field it concerns, as an error whatever its class', () => {
    expect(
      toUiMessages(
        [
          msg('No such user', 'idx.unknown.user', 'WARNING'),
          msg('Not assigned', 'idx.error.user.not.assigned.to.app', 'INFO'),
          msg('Authentication failed', 'errors.E0000004'),
          msg('Password is incorrect', 'incorrectPassword', 'WARNING'),
          msg('Other', 'something.else', 'WARNING'),
        ],
        FIELDS,
      ),
    ).toEqual([
      { level: 'error', text: 'No such user', field: 'user-input' },
      { level: 'error', text: 'Not assigned', field: 'user-input' },
      { level: 'error', text: 'Authentication failed', field: 'pass-input' },
      { level: 'error', text: 'Password is incorrect', field: 'pass-input' },
      { level: 'warning', text: 'Other' },
    ]);
  });

  it('leaves a refusal untied when the step has no such field', () => {
    expect(toUiMessages([msg('No such user', 'idx.unknown.user', 'WARNING'), msg('Authentication failed', 'errors.E0000004')], {})).toEqual([
      { level: 'warning', text: 'No such user' },
      { level: 'error', text: 'Authentication failed' },
    ]);
  });
});

describe('terminalReason', () => {
  it('reads the reason from the first message whose key says one', () => {
    expect(terminalReason([msg('x', 'other'), msg('Denied', 'security.access_denied'), msg('Expired', 'idx.session.expired')])).toBe('access-denied');
    expect(terminalReason([msg('Denied', 'security.access_denied')])).toBe('access-denied');
    expect(terminalReason([msg('Expired', 'idx.session.expired')])).toBe('session-expired');
  });

  it('is undefined when no key says why (a key of no reference capture among them)', () => {
    expect(terminalReason([msg('x', 'other'), msg('no key')])).toBeUndefined();
    expect(terminalReason([msg('Locked', 'oie.selfservice.unlock_user.challenge.locked')])).toBeUndefined();
    expect(terminalReason(undefined)).toBeUndefined();
    expect(terminalReason([null as unknown as IdxMessage])).toBeUndefined();
  });
});

describe('isLockedOut', () => {
  const suspended = msg('This factor is suspended for your account due to too many failed attempts', 'authfactor.challenge.suspended_factor');
  const passwordStep = { name: 'challenge-authenticator', authenticator: { key: 'okta_password' } as IdxAuthenticator };

  it('is the password suspended on the step that asked for it: the password step, or the one-page identify', () => {
    expect(isLockedOut([msg('x', 'other'), suspended], passwordStep)).toBe(true);
    expect(isLockedOut([suspended], { name: 'identify' })).toBe(true);
    expect(isLockedOut([suspended], { name: 'challenge-authenticator', relatesTo: { value: { key: 'okta_password' } as IdxAuthenticator } })).toBe(true);
  });

  it('is not another authenticator suspended, another refusal of the password, or nothing at all', () => {
    expect(isLockedOut([suspended], { name: 'challenge-authenticator', authenticator: { key: 'okta_email' } as IdxAuthenticator })).toBe(false);
    expect(isLockedOut([suspended], { name: 'challenge-authenticator' })).toBe(false);
    expect(isLockedOut([suspended], { name: 'challenge-authenticator', authenticator: { key: 'okta_email' } as IdxAuthenticator, relatesTo: { value: { key: 'okta_password' } as IdxAuthenticator } })).toBe(false);
    expect(isLockedOut([suspended], undefined)).toBe(false);
    expect(isLockedOut([msg('Password is incorrect', 'incorrectPassword'), msg('no key')], passwordStep)).toBe(false);
    expect(isLockedOut(undefined, passwordStep)).toBe(false);
    expect(isLockedOut([null as unknown as IdxMessage], { name: 'identify' })).toBe(false);
  });
});
