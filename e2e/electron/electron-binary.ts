/**
 * Where the Electron executable is, if there is one. It cannot be downloaded everywhere (the npm
 * package fetches it in a postinstall step), so the Electron journeys run only when it is present.
 */
import { join, resolve } from 'node:path';
import { findElectronBinary as find } from '../../scripts/electron-dist';

const repo = resolve(import.meta.dirname, '../..');

export const NO_ELECTRON_REASON =
  'No Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to a folder with the electron executable';

export function findElectronBinary(): string | undefined {
  const found = find(repo, process.env);
  return 'path' in found ? found.path : undefined;
}

/** The built main process; `npm run build` makes it. */
export const MAIN_ENTRY = join(repo, 'out/main/index.js');
