/**
 * Security key or biometric (`webauthn`): listed when a user has one, so a client can say it
 * cannot be used here, and never completable. An embedded desktop flow cannot answer it: the
 * WebAuthn relying party is the org's domain, not the app's origin, so every assertion fails as
 * at Okta (widget-playground/authenticator-verification-webauthn.json,
 * error-authenticator-webauthn-failure.json). Never offered for enrollment.
 */
import { randomToken } from '../http-util';
import { MESSAGES, typed } from '../idx-documents';
import { answerForm, authenticatorValue, enrollmentValue, stateOf } from './documents';
import { show, type AuthenticatorModule, type Enrollment } from './types';

const METHODS = ['webauthn'] as const;

export const webauthn: AuthenticatorModule = {
  key: 'webauthn',
  authenticatorId: 'autEmulatorWebAuthn1',
  displayName: 'Security Key or Biometric',
  type: 'security_key',
  embeddable: false,
  enrollable: false,

  authenticator() {
    return authenticatorValue(this, METHODS);
  },
  enrollment(_user, enrollment) {
    return { ...enrollmentValue(this, enrollment, METHODS), displayName: (enrollment as Enrollment<'webauthn'>).data.name };
  },
  optionFields() {
    return [{ name: 'methodType', required: false, value: 'webauthn', mutable: false }];
  },

  start(ctx) {
    stateOf(ctx, () => ({ challenge: randomToken(16) }));
    return show();
  },

  render(ctx, errors) {
    const { challenge } = stateOf(ctx, () => ({ challenge: randomToken(16) }));
    const fields = ['clientData', 'authenticatorData', 'signatureData'].map((name) => ({ name, required: true, visible: false }));
    const current = {
      contextualData: { challengeData: { challenge, userVerification: 'preferred', extensions: { appid: ctx.env.origin } } },
      ...this.authenticator(ctx.user),
    };
    return { remediation: [answerForm(ctx, fields, errors, '$.currentAuthenticator')], parts: { currentAuthenticator: typed(current) } };
  },

  answer() {
    return show(400, { top: [MESSAGES.webauthnFailed()] });
  },
};
