/**
 * `Cipher` on Electron's safeStorage (the OS keychain), async API only: the sync methods are
 * deprecated in Electron 45 and removed in 46.
 *
 * What Electron's own answers do not tell (shell/browser/api/electron_api_safe_storage.cc, v45):
 * - Linux: `getSelectedStorageBackend()` names the backend picked from the desktop environment,
 *   not one that works. With no keyring daemon, or a dismissed unlock prompt, os_crypt falls back
 *   to Chromium's hard-coded POSIX key and `isAsyncEncryptionAvailable()` still resolves true.
 *   Only the ciphertext tells: `v11` is keyed by the keyring, `v10` by the public key. So a
 *   probe must come out `v11`, and every encryption is checked again.
 * - `decryptStringAsync` rejects with "…is temporarily unavailable. Please try again." for a
 *   locked keychain, and with "Error while decrypting the ciphertext…" when the data will not
 *   decrypt under this key. Only the second may lose the entry (`UndecryptableError`).
 */
import { safeStorage } from 'electron';
import { CipherUnavailableError, UndecryptableError, type Cipher } from '../session/cipher';

const KEYRING_PREFIX = 'v11';
const UNDECRYPTABLE = /^Error while decrypting the ciphertext/;
/** Backend names that are never a keychain: basic_text is the hard-coded key; unknown means not ready. */
const NOT_A_KEYRING = new Set(['basic_text', 'unknown']);

export function createSafeStorageCipher(platform: NodeJS.Platform = process.platform): Cipher {
  const onLinux = platform === 'linux';
  // On macOS and Windows `v10` is the Keychain / DPAPI-protected key: only Linux has the fallback.
  const keyedByKeyring = (data: Buffer) => !onLinux || data.subarray(0, 3).toString('latin1') === KEYRING_PREFIX;
  // Once a probe came out keyed by the keyring it stays so; a failed probe is tried again on the
  // next write, since the user may unlock the keyring meanwhile.
  let keyringProven = false;

  async function linuxKeyringWorks(): Promise<boolean> {
    if (NOT_A_KEYRING.has(safeStorage.getSelectedStorageBackend())) return false;
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    keyringProven = keyedByKeyring(await safeStorage.encryptStringAsync('keyring probe'));
    return keyringProven;
  }

  return {
    async isAvailable() {
      if (!onLinux) return safeStorage.isAsyncEncryptionAvailable();
      return keyringProven || linuxKeyringWorks();
    },
    async encrypt(plain) {
      const data = await safeStorage.encryptStringAsync(plain);
      // The keyring can go away after the probe (daemon stopped): never write a fallback ciphertext.
      if (!keyedByKeyring(data)) {
        keyringProven = false;
        throw new CipherUnavailableError('The OS keyring did not encrypt this data (Chromium fell back to its built-in key).');
      }
      return data;
    },
    async decrypt(data) {
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
        // An entry an older version wrote under the fallback key is rewritten under the keyring
        // (or, without one, removed from disk by the vault and kept in memory).
        return { plain: result, shouldReEncrypt: shouldReEncrypt || !keyedByKeyring(data) };
      } catch (error) {
        if (error instanceof Error && UNDECRYPTABLE.test(error.message)) throw new UndecryptableError();
        throw error;
      }
    },
    describe: () => `safeStorage (${onLinux ? safeStorage.getSelectedStorageBackend() : platform})`,
  };
}
