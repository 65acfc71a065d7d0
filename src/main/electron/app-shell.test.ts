/**
 * The desktop shell (single instance, menu, window placement) and the electron-store adapter, on
 * the Electron stand-in (src/main/testing/electron-standin.ts) with the real electron-store
 * writing to a temporary userData folder. Checks our wiring, not Electron itself.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCapturingLogger } from '../log/logger';
import { BrowserWindow, standin } from '../testing/electron-standin';
import { claimSingleInstance, installAppMenu, rememberWindowPlacement, savedWindowPlacement } from './app-shell';
import { createElectronKeyValueStore } from './electron-store-adapter';

vi.mock('electron', () => import('../testing/electron-standin'));

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'app-shell-'));
  standin.reset({ userData });
  standin.becomeReady();
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe('claimSingleInstance', () => {
  it('is false when another instance holds the lock', () => {
    standin.reset({ otherInstance: true, userData });
    expect(claimSingleInstance(() => undefined)).toBe(false);
  });

  it('brings the window back when a second launch starts', () => {
    const window = new BrowserWindow({});
    window.minimized = true;
    expect(claimSingleInstance(() => window as never)).toBe(true);
    standin.emitApp('second-instance', {}, ['app'], '/');
    expect({ minimized: window.minimized, shown: window.shown, focused: window.focused }).toEqual({ minimized: false, shown: true, focused: true });
  });

  it('ignores a second launch after the window is gone, or before there is one', () => {
    const window = new BrowserWindow({});
    claimSingleInstance(() => window as never);
    window.close();
    expect(() => standin.emitApp('second-instance', {}, [], '/')).not.toThrow();
    expect({ shown: window.shown, focused: window.focused }).toEqual({ shown: false, focused: false });
    standin.reset({ userData });
    claimSingleInstance(() => undefined);
    expect(() => standin.emitApp('second-instance', {}, [], '/')).not.toThrow();
  });

  it('leaves a window that is not minimized as it is (restore would un-maximize it)', () => {
    const window = new BrowserWindow({});
    window.maximized = true;
    claimSingleInstance(() => window as never);
    standin.emitApp('second-instance', {}, ['app'], '/');
    expect({ restored: window.restored, maximized: window.maximized, shown: window.shown, focused: window.focused }).toEqual({ restored: 0, maximized: true, shown: true, focused: true });
  });
});

describe('installAppMenu', () => {
  it('installs a menu whose Help items open the configuration and the logs folder, made first when missing', async () => {
    installAppMenu(createCapturingLogger());
    const { template } = standin.state.menu as { template: Array<{ role?: string; submenu?: Array<{ label?: string; click?: () => void }> }> };
    const help = template.find((item) => item.role === 'help')!.submenu!;
    help.find((item) => item.label === 'Open Configuration Folder')!.click!();
    await vi.waitFor(() => expect(standin.state.openedPaths).toEqual([userData]));
    help.find((item) => item.label === 'Open Logs Folder')!.click!();
    await vi.waitFor(() => expect(standin.state.openedPaths).toEqual([userData, join(userData, 'logs')]));
    expect(statSync(join(userData, 'logs')).isDirectory()).toBe(true);
  });

  it('logs a folder the OS could not show (the menu item has no place to say so)', async () => {
    standin.reset({ userData, openPathFailure: 'No application is associated with the specified file' });
    standin.becomeReady();
    const log = createCapturingLogger();
    installAppMenu(log);
    const { template } = standin.state.menu as { template: Array<{ role?: string; submenu?: Array<{ label?: string; click?: () => void }> }> };
    template.find((item) => item.role === 'help')!.submenu!.find((item) => item.label === 'Open Logs Folder')!.click!();
    await vi.waitFor(() => expect(log.entries).toMatchObject([{ level: 'warn', event: 'app.open-folder-failed', fields: { reason: 'No application is associated with the specified file' } }]));
  });

  it('installs it again in another language, with the Language menu calling back', () => {
    const choose = vi.fn();
    installAppMenu(createCapturingLogger(), 'es', { chosen: 'es', choose });
    const { template } = standin.state.menu as { template: Array<{ label?: string; submenu?: Array<{ label?: string; checked?: boolean; click?: () => void }> }> };
    const languages = template.find((item) => item.label === 'Idioma')!.submenu!;
    expect(languages.find((item) => item.checked)?.label).toBe('Español');
    languages.find((item) => item.label === 'Deutsch')!.click!();
    expect(choose).toHaveBeenCalledWith('de');
  });
});

describe('window placement', () => {
  it('opens at the default size the first time (a damaged state file is cleared), then where the window was closed', () => {
    writeFileSync(join(userData, 'window-state.json'), '{ not json');
    expect(savedWindowPlacement()).toMatchObject({ maximized: false, width: 960, height: 720 });
    const window = new BrowserWindow({ x: 40, y: 50, width: 800, height: 600 });
    rememberWindowPlacement(window as never);
    window.close();
    expect(savedWindowPlacement()).toEqual({ x: 40, y: 50, width: 800, height: 600, maximized: false });
    // Its own file in userData, apart from the app's other settings.
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toMatchObject({ main: { x: 40, y: 50, width: 800, height: 600 } });
  });
});

describe('electron-store adapter', () => {
  it('keeps entries in userData/session.json, readable by the user only', () => {
    const store = createElectronKeyValueStore();
    store.set('session', { version: 1, data: 'AAAA' });
    const file = join(userData, 'session.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ session: { version: 1, data: 'AAAA' } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(createElectronKeyValueStore().get('session')).toEqual({ version: 1, data: 'AAAA' });
    store.delete('session');
    expect(store.get('session')).toBeUndefined();
  });

  it('starts empty instead of crashing when the file is corrupt', () => {
    writeFileSync(join(userData, 'session.json'), '{ not json');
    const store = createElectronKeyValueStore();
    expect(store.get('session')).toBeUndefined();
    store.set('session', { version: 1, data: 'AAAA' });
    expect(store.get('session')).toEqual({ version: 1, data: 'AAAA' });
  });
});
