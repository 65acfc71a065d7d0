/**
 * Password (`okta_password`): its documents. The password is checked by the identify and
 * challenge handlers (idx/handlers.ts), which share the decoy hash, lockout count and status
 * checks with the one-page identify form; that flow stays there.
 */
import { PASSWORD_COMPLEXITY } from '../org/password-policy';
import { authenticatorValue, enrollmentValue } from './documents';
import type { AuthenticatorDocs } from './types';

const METHODS = ['password'] as const;

export const oktaPassword: AuthenticatorDocs & {
  /**
   * `currentAuthenticator`; with the complexity settings when a new password is asked for (and
   * `daysToExpiry` on an expiry warning), and the `recover` action ("Forgot password?") when given.
   */
  current(withSettings: boolean, extra?: { daysToExpiry?: number; recover?: Record<string, unknown> }): Record<string, unknown>;
} = {
  key: 'okta_password',
  authenticatorId: 'autEmulatorPassword1',
  displayName: 'Password',
  type: 'password',
  embeddable: true,
  enrollable: false,

  authenticator() {
    return authenticatorValue(this, METHODS);
  },
  current(withSettings, extra = {}) {
    const age = { minAgeMinutes: 0, historyCount: 1 };
    return {
      ...(extra.recover ? { recover: extra.recover } : {}),
      ...this.authenticator(undefined),
      ...(withSettings ? { settings: { complexity: PASSWORD_COMPLEXITY, age, ...(extra.daysToExpiry !== undefined ? { daysToExpiry: extra.daysToExpiry } : {}) } } : {}),
    };
  },
  enrollment(_user, enrollment) {
    return enrollmentValue(this, enrollment, METHODS);
  },
  optionFields() {
    return [{ name: 'methodType', required: false, value: 'password', mutable: false }];
  },
};
