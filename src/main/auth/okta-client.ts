/**
 * The one OktaAuth instance of the app, configured for a Node/Electron main process.
 */
import { OktaAuth, type SimpleStorage, type StorageManagerOptions } from '@okta/okta-auth-js';
import type { AppConfig } from '../config/okta-config';
import type { IdpTransport } from './http-client';

/**
 * In-memory storage owned by one OktaAuth instance. Without it the SDK falls back to a NodeCache
 * shared by every instance in the process (reference §6), so two clients would share a transaction.
 */
function createInstanceStorage(): SimpleStorage {
  const items = new Map<string, unknown>();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

// Every section the SDK asks for in Node (oidc/storage.js, storage/BaseStorageManager.js).
const STORAGE_SECTIONS = ['transaction', 'shared-transaction', 'original-uri', 'token', 'cache'] as const;

export function createOktaClient(config: AppConfig, transport: IdpTransport): OktaAuth {
  const storageManager: StorageManagerOptions = Object.fromEntries(
    STORAGE_SECTIONS.map((section) => [section, { storageProvider: createInstanceStorage() }]),
  );
  return new OktaAuth({
    issuer: config.issuer,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    scopes: [...config.scopes],
    pkce: true,
    // v8 defaults to step mode; the guide's one-call `authenticate({username,password})` needs legacy mode (reference §0).
    idx: { enableLegacyMode: true },
    storageManager,
    // Renewal in Node falls back to a hidden iframe and crashes (reference §5); the app drives it.
    tokenManager: { autoRenew: false, autoRemove: false, syncStorage: false },
    services: { autoRenew: false, autoRemove: false, syncStorage: false, renewOnTabActivation: false },
    httpRequestClient: transport.httpRequestClient,
    devMode: false,
  });
}
