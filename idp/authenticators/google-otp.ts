/**
 * Google Authenticator (`google_otp`): a TOTP code from the app. Enrollment shows a QR code
 * (`contextualData.qrcode.href`, a PNG data URI of the `otpauth://` URI) and the setup key
 * (`contextualData.sharedSecret`); the first right code enrolls it. Documents as in
 * widget-playground/authenticator-verification-google-authenticator.json,
 * authenticator-enroll-google-authenticator.json and their error-*.json.
 */
import { MESSAGES, typed } from '../idx/documents';
import { addEnrollment, answerForm, authenticatorValue, enrollmentOf, enrollmentValue, stateOf, stringOf } from './documents';
import { checkTotp, newTotpSecret, qrDataUri, totpUri } from './totp';
import { DONE, show, type AuthenticatorModule, type FactorContext } from './types';

interface EnrollState {
  secret: string;
  qrcode: string;
  lastTotpStep?: number;
}

const METHODS = ['otp'] as const;

const enrollState = (ctx: FactorContext) => stateOf<EnrollState>(ctx, () => ({ secret: '', qrcode: '' }));

export const googleOtp: AuthenticatorModule = {
  key: 'google_otp',
  authenticatorId: 'autEmulatorGoogle001',
  displayName: 'Google Authenticator',
  type: 'app',
  embeddable: true,
  enrollable: true,

  authenticator() {
    return authenticatorValue(this, METHODS);
  },
  enrollment(_user, enrollment) {
    return enrollmentValue(this, enrollment, METHODS);
  },
  optionFields() {
    return [];
  },

  async start(ctx) {
    if (ctx.tx.factor.phase === 'enroll') {
      // A new secret each time enrollment starts; the phone learns it from the QR code or the key.
      const secret = newTotpSecret();
      Object.assign(enrollState(ctx), { secret, qrcode: await qrDataUri(totpUri(secret, ctx.user.login, ctx.env.settings.orgName)) });
    }
    return show();
  },

  render(ctx, errors) {
    const passcode = [{ name: 'passcode', label: 'Enter code', required: true, visible: true }];
    const remediation = [answerForm(ctx, passcode, errors, '$.currentAuthenticator')];
    if (ctx.tx.factor.phase === 'verify') {
      return { remediation, parts: { currentAuthenticator: typed(this.authenticator(ctx.user)), authenticators: typed([this.authenticator(ctx.user)], 'array') } };
    }
    const { secret, qrcode } = enrollState(ctx);
    const current = { contextualData: { qrcode: { method: 'embedded', href: qrcode, type: 'image/png' }, sharedSecret: secret }, ...this.authenticator(ctx.user) };
    return { remediation, parts: { currentAuthenticator: typed(current), enrollmentAuthenticator: typed(this.authenticator(ctx.user)) } };
  },

  answer(ctx, credentials) {
    const code = stringOf(credentials.passcode, 64);
    if (!code) return show(400, { fields: { passcode: [MESSAGES.blank()] } });
    if (ctx.tx.factor.phase === 'enroll') {
      const draft = enrollState(ctx);
      if (checkTotp(ctx.env, draft.secret, draft, code) !== 'ok') return show(401, { fields: { passcode: [MESSAGES.passcodeInvalid()] } });
      addEnrollment(ctx.user, 'google_otp', { secret: draft.secret }, draft.lastTotpStep);
      return DONE;
    }
    const enrollment = enrollmentOf(ctx.user, 'google_otp');
    const check = enrollment ? checkTotp(ctx.env, enrollment.data.secret, enrollment, code) : 'wrong';
    if (check === 'used') return show(401, { fields: { passcode: [MESSAGES.softTokenUsed()] } });
    if (check === 'wrong') return show(401, { fields: { passcode: [MESSAGES.softTokenInvalid()] } });
    return DONE;
  },
};
