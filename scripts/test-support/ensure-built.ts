/**
 * Tests over the built bundles need out/. `npm test` builds before running Vitest; a lone
 * `npx vitest run scripts/…` builds here when out/ is missing, so the test never reads nothing.
 * When out/ is older than the sources it was built from, the tests would judge yesterday's code:
 * that is printed (not rebuilt, so a Stryker sandbox, whose copied files are all newer, does not
 * rebuild instrumented code), naming the newest source, so a failure there is not a mystery.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUILT_ENTRIES = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'] as const;
const SOURCE_FOLDERS = ['src/main', 'src/preload', 'src/shared', 'src/renderer'] as const;

/** The newest non-test source file under `folders` and its modification time (ms). */
export function newestSource(folders: ReadonlyArray<string>): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        const { mtimeMs } = statSync(path);
        if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
      }
    }
  };
  for (const folder of folders) if (existsSync(folder)) visit(folder);
  return newest;
}

/** Why out/ is stale (a source newer than the oldest built entry), or undefined when it is not. */
export function staleReason(entries: ReadonlyArray<string>, folders: ReadonlyArray<string>): string | undefined {
  const built = Math.min(...entries.map((entry) => statSync(entry).mtimeMs));
  const newest = newestSource(folders);
  return newest && newest.mtimeMs > built ? `${newest.path} changed after out/ was built` : undefined;
}

export function ensureBuilt(): void {
  if (BUILT_ENTRIES.every((entry) => existsSync(entry))) {
    const stale = staleReason(BUILT_ENTRIES, SOURCE_FOLDERS);
    if (stale) console.warn(`WARNING: these tests read out/, which is older than the sources (${stale}). Run \`npm run build\` if they fail.`);
    return;
  }
  console.log('out/ is missing: running electron-vite build');
  const result = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('electron-vite build failed; the bundle tests cannot run.');
}
