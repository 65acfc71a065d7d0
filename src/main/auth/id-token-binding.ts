/**
 * The id_token checks okta-auth-js 8 skips in an IDX sign-in. Its code exchange at the end of an
 * IDX run does not pass the transaction's nonce on, so `validateClaims` never compares it, and it
 * accepts any `aud` array that contains the client id. The SDK has verified the signature,
 * issuer, expiry and that the audience includes this client by the time these run.
 */
import { randomBytes } from 'node:crypto';
import { secretEqual } from '../security/secret-equal';

export type IdTokenProblem = 'nonce' | 'audience';

/** A fresh nonce for one sign-in transaction: 256 random bits, URL-safe. */
export const createNonce = (): string => randomBytes(32).toString('base64url');

/**
 * Why the id_token is not the answer to this sign-in, or undefined when it is: its `nonce` must
 * be the one this transaction sent (compared in constant time), and with more than one audience
 * (or any `azp`) the authorized party must be this client (OIDC Core 3.1.3.7, items 4-5).
 */
export function idTokenProblem(claims: Readonly<Record<string, unknown>>, expected: { nonce: string; clientId: string }): IdTokenProblem | undefined {
  const { nonce, aud, azp } = claims;
  if (typeof nonce !== 'string' || !secretEqual(nonce, expected.nonce)) return 'nonce';
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.clientId)) return 'audience';
  if ((audiences.length > 1 || azp !== undefined) && azp !== expected.clientId) return 'audience';
  return undefined;
}
