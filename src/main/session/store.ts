/** Where the vault keeps its (already encrypted) entry: electron-store in Electron, memory in tests. */

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** A store that forgets everything when the process ends; `entries` lets tests look at rest data. */
export function createMemoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { readonly entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>(Object.entries(initial));
  return {
    entries,
    get: (key) => entries.get(key),
    set: (key, value) => void entries.set(key, structuredClone(value)),
    delete: (key) => void entries.delete(key),
  };
}
