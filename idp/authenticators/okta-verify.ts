/**
 * Okta Verify (`okta_verify`): a push the phone approves or denies (optionally with a number
 * challenge: the sign-in page shows a number, the phone offers three), or its TOTP code.
 * Enrollment shows a QR code or sends an activation link by email or SMS, and polls until the
 * phone has activated. There is no phone: the admin API answers pushes
 * (`POST /__admin/push/{login}/approve|deny`) and opens activation links (outbox).
 * Documents as in widget-playground/authenticator-verification-okta-verify-push.json,
 * -number-challenge.json, -okta-verify-reject-push.json, -okta-verify-totp.json,
 * authenticator-verification-data-ov-only-without-device-known.json, authenticator-enroll-ov-qr.json,
 * -ov-via-email.json, -ov-via-sms.json, -ov-email.json and -ov-sms.json.
 */
import { randomInt } from 'node:crypto';
import { randomToken } from '../http/http-util';
import { MESSAGES, remediationForm, typed, type Field, type IdxDoc } from '../idx/documents';
import type { UserRecord } from '../org/users';
import { cooldownLeft, type SentCode } from './codes';
import { addEnrollment, answerForm, authenticatorValue, enrollmentOf, enrollmentValue, resendAction, stateOf, stringOf, withMessages } from './documents';
import { normalizePhone } from './phone-number';
import { checkTotp, newTotpSecret, qrDataUri } from './totp';
import { DONE, show, type AuthenticatorModule, type Choice, type FactorContext, type LinkResult, type OktaVerifyMethod, type Outcome } from './types';

type Channel = 'qrcode' | 'email' | 'sms';

interface Push {
  status: 'waiting' | 'approved' | 'rejected';
  /** Number challenge: what the sign-in page shows, and the three the phone offers. */
  correctAnswer?: number;
  choices?: number[];
}

interface VerifyState {
  /** Undefined while the person picks push or code (authenticator-verification-data). */
  method?: OktaVerifyMethod;
  push?: Push;
}

interface EnrollState {
  channel: Channel;
  /** The activation link went out (or the QR code is shown). */
  activation?: SentCode & { to: string };
  qrcode?: string;
}

const ORG_METHODS: readonly OktaVerifyMethod[] = ['push', 'totp'];
const METHOD_LABELS: Record<OktaVerifyMethod, string> = { push: 'Get a push notification', totp: 'Enter a code' };
const CHANNEL_OPTIONS = [
  { value: 'qrcode', label: 'QRCODE' },
  { value: 'email', label: 'EMAIL' },
  { value: 'sms', label: 'SMS' },
];

function methodsOf(user: UserRecord): readonly OktaVerifyMethod[] {
  return enrollmentOf(user, 'okta_verify')?.data.methods ?? ORG_METHODS;
}

const verifyState = (ctx: FactorContext) => stateOf<VerifyState>(ctx, () => ({}));
const enrollState = (ctx: FactorContext) => stateOf<EnrollState>(ctx, () => ({ channel: 'qrcode' }));

function sendPush(ctx: FactorContext): Outcome {
  const { env, user } = ctx;
  const push: Push = { status: 'waiting' };
  if (enrollmentOf(user, 'okta_verify')?.data.numberChallenge) {
    const correct = randomInt(10, 100);
    const others = new Set<number>();
    while (others.size < 2) {
      const n = randomInt(10, 100);
      if (n !== correct) others.add(n);
    }
    const choices = [correct, ...others];
    for (let i = choices.length - 1; i > 0; i--) {
      const j = randomInt(0, i + 1);
      [choices[i], choices[j]] = [choices[j]!, choices[i]!];
    }
    Object.assign(push, { correctAnswer: correct, choices });
  }
  Object.assign(verifyState(ctx), { method: 'push', push });
  env.outbox.add({
    login: user.login,
    channel: 'push',
    to: 'Okta Verify',
    purpose: 'verify',
    text: `Did you just try to sign in to ${env.settings.orgName}?${push.choices ? ` Tap the number the sign-in page shows: ${push.choices.join(', ')}.` : ' Yes, it\'s me / No, it\'s not me.'}`,
    ...(push.correctAnswer === undefined ? {} : { correctAnswer: push.correctAnswer, choices: push.choices }),
  });
  env.log(`Okta Verify push sent to ${user.login}`);
  return show();
}

function chooseMethod(ctx: FactorContext, choice: Choice): Outcome {
  const methods = methodsOf(ctx.user);
  const state = verifyState(ctx);
  Object.assign(state, { method: undefined, push: undefined });
  const method = choice.methodType === undefined && methods.length === 1 ? methods[0] : methods.find((m) => m === choice.methodType);
  if (!method) return choice.methodType === undefined ? show() : show(400, { top: [MESSAGES.invalidValue()] });
  if (method === 'push') return sendPush(ctx);
  state.method = 'totp';
  return show();
}

async function chooseChannel(ctx: FactorContext, choice: Choice): Promise<Outcome> {
  const channel = CHANNEL_OPTIONS.find((o) => o.value === (choice.channel ?? 'qrcode'))?.value as Channel | undefined;
  if (!channel) return show(400, { top: [MESSAGES.invalidValue()] });
  const state = enrollState(ctx);
  Object.assign(state, { channel, activation: undefined, qrcode: undefined });
  ctx.tx.factor.linkToken = undefined;
  if (channel === 'qrcode') {
    const link = activationLink(ctx, 'the QR code', 'qrcode');
    state.qrcode = await qrDataUri(link);
  }
  return show();
}

/** A new activation (QR code or link): the token the phone presents, valid for the org's code lifetime. */
function activationLink(ctx: FactorContext, to: string, channel: Channel): string {
  const { env, tx, user } = ctx;
  const token = randomToken(24);
  const now = env.now();
  enrollState(ctx).activation = { value: token, sentAt: now, expiresAt: now + env.settings.codeTtlMs, used: false, to };
  tx.factor.linkToken = token;
  const link = `${env.origin}/okta-verify/activate?token=${token}`;
  env.outbox.add({
    login: user.login,
    channel,
    to: channel === 'qrcode' ? 'Okta Verify' : to,
    purpose: 'activate',
    text:
      channel === 'qrcode'
        ? 'A QR code to set up Okta Verify is on the sign-in page (scanning it opens this link).'
        : `Set up Okta Verify for ${env.settings.orgName}: open this link on your phone.`,
    link,
  });
  env.log(`Okta Verify activation by ${channel} for ${user.login}`);
  return link;
}

function enrollPoll(ctx: FactorContext): IdxDoc {
  return { ...remediationForm(ctx.env.origin, 'enroll-poll', '/idp/idx/challenge/poll', ctx.tx.stateHandle, []), refresh: ctx.env.settings.pollRefreshMs };
}

function selectChannelForm(ctx: FactorContext, id: string): IdxDoc {
  const authenticator: Field = {
    name: 'authenticator',
    type: 'object',
    label: 'Okta Verify',
    value: {
      form: {
        value: [
          { name: 'id', value: id, required: true, mutable: false, visible: false },
          { name: 'channel', required: true, visible: true, options: CHANNEL_OPTIONS },
        ],
      },
    },
  };
  return remediationForm(ctx.env.origin, 'select-enrollment-channel', '/idp/idx/credential/enroll', ctx.tx.stateHandle, [authenticator]);
}

/** An admin (the "phone") answers the newest waiting push of this factor; undefined when none waits. */
export function answerPush(ctx: FactorContext, decision: { approve: boolean; number?: number }): { result: string; status?: number; error?: string } | undefined {
  if (ctx.tx.factor.key !== 'okta_verify' || ctx.tx.factor.phase !== 'verify') return undefined;
  const push = verifyState(ctx).push;
  if (push?.status !== 'waiting') return undefined;
  if (!decision.approve) {
    push.status = 'rejected';
    return { result: 'denied' };
  }
  if (push.correctAnswer !== undefined) {
    if (decision.number === undefined) {
      return { result: 'waiting', status: 400, error: `This push has a number challenge: send {"number": N}, one of ${push.choices?.join(', ')}.` };
    }
    if (decision.number !== push.correctAnswer) {
      // Tapping another number than the one the sign-in page shows rejects the push.
      push.status = 'rejected';
      return { result: 'denied' };
    }
  }
  push.status = 'approved';
  return { result: 'approved' };
}

export const oktaVerify: AuthenticatorModule = {
  key: 'okta_verify',
  authenticatorId: 'autEmulatorVerify001',
  displayName: 'Okta Verify',
  type: 'app',
  embeddable: true,
  enrollable: true,

  authenticator(user) {
    return authenticatorValue(this, user ? methodsOf(user) : ORG_METHODS);
  },
  enrollment(user, enrollment) {
    return enrollmentValue(this, enrollment, methodsOf(user));
  },
  optionFields(phase, user) {
    if (phase === 'enroll') return [{ name: 'channel', required: false, type: 'string', options: CHANNEL_OPTIONS }];
    return [{ name: 'methodType', required: false, mutable: true, visible: false, type: 'string', options: methodsOf(user).map((m) => ({ value: m, label: METHOD_LABELS[m] })) }];
  },

  start(ctx, choice) {
    return ctx.tx.factor.phase === 'verify' ? chooseMethod(ctx, choice) : chooseChannel(ctx, choice);
  },
  choose(ctx, choice) {
    return ctx.tx.factor.phase === 'verify' ? chooseMethod(ctx, choice) : chooseChannel(ctx, choice);
  },

  render(ctx, errors) {
    const { origin } = ctx.env;
    const sh = ctx.tx.stateHandle;
    if (ctx.tx.factor.phase === 'enroll') {
      const { channel, activation, qrcode } = enrollState(ctx);
      const current: Record<string, unknown> = { ...this.authenticator(undefined), contextualData: { selectedChannel: channel } };
      const select = selectChannelForm(ctx, this.authenticatorId);
      if (channel === 'qrcode') {
        current.contextualData = { qrcode: { href: qrcode, method: 'embedded', type: 'image/png' }, selectedChannel: channel };
        return { remediation: [enrollPoll(ctx), select], parts: { currentAuthenticator: typed(current) } };
      }
      const field = channel === 'email' ? 'email' : 'phoneNumber';
      if (!activation) {
        const label = channel === 'email' ? 'Email' : 'Phone number';
        const form = remediationForm(origin, 'enrollment-channel-data', '/idp/idx/challenge/send', sh, [
          withMessages({ name: field, label, required: true, visible: true }, errors.fields?.[field]),
        ]);
        return { remediation: [form, select], parts: { currentAuthenticator: typed(current) } };
      }
      current.contextualData = { selectedChannel: channel, [field]: activation.to };
      current.resend = resendAction(ctx, [{ name: channel === 'email' ? 'email' : 'phone', required: true, value: activation.to, visible: false, mutable: false }]);
      return { remediation: [enrollPoll(ctx), select], parts: { currentAuthenticator: typed(current) } };
    }

    const { method, push } = verifyState(ctx);
    if (!method) {
      const form = remediationForm(origin, 'authenticator-verification-data', '/idp/idx/challenge', sh, [
        {
          name: 'authenticator',
          label: this.displayName,
          form: {
            value: [
              { name: 'id', required: true, value: this.authenticatorId, mutable: false },
              { name: 'methodType', type: 'string', required: true, options: methodsOf(ctx.user).map((m) => ({ label: METHOD_LABELS[m], value: m })) },
            ],
          },
        },
      ], ['$.currentAuthenticator']);
      return { remediation: [form], parts: { currentAuthenticator: typed(this.authenticator(ctx.user)) } };
    }
    if (method === 'totp') {
      const totp = [{ name: 'totp', label: 'Enter code from Okta Verify app', required: true, visible: true }];
      return { remediation: [answerForm(ctx, totp, errors, '$.currentAuthenticator')], parts: { currentAuthenticator: typed(authenticatorValue(this, ['totp'])) } };
    }
    if (push?.status === 'rejected') {
      // As Okta: the push was rejected; "resend" offers a new push, the select form another factor.
      const resend = remediationForm(origin, 'resend', '/idp/idx/challenge', sh, [
        {
          name: 'authenticator',
          type: 'object',
          label: this.displayName,
          value: {
            form: {
              value: [
                { name: 'id', value: this.authenticatorId, required: true, mutable: false },
                { name: 'methodType', value: 'push', label: 'PUSH', required: true, mutable: false },
              ],
            },
          },
        },
      ], ['$.currentAuthenticator']);
      return { remediation: [resend], parts: { currentAuthenticator: typed(authenticatorValue(this, ['push'])) }, messages: [MESSAGES.pushRejected()] };
    }
    const poll = { ...remediationForm(origin, 'challenge-poll', '/idp/idx/challenge/poll', sh, [], ['$.currentAuthenticator']), refresh: ctx.env.settings.pollRefreshMs };
    const current = {
      ...authenticatorValue(this, ['push']),
      ...(push?.correctAnswer === undefined ? {} : { contextualData: { correctAnswer: String(push.correctAnswer) } }),
      resend: resendAction(ctx),
    };
    return { remediation: [poll], parts: { currentAuthenticator: typed(current) } };
  },

  answer(ctx, credentials) {
    const enrollment = enrollmentOf(ctx.user, 'okta_verify');
    if (ctx.tx.factor.phase !== 'verify' || verifyState(ctx).method !== 'totp' || !enrollment) return show(400, { top: [MESSAGES.actionUnavailable()] });
    const code = stringOf(credentials.totp, 64) ?? stringOf(credentials.passcode, 64);
    if (!code) return show(400, { fields: { totp: [MESSAGES.blank()] } });
    const check = checkTotp(ctx.env, enrollment.data.secret, enrollment, code);
    if (check === 'used') return show(401, { fields: { totp: [MESSAGES.softTokenUsed()] } });
    if (check === 'wrong') return show(401, { fields: { totp: [MESSAGES.passcodeInvalid()] } });
    return DONE;
  },

  poll(ctx) {
    if (ctx.tx.factor.phase === 'enroll') return enrollmentOf(ctx.user, 'okta_verify') ? DONE : show();
    const { method, push } = verifyState(ctx);
    if (method !== 'push' || !push) return show(400, { top: [MESSAGES.actionUnavailable()] });
    return push.status === 'approved' ? DONE : show();
  },

  resend(ctx) {
    if (ctx.tx.factor.phase === 'verify') return verifyState(ctx).method === 'push' ? sendPush(ctx) : show(400, { top: [MESSAGES.actionUnavailable()] });
    const { channel, activation } = enrollState(ctx);
    if (!activation || channel === 'qrcode') return show(400, { top: [MESSAGES.actionUnavailable()] });
    const wait = Math.ceil(cooldownLeft(ctx.env, activation) / 1000);
    if (wait > 0) return show(429, { top: [channel === 'sms' ? MESSAGES.smsCooldown(wait) : MESSAGES.emailCooldown(wait)] });
    activationLink(ctx, activation.to, channel);
    return show();
  },

  send(ctx, body) {
    const { channel } = enrollState(ctx);
    if (ctx.tx.factor.phase !== 'enroll' || channel === 'qrcode') return show(400, { top: [MESSAGES.actionUnavailable()] });
    if (channel === 'email') {
      const email = stringOf(body.email, 256)?.trim();
      if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return show(400, { fields: { email: [email ? MESSAGES.invalidValue() : MESSAGES.blank()] } });
      activationLink(ctx, email, 'email');
      return show();
    }
    const phone = normalizePhone(stringOf(body.phoneNumber, 40) ?? '');
    if (!phone) return show(400, { top: [MESSAGES.invalidPhone()] });
    activationLink(ctx, phone, 'sms');
    return show();
  },

  openLink(ctx): LinkResult {
    const { activation } = enrollState(ctx);
    if (ctx.tx.factor.phase !== 'enroll' || !activation || activation.expiresAt <= ctx.env.now()) return { result: 'expired' };
    // The phone activated: the org enrolls the device now; the client's next enroll-poll finishes.
    const secret = newTotpSecret();
    addEnrollment(ctx.user, 'okta_verify', { secret, methods: [...ORG_METHODS], numberChallenge: false });
    ctx.tx.factor.linkToken = undefined;
    return { result: 'activated', secret };
  },
};
