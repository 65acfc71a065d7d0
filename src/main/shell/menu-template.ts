/**
 * The application menu, built from Electron's standard roles so every OS gets its native
 * shortcuts (copy/paste in the sign-in form, zoom, close). Developer tools only in development:
 * a released build must not offer a console into the main window. Electron-free (only types),
 * so each platform's menu is tested in Node; electron/app-shell.ts installs it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../shared/i18n/locales';
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
  /** The Language menu: the person's choice (undefined: the system's language), and what choosing does. */
  readonly language?: { readonly chosen: Locale | undefined; choose(locale: Locale | undefined): void };
}

/** "Same as the system", then each language by its own name. */
function languageMenu(language: NonNullable<MenuOptions['language']>, label: (id: 'menu.language.system') => string): MenuItemConstructorOptions[] {
  return [
    { type: 'radio', label: label('menu.language.system'), checked: language.chosen === undefined, click: () => language.choose(undefined) },
    { type: 'separator' },
    ...LOCALES.map((locale): MenuItemConstructorOptions => ({ type: 'radio', label: LOCALE_NAMES[locale], checked: language.chosen === locale, click: () => language.choose(locale) })),
  ];
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
    // The menus' own names in the app's language; the items inside roles keep Electron's labels.
    { role: 'fileMenu', label: label('menu.file') },
    { role: 'editMenu', label: label('menu.edit') },
    // Not role 'viewMenu': that one always includes Toggle Developer Tools.
    {
      label: label('menu.view'),
      submenu: [...devOnly, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    ...(options.language ? [{ label: label('menu.language'), submenu: languageMenu(options.language, label) }] : []),
    { role: 'windowMenu', label: label('menu.window') },
    { role: 'help', label: label('menu.help'), submenu: help },
  ];
}
