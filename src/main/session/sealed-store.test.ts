/**
 * The sealed store on its own, with a cipher and a store that fail on cue: what each read and
 * write answers, what is kept or removed, and the exact log line of each case (the event, the key
 * and the reason an administrator greps for; never the data).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCapturingLogger } from '../log/logger';
import { CipherUnavailableError, UndecryptableError, createTestCipher, type Cipher } from './cipher';
import { SEALED_VERSION, createSealedStore } from './sealed-store';
import { createMemoryStore, type KeyValueStore } from './store';

const KEY = 'entry';
const schema = z.object({ n: z.number() });

function setup(options: { cipher?: Partial<Cipher>; store?: Partial<KeyValueStore> } = {}) {
  const real = createTestCipher();
  const cipher: Cipher = { ...real, ...options.cipher };
  const memory = createMemoryStore();
  const store: KeyValueStore = { get: memory.get, set: memory.set, delete: memory.delete, ...options.store };
  const log = createCapturingLogger();
  return { sealed: createSealedStore(cipher, store, log), memory, log, real };
}

/** An entry as the store holds it: the encrypted JSON, base64, with the version. */
async function sealedEntry(cipher: Cipher, plain: string) {
  return { version: SEALED_VERSION, data: (await cipher.encrypt(plain)).toString('base64') };
}

describe('write', () => {
  it('encrypts and stores, logging nothing', async () => {
    const { sealed, memory, log, real } = setup();
    expect(await sealed.write(KEY, { n: 1 })).toBe(true);
    const stored = memory.get(KEY) as { version: number; data: string };
    expect(stored.version).toBe(SEALED_VERSION);
    expect((await real.decrypt(Buffer.from(stored.data, 'base64'))).plain).toBe('{"n":1}');
    expect(log.entries).toEqual([]);
  });

  it('without encryption writes nothing and removes the old entry, naming the cipher', async () => {
    const { sealed, memory, log } = setup({ cipher: { isAvailable: async () => false, describe: () => 'keychain locked' } });
    memory.set(KEY, { old: true });
    expect(await sealed.write(KEY, { n: 1 })).toBe(false);
    expect(memory.entries.has(KEY)).toBe(false);
    expect(log.entries).toEqual([{ level: 'warn', event: 'vault.memory-only', fields: { key: KEY, cipher: 'keychain locked' } }]);
  });

  it('a cipher that cannot describe itself is "unknown"; one whose check throws counts as unavailable', async () => {
    const { sealed, log } = setup({
      cipher: {
        isAvailable: async () => {
          throw new Error('dbus gone');
        },
        describe: undefined,
      },
    });
    expect(await sealed.write(KEY, { n: 1 })).toBe(false);
    expect(log.entries).toEqual([
      { level: 'warn', event: 'vault.cipher-check-failed', fields: { error: { name: 'Error' } } },
      { level: 'warn', event: 'vault.memory-only', fields: { key: KEY, cipher: 'unknown' } },
    ]);
  });

  it('a cipher that finds out while encrypting that it cannot protect the data: memory-only', async () => {
    const { sealed, memory, log } = setup({
      cipher: {
        encrypt: async () => {
          throw new CipherUnavailableError('basic text');
        },
      },
    });
    memory.set(KEY, { old: true });
    expect(await sealed.write(KEY, { n: 1 })).toBe(false);
    expect(memory.entries.has(KEY)).toBe(false);
    expect(log.entries).toMatchObject([{ level: 'warn', event: 'vault.memory-only', fields: { key: KEY } }]);
  });

  it('any other failure keeps the old entry and logs the error by name', async () => {
    const { sealed, memory, log } = setup({
      store: {
        set: () => {
          throw new TypeError('disk full');
        },
      },
    });
    memory.set(KEY, { old: true });
    expect(await sealed.write(KEY, { n: 1 })).toBe(false);
    expect(memory.get(KEY)).toEqual({ old: true });
    expect(log.entries).toEqual([{ level: 'error', event: 'vault.save-failed', fields: { key: KEY, error: 'TypeError' } }]);
  });
});

describe('read', () => {
  it('an absent key is absent', async () => {
    const { sealed, log } = setup();
    expect(await sealed.read(KEY, schema)).toEqual({ kind: 'absent' });
    expect(log.entries).toEqual([]);
  });

  it('a store that cannot be read now: unavailable, the entry kept', async () => {
    const { sealed, log } = setup({
      store: {
        get: () => {
          throw new RangeError('EACCES');
        },
      },
    });
    expect(await sealed.read(KEY, schema)).toEqual({ kind: 'unavailable' });
    expect(log.entries).toEqual([{ level: 'error', event: 'vault.read-failed', fields: { key: KEY, error: 'RangeError' } }]);
  });

  it('a cipher unavailable at read: unavailable, the entry kept for a later launch', async () => {
    const real = createTestCipher();
    const entry = await sealedEntry(real, '{"n":1}');
    const { sealed, memory, log } = setup({ cipher: { isAvailable: async () => false } });
    memory.set(KEY, entry);
    expect(await sealed.read(KEY, schema)).toEqual({ kind: 'unavailable' });
    expect(memory.get(KEY)).toEqual(entry);
    expect(log.entries).toEqual([{ level: 'warn', event: 'vault.load-unavailable', fields: { key: KEY } }]);
  });

  it('a decrypt failing for now (a locked keychain): unavailable, the entry kept', async () => {
    const { sealed, memory, log, real } = setup({
      cipher: {
        decrypt: async () => {
          throw new SyntaxError('locked');
        },
      },
    });
    memory.set(KEY, await sealedEntry(real, '{"n":1}'));
    expect(await sealed.read(KEY, schema)).toEqual({ kind: 'unavailable' });
    expect(memory.entries.has(KEY)).toBe(true);
    expect(log.entries).toEqual([{ level: 'warn', event: 'vault.decrypt-unavailable', fields: { key: KEY, error: 'SyntaxError' } }]);
  });

  const discards: Array<[string, (real: Cipher) => Promise<unknown>, Partial<Cipher>]> = [
    ['unrecognised entry', async () => ({ version: SEALED_VERSION + 1, data: 'AAAA' }), {}],
    ['decryption failed', async (real) => sealedEntry(real, '{"n":1}'), { decrypt: async () => Promise.reject(new UndecryptableError()) }],
    ['not JSON', async (real) => sealedEntry(real, 'not json {'), {}],
    ['unexpected content', async (real) => sealedEntry(real, '{"n":"one"}'), {}],
  ];
  for (const [reason, entryOf, cipher] of discards) {
    it(`an entry that can never be read (${reason}) is removed and the reason logged`, async () => {
      const real = createTestCipher();
      const { sealed, memory, log } = setup({ cipher: { ...real, ...cipher } });
      memory.set(KEY, await entryOf(real));
      expect(await sealed.read(KEY, schema)).toEqual({ kind: 'discarded' });
      expect(memory.entries.has(KEY)).toBe(false);
      expect(log.entries).toEqual([{ level: 'warn', event: 'vault.entry-discarded', fields: { key: KEY, reason } }]);
    });
  }

  it('an entry under an old key is read and encrypted again under the new one', async () => {
    const real = createTestCipher();
    const old = await sealedEntry(real, '{"n":7}');
    const { sealed, memory, log } = setup({ cipher: { ...real, decrypt: async (data) => ({ ...(await real.decrypt(data)), shouldReEncrypt: true }) } });
    memory.set(KEY, old);
    expect(await sealed.read(KEY, schema)).toEqual({ kind: 'ok', value: { n: 7 } });
    expect(memory.get(KEY)).not.toEqual(old);
    expect((await real.decrypt(Buffer.from((memory.get(KEY) as { data: string }).data, 'base64'))).plain).toBe('{"n":7}');
    expect(log.entries).toEqual([{ level: 'info', event: 'vault.re-encrypted', fields: { key: KEY } }]);
  });
});

describe('delete', () => {
  it('removes the entry; a store that cannot delete is logged, not thrown', () => {
    const ok = setup();
    ok.memory.set(KEY, 1);
    ok.sealed.delete(KEY);
    expect(ok.memory.entries.has(KEY)).toBe(false);
    const failing = setup({
      store: {
        delete: () => {
          throw new URIError('EBUSY');
        },
      },
    });
    expect(() => failing.sealed.delete(KEY)).not.toThrow();
    expect(failing.log.entries).toEqual([{ level: 'error', event: 'vault.delete-failed', fields: { key: KEY, error: 'URIError' } }]);
  });
});
