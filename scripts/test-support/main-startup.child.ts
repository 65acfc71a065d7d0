/**
 * Child process of scripts/main-startup.test.ts: loads the BUILT main bundle (out/main/index.js)
 * with 'electron' resolved to the stand-in, plays Electron's start-up (ready after the entry's
 * top level ran), then drives the app through what it registered and prints one JSON report.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { standin } from '../../src/main/testing/electron-standin';
import { APP_ENTRY_URL } from '../../src/main/renderer-host/app-protocol';
import { CHANNELS } from '../../src/shared/contract';

const userData = mkdtempSync(join(tmpdir(), 'main-startup-'));
standin.reset({ userData, appPath: process.cwd(), platform: 'linux', linuxBackend: 'gnome_libsecret' });

const errors: string[] = [];
process.on('uncaughtException', (error) => errors.push(`uncaught: ${error.message}`));
process.on('unhandledRejection', (error) => errors.push(`unhandled: ${(error as Error)?.message ?? String(error)}`));

await import(pathToFileURL(join(process.cwd(), 'out/main/index.js')).href);
const before = { privilegedSchemes: standin.state.privilegedSchemes, sandboxEnabled: standin.state.sandboxEnabled };
standin.becomeReady();

// start() runs after whenReady(); it is done once the window exists and the IPC is registered.
const deadline = Date.now() + 10_000;
while ((standin.state.windows.length === 0 || standin.state.ipcHandlers.size === 0) && standin.state.exitCode === undefined && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}

const window = standin.state.windows[0];
const fromPage = window ? { sender: window.webContents, senderFrame: window.webContents.mainFrame } : undefined;
const page = standin.state.protocolHandlers.has('app') ? await standin.request(APP_ENTRY_URL) : undefined;
const signIn = fromPage ? await standin.invokeMain(CHANNELS.signIn, { username: 'alice@example.com', password: process.env['DEMO_PASSWORD'] }, fromPage) : undefined;
const readIfThere = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
const storedText = readIfThere(join(userData, 'session.json'));
const stored: unknown = storedText === undefined ? undefined : JSON.parse(storedText);
const logFile = readIfThere(join(userData, 'logs', 'main.log'));

console.log(
  `REPORT ${JSON.stringify({
    before,
    exitCode: standin.state.exitCode,
    errors,
    channels: [...standin.state.ipcHandlers.keys()].sort(),
    protocols: [...standin.state.protocolHandlers.keys()],
    loadedUrls: window?.loadedUrls,
    webPreferences: window?.options['webPreferences'],
    page: page && { status: page.status, csp: page.headers.get('content-security-policy'), html: await page.text() },
    signIn,
    stored,
    logFile,
    menu: standin.state.menu !== undefined,
    permissionsDenied: standin.state.permissionRequestHandler !== undefined && standin.state.permissionCheckHandler !== undefined,
  })}`,
);
process.exit(0);
