import type { IdxMessage } from '@okta/okta-auth-js';
import { describe, expect, it } from 'vitest';
import { terminalReason, toUiMessages } from './messages';

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
    expect(terminalReason([msg('x', 'other'), msg('Locked', 'oie.selfservice.unlock_user.challenge.locked'), msg('d', 'security.access_denied')])).toBe('locked-out');
    expect(terminalReason([msg('Denied', 'security.access_denied')])).toBe('access-denied');
    expect(terminalReason([msg('Expired', 'idx.session.expired')])).toBe('session-expired');
  });

  it('is undefined when no key says why', () => {
    expect(terminalReason([msg('x', 'other'), msg('no key')])).toBeUndefined();
    expect(terminalReason(undefined)).toBeUndefined();
    expect(terminalReason([null as unknown as IdxMessage])).toBeUndefined();
  });
});
