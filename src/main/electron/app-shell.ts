/**
 * Desktop-app behaviour around the one window: a single running instance (a second launch
 * focuses the first), the application menu, and the window reopening where it was left.
 * Thin: placement rules are shell/window-state.ts, the menu is shell/menu-template.ts.
 */
import Store from 'electron-store';
import { app, Menu, screen, type BrowserWindow } from 'electron';
import type { Locale } from '../../shared/i18n/locales';
import type { Logger } from '../log/logger';
import { menuTemplate, type MenuOptions } from '../shell/menu-template';
import { openFolder } from './open-folder';
import { placeWindow, windowStateToSave, type WindowPlacement } from '../shell/window-state';

/** False when another instance already runs: the caller must quit. That instance is focused. */
export function claimSingleInstance(currentWindow: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = currentWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}

/**
 * (Re)installs the menu in `locale`; `language` makes the Language menu. Called again when the
 * language changes. A folder the Help menu could not show is logged to `log` (a menu item has no
 * place to say so).
 */
export function installAppMenu(log: Logger, locale: Locale = 'en', language?: MenuOptions['language']): void {
  const template = menuTemplate({
    platform: process.platform,
    packaged: app.isPackaged,
    locale,
    ...(language && { language }),
    openConfigFolder: () => void openFolder(app.getPath('userData'), log),
    openLogsFolder: () => void openFolder(app.getPath('logs'), log),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

const windowState = (() => {
  let store: Store<Record<string, unknown>> | undefined;
  // Created on first use: electron-store needs the app's paths, which exist once the module runs in main.
  return () => (store ??= new Store<Record<string, unknown>>({ name: 'window-state', clearInvalidConfig: true }));
})();

/** Where to open the window: the saved placement if it still fits the connected displays. */
export function savedWindowPlacement(): WindowPlacement {
  return placeWindow(windowState().get('main'), screen.getAllDisplays().map((display) => display.workArea));
}

/** Saves the window's normal bounds when it closes, for the next launch. */
export function rememberWindowPlacement(window: BrowserWindow): void {
  window.on('close', () => windowState().set('main', windowStateToSave(window.getNormalBounds(), window.isMaximized())));
}
