/**
 * The vault's own "is encryption available" gate on write. The test cipher refuses to encrypt
 * by itself when unavailable, which would hide a vault that forgot to ask; these ciphers answer
 * isAvailable() false (or fail to answer) yet would happily "encrypt", as an OS fallback key can.
 */
import { describe, expect, it } from 'vitest';
import type { Tokens } from '@okta/okta-auth-js';
import { createCapturingLogger } from '../log/logger';
import { createTestCipher, type Cipher } from './cipher';
import { createMemoryStore } from './store';
import { MEMORY_ONLY_MESSAGE, VAULT_KEY, createTokenVault, type StoredSession } from './vault';

const now = Math.floor(Date.now() / 1000);
const session: StoredSession = {
  tokens: {
    accessToken: { accessToken: 'AT-gate-secret', tokenType: 'Bearer', expiresAt: now + 3600, scopes: ['openid'], authorizeUrl: '', userinfoUrl: '' },
    idToken: { idToken: 'ID-gate-secret', claims: { sub: '00u1' }, expiresAt: now + 3600, scopes: ['openid'], authorizeUrl: '', issuer: 'https://x', clientId: 'c' },
  } as Tokens,
  profile: { sub: '00u1' },
};

/** A working cipher that says it is unavailable (or cannot say), counting encrypt calls. */
function unavailableButWilling(isAvailable: () => Promise<boolean>): Cipher & { encrypted: number } {
  const inner = createTestCipher();
  const cipher = {
    encrypted: 0,
    isAvailable,
    async encrypt(plain: string) {
      cipher.encrypted += 1;
      return inner.encrypt(plain);
    },
    decrypt: (data: Buffer) => inner.decrypt(data),
  };
  return cipher;
}

describe('vault write gate', () => {
  it.each([
    ['says no', async () => false],
    ['throws when asked', async (): Promise<boolean> => {
      throw new Error('keychain daemon gone');
    }],
  ])('a cipher that %s is not used: memory-only, nothing written, an old entry removed', async (_, isAvailable) => {
    const store = createMemoryStore({ [VAULT_KEY]: { version: 1, data: 'b2xk' } });
    const log = createCapturingLogger();
    const cipher = unavailableButWilling(isAvailable);
    const vault = createTokenVault(cipher, store, log);

    expect(await vault.save(session)).toEqual({ storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] });
    expect(cipher.encrypted).toBe(0);
    expect(store.entries.has(VAULT_KEY)).toBe(false);
    expect(log.entries.map((e) => e.event)).toContain('vault.memory-only');
  });
});
