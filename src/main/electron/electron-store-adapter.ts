/** `KeyValueStore` on electron-store: a JSON file in userData, readable only by the user. */
import Store from 'electron-store';
import type { KeyValueStore } from '../session/store';

export function createElectronKeyValueStore(): KeyValueStore {
  // clearInvalidConfig: a corrupt file is reset instead of crashing the app; the vault copes with a missing entry.
  const store = new Store<Record<string, unknown>>({ name: 'session', configFileMode: 0o600, clearInvalidConfig: true });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
