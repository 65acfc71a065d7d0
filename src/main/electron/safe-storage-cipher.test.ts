/**
 * The safeStorage cipher against a stand-in of Electron's safeStorage that behaves as Electron
 * 45's source does (see src/main/testing/electron-standin.ts). Checks our wiring, not Electron.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createCapturingLogger } from '../log/logger';
import { UndecryptableError } from '../session/cipher';
import { createSealedStore } from '../session/sealed-store';
import { createMemoryStore } from '../session/store';
import { createTokenVault, LOCKED_MESSAGE, MEMORY_ONLY_MESSAGE, VAULT_KEY } from '../session/vault';
import { standin } from '../testing/electron-standin';
import { createSafeStorageCipher } from './safe-storage-cipher';

vi.mock('electron', () => import('../testing/electron-standin'));

const ready = (options: Parameters<typeof standin.reset>[0]) => {
  standin.reset(options);
  standin.becomeReady();
};

describe('safeStorage cipher on Linux', () => {
  beforeEach(() => ready({ platform: 'linux' }));

  it('is available with a working keyring, and its ciphertext is keyed by it (v11)', async () => {
    const cipher = createSafeStorageCipher('linux');
    expect(await cipher.isAvailable()).toBe(true);
    const data = await cipher.encrypt('secret');
    expect(data.subarray(0, 3).toString()).toBe('v11');
    expect(await cipher.decrypt(data)).toEqual({ plain: 'secret', shouldReEncrypt: false });
    expect(cipher.describe?.()).toBe('safeStorage (gnome_libsecret)');
  });

  it.each(['basic_text', 'unknown'])('refuses the %s backend: it is a hard-coded key, not a keychain', async (backend) => {
    ready({ platform: 'linux', linuxBackend: backend, keychain: 'posix-fallback' });
    expect(await createSafeStorageCipher('linux').isAvailable()).toBe(false);
  });

  it('refuses a keyring backend that fell back to the public POSIX key (v10) although Electron says available', async () => {
    ready({ platform: 'linux', linuxBackend: 'gnome_libsecret', keychain: 'posix-fallback' });
    const cipher = createSafeStorageCipher('linux');
    expect(await cipher.isAvailable()).toBe(false);
    await expect(cipher.encrypt('secret')).rejects.toMatchObject({ name: 'CipherUnavailableError' });
  });

  it('keeps nothing on disk and says memory-only when the keyring falls back', async () => {
    ready({ platform: 'linux', linuxBackend: 'kwallet6', keychain: 'posix-fallback' });
    const store = createMemoryStore();
    const vault = createTokenVault(createSafeStorageCipher('linux'), store, createCapturingLogger());
    const session = { tokens: {}, profile: { sub: '00u1' } } as never;
    expect(await vault.save(session)).toEqual({ storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] });
    expect(store.entries.size).toBe(0);
  });

  it('refuses to encrypt when the keyring goes away after a good probe', async () => {
    const cipher = createSafeStorageCipher('linux');
    expect(await cipher.isAvailable()).toBe(true);
    standin.setKeychain('posix-fallback');
    await expect(cipher.encrypt('secret')).rejects.toMatchObject({
      name: 'CipherUnavailableError',
      message: 'The OS keyring did not encrypt this data (Chromium fell back to its built-in key).',
    });
    expect(await cipher.isAvailable()).toBe(false);
  });

  it('asks to re-encrypt an entry an older version wrote under the fallback key', async () => {
    const cipher = createSafeStorageCipher('linux');
    expect(await cipher.decrypt(standin.sealForTest('v10', 'old'))).toEqual({ plain: 'old', shouldReEncrypt: true });
  });
});

describe('safeStorage cipher on macOS and Windows', () => {
  it.each(['darwin', 'win32'] as const)('%s: v10 is the OS-protected key, so it is accepted', async (platform) => {
    ready({ platform });
    const cipher = createSafeStorageCipher(platform);
    expect(await cipher.isAvailable()).toBe(true);
    const data = await cipher.encrypt('secret');
    expect(data.subarray(0, 3).toString()).toBe('v10');
    expect(await cipher.decrypt(data)).toEqual({ plain: 'secret', shouldReEncrypt: false });
    expect(cipher.describe?.()).toBe(`safeStorage (${platform})`);
  });

  it('is unavailable when the OS has no encryptor', async () => {
    ready({ platform: 'darwin', keychain: 'none' });
    expect(await createSafeStorageCipher('darwin').isAvailable()).toBe(false);
    // On Linux it says so without trying to encrypt (which would throw).
    ready({ platform: 'linux', keychain: 'none' });
    await expect(createSafeStorageCipher('linux').isAvailable()).resolves.toBe(false);
  });

  it('on Linux trusts the backend Chromium names over a probe: basic_text and unknown are never a keyring', async () => {
    for (const linuxBackend of ['basic_text', 'unknown']) {
      ready({ platform: 'linux', linuxBackend, keychain: 'keyring' });
      expect(await createSafeStorageCipher('linux').isAvailable(), linuxBackend).toBe(false);
    }
  });
});

describe('decryption failures', () => {
  it('a ciphertext that will never decrypt is UndecryptableError; a locked keychain is not', async () => {
    ready({ platform: 'darwin' });
    const cipher = createSafeStorageCipher('darwin');
    await expect(cipher.decrypt(Buffer.from('garbage'))).rejects.toBeInstanceOf(UndecryptableError);
    const data = await cipher.encrypt('secret');
    standin.setKeychain('locked');
    const locked = await cipher.decrypt(data).catch((error: unknown) => error);
    expect(locked).toBeInstanceOf(Error);
    expect(locked).not.toBeInstanceOf(UndecryptableError);
  });

  it('a keychain locked at launch keeps the saved session and the pending revocations for the next launch', async () => {
    ready({ platform: 'darwin' });
    const store = createMemoryStore();
    const cipher = createSafeStorageCipher('darwin');
    const sealed = createSealedStore(cipher, store, createCapturingLogger());
    const session = { tokens: { accessToken: { accessToken: 'a', tokenType: 'Bearer', expiresAt: 1, scopes: [] }, idToken: { idToken: 'i', claims: { sub: 's' }, expiresAt: 1, scopes: [] } }, profile: { sub: 's' } };
    await createTokenVault(cipher, store, createCapturingLogger()).save(session as never);
    await sealed.write('pending-revocation', [{ refreshToken: 'r', keepUntil: 1 }]);
    const before = structuredClone([...store.entries]);

    standin.setKeychain('locked');
    expect(await createTokenVault(cipher, store, createCapturingLogger()).load()).toEqual({ messages: [LOCKED_MESSAGE] });
    expect(await sealed.read('pending-revocation', z.array(z.unknown()))).toEqual({ kind: 'unavailable' });
    expect([...store.entries]).toEqual(before);

    standin.setKeychain('keyring');
    expect((await createTokenVault(cipher, store, createCapturingLogger()).load()).session).toEqual(session);
    expect(store.get(VAULT_KEY)).toEqual(before.find(([key]) => key === VAULT_KEY)?.[1]);
  });
});
