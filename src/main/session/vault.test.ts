import { describe, expect, it } from 'vitest';
import type { Tokens } from '@okta/okta-auth-js';
import { createCapturingLogger } from '../log/logger';
import { CipherUnavailableError, createTestCipher, type Cipher } from './cipher';
import { createMemoryStore } from './store';
import { DISCARDED_MESSAGE, LOCKED_MESSAGE, MEMORY_ONLY_MESSAGE, VAULT_KEY, createTokenVault, type StoredSession } from './vault';

const now = Math.floor(Date.now() / 1000);
const tokens = {
  accessToken: { accessToken: 'AT-secret-value-123', tokenType: 'Bearer', expiresAt: now + 3600, scopes: ['openid'], authorizeUrl: '', userinfoUrl: '' },
  idToken: { idToken: 'ID-secret-value-456', claims: { sub: '00u1' }, expiresAt: now + 3600, scopes: ['openid'], authorizeUrl: '', issuer: 'https://x', clientId: 'c' },
  refreshToken: { refreshToken: 'RT-secret-value-789', expiresAt: now + 3600, scopes: ['openid'], authorizeUrl: '', tokenUrl: '', issuer: 'https://x' },
} as Tokens;
const session: StoredSession = { tokens, profile: { sub: '00u1', email: 'alice@example.com' } };
const fail = (): never => {
  throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
};

describe('token vault', () => {
  it('stores the session encrypted and reads it back', async () => {
    const store = createMemoryStore();
    const log = createCapturingLogger();
    const vault = createTokenVault(createTestCipher(), store, log);
    expect(await vault.save(session)).toEqual({ storage: 'encrypted', messages: [] });

    const atRest = JSON.stringify([...store.entries]);
    const base64Of = (s: string) => Buffer.from(s).toString('base64');
    for (const secret of ['AT-secret-value-123', 'ID-secret-value-456', 'RT-secret-value-789', 'alice@example.com']) {
      expect(atRest).not.toContain(secret);
      expect(atRest).not.toContain(base64Of(secret).slice(0, 12));
    }
    expect(store.get(VAULT_KEY)).toMatchObject({ version: 1, data: expect.any(String) });
    expect((await vault.load()).session).toEqual(session);
    expect(JSON.stringify(log.entries)).not.toContain('secret-value');
  });

  it('writes nothing and reports memory-only when the cipher is unavailable', async () => {
    const store = createMemoryStore();
    const vault = createTokenVault(createTestCipher({ available: false }), store, createCapturingLogger());
    expect(await vault.save(session)).toEqual({ storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] });
    expect(store.entries.size).toBe(0);
  });

  it('discards an entry another key encrypted, without throwing', async () => {
    const store = createMemoryStore();
    await createTokenVault(createTestCipher(), store, createCapturingLogger()).save(session);
    const other = createTokenVault(createTestCipher(), store, createCapturingLogger());
    expect(await other.load()).toEqual({ messages: [DISCARDED_MESSAGE] });
    expect(store.get(VAULT_KEY)).toBeUndefined();
  });

  it('discards malformed entries and decryptable garbage', async () => {
    const cipher = createTestCipher();
    for (const bad of [{ version: 2, data: 'AAAA' }, 'plain text', { version: 1, data: 'not base64!' }]) {
      const store = createMemoryStore({ [VAULT_KEY]: bad });
      expect(await createTokenVault(cipher, store, createCapturingLogger()).load()).toEqual({ messages: [DISCARDED_MESSAGE] });
      expect(store.entries.size).toBe(0);
    }
    const garbage = (await cipher.encrypt('{"tokens":{}}')).toString('base64');
    const store = createMemoryStore({ [VAULT_KEY]: { version: 1, data: garbage } });
    expect(await createTokenVault(cipher, store, createCapturingLogger()).load()).toEqual({ messages: [DISCARDED_MESSAGE] });
  });

  it('never throws when the store file cannot be read or written; a read failure keeps the entry', async () => {
    const cipher = createTestCipher();
    const store = createMemoryStore();
    await createTokenVault(cipher, store, createCapturingLogger()).save(session);
    const broken = { ...store, get: fail, set: fail, delete: fail };
    const log = createCapturingLogger();
    const vault = createTokenVault(cipher, broken, log);
    expect(await vault.load()).toEqual({ messages: [LOCKED_MESSAGE] });
    expect(await vault.save(session)).toEqual({ storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] });
    expect(() => vault.clear()).not.toThrow();
    expect(log.entries.map((e) => e.event)).toEqual(['vault.read-failed', 'vault.save-failed', 'vault.delete-failed']);
    // Nothing was removed because of the failed read.
    expect((await createTokenVault(cipher, store, createCapturingLogger()).load()).session).toEqual(session);
  });

  it('keeps the entry when decryption fails for now (a locked keychain) and reads it once it works', async () => {
    const store = createMemoryStore();
    const cipher = createTestCipher();
    await createTokenVault(cipher, store, createCapturingLogger()).save(session);
    const entry = store.get(VAULT_KEY);
    // Any failure other than UndecryptableError is one the cipher cannot call final.
    const locked: Cipher = { ...cipher, decrypt: async () => Promise.reject(new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.')) };
    const log = createCapturingLogger();
    expect(await createTokenVault(locked, store, log).load()).toEqual({ messages: [LOCKED_MESSAGE] });
    expect(store.get(VAULT_KEY)).toEqual(entry);
    expect(log.entries.map((e) => e.event)).toEqual(['vault.decrypt-unavailable']);
    expect((await createTokenVault(cipher, store, createCapturingLogger()).load()).session).toEqual(session);
  });

  it('goes memory-only, removing the old entry, when the cipher finds while encrypting that it cannot protect the data', async () => {
    const store = createMemoryStore();
    const cipher = createTestCipher();
    await createTokenVault(cipher, store, createCapturingLogger()).save(session);
    const fallback: Cipher = { ...cipher, encrypt: async () => Promise.reject(new CipherUnavailableError('fell back to a public key')) };
    const log = createCapturingLogger();
    expect(await createTokenVault(fallback, store, log).save(session)).toEqual({ storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] });
    expect(store.entries.size).toBe(0);
    expect(log.entries.map((e) => e.event)).toEqual(['vault.memory-only']);
  });

  it('encrypts an entry again when the OS says its key changed', async () => {
    const store = createMemoryStore();
    const cipher = createTestCipher();
    await createTokenVault(cipher, store, createCapturingLogger()).save(session);
    const entry = store.get(VAULT_KEY);
    const rotated = { ...cipher, decrypt: async (data: Buffer) => ({ ...(await cipher.decrypt(data)), shouldReEncrypt: true }) };
    const log = createCapturingLogger();
    expect((await createTokenVault(rotated, store, log).load()).session).toEqual(session);
    expect(store.get(VAULT_KEY)).not.toEqual(entry);
    expect(log.entries.map((e) => e.event)).toEqual(['vault.re-encrypted']);
    expect((await createTokenVault(cipher, store, createCapturingLogger()).load()).session).toEqual(session);
    // Without the flag the entry is left as it is.
    const now = store.get(VAULT_KEY);
    await createTokenVault(cipher, store, createCapturingLogger()).load();
    expect(store.get(VAULT_KEY)).toEqual(now);
  });

  it('returns nothing for an empty store and clears on request', async () => {
    const store = createMemoryStore();
    const vault = createTokenVault(createTestCipher(), store, createCapturingLogger());
    expect(await vault.load()).toEqual({ messages: [] });
    await vault.save(session);
    vault.clear();
    expect(store.entries.size).toBe(0);
  });
});
