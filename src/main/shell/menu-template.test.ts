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
});
