/**
 * Child process of scripts/check-again-startup.test.ts: the BUILT main bundle as a packaged app
 * (on the Electron stand-in) whose config.json is incomplete. Drives the needs-configuration screen
 * through the IPC handlers main registered: open the folder, fix the file, Check again, and what
 * index.ts derives from the settings afterwards (links, the org's sign-in page, the private-use
 * redirect). Prints one JSON report.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { standin } from '../../src/main/testing/electron-standin';
import { CHANNELS } from '../../src/shared/contract';

// A fresh install: the user-data folder is there (Electron makes it), the config.json in it incomplete.
const userData = mkdtempSync(join(tmpdir(), 'check-again-'));
const configFile = join(userData, 'config.json');
// An https issuer on a closed loopback port: a released build accepts it, and nothing answers there.
const ORG = 'https://127.0.0.1:9';
writeFileSync(configFile, JSON.stringify({ OKTA_ISSUER: `${ORG}/oauth2/default` }));
standin.reset({ userData, appPath: process.cwd(), platform: 'linux', isPackaged: true });

const errors: string[] = [];
process.on('uncaughtException', (error) => errors.push(`uncaught: ${error.message}`));
process.on('unhandledRejection', (error) => errors.push(`unhandled: ${(error as Error)?.message ?? String(error)}`));

await import(pathToFileURL(join(process.cwd(), 'out/main/index.js')).href);
standin.becomeReady();
const deadline = Date.now() + 10_000;
while ((standin.state.windows.length === 0 || standin.state.ipcHandlers.size === 0) && standin.state.exitCode === undefined && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const window = standin.state.windows[0]!;
const fromPage = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
const invoke = (channel: string, payload?: unknown) => standin.invokeMain(channel, payload, fromPage);
const clickLink = (url: string) => window.webContents.windowOpenHandler!({ url });

const before = await invoke(CHANNELS.getState);
const opened = await invoke(CHANNELS.openConfigurationFolder);
const openedPaths = [...standin.state.openedPaths];
clickLink(`${ORG}/help`);
const externalBefore = [...standin.state.openedExternally];

writeFileSync(configFile, JSON.stringify({ OKTA_ISSUER: `${ORG}/oauth2/default`, OKTA_CLIENT_ID: 'client1', OKTA_REDIRECT_URI: 'com.example.oktadesktopsignin:/callback', OKTA_ORG_NAME: 'Acme' }));
const checked = await invoke(CHANNELS.checkConfiguration);
const branding = await invoke(CHANNELS.getBranding);
clickLink(`${ORG}/help`);
clickLink('https://elsewhere.example/');
const browser = await invoke(CHANNELS.signInWithBrowser, {});
const externalAfter = [...standin.state.openedExternally];

console.log(`REPORT ${JSON.stringify({ configFile, userData, errors, exitCode: standin.state.exitCode, before, opened, openedPaths, externalBefore, checked, branding, browser, externalAfter })}`);
process.exit(0);
