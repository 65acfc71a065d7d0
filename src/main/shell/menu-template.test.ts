import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from './menu-template';

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
    expect(submenu(german, 'help').map((item) => item.label)).toEqual(['Konfigurationsordner öffnen', 'Protokollordner öffnen', undefined, undefined]);
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
});
