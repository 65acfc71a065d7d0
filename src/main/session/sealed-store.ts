/**
 * One encrypted JSON entry per key in a key-value store: the shared mechanics of the token vault
 * and the pending-revocation list. Never writes in the clear (no cipher, nothing written), removes
 * an entry only when it can never be read (not JSON, wrong shape, or the cipher says it will not
 * decrypt under this key), keeps it when the keychain or the file is unavailable for now, never
 * throws, and never logs what is inside.
 */
import { z } from 'zod';
import { errorName, type Logger } from '../log/logger';
import { CipherUnavailableError, UndecryptableError, type Cipher, type Decrypted } from './cipher';
import type { KeyValueStore } from './store';

export const SEALED_VERSION = 1;

export type SealedRead<T> =
  | { readonly kind: 'absent' }
  /** The OS cannot decrypt or the store cannot be read right now; the entry is kept for later. */
  | { readonly kind: 'unavailable' }
  /** The entry could not be read and was removed. */
  | { readonly kind: 'discarded' }
  | { readonly kind: 'ok'; readonly value: T };

export interface SealedStore {
  /** Encrypts and writes; false (and the key removed) when the cipher cannot encrypt. */
  write(key: string, value: unknown): Promise<boolean>;
  read<T>(key: string, schema: z.ZodType<T>): Promise<SealedRead<T>>;
  delete(key: string): void;
}

const entrySchema = z.object({ version: z.literal(SEALED_VERSION), data: z.base64().min(1) }).strict();

export function createSealedStore(cipher: Cipher, store: KeyValueStore, log: Logger): SealedStore {
  async function available(): Promise<boolean> {
    try {
      return await cipher.isAvailable();
    } catch (error) {
      log.warn('vault.cipher-check-failed', { error });
      return false;
    }
  }

  // The store is a file (electron-store): a read or write can fail (permissions, full disk). That
  // is logged, never thrown, so start-up, sign-out and background retries carry on.
  function remove(key: string): void {
    try {
      store.delete(key);
    } catch (error) {
      log.error('vault.delete-failed', { key, error: errorName(error) });
    }
  }

  function discard(key: string, reason: string): SealedRead<never> {
    log.warn('vault.entry-discarded', { key, reason });
    remove(key);
    return { kind: 'discarded' };
  }

  function memoryOnly(key: string): false {
    // A plain-text fallback would leave refresh tokens readable by anything on the machine.
    log.warn('vault.memory-only', { key, cipher: cipher.describe?.() ?? 'unknown' });
    remove(key);
    return false;
  }

  async function write(key: string, value: unknown): Promise<boolean> {
    if (!(await available())) return memoryOnly(key);
    try {
      const data = await cipher.encrypt(JSON.stringify(value));
      // One key, overwritten in place: the old entry stays until the new one is written.
      store.set(key, { version: SEALED_VERSION, data: data.toString('base64') });
      return true;
    } catch (error) {
      if (error instanceof CipherUnavailableError) return memoryOnly(key);
      log.error('vault.save-failed', { key, error: errorName(error) });
      return false;
    }
  }

  return {
    write,

    async read(key, schema) {
      let raw: unknown;
      try {
        raw = store.get(key);
      } catch (error) {
        // Keep whatever is there: the file may be readable on the next launch.
        log.error('vault.read-failed', { key, error: errorName(error) });
        return { kind: 'unavailable' };
      }
      if (raw === undefined) return { kind: 'absent' };
      const entry = entrySchema.safeParse(raw);
      if (!entry.success) return discard(key, 'unrecognised entry');
      if (!(await available())) {
        // Keep the entry: the keychain may be locked now and work on the next launch.
        log.warn('vault.load-unavailable', { key });
        return { kind: 'unavailable' };
      }
      let decrypted: Decrypted;
      try {
        decrypted = await cipher.decrypt(Buffer.from(entry.data.data, 'base64'));
      } catch (error) {
        if (error instanceof UndecryptableError) return discard(key, 'decryption failed');
        // A locked keychain (or any failure the cipher cannot call final) must not cost the user
        // their session or the pending revocations of tokens still live at the IdP: keep it.
        log.warn('vault.decrypt-unavailable', { key, error: errorName(error) });
        return { kind: 'unavailable' };
      }
      let json: unknown;
      try {
        json = JSON.parse(decrypted.plain);
      } catch {
        return discard(key, 'not JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) return discard(key, 'unexpected content');
      // The OS rotated its key (or offers a stronger one): store the entry under the new key now.
      if (decrypted.shouldReEncrypt && (await write(key, json))) log.info('vault.re-encrypted', { key });
      return { kind: 'ok', value: parsed.data };
    },

    delete: remove,
  };
}
