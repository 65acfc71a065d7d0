/**
 * Tests over the built bundles need out/. `npm test` builds before running Vitest; a lone
 * `npx vitest run scripts/…` builds here when out/ is missing, so the test never reads nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const BUILT_ENTRIES = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'] as const;

export function ensureBuilt(): void {
  if (BUILT_ENTRIES.every((entry) => existsSync(entry))) return;
  console.log('out/ is missing: running electron-vite build');
  const result = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('electron-vite build failed; the bundle tests cannot run.');
}
