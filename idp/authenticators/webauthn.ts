/**
 * Security key or biometric (`webauthn`): listed when a user has one, so a client can say it
 * cannot be used here. An embedded desktop flow cannot answer it: the WebAuthn relying party is
 * the org's domain, not the app's origin, so such an assertion fails as at Okta
 * (widget-playground/authenticator-verification-webauthn.json, error-authenticator-webauthn-failure.json).
 * The org's hosted sign-in page (idp/oauth/) can: its script asks the browser
 * (navigator.credentials.get) and, when the enrollment holds a credential (id and public key from
 * the users file), the assertion is checked here as a relying party must (W3C WebAuthn §7.2):
 * type, challenge, origin, RP ID hash, user presence, the signature over
 * authenticatorData ‖ SHA-256(clientDataJSON), and a signature counter that only grows. Never
 * offered for enrollment.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { randomToken } from '../http/http-util';
import { MESSAGES, typed } from '../idx/documents';
import { answerForm, authenticatorValue, enrollmentOf, enrollmentValue, stateOf, stringOf } from './documents';
import { DONE, show, type AuthenticatorModule, type Enrollment, type FactorContext } from './types';

const METHODS = ['webauthn'] as const;

/**
 * The hosted page's origin and RP ID: `localhost`, since browsers refuse an IP address as
 * relying-party id and the org itself listens on 127.0.0.1 (idp/oauth/authorize.ts).
 */
export function webauthnOrigin(orgOrigin: string): { origin: string; rpId: string } {
  const url = new URL(orgOrigin);
  url.hostname = 'localhost';
  return { origin: url.origin, rpId: 'localhost' };
}

const challengeOf = (ctx: FactorContext) => stateOf(ctx, () => ({ challenge: randomToken(16) }));
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const FLAG_USER_PRESENT = 0x01;
const failed = () => show(400, { top: [MESSAGES.webauthnFailed()] });

/** Whether the posted assertion is one the enrolled credential made over this challenge, here. */
function verifies(ctx: FactorContext, credentials: Record<string, unknown>): boolean {
  const credential = enrollmentOf(ctx.user, 'webauthn')?.data.credential;
  const clientData = stringOf(credentials.clientData, 4096);
  const authenticatorData = stringOf(credentials.authenticatorData, 4096);
  const signature = stringOf(credentials.signatureData, 1024);
  if (!credential || !clientData || !authenticatorData || !signature) return false;
  const clientJson = Buffer.from(clientData, 'base64url');
  let client: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    client = JSON.parse(clientJson.toString('utf8')) as typeof client;
  } catch {
    return false;
  }
  const { origin, rpId } = webauthnOrigin(ctx.env.origin);
  const auth = Buffer.from(authenticatorData, 'base64url');
  if (client.type !== 'webauthn.get' || client.challenge !== challengeOf(ctx).challenge || client.origin !== origin) return false;
  if (auth.length < 37 || !auth.subarray(0, 32).equals(sha256(rpId)) || (auth[32]! & FLAG_USER_PRESENT) === 0) return false;
  let valid: boolean;
  try {
    valid = verify('sha256', Buffer.concat([auth, sha256(clientJson)]), createPublicKey({ key: { ...credential.publicKey }, format: 'jwk' }), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
  const counter = auth.readUInt32BE(33);
  // A counter that does not grow means a cloned authenticator (§6.1.1); 0 means the key keeps none.
  if (!valid || (counter !== 0 && counter <= (credential.signCount ?? 0))) return false;
  credential.signCount = counter;
  return true;
}

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
    const { name, credential } = (enrollment as Enrollment<'webauthn'>).data;
    return { ...enrollmentValue(this, enrollment, METHODS), displayName: name, ...(credential ? { credentialId: credential.id } : {}) };
  },
  optionFields() {
    return [{ name: 'methodType', required: false, value: 'webauthn', mutable: false }];
  },

  start(ctx) {
    challengeOf(ctx);
    return show();
  },

  render(ctx, errors) {
    const { challenge } = challengeOf(ctx);
    const fields = ['clientData', 'authenticatorData', 'signatureData'].map((name) => ({ name, required: true, visible: false }));
    const { rpId } = webauthnOrigin(ctx.env.origin);
    const current = {
      contextualData: { challengeData: { challenge, rpId, userVerification: 'preferred', extensions: { appid: ctx.env.origin } } },
      ...this.authenticator(ctx.user),
    };
    return { remediation: [answerForm(ctx, fields, errors, '$.currentAuthenticator')], parts: { currentAuthenticator: typed(current) } };
  },

  answer(ctx, credentials) {
    if (!verifies(ctx, credentials)) return failed();
    // Used once: the same assertion cannot be posted again.
    ctx.tx.factor.state = { challenge: randomToken(16) };
    return DONE;
  },
};
