/**
 * electron-vite's CLI, run with this Node. `spawn('npx', ...)` fails on Windows (`npx` is
 * `npx.cmd` there, which spawn does not find, and may not run without a shell).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const packageJson = createRequire(import.meta.url).resolve('electron-vite/package.json');
const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };

/** `[command, ...args]` for `electron-vite <args>`. */
export function electronViteCommand(...args: string[]): [string, string[]] {
  return [process.execPath, [join(dirname(packageJson), bin['electron-vite']!), ...args]];
}
