/**
 * The org's self-service policies: password recovery ("Forgot password?"), account unlock and
 * self-service registration (sign-up). Set per org in the users file's `org` section, overridden
 * by startIdp options (and so by the CLI); what is not set keeps Okta's usual defaults here:
 * recovery by email or phone and signing in after it, no unlock, no registration.
 */
import { z } from 'zod';
import { AUTHENTICATOR_KEYS, type AuthenticatorKey } from '../authenticators/types';

/** The authenticators that can prove who someone is without their password. */
export const SELF_SERVICE_KEYS = ['okta_email', 'phone_number'] as const;
export type SelfServiceKey = (typeof SELF_SERVICE_KEYS)[number];

/** One attribute of the sign-up form (`enroll-profile`'s `userProfile` fields, as Okta lists them). */
export interface ProfileField {
  name: string;
  label: string;
  type: 'string' | 'boolean';
  required: boolean;
  minLength?: number;
  maxLength?: number;
  /** A choice among these values (Okta's enum attributes). */
  options?: Array<{ label: string; value: string }>;
}

export interface RegistrationPolicy {
  /** The form, in order; always has `email`, which is the new user's login. */
  fields: ProfileField[];
  /** `email`: the account works only once the link the org emails is opened ("To finish signing in, check your email"). */
  activation: 'none' | 'email';
  /** Authenticators a new user must set up after the password. */
  enroll: AuthenticatorKey[];
}

export interface SelfService {
  recovery: { authenticators: SelfServiceKey[]; signsIn: boolean };
  unlock: { authenticators: SelfServiceKey[] };
  /** Absent: no "Sign up" (`select-enroll-profile` is not sent). */
  registration?: RegistrationPolicy;
}

/** Okta's default profile enrollment form. */
export const DEFAULT_PROFILE_FIELDS: ProfileField[] = [
  { name: 'firstName', label: 'First name', type: 'string', required: true, maxLength: 50 },
  { name: 'lastName', label: 'Last name', type: 'string', required: true, maxLength: 50 },
  { name: 'email', label: 'Email', type: 'string', required: true, maxLength: 100 },
];

const keys = z.array(z.enum(SELF_SERVICE_KEYS)).max(SELF_SERVICE_KEYS.length);
const enrollable = z.enum(AUTHENTICATOR_KEYS.filter((k) => k !== 'okta_password' && k !== 'webauthn') as [AuthenticatorKey, ...AuthenticatorKey[]]);

const fieldSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an attribute name (letters, digits, _)'),
    label: z.string().trim().min(1).max(100),
    type: z.enum(['string', 'boolean']).default('string'),
    required: z.boolean().default(false),
    minLength: z.number().int().min(0).max(1000).optional(),
    maxLength: z.number().int().min(1).max(1000).optional(),
    options: z
      .array(z.object({ label: z.string().trim().min(1).max(100), value: z.string().min(1).max(100) }).strict())
      .min(1)
      .max(50)
      .optional(),
  })
  .strict();

export const registrationSchema = z
  .object({
    fields: z
      .array(fieldSchema)
      .min(1)
      .max(16)
      .refine((fields) => fields.some((f) => f.name === 'email' && f.type === 'string' && f.required), {
        message: 'must have a required "email" field (the new user\'s login)',
      })
      .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, { message: 'field names must be unique' })
      .optional(),
    activation: z.enum(['none', 'email']).optional(),
    enroll: z.array(enrollable).optional(),
  })
  .strict();

export type RegistrationInput = z.input<typeof registrationSchema>;

/** The users file's `org` section. */
export const orgSchema = z
  .object({
    recovery: z.object({ authenticators: keys.optional(), signsIn: z.boolean().optional() }).strict().optional(),
    unlock: z.object({ authenticators: keys }).strict().optional(),
    /** `false` or absent: no registration. */
    registration: z.union([z.literal(false), registrationSchema]).optional(),
  })
  .strict();

export type OrgInput = z.input<typeof orgSchema>;

/** What startIdp options may set; each wins over the file's `org`. */
export interface SelfServiceOptions {
  recoveryAuthenticators?: SelfServiceKey[];
  recoverySignsIn?: boolean;
  unlockAuthenticators?: SelfServiceKey[];
  registration?: RegistrationInput | false;
}

export function resolveSelfService(options: SelfServiceOptions, org: OrgInput = {}): SelfService {
  // An option object refines the file's form (the CLI's `--registration activate-by-email` keeps its fields); `false` turns it off.
  const fromFile = org.registration || undefined;
  const registration = options.registration === undefined ? fromFile : options.registration && { ...fromFile, ...options.registration };
  const parsed = registration ? registrationSchema.safeParse(registration) : undefined;
  if (parsed && !parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`startIdp: registration.${issue.path.join('.')}: ${issue.message}`);
  }
  return {
    recovery: {
      authenticators: options.recoveryAuthenticators ?? org.recovery?.authenticators ?? ['okta_email', 'phone_number'],
      signsIn: options.recoverySignsIn ?? org.recovery?.signsIn ?? true,
    },
    unlock: { authenticators: options.unlockAuthenticators ?? org.unlock?.authenticators ?? [] },
    ...(parsed?.success && {
      registration: {
        fields: parsed.data.fields ?? DEFAULT_PROFILE_FIELDS,
        activation: parsed.data.activation ?? 'none',
        enroll: parsed.data.enroll ?? [],
      },
    }),
  };
}
