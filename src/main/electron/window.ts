/** The one app window, locked down: isolated, sandboxed, no navigation, no popups, no permissions. */
import { fileURLToPath } from 'node:url';
import { BrowserWindow, session } from 'electron';
import { originOf } from '../ipc/sender-check';
import { DEFAULT_SIZE, MIN_SIZE, type WindowPlacement } from '../window-state';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

export function createMainWindow(startUrl: string, placement: WindowPlacement = { ...DEFAULT_SIZE, maximized: false }): BrowserWindow {
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
    },
  });
  window.once('ready-to-show', () => (placement.maximized ? window.maximize() : window.show()));
  window.webContents.on('will-navigate', (event, url) => {
    if (originOf(url) !== allowedOrigin) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadURL(startUrl);
  return window;
}

/** The app needs no camera, notifications, geolocation...: every request and check is refused. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
