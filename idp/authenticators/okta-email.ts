/**
 * Email (`okta_email`): a six-digit code and a magic link, sent to the outbox. The challenge
 * carries `resend` and `poll` on `currentAuthenticatorEnrollment` (enrollment: on
 * `currentAuthenticator`), as Okta's do: the code can be typed, or the link opened elsewhere
 * while the client polls. Documents as in widget-playground/authenticator-verification-email.json
 * and authenticator-enroll-email.json.
 */
import { randomToken } from '../http/http-util';
import { MESSAGES, typed } from '../idx/documents';
import type { UserRecord } from '../org/users';
import { checkCode, cooldownLeft, newCode, type SentCode } from './codes';
import {
  addEnrollment,
  answerForm,
  authenticatorValue,
  enrollmentIdFor,
  enrollmentOf,
  enrollmentValue,
  pollAction,
  resendAction,
  stateOf,
  stringOf,
} from './documents';
import { DONE, show, type AuthenticatorModule, type Enrollment, type FactorContext, type Outcome } from './types';

interface EmailState {
  code?: SentCode;
  /** The magic link was opened: the next poll (or any code) completes the factor. */
  linkOpened?: boolean;
}

const METHODS = ['email'] as const;

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  if (!domain) return '***';
  return `${local.slice(0, 1)}***${local.length > 1 ? local.slice(-1) : ''}@${domain}`;
}

/** The address codes go to: the enrolled one, else (enrolling) the profile's email or the login. */
function addressOf(user: UserRecord): string {
  return enrollmentOf(user, 'okta_email')?.data.email ?? String(user.profile.email ?? user.login);
}

/** The email enrollment: the enrolled one, else the primary email (recovery works with it, as in Okta). */
export function emailEnrollment(user: UserRecord): Enrollment<'okta_email'> {
  return enrollmentOf(user, 'okta_email') ?? { id: enrollmentIdFor(user.login, 'okta_email'), data: { email: addressOf(user) } };
}

const state = (ctx: FactorContext) => stateOf<EmailState>(ctx, () => ({}));

function send(ctx: FactorContext): void {
  const { env, tx, user } = ctx;
  const code = newCode(env);
  const token = randomToken(24);
  state(ctx).code = code;
  state(ctx).linkOpened = false;
  tx.factor.linkToken = token;
  const minutes = Math.round(env.settings.codeTtlMs / 60_000);
  env.outbox.add({
    login: user.login,
    channel: 'email',
    to: addressOf(user),
    purpose: tx.factor.phase,
    text: `Your ${env.settings.orgName} verification code is ${code.value}. It expires in ${minutes} minutes. Or open the link to sign in.`,
    code: code.value,
    link: `${env.origin}/email/verify?token=${token}`,
  });
  env.log(`email code sent to ${user.login} (${tx.factor.phase})`);
}

function complete(ctx: FactorContext): Outcome {
  ctx.tx.factor.linkToken = undefined;
  if (ctx.tx.factor.phase === 'enroll') addEnrollment(ctx.user, 'okta_email', { email: addressOf(ctx.user) });
  return DONE;
}

export const oktaEmail: AuthenticatorModule = {
  key: 'okta_email',
  authenticatorId: 'autEmulatorEmail0001',
  displayName: 'Email',
  type: 'email',
  embeddable: true,
  enrollable: true,

  authenticator() {
    return authenticatorValue(this, METHODS);
  },
  enrollment(user, enrollment) {
    return enrollmentValue(this, enrollment, METHODS, { email: maskEmail(addressOf(user)) });
  },
  optionFields() {
    return [{ name: 'methodType', required: false, value: 'email', mutable: false }];
  },

  start(ctx) {
    send(ctx);
    return show();
  },

  render(ctx, errors) {
    const passcode = [{ name: 'passcode', label: 'Enter code' }];
    const actions = { resend: resendAction(ctx), poll: pollAction(ctx) };
    if (ctx.tx.factor.phase === 'enroll') {
      const current = { ...actions, ...this.authenticator(ctx.user) };
      return {
        remediation: [answerForm(ctx, passcode, errors, '$.currentAuthenticator')],
        parts: { currentAuthenticator: typed(current), enrollmentAuthenticator: typed(this.authenticator(ctx.user)) },
      };
    }
    const current = { ...actions, ...this.enrollment(ctx.user, emailEnrollment(ctx.user)) };
    return {
      remediation: [answerForm(ctx, passcode, errors, '$.currentAuthenticatorEnrollment')],
      parts: { currentAuthenticatorEnrollment: typed(current) },
    };
  },

  answer(ctx, credentials) {
    const typedCode = stringOf(credentials.passcode, 64);
    if (!typedCode) return show(400, { fields: { passcode: [MESSAGES.blank()] } });
    if (checkCode(ctx.env, state(ctx).code, typedCode) !== 'ok') {
      // Okta answers a wrong, used or expired email code alike (error-401-invalid-email-otp-passcode.json).
      return show(401, { fields: { passcode: [MESSAGES.passcodeInvalid()] } });
    }
    return complete(ctx);
  },

  poll(ctx) {
    return state(ctx).linkOpened ? complete(ctx) : show();
  },

  resend(ctx) {
    const wait = cooldownLeft(ctx.env, state(ctx).code);
    if (wait > 0) return show(429, { top: [MESSAGES.emailCooldown(Math.ceil(wait / 1000))] });
    send(ctx);
    return show();
  },

  openLink(ctx) {
    const code = state(ctx).code;
    if (!code || code.expiresAt <= ctx.env.now()) return { result: 'expired' };
    state(ctx).linkOpened = true;
    ctx.tx.factor.linkToken = undefined;
    return { result: 'verified' };
  },
};
