/**
 * Where the Electron executable is, if there is one. It cannot be downloaded everywhere (the npm
 * package fetches it in a postinstall step), so the Electron journeys run only when it is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

export const NO_ELECTRON_REASON =
  'No Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to a folder with the electron executable';

export function findElectronBinary(): string | undefined {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  const pathFile = join(repo, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  const candidate = join(repo, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? candidate : undefined;
}

/** The built main process; `npm run build` makes it. */
export const MAIN_ENTRY = join(repo, 'out/main/index.js');
