/**
 * `npm start`: the desktop app in development, on the org from OKTA_* or on the local emulator.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { resolveDevOrg } from './dev-org';
import { electronVersion, findElectronBinary } from './electron-dist';
import { electronViteCommand } from './electron-vite-cli';

const repo = resolve(import.meta.dirname, '..');

/**
 * The Electron binary, downloaded on the first run: Electron 45's npm package has no install
 * script and fetches its binary on first use (node_modules/electron/install.js). That download is
 * run here, so that its failure (offline, a blocked host) is one clear message naming the version
 * needed, not a stack trace from inside electron-vite. An ELECTRON_OVERRIDE_DIST_PATH is used as
 * it is, never "fixed" by a download.
 */
function ensureElectron(): { path: string } | { problem: string } {
  const found = findElectronBinary(repo, process.env);
  if ('path' in found || process.env['ELECTRON_OVERRIDE_DIST_PATH']?.trim()) return found;
  console.log(`Downloading Electron ${electronVersion(repo)} (first run only)…`);
  const installed = spawnSync(process.execPath, [join(repo, 'node_modules/electron/install.js')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  const again = findElectronBinary(repo, process.env);
  if ('path' in again) return again;
  const reason = (installed.stderr ?? '').split('\n').map((line) => line.trim()).find((line) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|fetch failed|status/i.test(line));
  return { problem: `${again.problem}${reason ? `\nThe download failed (${reason.replace(/^\S*Error:\s*/, '')}).` : ''}` };
}

const electron = ensureElectron();
if ('problem' in electron) {
  console.error(`${electron.problem}\nTo use the app without Electron: \`npm run preview:web\`.`);
  process.exit(1);
}

const org = await resolveDevOrg();
// An org from .env is read by the app itself (and read again by "Check again" on the needs-configuration screen);
// only the emulator started here, which has no file, is handed over in the environment.
const child = spawn(...electronViteCommand('dev'), { stdio: 'inherit', env: { ...process.env, ...(org.idp ? org.env : {}) } });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code) => {
  await org.close();
  process.exit(code ?? 0);
});
