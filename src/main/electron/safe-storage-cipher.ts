/** `Cipher` on Electron's safeStorage (OS keychain), async API only (the sync one is deprecated). */
import { safeStorage } from 'electron';
import type { Cipher } from '../session/cipher';

export function createSafeStorageCipher(): Cipher {
  const linuxBackend = () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined);
  return {
    async isAvailable() {
      // On Linux without a keyring, basic_text only obfuscates with a hard-coded key: not encryption.
      const backend = linuxBackend();
      if (backend === 'basic_text' || backend === 'unknown') return false;
      return safeStorage.isAsyncEncryptionAvailable();
    },
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    async decrypt(data) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
      return { plain: result, shouldReEncrypt };
    },
    describe: () => `safeStorage (${linuxBackend() ?? process.platform})`,
  };
}
