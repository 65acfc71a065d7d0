/**
 * The common interface of the emulator's authenticators. Each authenticator (password, email,
 * phone, Google Authenticator, Okta Verify, security question, WebAuthn) is one module that knows
 * its enrollment data, its IDX documents, and how to challenge, verify and enroll. The IDX
 * handlers only route a request to the module of the factor in progress (`tx.factor`) and ask
 * the sign-in policy what comes after it.
 */
import type { Field, IdxDoc, IdxMessage } from '../idx/documents';
import type { Transaction } from '../idx/transactions';
import type { UserRecord } from '../org/users';
import type { Outbox } from '../admin/outbox';

export const AUTHENTICATOR_KEYS = [
  'okta_password',
  'okta_email',
  'phone_number',
  'google_otp',
  'okta_verify',
  'security_question',
  'webauthn',
] as const;

export type AuthenticatorKey = (typeof AUTHENTICATOR_KEYS)[number];

export type PhoneMethod = 'sms' | 'voice';
export type OktaVerifyMethod = 'push' | 'totp';

/** What an enrollment holds, per authenticator. Secrets stay in memory; nothing is written back. */
export interface EnrollmentData {
  okta_password: Record<string, never>;
  okta_email: { email: string };
  phone_number: { phoneNumber: string; methods: PhoneMethod[] };
  google_otp: { secret: string };
  okta_verify: { secret: string; methods: OktaVerifyMethod[]; numberChallenge: boolean };
  security_question: { questionKey: string; question: string; answer: string };
  /** With a credential registered elsewhere (id base64url, ES256 public key, last signature counter), the hosted page can verify it. */
  webauthn: { name: string; credential?: { id: string; publicKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string }; signCount?: number } };
}

export interface Enrollment<K extends AuthenticatorKey = AuthenticatorKey> {
  /** The enrollment's id in documents (`authenticatorEnrollments[].id`); stable for a login. */
  readonly id: string;
  data: EnrollmentData[K];
  /** The last TOTP time step accepted, so a code is refused the second time (replay). */
  lastTotpStep?: number;
}

/** The org's knobs every authenticator shares. */
export interface OrgSettings {
  /** How long an emailed, texted or spoken code (and a magic or activation link) stays valid. */
  codeTtlMs: number;
  /** How soon after a code was sent another may be sent ("Send again"). */
  resendCooldownMs: number;
  /** The `refresh` (ms) poll actions and remediations carry. */
  pollRefreshMs: number;
  /** The org's name in TOTP QR codes and messages. */
  orgName: string;
}

export interface FactorEnv {
  origin: string;
  settings: OrgSettings;
  now(): number;
  outbox: Outbox;
  /** Never receives codes, answers, secrets or links. */
  log(line: string): void;
}

/** Messages to show with a step: top-level ones, or ones on a named field of its form. */
export interface StepErrors {
  top?: IdxMessage[];
  fields?: Record<string, IdxMessage[]>;
}

/** What an operation on a factor leads to: it is satisfied, or its step is shown again. */
export type Outcome = { done: true } | { done: false; status: number; errors?: StepErrors };

export const DONE: Outcome = { done: true };

export function show(status = 200, errors?: StepErrors): Outcome {
  return errors ? { done: false, status, errors } : { done: false, status };
}

export type Phase = 'verify' | 'enroll';

/** The factor a transaction is verifying or enrolling. `state` belongs to the module. */
export interface ActiveFactor {
  key: AuthenticatorKey;
  phase: Phase;
  state: unknown;
  /** Token of the link (email magic link, Okta Verify activation) that completes this factor. */
  linkToken?: string;
}

/** The `authenticator` object a select or data form posts: `{id, methodType?, channel?, phoneNumber?}`. */
export interface Choice {
  id: string;
  methodType?: string;
  channel?: string;
  phoneNumber?: string;
}

export interface FactorContext {
  env: FactorEnv;
  tx: Transaction & { factor: ActiveFactor };
  user: UserRecord;
}

/** A factor step as a document: its remediations (the select form is added after them) and parts. */
export interface Rendered {
  remediation: IdxDoc[];
  parts: IdxDoc;
  /** Messages the state itself carries (e.g. a denied push), shown whenever it is rendered. */
  messages?: IdxMessage[];
}

/** What opening a link (from an email or SMS) did. */
export interface LinkResult {
  /** `account-activated`: a new user's activation link (registration). */
  result: 'verified' | 'activated' | 'account-activated' | 'expired';
  /** For an Okta Verify activation: the TOTP secret the phone now holds. */
  secret?: string;
}

/** What every authenticator, the password included, contributes to documents. */
export interface AuthenticatorDocs {
  readonly key: AuthenticatorKey;
  /** The authenticator's id (`aut…`): what select forms post as `authenticator.id`. */
  readonly authenticatorId: string;
  /** The org's label for it, shown in choices. */
  readonly displayName: string;
  /** IDX `type` (email, phone, app, security_question, security_key, password). */
  readonly type: string;
  /** Whether a person can finish it in an embedded desktop flow (WebAuthn cannot: RP ID is the org's domain). */
  readonly embeddable: boolean;
  /** Whether the org lets a person enroll it during sign-in. */
  readonly enrollable: boolean;

  /** The `authenticators[]` entry (and base of `currentAuthenticator`) for this user. */
  authenticator(user: UserRecord | undefined): Record<string, unknown>;
  /** The user's `authenticatorEnrollments[]` entry (profile masked). */
  enrollment(user: UserRecord, enrollment: Enrollment): Record<string, unknown>;
  /** The fields after `id` in this authenticator's option of a select form. */
  optionFields(phase: Phase, user: UserRecord): Field[];
}

/**
 * An authenticator the policy asks for after the password: it challenges, verifies and enrolls.
 * (The password itself is verified by the identify and challenge handlers, which share the
 * decoy hash, lockout counting and status checks with the one-page identify form.)
 */
export interface AuthenticatorModule extends AuthenticatorDocs {
  /** The person chose it in a select form: send a code, start a push, show a QR code… */
  start(ctx: FactorContext, choice: Choice): Outcome | Promise<Outcome>;
  /** A form of its own step posted the authenticator again (method, phone number, channel, resend push). Default: start over. */
  choose?(ctx: FactorContext, choice: Choice): Outcome | Promise<Outcome>;
  render(ctx: FactorContext, errors: StepErrors): Rendered;
  /** POST challenge/answer: `body.credentials`. */
  answer(ctx: FactorContext, credentials: Record<string, unknown>): Outcome | Promise<Outcome>;
  poll?(ctx: FactorContext): Outcome;
  resend?(ctx: FactorContext): Outcome;
  /** POST challenge/send (enrollment-channel-data): `{email}` or `{phoneNumber}`. */
  send?(ctx: FactorContext, body: Record<string, unknown>): Outcome | Promise<Outcome>;
  /** Someone opened the link this factor sent. */
  openLink?(ctx: FactorContext): LinkResult;
}
