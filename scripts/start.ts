/**
 * `npm start`: the desktop app in development, on the org from OKTA_* or on the local emulator.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { resolveDevOrg } from './dev-org';
import { findElectronBinary } from './electron-dist';
import { electronViteCommand } from './electron-vite-cli';

// Not require('electron'): its index.js starts a download when the binary is missing, and accepts
// an ELECTRON_OVERRIDE_DIST_PATH that holds no Electron.
const electron = findElectronBinary(resolve(import.meta.dirname, '..'), process.env);
if ('problem' in electron) {
  console.error(`${electron.problem}\nTo use the app without Electron: \`npm run preview:web\`.`);
  process.exit(1);
}

const org = await resolveDevOrg();
const child = spawn(...electronViteCommand('dev'), { stdio: 'inherit', env: { ...process.env, ...org.env } });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code) => {
  await org.close();
  process.exit(code ?? 0);
});
