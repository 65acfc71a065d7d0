/**
 * Keeps the signed-in session (tokens + profile) encrypted in a key-value store.
 *
 * Modelled on the care in Element Desktop's store.ts: never write secrets in the clear (if the
 * cipher is unavailable nothing is written and the session is memory-only), write the new entry
 * before anything old is removed, treat an unreadable entry as absent (discard it and say so,
 * never throw), and never log what is inside.
 */
import { z } from 'zod';
import type { Tokens } from '@okta/okta-auth-js';
import type { TokenStorage, UiMessage, UserProfile } from '../../shared/contract';
import { userProfileSchema } from '../auth/profile';
import type { Logger } from '../log/logger';
import type { Cipher } from './cipher';
import type { KeyValueStore } from './store';

export const VAULT_KEY = 'session';
export const VAULT_VERSION = 1;

export interface StoredSession {
  readonly tokens: Tokens;
  readonly profile: UserProfile;
}

export interface SaveResult {
  readonly storage: TokenStorage;
  readonly messages: ReadonlyArray<UiMessage>;
}

export interface LoadResult {
  readonly session?: StoredSession;
  readonly messages: ReadonlyArray<UiMessage>;
}

export interface TokenVault {
  save(session: StoredSession): Promise<SaveResult>;
  load(): Promise<LoadResult>;
  clear(): void;
}

export const MEMORY_ONLY_MESSAGE: UiMessage = {
  level: 'warning',
  text:
    'This computer does not offer secure storage for your sign-in, so it is kept only while the app is open. ' +
    'You will need to sign in again the next time you start the app.',
};

export const DISCARDED_MESSAGE: UiMessage = {
  level: 'info',
  text: 'Your saved sign-in could not be read (it may have been created on another computer or account), so it was removed. Please sign in again.',
};

const entrySchema = z.object({ version: z.literal(VAULT_VERSION), data: z.base64().min(1) }).strict();

// Only the fields the app relies on are checked; the SDK's token objects carry more, kept as-is.
const tokenBase = { expiresAt: z.number(), scopes: z.array(z.string()) };
const payloadSchema = z.object({
  tokens: z.object({
    accessToken: z.looseObject({ ...tokenBase, accessToken: z.string().min(1), tokenType: z.string() }),
    idToken: z.looseObject({ ...tokenBase, idToken: z.string().min(1), claims: z.looseObject({ sub: z.string() }) }),
    refreshToken: z.looseObject({ ...tokenBase, refreshToken: z.string().min(1) }).optional(),
  }),
  profile: userProfileSchema,
});

export function createTokenVault(cipher: Cipher, store: KeyValueStore, log: Logger): TokenVault {
  async function available(): Promise<boolean> {
    try {
      return await cipher.isAvailable();
    } catch (error) {
      log.warn('vault.cipher-check-failed', { error });
      return false;
    }
  }

  function discard(reason: string): LoadResult {
    log.warn('vault.entry-discarded', { reason });
    store.delete(VAULT_KEY);
    return { messages: [DISCARDED_MESSAGE] };
  }

  return {
    async save(session) {
      if (!(await available())) {
        // A plain-text fallback would leave refresh tokens readable by anything on the machine.
        log.warn('vault.memory-only', { cipher: cipher.describe?.() ?? 'unknown' });
        store.delete(VAULT_KEY);
        return { storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] };
      }
      try {
        const data = await cipher.encrypt(JSON.stringify(session));
        // One key, overwritten in place: the old entry stays until the new one is written.
        store.set(VAULT_KEY, { version: VAULT_VERSION, data: data.toString('base64') });
        return { storage: 'encrypted', messages: [] };
      } catch (error) {
        log.error('vault.save-failed', { error });
        return { storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] };
      }
    },

    async load() {
      const raw = store.get(VAULT_KEY);
      if (raw === undefined) return { messages: [] };
      const entry = entrySchema.safeParse(raw);
      if (!entry.success) return discard('unrecognised entry');
      if (!(await available())) {
        // Keep the entry: the keychain may be locked now and work on the next launch.
        log.warn('vault.load-unavailable');
        return { messages: [] };
      }
      let plain: string;
      try {
        plain = await cipher.decrypt(Buffer.from(entry.data.data, 'base64'));
      } catch {
        return discard('decryption failed');
      }
      let json: unknown;
      try {
        json = JSON.parse(plain);
      } catch {
        return discard('not JSON');
      }
      const payload = payloadSchema.safeParse(json);
      if (!payload.success) return discard('unexpected content');
      return { session: payload.data as unknown as StoredSession, messages: [] };
    },

    clear() {
      store.delete(VAULT_KEY);
    },
  };
}
