/** How the vault encrypts: safeStorage in Electron, `createTestCipher` in Node tests. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Decrypted {
  readonly plain: string;
  /** The data was encrypted with an old or weaker key: encrypt it again (safeStorage's flag). */
  readonly shouldReEncrypt: boolean;
}

/**
 * The data cannot be decrypted with this user's key, now or later: written under another key,
 * on another computer or account, or damaged. Only this error lets the vault discard an entry; a
 * cipher that fails for any other reason (a locked keychain) leaves the entry for a later try.
 */
export class UndecryptableError extends Error {
  override name = 'UndecryptableError';
  constructor() {
    super('The data cannot be decrypted with this key.');
  }
}

/** The cipher cannot encrypt for real right now (found out while encrypting): treated as unavailable. */
export class CipherUnavailableError extends Error {
  override name = 'CipherUnavailableError';
}

export interface Cipher {
  /** False when the OS cannot encrypt for real; the vault then keeps nothing on disk. */
  isAvailable(): Promise<boolean>;
  /** Throws `CipherUnavailableError` when it finds it cannot protect the data after all. */
  encrypt(plain: string): Promise<Buffer>;
  /** Throws `UndecryptableError` when the data will never decrypt here; other errors are temporary. */
  decrypt(data: Buffer): Promise<Decrypted>;
  /** A short description for diagnostics (never key material). */
  describe?(): string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random key that lives only in this process. It stands in for Electron's
 * safeStorage where Electron is absent (Node tests, the web preview): the data is really
 * encrypted, but the key dies with the process, so nothing survives a restart. Never use it in
 * the Electron app.
 */
export function createTestCipher(options: { available?: boolean } = {}): Cipher {
  const key = randomBytes(32);
  const available = options.available ?? true;
  return {
    isAvailable: async () => available,
    async encrypt(plain) {
      if (!available) throw new Error('Encryption is not available.');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      if (!available) throw new Error('Encryption is not available.');
      if (data.length < IV_BYTES + TAG_BYTES) throw new UndecryptableError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return { plain, shouldReEncrypt: false };
      } catch {
        // GCM's tag check failed: another key wrote this, or it was changed.
        throw new UndecryptableError();
      }
    },
    describe: () => (available ? 'test cipher (AES-256-GCM, per-process key)' : 'test cipher (unavailable)'),
  };
}
