/** The org's authenticators, in the order documents list them. */
import { googleOtp } from './google-otp';
import { oktaEmail } from './okta-email';
import { oktaPassword } from './okta-password';
import { oktaVerify } from './okta-verify';
import { phoneNumber } from './phone-number';
import { securityQuestion } from './security-question';
import { webauthn } from './webauthn';
import type { AuthenticatorDocs, AuthenticatorKey, AuthenticatorModule } from './types';

/** Everything but the password, which the identify and challenge handlers verify themselves. */
export const FACTOR_MODULES: readonly AuthenticatorModule[] = [oktaEmail, phoneNumber, googleOtp, oktaVerify, securityQuestion, webauthn];

const ALL: readonly AuthenticatorDocs[] = [oktaPassword, ...FACTOR_MODULES];

export function factorModule(key: AuthenticatorKey): AuthenticatorModule | undefined {
  return FACTOR_MODULES.find((m) => m.key === key);
}

/** The authenticator a select or data form names by `authenticator.id` (none for no id: every module has one). */
export function byAuthenticatorId(id: string | undefined): AuthenticatorDocs | undefined {
  return ALL.find((m) => m.authenticatorId === id);
}

/** Canonical order: password first, then the others as the org lists them. */
export const ALL_AUTHENTICATORS = ALL;
