import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from './menu-template';
import { CATALOGS } from '../../shared/i18n/catalog';
import { LOCALE_NAMES, LOCALES } from '../../shared/i18n/locales';

const roles = (items: ReadonlyArray<MenuItemConstructorOptions>) => items.map((item) => item.role ?? item.label ?? item.type);
const submenu = (items: MenuItemConstructorOptions[], name: string) => {
  const menu = items.find((item) => item.role === name || item.label === name)?.submenu;
  if (!Array.isArray(menu)) throw new Error(`no ${name} submenu`);
  return menu;
};

describe('menuTemplate', () => {
  it('has the standard menus on each OS, with the app menu only on macOS', () => {
    const open = () => undefined;
    expect(roles(menuTemplate({ platform: 'darwin', packaged: true, openConfigFolder: open, openLogsFolder: open }))).toEqual(['appMenu', 'fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
    for (const platform of ['win32', 'linux'] as const) {
      expect(roles(menuTemplate({ platform, packaged: true, openConfigFolder: open, openLogsFolder: open }))).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
    }
  });

  it('offers developer tools and reload only in development', () => {
    const packaged = submenu(menuTemplate({ platform: 'linux', packaged: true, openConfigFolder: () => undefined, openLogsFolder: () => undefined }), 'View');
    const dev = submenu(menuTemplate({ platform: 'linux', packaged: false, openConfigFolder: () => undefined, openLogsFolder: () => undefined }), 'View');
    expect(roles(packaged)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    expect(roles(dev)).toEqual(['reload', 'forceReload', 'toggleDevTools', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    const everyRole = JSON.stringify(menuTemplate({ platform: 'darwin', packaged: true, openConfigFolder: () => undefined, openLogsFolder: () => undefined }));
    expect(everyRole).not.toMatch(/toggleDevTools|viewMenu|reload/i);
  });

  it('puts About in Help except on macOS, and the configuration and logs folder items call back', () => {
    const openConfigFolder = vi.fn();
    const openLogsFolder = vi.fn();
    const winHelp = submenu(menuTemplate({ platform: 'win32', packaged: true, openConfigFolder, openLogsFolder }), 'help');
    expect(roles(winHelp)).toEqual(['Open Configuration Folder', 'Open Logs Folder', 'separator', 'about']);
    expect(roles(submenu(menuTemplate({ platform: 'darwin', packaged: true, openConfigFolder, openLogsFolder }), 'help'))).toEqual(['Open Configuration Folder', 'Open Logs Folder']);
    (winHelp[0]!.click as () => void)();
    expect(openConfigFolder).toHaveBeenCalledOnce();
    expect(openLogsFolder).not.toHaveBeenCalled();
    (winHelp[1]!.click as () => void)();
    expect(openLogsFolder).toHaveBeenCalledOnce();
  });

  it('names its menus in the app’s language', () => {
    const open = () => undefined;
    const german = menuTemplate({ platform: 'linux', packaged: true, openConfigFolder: open, openLogsFolder: open, locale: 'de' });
    expect(german.map((item) => item.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Fenster', 'Hilfe']);
    expect(submenu(german, 'help').map((item) => item.label)).toEqual(['Konfigurationsordner öffnen', 'Protokollordner öffnen', undefined, 'Über Okta Desktop Sign-In']);
    expect(menuTemplate({ platform: 'linux', packaged: true, openConfigFolder: open, openLogsFolder: open }).map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('offers every language by its own name, and the system’s, with the choice ticked', () => {
    const choose = vi.fn();
    const open = () => undefined;
    const items = menuTemplate({ platform: 'win32', packaged: true, openConfigFolder: open, openLogsFolder: open, locale: 'fr', language: { chosen: 'ja', choose } });
    expect(items.map((item) => item.label)).toContain('Langue');
    const languages = submenu(items, 'Langue');
    expect(languages.map((item) => [item.type, item.label, item.checked])).toEqual([
      ['radio', 'Comme le système', false],
      ['separator', undefined, undefined],
      ['radio', 'English', false],
      ['radio', 'Deutsch', false],
      ['radio', 'Français', false],
      ['radio', 'Español', false],
      ['radio', '日本語', true],
      ['radio', 'العربية', false],
    ]);
    (languages[7]!.click as () => void)();
    (languages[0]!.click as () => void)();
    expect(choose.mock.calls).toEqual([['ar'], [undefined]]);
    const system = submenu(menuTemplate({ platform: 'linux', packaged: true, openConfigFolder: open, openLogsFolder: open, language: { chosen: undefined, choose } }), 'Language');
    expect(system.filter((item) => item.checked).map((item) => item.label)).toEqual(['Same as the system']);
  });

  it('names every item of the role menus itself: Electron’s role labels are English on every OS', () => {
    const open = () => undefined;
    const german = (platform: NodeJS.Platform, packaged = true) => labelTree(menuTemplate({ platform, packaged, openConfigFolder: open, openLogsFolder: open, locale: 'de' }));
    expect(german('linux')).toEqual([
      ['Datei', ['Beenden']],
      ['Bearbeiten', ['Widerrufen', 'Wiederholen', '-', 'Ausschneiden', 'Kopieren', 'Einsetzen', 'Löschen', '-', 'Alles auswählen']],
      ['Ansicht', ['Originalgröße', 'Vergrößern', 'Verkleinern', '-', 'Vollbild ein/aus']],
      ['Fenster', ['Minimieren', 'Zoomen', 'Schließen']],
      ['Hilfe', ['Konfigurationsordner öffnen', 'Protokollordner öffnen', '-', 'Über Okta Desktop Sign-In']],
    ]);
    expect(german('darwin', false)).toEqual([
      [
        undefined,
        ['Über Okta Desktop Sign-In', '-', 'Dienste', '-', 'Okta Desktop Sign-In ausblenden', 'Andere ausblenden', 'Alle einblenden', '-', 'Okta Desktop Sign-In beenden'],
      ],
      ['Datei', ['Fenster schließen']],
      ['Bearbeiten', ['Widerrufen', 'Wiederholen', '-', 'Ausschneiden', 'Kopieren', 'Einsetzen', 'Einsetzen und Stil anpassen', 'Löschen', 'Alles auswählen']],
      ['Ansicht', ['Neu laden', 'Neu laden erzwingen', 'Entwicklertools ein-/ausblenden', '-', 'Originalgröße', 'Vergrößern', 'Verkleinern', '-', 'Vollbild ein/aus']],
      ['Fenster', ['Minimieren', 'Zoomen', '-', 'Alle nach vorne bringen']],
      ['Hilfe', ['Konfigurationsordner öffnen', 'Protokollordner öffnen']],
    ]);
    // The roles stay: Electron and the OS still do the work and give the shortcuts.
    const mac = menuTemplate({ platform: 'darwin', packaged: false, openConfigFolder: open, openLogsFolder: open });
    expect(roles(submenu(mac, 'appMenu'))).toEqual(['about', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(roles(submenu(mac, 'fileMenu'))).toEqual(['close']);
    expect(roles(submenu(mac, 'editMenu'))).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    expect(roles(submenu(mac, 'windowMenu'))).toEqual(['minimize', 'zoom', 'separator', 'front']);
    expect(roles(submenu(mac, 'View'))).toEqual(['reload', 'forceReload', 'toggleDevTools', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    const linux = menuTemplate({ platform: 'linux', packaged: true, openConfigFolder: open, openLogsFolder: open });
    expect(roles(submenu(linux, 'fileMenu'))).toEqual(['quit']);
    expect(roles(submenu(linux, 'editMenu'))).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'delete', 'separator', 'selectAll']);
    expect(roles(submenu(linux, 'windowMenu'))).toEqual(['minimize', 'zoom', 'close']);
    // Windows says Exit, Linux Quit, as their own apps do.
    expect(labelTree(menuTemplate({ platform: 'win32', packaged: true, openConfigFolder: open, openLogsFolder: open }))[0]).toEqual(['File', ['Exit']]);
    expect(labelTree(linux)[0]).toEqual(['File', ['Quit']]);
  });

  it('labels every item in every language and on every OS from that language’s catalog', () => {
    const open = () => undefined;
    for (const locale of LOCALES) {
      const appName = CATALOGS[locale]['app.name'];
      const fromCatalog = new Set([...Object.values(CATALOGS[locale]).map((text) => text.replace('{app}', appName)), ...Object.values(LOCALE_NAMES)]);
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const items = flatten(menuTemplate({ platform, packaged: false, openConfigFolder: open, openLogsFolder: open, locale, language: { chosen: undefined, choose: open } }));
        const unlabelled = items.filter((item) => item.type !== 'separator' && item.role !== 'appMenu' && item.label === undefined);
        expect(unlabelled.map((item) => item.role), `${locale} ${platform}`).toEqual([]);
        expect(items.map((item) => item.label).filter((label) => label !== undefined && !fromCatalog.has(label)), `${locale} ${platform}`).toEqual([]);
      }
    }
  });
});

/** Each item's label, a submenu as [label, its labels], a separator as '-'. */
type LabelTree = Array<string | undefined | [string | undefined, LabelTree]>;
function labelTree(items: ReadonlyArray<MenuItemConstructorOptions>): LabelTree {
  return items.map((item) => (item.type === 'separator' ? '-' : Array.isArray(item.submenu) ? [item.label, labelTree(item.submenu)] : item.label));
}

function flatten(items: ReadonlyArray<MenuItemConstructorOptions>): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
