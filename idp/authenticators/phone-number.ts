/**
 * Phone (`phone_number`): a code by SMS or voice call, to the outbox. Verification first asks
 * for the method (authenticator-verification-data, SMS or voice, as the enrollment allows);
 * enrollment first asks for the number and method (authenticator-enrollment-data), which the org
 * validates. Documents as in widget-playground/authenticator-verification-data-phone-sms-then-voice.json,
 * authenticator-verification-phone-sms.json, authenticator-enroll-data-phone.json,
 * authenticator-enroll-phone.json and error-authenticator-enroll-phone-invalid-number.json.
 */
import { MESSAGES, remediationForm, typed, type Field } from '../idx/documents';
import type { UserRecord } from '../org/users';
import { checkCode, cooldownLeft, newCode, type SentCode } from './codes';
import { addEnrollment, answerForm, authenticatorValue, enrollmentOf, enrollmentValue, resendAction, stateOf, stringOf } from './documents';
import { DONE, show, type AuthenticatorModule, type Choice, type Enrollment, type FactorContext, type Outcome, type PhoneMethod } from './types';

interface PhoneState {
  /** Set once a code went out: the step is then the code entry. */
  method?: PhoneMethod;
  /** Enrollment: the number the person gave. */
  phoneNumber?: string;
  code?: SentCode;
}

const ORG_METHODS: readonly PhoneMethod[] = ['sms', 'voice'];
const METHOD_LABELS: Record<PhoneMethod, string> = { sms: 'SMS', voice: 'Voice call' };

/** E.164 after dropping the separators people type: "+1 (555) 010-0001" → "+15550100001". */
export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : undefined;
}

/** "+1 XXX-XXX-0001", as Okta shows an enrolled number. */
export function maskPhone(e164: string): string {
  const last4 = e164.slice(-4);
  if (e164.startsWith('+1') && e164.length === 12) return `+1 XXX-XXX-${last4}`;
  return `${e164.slice(0, 3)} ${'X'.repeat(Math.max(0, e164.length - 7))}${last4}`;
}

function methodsOf(user: UserRecord): readonly PhoneMethod[] {
  return enrollmentOf(user, 'phone_number')?.data.methods ?? ORG_METHODS;
}

const state = (ctx: FactorContext) => stateOf<PhoneState>(ctx, () => ({}));

function numberOf(ctx: FactorContext): string {
  return ctx.tx.factor.phase === 'enroll' ? (state(ctx).phoneNumber ?? '') : (enrollmentOf(ctx.user, 'phone_number')?.data.phoneNumber ?? '');
}

function methodOptions(methods: readonly PhoneMethod[]): Array<{ label: string; value: string }> {
  return methods.map((m) => ({ label: METHOD_LABELS[m], value: m }));
}

function send(ctx: FactorContext, method: PhoneMethod): Outcome {
  const { env, tx, user } = ctx;
  const code = newCode(env);
  Object.assign(state(ctx), { method, code });
  const spoken = code.value.split('').join(' ');
  env.outbox.add({
    login: user.login,
    channel: method,
    to: numberOf(ctx),
    purpose: tx.factor.phase,
    text: method === 'sms' ? `Your ${env.settings.orgName} verification code is ${code.value}.` : `Your verification code is ${spoken}. Again: ${spoken}.`,
    code: code.value,
  });
  env.log(`phone code sent by ${method} to ${user.login} (${tx.factor.phase})`);
  return show();
}

/** The method (and, enrolling, the number) the person chose; the step asks again when missing or wrong. */
function chooseMethod(ctx: FactorContext, choice: Choice): Outcome {
  Object.assign(state(ctx), { method: undefined, code: undefined });
  if (!choice.methodType) return show();
  const allowed = ctx.tx.factor.phase === 'enroll' ? ORG_METHODS : methodsOf(ctx.user);
  const method = allowed.find((m) => m === choice.methodType);
  if (!method) return show(400, { top: [MESSAGES.invalidValue()] });
  if (ctx.tx.factor.phase === 'enroll') {
    const phoneNumber = choice.phoneNumber === undefined ? undefined : normalizePhone(choice.phoneNumber);
    if (!phoneNumber) return show(400, { top: [MESSAGES.invalidPhone()] });
    state(ctx).phoneNumber = phoneNumber;
  }
  return send(ctx, method);
}

export const phoneNumber: AuthenticatorModule = {
  key: 'phone_number',
  authenticatorId: 'autEmulatorPhone0001',
  displayName: 'Phone',
  type: 'phone',
  embeddable: true,
  enrollable: true,

  authenticator(user) {
    return authenticatorValue(this, user ? methodsOf(user) : ORG_METHODS);
  },
  enrollment(user, enrollment) {
    const { phoneNumber: number } = (enrollment as Enrollment<'phone_number'>).data;
    return enrollmentValue(this, enrollment, methodsOf(user), { phoneNumber: maskPhone(number) });
  },
  optionFields(phase, user) {
    const methodType: Field = { name: 'methodType', type: 'string', required: false, options: methodOptions(phase === 'enroll' ? ORG_METHODS : methodsOf(user)) };
    return phase === 'enroll' ? [methodType, { name: 'phoneNumber', type: 'string', required: false }] : [methodType];
  },

  start: chooseMethod,
  choose: chooseMethod,

  render(ctx, errors) {
    const { method } = state(ctx);
    const enrolling = ctx.tx.factor.phase === 'enroll';
    const enrollment = enrollmentOf(ctx.user, 'phone_number');
    if (!method) {
      // First the method (and, enrolling, the number): authenticator-verification-data / -enrollment-data.
      const fields: Field[] = [
        { name: 'id', required: true, value: this.authenticatorId, mutable: false },
        { name: 'methodType', type: 'string', required: true, options: methodOptions(enrolling ? ORG_METHODS : methodsOf(ctx.user)) },
      ];
      if (enrolling) fields.push({ name: 'phoneNumber', required: true, type: 'string', label: 'Phone number' });
      const [name, path, relatesTo] = enrolling
        ? ['authenticator-enrollment-data', '/idp/idx/credential/enroll', '$.currentAuthenticator']
        : ['authenticator-verification-data', '/idp/idx/challenge', '$.currentAuthenticatorEnrollment'];
      const form = remediationForm(ctx.env.origin, name, path, ctx.tx.stateHandle, [{ name: 'authenticator', type: 'object', label: this.displayName, form: { value: fields }, required: true }], [relatesTo]);
      const parts = enrolling
        ? { currentAuthenticator: typed(this.authenticator(undefined)) }
        : { currentAuthenticatorEnrollment: typed(enrollment ? this.enrollment(ctx.user, enrollment) : {}) };
      return { remediation: [form], parts };
    }
    const passcode = [{ name: 'passcode', label: 'Enter code' }];
    const current = { resend: resendAction(ctx), ...(enrolling ? authenticatorValue(this, [method]) : enrollment ? { ...this.enrollment(ctx.user, enrollment), methods: [{ type: method }] } : {}) };
    return enrolling
      ? {
          remediation: [answerForm(ctx, passcode, errors, '$.currentAuthenticator')],
          parts: { currentAuthenticator: typed(current), enrollmentAuthenticator: typed(authenticatorValue(this, [method])) },
        }
      : { remediation: [answerForm(ctx, passcode, errors, '$.currentAuthenticatorEnrollment')], parts: { currentAuthenticatorEnrollment: typed(current) } };
  },

  answer(ctx, credentials) {
    const { method, code, phoneNumber: enrolledNumber } = state(ctx);
    if (!method) return show(400, { top: [MESSAGES.actionUnavailable()] });
    const typedCode = stringOf(credentials.passcode, 64);
    if (!typedCode) return show(400, { fields: { passcode: [MESSAGES.blank()] } });
    if (checkCode(ctx.env, code, typedCode) !== 'ok') return show(401, { fields: { passcode: [MESSAGES.passcodeInvalid()] } });
    if (ctx.tx.factor.phase === 'enroll' && enrolledNumber) addEnrollment(ctx.user, 'phone_number', { phoneNumber: enrolledNumber, methods: [...ORG_METHODS] });
    return DONE;
  },

  resend(ctx) {
    const { method, code } = state(ctx);
    if (!method) return show(400, { top: [MESSAGES.actionUnavailable()] });
    const wait = Math.ceil(cooldownLeft(ctx.env, code) / 1000);
    if (wait > 0) return show(429, { top: [method === 'sms' ? MESSAGES.smsCooldown(wait) : MESSAGES.voiceCooldown(wait)] });
    return send(ctx, method);
  },
};
