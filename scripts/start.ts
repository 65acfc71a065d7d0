/**
 * `npm start`: the desktop app in development, on the org from OKTA_* or on the local emulator.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolveDevOrg } from './dev-org';
import { electronViteCommand } from './electron-vite-cli';

function electronBinaryProblem(): string | undefined {
  try {
    // The electron package resolves to its binary path, honouring ELECTRON_OVERRIDE_DIST_PATH.
    createRequire(import.meta.url)('electron');
    return undefined;
  } catch {
    return (
      'The Electron binary is not installed (its download may have been skipped or blocked).\n' +
      'Install it with `node node_modules/electron/install.js`, or point ELECTRON_OVERRIDE_DIST_PATH\n' +
      'at a folder holding an Electron build. To use the app without Electron: `npm run preview:web`.'
    );
  }
}

const problem = electronBinaryProblem();
if (problem) {
  console.error(problem);
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
