/**
 * The application menu, built from Electron's standard roles so every OS gets its native
 * shortcuts (copy/paste in the sign-in form, zoom, close). Developer tools only in development:
 * a released build must not offer a console into the main window. Electron-free (only types),
 * so each platform's menu is tested in Node; electron/app-shell.ts installs it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/i18n/locales';
import { message } from '../../shared/i18n/text';
import { formatText } from '../i18n/format';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly packaged: boolean;
  /** Opens the folder where a per-user config.json goes (Help menu), for admins and support. */
  readonly openConfigFolder: () => void;
  /** Opens the folder holding the app's log file (Help menu), for support. */
  readonly openLogsFolder: () => void;
  /** The language of the app's own menu labels; English by default. */
  readonly locale?: Locale;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const label = (id: Parameters<typeof message>[0]) => formatText(message(id), options.locale ?? 'en');
  const devOnly: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const help: MenuItemConstructorOptions[] = [
    { label: label('menu.openConfigFolder'), click: () => options.openConfigFolder() },
    { label: label('menu.openLogsFolder'), click: () => options.openLogsFolder() },
    // macOS shows About in the app menu instead.
    ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    // Not role 'viewMenu': that one always includes Toggle Developer Tools.
    {
      label: label('menu.view'),
      submenu: [...devOnly, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: help },
  ];
}
