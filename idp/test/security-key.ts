/**
 * The demo security key of `webauthn-only@example.com` (its public key and credential id are in
 * idp/org/users.demo.json), for tests only: Node signs assertions with it here, and the browser
 * journeys load it into Chromium's virtual authenticator. A test key, worthless anywhere else.
 */
import { createHash, createPrivateKey, sign } from 'node:crypto';

export const SECURITY_KEY = {
  credentialId: 'XoFxE_qM80TmETTmEFQz3Q',
  /** PKCS#8, base64 (what Chromium's WebAuthn.addCredential takes). */
  privateKey:
    'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgiOHxFm08I10jgkfRVB2wXQbc/3CPcnQSB0iy84Zn5EWhRANCAATCUaJr1DbIB2MsJtE842BNyMidtyo6PDP1RBsNJKHMLiqhiE/a/BLtOZv9neaThej8pNGcYekx9rELj5BitDyM',
  rpId: 'localhost',
} as const;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** What a browser would post for a WebAuthn assertion over `challenge` at `origin` (base64url fields). */
export function assertion(challenge: string, origin: string, options: { counter?: number; type?: string; key?: string; rpId?: string; flags?: number; clientExtra?: Record<string, unknown> } = {}) {
  const clientData = Buffer.from(JSON.stringify({ type: options.type ?? 'webauthn.get', challenge, origin, crossOrigin: false, ...options.clientExtra }));
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(options.counter ?? 1);
  // Flags: user present (0x01) and verified (0x04).
  const authenticatorData = Buffer.concat([sha256(options.rpId ?? SECURITY_KEY.rpId), Buffer.from([options.flags ?? 0x05]), counter]);
  const key = createPrivateKey({ key: Buffer.from(options.key ?? SECURITY_KEY.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientData)]), key);
  return { clientData: clientData.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signatureData: signature.toString('base64url') };
}
