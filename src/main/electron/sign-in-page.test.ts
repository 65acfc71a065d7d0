/** The browser sign-in's opener and return on the Electron stand-in: what reaches shell.openExternal, and the window coming back. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, standin } from '../testing/electron-standin';
import { bringToFront, signInPageOpener } from './sign-in-page';

vi.mock('electron', () => import('../testing/electron-standin'));

const ORG = 'https://dev-123.okta.com/oauth2/default';
const EMULATOR = 'http://127.0.0.1:8787/oauth2/default';

describe('signInPageOpener', () => {
  beforeEach(() => {
    standin.reset({ isPackaged: true });
    standin.becomeReady();
  });

  it("opens the org's authorize URL in the system browser", async () => {
    await signInPageOpener(ORG)(`${ORG}/v1/authorize?client_id=x&state=y`);
    expect(standin.state.openedExternally).toEqual([`${ORG}/v1/authorize?client_id=x&state=y`]);
  });

  it('refuses anything else, and never hands it to the OS', async () => {
    for (const url of ['https://evil.example/oauth2/default/v1/authorize', `${ORG}/v1/token`, 'file:///etc/passwd', 'smb://host/share', `${EMULATOR}/v1/authorize`]) {
      await expect(signInPageOpener(ORG)(url), url).rejects.toThrow('Not the sign-in page');
    }
    await expect(signInPageOpener(EMULATOR)(`${EMULATOR}/v1/authorize?x=1`)).rejects.toThrow();
    expect(standin.state.openedExternally).toEqual([]);
  });

  it('opens the emulator over plain http in development only', async () => {
    standin.reset({ isPackaged: false });
    standin.becomeReady();
    await signInPageOpener(EMULATOR)(`${EMULATOR}/v1/authorize?x=1`);
    expect(standin.state.openedExternally).toEqual([`${EMULATOR}/v1/authorize?x=1`]);
  });
});

describe('bringToFront', () => {
  beforeEach(() => {
    standin.reset();
    standin.becomeReady();
  });

  it('restores, shows and focuses the window, and focuses the app', () => {
    const window = new BrowserWindow({});
    window.minimized = true;
    bringToFront(window as never);
    expect({ minimized: window.minimized, shown: window.shown, focused: window.focused, app: standin.state.appFocused }).toEqual({ minimized: false, shown: true, focused: true, app: 1 });
  });

  it('leaves a window that is not minimized as it is (restore would un-maximize it), and steals focus for the app', () => {
    const window = new BrowserWindow({});
    window.maximized = true;
    bringToFront(window as never);
    expect({ restored: window.restored, maximized: window.maximized, shown: window.shown, focused: window.focused }).toEqual({ restored: 0, maximized: true, shown: true, focused: true });
    expect(standin.state.appFocusOptions).toEqual([{ steal: true }]);
  });

  it('does nothing once the window is gone', () => {
    const window = new BrowserWindow({});
    window.close();
    expect(() => bringToFront(window as never)).not.toThrow();
    expect(() => bringToFront(undefined)).not.toThrow();
    expect(standin.state.appFocused).toBe(0);
  });
});
