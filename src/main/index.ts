/**
 * Electron entry: wires the Electron-free AuthApp to safeStorage, electron-store, net.fetch, the
 * window and IPC. Logic lives elsewhere; this file decides what is plugged in, and redraws the
 * menu and the window when the person picks another language.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, powerMonitor, type BrowserWindow } from 'electron';
import { createAuthApp, type AuthApp } from './app';
import { BUILD_DEFAULTS } from './config/build-defaults';
import { developmentSettings, releaseSettings } from './config/settings-source';
import { openFolder } from './electron/open-folder';
import { claimSingleInstance, installAppMenu, rememberWindowPlacement, savedWindowPlacement } from './electron/app-shell';
import { createElectronKeyValueStore } from './electron/electron-store-adapter';
import { registerAppScheme, serveRenderer } from './electron/app-protocol';
import { registerIpc } from './electron/ipc';
import { netFetch } from './electron/net-fetch';
import { createSafeStorageCipher } from './electron/safe-storage-cipher';
import { createMainWindow, denyAllPermissions, loadPage } from './electron/window';
import { createLanguageSetting } from './electron/language';
import { withLanguage } from './shell/language';
import type { Locale } from '../shared/i18n/locales';
import { originOf } from './ipc/sender-check';
import { linkOrigins } from './security/external-url';
import { bringToFront, signInPageOpener } from './electron/sign-in-page';
import { PRIVATE_USE_SCHEME, privateUseRedirect } from './config/redirect-scheme';
import { registerRedirectScheme } from './electron/redirect-scheme';
import { consoleWriter, createLineLogger, logLevelFromEnv } from './log/logger';
import { createLogFileWriter, LOG_FILE_NAME } from './log/log-file';
import { configFileCandidates } from './config/release-config';
import { APP_ENTRY_URL } from './renderer-host/app-protocol';

const here = fileURLToPath(new URL('.', import.meta.url));
// The console, and a file in the OS log folder (Help -> Open Logs Folder): a packaged app on
// Windows or macOS has no terminal. OKTA_APP_LOG_LEVEL=debug turns on verbose logs in a packaged
// app too; both writers get the same line, redacted at every level.
const log = createLineLogger(logLevelFromEnv(process.env, app.isPackaged ? 'warn' : 'debug'), [
  consoleWriter,
  createLogFileWriter({ path: join(app.getPath('logs'), LOG_FILE_NAME) }),
]);

app.enableSandbox();
registerAppScheme();

let authApp: AuthApp | undefined;
let mainWindow: BrowserWindow | undefined;
// One running app per user: a second launch focuses the first window and exits.
const isFirstInstance = claimSingleInstance(() => mainWindow);
if (!isFirstInstance) app.exit(0);
// A browser sign-in's answer on the app's own scheme (packaged builds). Listened to before ready:
// on macOS the URL that launched the app comes as open-url then.
const schemeRegistered = isFirstInstance && registerRedirectScheme(PRIVATE_USE_SCHEME, (url) => {
  if (!authApp?.handleRedirect(url)) log.warn('app.redirect-ignored');
});

/** Released builds: config.json / environment / build defaults (release-config.ts). Development: .env + environment. */
function appSettings() {
  if (app.isPackaged) {
    const files = configFileCandidates({ userDataDir: app.getPath('userData'), exePath: app.getPath('exe'), platform: process.platform, appImagePath: process.env['APPIMAGE'] });
    return releaseSettings({ files, env: process.env, buildDefaults: BUILD_DEFAULTS, platform: process.platform, log });
  }
  // Development reads a .env beside package.json; the real environment wins over it.
  return developmentSettings(join(app.getAppPath(), '.env'), process.env);
}

/** Only the Okta org's own https pages (and its help page) may open in the system browser. */
async function start(): Promise<void> {
  // The system's language unless the person chose one in the Language menu (kept in settings.json).
  const languageSetting = createLanguageSetting();
  let locale: Locale = languageSetting.current();
  const settings = appSettings();
  const config = settings.read();
  // What the Electron layer derives from the settings; set again when "Check again" finds usable ones.
  let orgConfig = config.ok ? config.config : undefined;
  authApp = await createAuthApp({
    config,
    settings,
    openConfigurationFolder: (folder) => openFolder(folder, log),
    onConfigured: (configured) => void (orgConfig = configured),
    cipher: createSafeStorageCipher(),
    store: createElectronKeyValueStore(),
    fetch: netFetch,
    log,
    discoverOffers: true,
    // The system browser opens the org's sign-in page and nothing else (plain http only for the emulator in development).
    openExternal: (url) => signInPageOpener(orgConfig?.issuer ?? '')(url),
    onBrowserReturn: () => bringToFront(mainWindow),
    language: () => locale,
    privateUseRedirect: (configured) => (schemeRegistered ? privateUseRedirect(configured.redirectUri) : undefined),
  });
  // Timers do not run while the computer sleeps: on wake, refresh if due and reconnect if offline.
  const resumed = authApp;
  powerMonitor.on('resume', () => void resumed.handleSystemResume());

  // electron-vite dev sets ELECTRON_RENDERER_URL; an empty value means none (a packaged app never uses it).
  const devServer = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined;
  if (!devServer) serveRenderer(join(here, '../renderer'));
  const startUrl = devServer ?? APP_ENTRY_URL;
  const allowedOrigin = originOf(startUrl);
  if (!allowedOrigin) throw new Error('The renderer URL is not valid.');

  denyAllPermissions();
  // A new language: remembered, the menu rebuilt in it, the window drawn again in it (its state is in main).
  const chooseLanguage = (choice: Locale | undefined) => {
    languageSetting.choose(choice);
    locale = languageSetting.current();
    installMenu();
    if (mainWindow && !mainWindow.isDestroyed()) loadPage(mainWindow, withLanguage(startUrl, locale), log);
  };
  const installMenu = () => installAppMenu(log, locale, { chosen: languageSetting.chosen(), choose: chooseLanguage });
  installMenu();
  const window = createMainWindow({ startUrl: withLanguage(startUrl, locale), placement: savedWindowPlacement(), externalOrigins: () => linkOrigins(orgConfig), log });
  mainWindow = window;
  rememberWindowPlacement(window);
  const unregister = registerIpc(authApp, window, allowedOrigin);
  window.on('closed', unregister);
}

if (isFirstInstance) app.whenReady().then(start).catch((error: unknown) => {
  log.error('app.start-failed', { error });
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void authApp?.dispose());
