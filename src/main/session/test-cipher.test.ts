/**
 * The Node stand-in for safeStorage (`createTestCipher`) and the memory store: the integration
 * tests' evidence that nothing is kept in the clear rests on them, so they are tested too.
 */
import { describe, expect, it } from 'vitest';
import { UndecryptableError, createTestCipher } from './cipher';
import { createMemoryStore } from './store';

describe('createTestCipher', () => {
  it('round-trips, with a fresh IV each time (12-byte IV, 16-byte tag, then the body)', async () => {
    const cipher = createTestCipher();
    expect(await cipher.isAvailable()).toBe(true);
    const a = await cipher.encrypt('secret-value');
    const b = await cipher.encrypt('secret-value');
    expect(a.equals(b)).toBe(false);
    expect(a).toHaveLength(12 + 16 + Buffer.byteLength('secret-value'));
    expect(a.includes(Buffer.from('secret-value'))).toBe(false);
    expect(await cipher.decrypt(a)).toEqual({ plain: 'secret-value', shouldReEncrypt: false });
    expect(cipher.describe?.()).toBe('test cipher (AES-256-GCM, per-process key)');
  });

  it('refuses, as undecryptable, data that is changed, too short, or another key’s', async () => {
    const cipher = createTestCipher();
    const data = await cipher.encrypt('secret-value');
    const changed = Buffer.from(data);
    changed[changed.length - 1]! ^= 1;
    await expect(cipher.decrypt(changed)).rejects.toBeInstanceOf(UndecryptableError);
    // Its name is what the logs show (errorName), its message says what happened and nothing of the data.
    await expect(cipher.decrypt(changed)).rejects.toMatchObject({ name: 'UndecryptableError', message: 'The data cannot be decrypted with this key.' });
    await expect(cipher.decrypt(data.subarray(0, 27))).rejects.toBeInstanceOf(UndecryptableError);
    await expect(cipher.decrypt(data.subarray(0, 5))).rejects.toBeInstanceOf(UndecryptableError);
    await expect(cipher.decrypt(Buffer.alloc(0))).rejects.toBeInstanceOf(UndecryptableError);
    // Exactly IV and tag with no body: long enough to try, and the tag check fails.
    await expect(cipher.decrypt(Buffer.alloc(28))).rejects.toBeInstanceOf(UndecryptableError);
    await expect(createTestCipher().decrypt(data)).rejects.toBeInstanceOf(UndecryptableError);
    // An empty plain text is fine.
    expect((await cipher.decrypt(await cipher.encrypt(''))).plain).toBe('');
  });

  it('when unavailable, says so and refuses both ways with an error that is not "undecryptable"', async () => {
    const cipher = createTestCipher({ available: false });
    expect(await cipher.isAvailable()).toBe(false);
    expect(cipher.describe?.()).toBe('test cipher (unavailable)');
    await expect(cipher.encrypt('x')).rejects.toThrow('Encryption is not available.');
    const error = await cipher.decrypt(await createTestCipher().encrypt('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UndecryptableError);
    expect((error as Error).message).toBe('Encryption is not available.');
  });
});

describe('createMemoryStore', () => {
  it('keeps copies, so a later change to the written object does not reach the store', () => {
    const store = createMemoryStore({ seeded: 1 });
    expect(store.get('seeded')).toBe(1);
    const value = { nested: { a: 1 } };
    store.set('k', value);
    value.nested.a = 2;
    expect(store.get('k')).toEqual({ nested: { a: 1 } });
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
    expect([...store.entries.keys()]).toEqual(['seeded']);
  });
});
