/** The one app window, locked down: isolated, sandboxed, no navigation, no popups, no permissions. */
import { fileURLToPath } from 'node:url';
import { BrowserWindow, session, shell } from 'electron';
import { originOf } from '../ipc/sender-check';
import { errorName, type Logger } from '../log/logger';
import { isAllowedExternalUrl } from '../security/external-url';
import { DEFAULT_SIZE, MIN_SIZE, type WindowPlacement } from '../shell/window-state';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

export interface MainWindowOptions {
  readonly startUrl: string;
  readonly placement?: WindowPlacement;
  /**
   * https origins whose links open in the system browser (see isAllowedExternalUrl); asked at each
   * link, since "Check again" may bring the settings they come from after the window opened.
   */
  readonly externalOrigins?: () => ReadonlyArray<string>;
  readonly log: Logger;
}

export function createMainWindow({ startUrl, placement = { ...DEFAULT_SIZE, maximized: false }, externalOrigins = () => [], log }: MainWindowOptions): BrowserWindow {
  const allowedOrigin = originOf(startUrl);
  const window = new BrowserWindow({
    x: placement.x,
    y: placement.y,
    width: placement.width,
    height: placement.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Middle-click (auxclick) would open links in a new window without going through window.open.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => (placement.maximized ? window.maximize() : window.show()));
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (originOf(url) !== allowedOrigin) event.preventDefault();
  };
  window.webContents.on('will-navigate', stayInApp);
  // A server redirect is a navigation too.
  window.webContents.on('will-redirect', stayInApp);
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows ever; a link to the Okta org opens in the system browser instead.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, externalOrigins())) void shell.openExternal(url);
    return { action: 'deny' };
  });
  loadPage(window, startUrl, log);
  return window;
}

/** Loads `url` in the window (at start, and again in another language). */
export function loadPage(window: BrowserWindow, url: string, log: Logger): void {
  // loadURL rejects when the load fails or is superseded (ERR_ABORTED); unhandled, that rejection
  // would reach Electron's uncaught-exception dialog. Chromium shows its own error page meanwhile.
  window.loadURL(url).catch((error: unknown) => {
    const { code } = (error ?? {}) as { code?: unknown };
    log.error('window.load-failed', { failure: typeof code === 'string' ? code : errorName(error) });
  });
}

/** The app needs no camera, notifications, geolocation...: every request and check is refused. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
