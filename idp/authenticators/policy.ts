/**
 * The org's sign-in policy for one user: which authenticators can be the second factor, which
 * must be enrolled, which may be (with "skip"). Decides what comes after each verified or
 * enrolled factor, the way an Okta org's authentication and enrollment policies do:
 * password, then a second factor if one is required, then required enrollments, then optional
 * ones until they are done or skipped.
 */
import { z } from 'zod';
import type { Transaction } from '../idx/transactions';
import type { UserRecord } from '../org/users';
import { oktaPassword } from './okta-password';
import { FACTOR_MODULES } from './registry';
import { AUTHENTICATOR_KEYS, type AuthenticatorDocs, type AuthenticatorKey, type AuthenticatorModule } from './types';

export interface UserPolicy {
  /**
   * `any` (default): a second factor is required when the user has any authenticator besides the
   * password, and any of them will do. `none`: the password is enough. A list: one of these is
   * required; a user with none of them enrolled must enroll one.
   */
  secondFactor: 'any' | 'none' | AuthenticatorKey[];
  /** Enrolled during sign-in when missing: `required` ones first, then `optional` ones (skippable). */
  enroll: { required: AuthenticatorKey[]; optional: AuthenticatorKey[] };
}

export const DEFAULT_POLICY: UserPolicy = { secondFactor: 'any', enroll: { required: [], optional: [] } };

const keySchema = z.enum(AUTHENTICATOR_KEYS.filter((k) => k !== 'okta_password') as [AuthenticatorKey, ...AuthenticatorKey[]]);
const enrollableKeys = () => FACTOR_MODULES.filter((m) => m.enrollable).map((m) => m.key);
const enrollableKey = keySchema.refine((k) => enrollableKeys().includes(k), {
  message: 'cannot be enrolled during sign-in in this org',
});

export const policySchema = z
  .object({
    secondFactor: z.union([z.literal('any'), z.literal('none'), z.array(keySchema).min(1)]).optional(),
    enroll: z.object({ required: z.array(enrollableKey).optional(), optional: z.array(enrollableKey).optional() }).strict().optional(),
  })
  .strict();

export type PolicyInput = z.infer<typeof policySchema>;

export function resolvePolicy(input: PolicyInput | undefined): UserPolicy {
  return {
    secondFactor: input?.secondFactor ?? DEFAULT_POLICY.secondFactor,
    enroll: { required: input?.enroll?.required ?? [], optional: input?.enroll?.optional ?? [] },
  };
}

export type NextStep =
  | { step: 'challenge-password' }
  /** select-authenticator-authenticate; the password is among the choices until it is verified. */
  | { step: 'select-authenticator' }
  | { step: 'select-enroll' }
  /** A second factor is required and none can be verified or enrolled here. */
  | { step: 'denied' }
  | { step: 'success' };

const enrolled = (user: UserRecord, key: AuthenticatorKey) => user.enrollments.has(key);

function allowedSecondFactors(user: UserRecord): AuthenticatorKey[] {
  const { secondFactor } = user.policy;
  if (secondFactor === 'none') return [];
  if (secondFactor === 'any') return FACTOR_MODULES.map((m) => m.key);
  return secondFactor;
}

function secondFactorRequired(user: UserRecord): boolean {
  const { secondFactor } = user.policy;
  if (secondFactor === 'none') return false;
  if (secondFactor === 'any') return FACTOR_MODULES.some((m) => enrolled(user, m.key));
  return true;
}

function secondFactorDone(user: UserRecord, tx: Transaction): boolean {
  const allowed = allowedSecondFactors(user);
  return tx.verified.some((k) => allowed.includes(k));
}

/** Enrolled second factors the user can verify now (WebAuthn included, so the app can say it cannot). */
function secondFactorChoices(user: UserRecord, tx: Transaction): AuthenticatorModule[] {
  const allowed = allowedSecondFactors(user);
  return FACTOR_MODULES.filter((m) => allowed.includes(m.key) && enrolled(user, m.key) && !tx.verified.includes(m.key));
}

/** The options of select-authenticator-authenticate (and of "verify with something else"). */
export function verifyChoices(user: UserRecord, tx: Transaction): AuthenticatorDocs[] {
  const second = secondFactorRequired(user) && !secondFactorDone(user, tx) ? secondFactorChoices(user, tx) : [];
  return tx.verified.includes('okta_password') ? second : [oktaPassword, ...second];
}

/** The options of select-authenticator-enroll, and whether the enrollment is optional (skip). */
export function enrollChoices(user: UserRecord, tx: Transaction): { choices: AuthenticatorModule[]; canSkip: boolean } {
  const missing = (keys: AuthenticatorKey[]) => FACTOR_MODULES.filter((m) => m.enrollable && keys.includes(m.key) && !enrolled(user, m.key));
  if (secondFactorRequired(user) && !secondFactorDone(user, tx) && secondFactorChoices(user, tx).length === 0) {
    return { choices: missing(allowedSecondFactors(user)), canSkip: false };
  }
  const required = missing(user.policy.enroll.required);
  if (required.length > 0) return { choices: required, canSkip: false };
  return { choices: tx.enrollmentSkipped ? [] : missing(user.policy.enroll.optional), canSkip: true };
}

export function nextStep(user: UserRecord, tx: Transaction): NextStep {
  const needSecond = secondFactorRequired(user) && !secondFactorDone(user, tx);
  if (!tx.verified.includes('okta_password')) {
    // Identifier-first: with a second factor to verify, the person may start with either.
    return needSecond && secondFactorChoices(user, tx).length > 0 ? { step: 'select-authenticator' } : { step: 'challenge-password' };
  }
  if (needSecond && secondFactorChoices(user, tx).length > 0) return { step: 'select-authenticator' };
  const { choices } = enrollChoices(user, tx);
  if (choices.length > 0) return { step: 'select-enroll' };
  return needSecond ? { step: 'denied' } : { step: 'success' };
}

/**
 * The authenticators a person may prove themselves with to reset a forgotten password: the org's
 * recovery authenticators the user has, the primary email counting as enrolled (Okta enrolls it
 * for every user with one, whether or not sign-in asks for it).
 */
export function recoveryChoices(user: UserRecord, keys: ReadonlyArray<AuthenticatorKey>): AuthenticatorModule[] {
  const has = (key: AuthenticatorKey) => enrolled(user, key) || (key === 'okta_email' && typeof user.profile.email === 'string' && user.profile.email !== '');
  return keys.flatMap((key) => FACTOR_MODULES.filter((m) => m.key === key && has(key)));
}
