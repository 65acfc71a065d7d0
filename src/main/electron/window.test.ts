/**
 * The app window on a stand-in BrowserWindow / session / shell that follow Electron 45's
 * documented behaviour (no BrowserWindow before ready; loadURL rejects a failed or aborted load:
 * see src/main/testing/electron-standin.ts). Checks our wiring, not Electron itself.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCapturingLogger } from '../log/logger';
import { APP_ENTRY_URL } from '../renderer-host/app-protocol';
import { BrowserWindow, standin } from '../testing/electron-standin';
import { createMainWindow, denyAllPermissions, loadPage } from './window';

vi.mock('electron', () => import('../testing/electron-standin'));

const ORG = 'https://example.okta.com';

function open(options: Parameters<typeof standin.reset>[0] = {}, origins: string[] = [ORG]) {
  standin.reset(options);
  standin.becomeReady();
  const log = createCapturingLogger();
  createMainWindow({ startUrl: APP_ENTRY_URL, externalOrigins: () => origins, log });
  const window = standin.state.windows[0]!;
  return { window, contents: window.webContents, log };
}

describe('createMainWindow', () => {
  beforeEach(() => standin.reset());

  it('cannot be created before the app is ready (Electron refuses)', () => {
    expect(() => createMainWindow({ startUrl: APP_ENTRY_URL, log: createCapturingLogger() })).toThrow(/before the app is ready/);
  });

  it('is sandboxed and isolated, with the CJS preload, no Node, no webviews, no auxclick', () => {
    const { window } = open();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    // No spellchecker: on some platforms it sends what is typed to an OS service.
    expect(window.options.webPreferences.spellcheck).toBe(false);
    // Hidden until the page is ready, so no blank window flashes.
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(window.loadedUrls).toEqual([APP_ENTRY_URL]);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('without a saved placement opens at the default size, not maximized, with no external origin', () => {
    standin.reset();
    standin.becomeReady();
    createMainWindow({ startUrl: APP_ENTRY_URL, log: createCapturingLogger() });
    const window = standin.state.windows[0]!;
    expect(window.options).toMatchObject({ width: 960, height: 720 });
    window.emit('ready-to-show');
    expect({ shown: window.shown, maximized: window.maximized }).toEqual({ shown: true, maximized: false });
    expect(window.webContents.windowOpenHandler!({ url: `${ORG}/help` })).toEqual({ action: 'deny' });
    expect(standin.state.openedExternally).toEqual([]);
  });

  it('a load failure without an error code is logged by the error\'s name', async () => {
    const load = vi.spyOn(BrowserWindow.prototype, 'loadURL').mockRejectedValueOnce(new TypeError('no code'));
    try {
      const { log } = open();
      await new Promise((resolve) => setImmediate(resolve));
      expect(log.entries).toEqual([{ level: 'error', event: 'window.load-failed', fields: { failure: 'TypeError' } }]);
    } finally {
      load.mockRestore();
    }
  });

  it('stays on the app origin: navigation and redirects elsewhere are prevented', () => {
    const { contents } = open();
    expect(contents.emitPreventable('will-navigate', 'app://bundle/index.html#x')).toBe(false);
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of [`${ORG}/`, 'https://evil.example/', 'file:///etc/passwd', 'app://other/index.html']) {
        expect(contents.emitPreventable(event, url), `${event} ${url}`).toBe(true);
      }
    }
    expect(contents.emitPreventable('will-attach-webview', {}, {})).toBe(true);
  });

  it('opens no window; only the org\'s https pages go to the system browser', () => {
    const { contents } = open();
    for (const url of [`${ORG}/help`, 'https://evil.example/', 'http://example.okta.com/', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(standin.state.openedExternally).toEqual([`${ORG}/help`]);
  });

  it('asks for the allowed origins at each link: an org configured after the window opened ("Check again") counts', () => {
    const origins: string[] = [];
    const { contents } = open({}, origins);
    contents.windowOpenHandler!({ url: `${ORG}/help` });
    expect(standin.state.openedExternally).toEqual([]);
    origins.push(ORG);
    contents.windowOpenHandler!({ url: `${ORG}/help` });
    expect(standin.state.openedExternally).toEqual([`${ORG}/help`]);
  });

  it('a load that fails or is aborted is logged, not an uncaught rejection', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const { log } = open({ loadUrlError: 'ERR_ABORTED' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(log.entries).toEqual([{ level: 'error', event: 'window.load-failed', fields: { failure: 'ERR_ABORTED' } }]);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('loads the page again in another language in the same window; a failure then is logged too', async () => {
    const { window, log } = open();
    loadPage(window as never, `${APP_ENTRY_URL}?lang=ar`, log);
    standin.state.options.loadUrlError = 'ERR_FAILED';
    loadPage(window as never, `${APP_ENTRY_URL}?lang=de`, log);
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.loadedUrls).toEqual([APP_ENTRY_URL, `${APP_ENTRY_URL}?lang=ar`, `${APP_ENTRY_URL}?lang=de`]);
    expect(log.entries).toEqual([{ level: 'error', event: 'window.load-failed', fields: { failure: 'ERR_FAILED' } }]);
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    standin.reset();
    standin.becomeReady();
    denyAllPermissions();
    const answer = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      standin.state.permissionRequestHandler!({}, permission, answer);
      expect(standin.state.permissionCheckHandler!({}, permission)).toBe(false);
    }
    expect(answer.mock.calls).toEqual(Array.from({ length: 5 }, () => [false]));
  });
});
