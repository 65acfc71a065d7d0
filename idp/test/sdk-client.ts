/**
 * Test helper: a real OktaAuth (Node build of @okta/okta-auth-js) pointed at an emulator, with
 * its own in-memory storage so parallel instances do not share transactions (reference §6).
 */
import { OktaAuth } from '@okta/okta-auth-js';
import type { RunningIdp } from '../index';

function memoryStorage(): { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void } {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

export function createSdk(idp: RunningIdp, opts: { legacy?: boolean; clientId?: string; redirectUri?: string } = {}): OktaAuth {
  return new OktaAuth({
    issuer: idp.issuer,
    clientId: opts.clientId ?? idp.clientId,
    redirectUri: opts.redirectUri ?? idp.redirectUri,
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    storageManager: {
      transaction: { storageProvider: memoryStorage() },
      token: { storageProvider: memoryStorage() },
    },
    tokenManager: { autoRenew: false, autoRemove: false },
    idx: { enableLegacyMode: opts.legacy ?? false },
  } as ConstructorParameters<typeof OktaAuth>[0]);
}
