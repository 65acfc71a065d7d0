/**
 * The application menu, built from Electron's standard roles so every OS gets its native
 * behaviour and shortcuts (copy/paste in the sign-in form, zoom, close). Every item is labelled
 * from the catalog: Electron's own role labels are English on every OS ('Undo', 'Copy', 'Quit'),
 * so the role menus' items are spelled out here, as Electron lays them out, each with our label.
 * Developer tools only in development: a released build must not offer a console into the main
 * window. Electron-free (only types), so each platform's menu is tested in Node;
 * electron/app-shell.ts installs it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../shared/i18n/locales';
import { message, type MessageId } from '../../shared/i18n/text';
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

type Label = (id: MessageId) => string;
type Role = NonNullable<MenuItemConstructorOptions['role']>;

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** Electron's Edit menu, item by item (macOS has a few more), each named by the catalog. */
function editItems(mac: boolean, item: (role: Role, id: MessageId) => MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return [
    item('undo', 'menu.undo'),
    item('redo', 'menu.redo'),
    separator,
    item('cut', 'menu.cut'),
    item('copy', 'menu.copy'),
    item('paste', 'menu.paste'),
    ...(mac ? [item('pasteAndMatchStyle', 'menu.pasteAndMatchStyle'), item('delete', 'menu.delete'), item('selectAll', 'menu.selectAll')] : [item('delete', 'menu.delete'), separator, item('selectAll', 'menu.selectAll')]),
  ];
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const locale = options.locale ?? 'en';
  const label: Label = (id) => formatText(message(id), locale);
  // "About Okta Desktop Sign-In", "Quit Okta Desktop Sign-In": the app's name as the catalog has it.
  const withApp = (id: MessageId) => formatText(message(id, { app: message('app.name') }), locale);
  const item = (role: Role, id: MessageId): MenuItemConstructorOptions => ({ role, label: label(id) });
  const devOnly: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [item('reload', 'menu.reload'), item('forceReload', 'menu.forceReload'), item('toggleDevTools', 'menu.toggleDevTools'), separator];
  const about: MenuItemConstructorOptions = { role: 'about', label: withApp('menu.aboutApp') };
  const help: MenuItemConstructorOptions[] = [
    { label: label('menu.openConfigFolder'), click: () => options.openConfigFolder() },
    { label: label('menu.openLogsFolder'), click: () => options.openLogsFolder() },
    // macOS shows About in the app menu instead.
    ...(mac ? [] : [separator, about]),
  ];
  const appMenu: MenuItemConstructorOptions = {
    // Its own name is the app's bundle name, which macOS shows whatever the label says.
    role: 'appMenu',
    submenu: [
      about,
      separator,
      item('services', 'menu.services'),
      separator,
      { role: 'hide', label: withApp('menu.hideApp') },
      item('hideOthers', 'menu.hideOthers'),
      item('unhide', 'menu.showAll'),
      separator,
      { role: 'quit', label: withApp('menu.quitApp') },
    ],
  };
  // Windows says Exit, Linux Quit; on macOS quitting is in the app menu and File closes the window.
  const fileItems = mac ? [item('close', 'menu.closeWindow')] : [item('quit', options.platform === 'win32' ? 'menu.exit' : 'menu.quit')];
  const windowItems = [item('minimize', 'menu.minimize'), item('zoom', 'menu.zoom'), ...(mac ? [separator, item('front', 'menu.bringAllToFront')] : [item('close', 'menu.close')])];
  return [
    ...(mac ? [appMenu] : []),
    { role: 'fileMenu', label: label('menu.file'), submenu: fileItems },
    { role: 'editMenu', label: label('menu.edit'), submenu: editItems(mac, item) },
    // Not role 'viewMenu': that one always includes Toggle Developer Tools.
    {
      label: label('menu.view'),
      submenu: [
        ...devOnly,
        item('resetZoom', 'menu.actualSize'),
        item('zoomIn', 'menu.zoomIn'),
        item('zoomOut', 'menu.zoomOut'),
        separator,
        item('togglefullscreen', 'menu.toggleFullScreen'),
      ],
    },
    ...(options.language ? [{ label: label('menu.language'), submenu: languageMenu(options.language, label) }] : []),
    { role: 'windowMenu', label: label('menu.window'), submenu: windowItems },
    { role: 'help', label: label('menu.help'), submenu: help },
  ];
}
