/** The new-password rules (expired or expiring password): each bound, and the username rule's edge. */
import { describe, expect, it } from 'vitest';
import { checkNewPassword, PASSWORD_COMPLEXITY } from '../org/password-policy';

describe('checkNewPassword', () => {
  it(`accepts exactly ${PASSWORD_COMPLEXITY.minLength} characters and refuses one fewer`, () => {
    expect(checkNewPassword('Abcdefg1', 'alice@example.com', false)).toBeUndefined();
    expect(checkNewPassword('Abcdef1', 'alice@example.com', false)).toBe('too-weak');
  });

  it.each([
    ['no lowercase letter', 'ABCDEFG1'],
    ['no uppercase letter', 'abcdefg1'],
    ['no number', 'Abcdefgh'],
    ['the username\'s local part, in any case', 'xALICEx1Z'],
  ])('refuses a password with %s', (_why, candidate) => {
    expect(checkNewPassword(candidate, 'alice@example.com', false)).toBe('too-weak');
  });

  it('matches the local part of a login written in capitals', () => {
    expect(checkNewPassword('xaliceX1', 'ALICE@example.com', false)).toBe('too-weak');
  });

  it('does not treat an empty local part as contained in every password', () => {
    expect(checkNewPassword('Abcdefg1', '@example.com', false)).toBeUndefined();
  });

  it('refuses the current password only once it is strong enough', () => {
    expect(checkNewPassword('Abcdefg1', 'alice@example.com', true)).toBe('same-as-current');
    expect(checkNewPassword('weak', 'alice@example.com', true)).toBe('too-weak');
  });
});
