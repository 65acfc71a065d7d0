/**
 * Keeps the signed-in session (tokens + profile) encrypted in a key-value store.
 *
 * Modelled on the care in Element Desktop's store.ts: never write secrets in the clear (if the
 * cipher is unavailable nothing is written and the session is memory-only), write the new entry
 * before anything old is removed, treat an unreadable entry as absent (discard it and say so,
 * never throw), and never log what is inside. The mechanics live in sealed-store.ts.
 */
import { z } from 'zod';
import type { Tokens } from '@okta/okta-auth-js';
import type { TokenStorage, UiMessage, UserProfile } from '../../shared/contract';
import { message } from '../../shared/i18n/text';
import { userProfileSchema } from '../auth/profile';
import type { Logger } from '../log/logger';
import type { Cipher } from './cipher';
import { SEALED_VERSION, createSealedStore } from './sealed-store';
import type { KeyValueStore } from './store';

export const VAULT_KEY = 'session';
export const VAULT_VERSION = SEALED_VERSION;

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
  text: message('vault.memoryOnly'),
};

export const DISCARDED_MESSAGE: UiMessage = {
  level: 'info',
  text: message('vault.discarded'),
};

export const LOCKED_MESSAGE: UiMessage = {
  level: 'info',
  text: message('vault.locked'),
};

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
  const sealed = createSealedStore(cipher, store, log);
  return {
    async save(session) {
      const written = await sealed.write(VAULT_KEY, session);
      return written ? { storage: 'encrypted', messages: [] } : { storage: 'memory-only', messages: [MEMORY_ONLY_MESSAGE] };
    },

    async load() {
      const read = await sealed.read(VAULT_KEY, payloadSchema);
      if (read.kind === 'ok') return { session: read.value as unknown as StoredSession, messages: [] };
      if (read.kind === 'discarded') return { messages: [DISCARDED_MESSAGE] };
      return { messages: read.kind === 'unavailable' ? [LOCKED_MESSAGE] : [] };
    },

    clear() {
      sealed.delete(VAULT_KEY);
    },
  };
}
