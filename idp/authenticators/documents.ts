/**
 * Document pieces the authenticator modules share: their `authenticators[]` and
 * `authenticatorEnrollments[]` entries, the actions inside `currentAuthenticator(Enrollment)`
 * (resend, poll, send), and credential forms with field-level messages — shaped like Okta's
 * (see shared/reference/idx-fixtures/widget-playground/authenticator-*.json).
 */
import { createHash } from 'node:crypto';
import { messages, remediationForm, type Field, type IdxDoc, type IdxMessage } from '../idx/documents';
import type { UserRecord } from '../org/users';
import type { AuthenticatorDocs, AuthenticatorKey, Enrollment, EnrollmentData, FactorContext, StepErrors } from './types';

export function methods(types: readonly string[]): Array<{ type: string }> {
  return types.map((type) => ({ type }));
}

export function authenticatorValue(m: AuthenticatorDocs, methodTypes: readonly string[]): Record<string, unknown> {
  return { type: m.type, key: m.key, id: m.authenticatorId, displayName: m.displayName, methods: methods(methodTypes) };
}

export function enrollmentValue(
  m: AuthenticatorDocs,
  enrollment: Enrollment,
  methodTypes: readonly string[],
  profile?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...(profile ? { profile } : {}),
    type: m.type,
    key: m.key,
    id: enrollment.id,
    authenticatorId: m.authenticatorId,
    displayName: m.displayName,
    methods: methods(methodTypes),
  };
}

/** An action inside `currentAuthenticator(Enrollment).value` (resend, poll, send): the SDK exposes it as `<part>-<name>`. */
export function action(ctx: FactorContext, name: string, path: string, extra: { refresh?: number; fields?: Field[] } = {}): IdxDoc {
  const form = remediationForm(ctx.env.origin, name, path, ctx.tx.stateHandle, extra.fields ?? []);
  return extra.refresh === undefined ? form : { ...form, refresh: extra.refresh };
}

export const resendAction = (ctx: FactorContext, fields?: Field[]): IdxDoc =>
  action(ctx, 'resend', '/idp/idx/challenge/resend', fields ? { fields } : {});
export const pollAction = (ctx: FactorContext): IdxDoc => action(ctx, 'poll', '/idp/idx/challenge/poll', { refresh: ctx.env.settings.pollRefreshMs });

/** A form field with its field-level messages, if any. */
export function withMessages(field: Field, list: IdxMessage[] | undefined): Field {
  return list?.length ? { ...field, messages: messages(list) } : field;
}

/** `credentials` holding the given fields, each with its field-level messages. */
export function credentialsField(fields: Field[], errors: StepErrors): Field {
  return { name: 'credentials', type: 'object', form: { value: fields.map((f) => withMessages(f, errors.fields?.[f.name])) }, required: true };
}

/** The challenge/enroll remediation that posts `credentials` to challenge/answer. */
export function answerForm(ctx: FactorContext, fields: Field[], errors: StepErrors, relatesTo: string): IdxDoc {
  const name = ctx.tx.factor.phase === 'verify' ? 'challenge-authenticator' : 'enroll-authenticator';
  return remediationForm(ctx.env.origin, name, '/idp/idx/challenge/answer', ctx.tx.stateHandle, [credentialsField(fields, errors)], [relatesTo]);
}

/** Stable per login and authenticator, so two runs name the same enrollment. */
export function enrollmentIdFor(login: string, key: AuthenticatorKey): string {
  const prefix: Record<AuthenticatorKey, string> = {
    okta_password: 'lae',
    okta_email: 'eae',
    phone_number: 'mbf',
    google_otp: 'uft',
    okta_verify: 'pfd',
    security_question: 'qae',
    webauthn: 'fwf',
  };
  const digest = createHash('sha256').update(`${login.toLowerCase()}\n${key}`).digest('base64url');
  return `${prefix[key]}${digest.replace(/[-_]/g, 'x').slice(0, 17)}`;
}

export function enrollmentOf<K extends AuthenticatorKey>(user: UserRecord, key: K): Enrollment<K> | undefined {
  return user.enrollments.get(key) as Enrollment<K> | undefined;
}

/** Records an enrollment made during sign-in (memory only; the users file is never written). */
export function addEnrollment<K extends AuthenticatorKey>(user: UserRecord, key: K, data: EnrollmentData[K], lastTotpStep?: number): Enrollment<K> {
  const enrollment: Enrollment<K> = { id: enrollmentIdFor(user.login, key), data, ...(lastTotpStep === undefined ? {} : { lastTotpStep }) };
  user.enrollments.set(key, enrollment);
  return enrollment;
}

/** The module-owned state of the factor in progress. */
export function stateOf<S>(ctx: FactorContext, initial: () => S): S {
  ctx.tx.factor.state ??= initial();
  return ctx.tx.factor.state as S;
}

export function stringOf(value: unknown, max = 1024): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}
