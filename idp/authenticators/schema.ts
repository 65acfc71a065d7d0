/**
 * The users file's `authenticators` object (each enrolled authenticator with its data) and how a
 * user's `factors` and `authenticators` become enrollments. Both fields are optional and
 * additive: a file written for the older format (`factors` only) loads as before.
 */
import { z } from 'zod';
import type { IdpUser } from '../types';
import { enrollmentIdFor } from './documents';
import { normalizePhone } from './phone-number';
import { MIN_ANSWER_LENGTH, SECURITY_QUESTIONS } from './security-question';
import { AUTHENTICATOR_KEYS, type AuthenticatorKey, type Enrollment, type EnrollmentData } from './types';

const email = z.string().trim().min(3).max(256).regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address');
const phone = z.string().max(40).refine((v) => normalizePhone(v) !== undefined, 'must be a phone number in E.164 form, e.g. +15550100001');
/** RFC 4648 base32, at least 80 bits (Okta's are 160). */
const base32Secret = z
  .string()
  .regex(/^[A-Z2-7]+=*$/i, 'must be a base32 TOTP secret')
  .refine((v) => v.replace(/=+$/, '').length >= 16, 'must hold at least 80 bits (16 base32 characters)');
const answerSchema = z.string().trim().min(MIN_ANSWER_LENGTH).max(512);
const methods = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .array(z.enum(values))
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a method');

export const authenticatorsSchema = z
  .object({
    okta_email: z.object({ email: email.optional() }).strict(),
    /** `methods` default: both. */
    phone_number: z.object({ phoneNumber: phone, methods: methods(['sms', 'voice']).optional() }).strict(),
    google_otp: z.object({ secret: base32Secret }).strict(),
    /** `methods` default: push and TOTP; `numberChallenge`: pushes show a number to tap (default false). */
    okta_verify: z.object({ secret: base32Secret, methods: methods(['push', 'totp']).optional(), numberChallenge: z.boolean().optional() }).strict(),
    /** A predefined `questionKey` (see security-question.ts), or `custom` with the `question`. */
    security_question: z.union([
      z.object({ questionKey: z.enum(Object.keys(SECURITY_QUESTIONS) as [string, ...string[]]), answer: answerSchema }).strict(),
      z.object({ questionKey: z.literal('custom'), question: z.string().trim().min(1).max(512), answer: answerSchema }).strict(),
    ]),
    /**
     * `name` as the user named the key. Without a credential it is listed, never completable; with
     * one (its id, base64url, and ES256 public key as a JWK) the hosted page's assertion verifies.
     */
    webauthn: z
      .object({
        name: z.string().trim().min(1).max(100).optional(),
        credentialId: z.string().regex(/^[A-Za-z0-9_-]{16,1024}$/, 'must be a base64url credential id').optional(),
        publicKey: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/), y: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).strict().optional(),
      })
      .strict()
      .refine((key) => (key.credentialId === undefined) === (key.publicKey === undefined), 'needs both credentialId and publicKey, or neither'),
  })
  .partial()
  .strict();

export type AuthenticatorsInput = z.infer<typeof authenticatorsSchema>;

/** Enrollment data from a (validated) `authenticators` entry, or from nothing for a bare `factors` entry. */
type Builders = { [K in AuthenticatorKey]?: (user: IdpUser, input: unknown) => EnrollmentData[K] };

const fromFile: Builders = {
  okta_password: () => ({}),
  okta_email: (user, input) => ({ email: (input as AuthenticatorsInput['okta_email'])?.email ?? String(user.profile.email ?? user.login) }),
  phone_number: (_user, input) => {
    const { phoneNumber, methods: list } = input as NonNullable<AuthenticatorsInput['phone_number']>;
    return { phoneNumber: normalizePhone(phoneNumber) ?? phoneNumber, methods: list ?? ['sms', 'voice'] };
  },
  google_otp: (_user, input) => ({ secret: (input as NonNullable<AuthenticatorsInput['google_otp']>).secret.toUpperCase() }),
  okta_verify: (_user, input) => {
    const { secret, methods: list, numberChallenge } = input as NonNullable<AuthenticatorsInput['okta_verify']>;
    return { secret: secret.toUpperCase(), methods: list ?? ['push', 'totp'], numberChallenge: numberChallenge ?? false };
  },
  security_question: (_user, input) => {
    const entry = input as NonNullable<AuthenticatorsInput['security_question']>;
    const question = 'question' in entry ? entry.question : (SECURITY_QUESTIONS[entry.questionKey] ?? entry.questionKey);
    return { questionKey: entry.questionKey, question, answer: entry.answer };
  },
  webauthn: (_user, input) => {
    const entry = input as AuthenticatorsInput['webauthn'];
    const credential = entry?.credentialId && entry.publicKey ? { credential: { id: entry.credentialId, publicKey: entry.publicKey } } : {};
    return { name: entry?.name ?? 'Security Key or Biometric', ...credential };
  },
};

function isKey(value: string): value is AuthenticatorKey {
  return (AUTHENTICATOR_KEYS as readonly string[]).includes(value);
}

/**
 * The user's enrollments: the password, every authenticator under `authenticators`, and every
 * entry of `factors`. A `factors` entry without data of its own is enrolled as Email, which is
 * what the emulator offered for any extra factor before authenticators had data.
 */
export function enrollmentsFromFile(user: IdpUser & { authenticators?: AuthenticatorsInput }): Map<AuthenticatorKey, Enrollment> {
  const result = new Map<AuthenticatorKey, Enrollment>();
  const add = (key: AuthenticatorKey, input: unknown) => {
    const build = fromFile[key];
    if (build && !result.has(key)) result.set(key, { id: enrollmentIdFor(user.login, key), data: build(user, input) });
  };
  add('okta_password', undefined);
  for (const [key, input] of Object.entries(user.authenticators ?? {})) if (isKey(key)) add(key, input);
  for (const factor of user.factors ?? []) {
    // `okta_password` is a key already enrolled, so the check below skips it too.
    if (factor === 'password' || (isKey(factor) && result.has(factor))) continue;
    add(factor === 'webauthn' ? 'webauthn' : 'okta_email', undefined);
  }
  return result;
}
