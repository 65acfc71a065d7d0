/** The one app window, locked down: isolated, sandboxed, no navigation, no popups, no permissions. */
import { fileURLToPath } from 'node:url';
import { BrowserWindow, session } from 'electron';
import { originOf } from '../ipc/sender-check';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

export function createMainWindow(startUrl: string): BrowserWindow {
  const allowedOrigin = originOf(startUrl);
  const window = new BrowserWindow({
    width: 960,
    height: 720,
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
  window.once('ready-to-show', () => window.show());
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
