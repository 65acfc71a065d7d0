/**
 * The emulator's password complexity policy for a changed password (expired or expiring password).
 * Mirrors the `settings.complexity` the emulator advertises in `currentAuthenticator`.
 */

export const PASSWORD_COMPLEXITY = {
  minLength: 8,
  minLowerCase: 1,
  minUpperCase: 1,
  minNumber: 1,
  minSymbol: 0,
  excludeUsername: true,
  // The field names Okta's captured documents use (not the older `excludeAttributes`).
  excludeFirstName: false,
  excludeLastName: false,
} as const;

export const PASSWORD_REQUIREMENTS_TEXT =
  'Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username, not your current password.';

export type PasswordProblem = 'too-weak' | 'same-as-current';

/** Returns what is wrong with `candidate` as a new password, or undefined when it is acceptable. */
export function checkNewPassword(
  candidate: string,
  login: string,
  isCurrentPassword: boolean,
): PasswordProblem | undefined {
  const localPart = (login.split('@')[0] ?? '').toLowerCase();
  const weak =
    candidate.length < PASSWORD_COMPLEXITY.minLength ||
    !/[a-z]/.test(candidate) ||
    !/[A-Z]/.test(candidate) ||
    !/[0-9]/.test(candidate) ||
    (localPart.length > 0 && candidate.toLowerCase().includes(localPart));
  if (weak) return 'too-weak';
  if (isCurrentPassword) return 'same-as-current';
  return undefined;
}
