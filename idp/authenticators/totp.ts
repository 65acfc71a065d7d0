/**
 * TOTP codes apps compute (Google Authenticator, Okta Verify): RFC 6238 (30 s steps, 6 digits,
 * SHA-1) with Okta's window of one step either side, refusing a step already used; and the QR
 * code an app scans to enroll.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Enrollment, FactorEnv } from './types';

const PERIOD_SECONDS = 30;

function totp(secret: string, label = 'user', issuer = 'Okta'): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });
}

/** A fresh 160-bit TOTP secret in base32, as Okta issues for Google Authenticator. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export type TotpCheck = 'ok' | 'wrong' | 'used';

/**
 * Checks a TOTP code against an enrollment's secret at the org's time, one step either side.
 * A right code records its time step: it and any earlier step are refused afterwards.
 */
export function checkTotp(env: FactorEnv, secret: string, enrollment: Pick<Enrollment, 'lastTotpStep'>, typed: string): TotpCheck {
  const token = typed.trim();
  if (!/^\d{6}$/.test(token)) return 'wrong';
  const now = env.now();
  const delta = totp(secret).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return 'wrong';
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  if (enrollment.lastTotpStep !== undefined && step <= enrollment.lastTotpStep) return 'used';
  enrollment.lastTotpStep = step;
  return 'ok';
}

/** The `otpauth://` URI an authenticator app scans. */
export function totpUri(secret: string, login: string, issuer: string): string {
  return totp(secret, login, issuer).toString();
}

/** A PNG data URI of a QR code, for `contextualData.qrcode.href`. */
export function qrDataUri(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 200 });
}
