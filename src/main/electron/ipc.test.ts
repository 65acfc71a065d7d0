/**
 * IPC wiring on a stand-in ipcMain / BrowserWindow that follows Electron 45 (one handler per
 * channel, `event.sender` is the webContents, `event.senderFrame` the frame or null: see
 * src/main/testing/electron-standin.ts). Checks our wiring, not Electron itself.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS, type AuthView } from '../../shared/contract';
import type { AuthApp } from '../app';
import { APP_ENTRY_URL, APP_ORIGIN } from '../renderer-host/app-protocol';
import { BrowserWindow, standin } from '../testing/electron-standin';
import { registerIpc } from './ipc';

vi.mock('electron', () => import('../testing/electron-standin'));

const VIEW: AuthView = { status: 'signed-out', messages: [] };

function fakeApp() {
  let listener: ((view: AuthView) => void) | undefined;
  const invoke = vi.fn(async () => ({ ok: true as const, value: VIEW }));
  const app = {
    invoke: invoke as unknown as AuthApp['invoke'],
    onStateChanged: (l: (view: AuthView) => void) => {
      listener = l;
      return () => void (listener = undefined);
    },
    handleSystemResume: async () => {},
    handleRedirect: () => false,
    dispose: async () => {},
  } satisfies AuthApp;
  return { app, invoke, push: (view: AuthView) => listener?.(view), subscribed: () => listener !== undefined };
}

function setUp() {
  standin.reset();
  standin.becomeReady();
  const window = new BrowserWindow({});
  void window.loadURL(APP_ENTRY_URL);
  const fake = fakeApp();
  const unregister = registerIpc(fake.app, window as never, APP_ORIGIN);
  const fromOurPage = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  return { window, fake, unregister, fromOurPage };
}

describe('registerIpc', () => {
  beforeEach(() => standin.reset());

  it('registers one handler per channel and forwards (channel, payload) from our main frame', async () => {
    const { fake, fromOurPage } = setUp();
    expect([...standin.state.ipcHandlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    const payload = { username: 'a@example.com', password: 'x' };
    expect(await standin.invokeMain(CHANNELS.signIn, payload, fromOurPage)).toEqual({ ok: true, value: VIEW });
    expect(fake.invoke).toHaveBeenCalledWith(CHANNELS.signIn, payload);
  });

  it.each([
    ['another window', () => new BrowserWindow({}).webContents, (w: InstanceType<typeof BrowserWindow>) => w.webContents.mainFrame],
    ['a sub-frame of our window', (w: InstanceType<typeof BrowserWindow>) => w.webContents, () => standin.frame(APP_ENTRY_URL)],
    ['a frame that is gone (senderFrame null)', (w: InstanceType<typeof BrowserWindow>) => w.webContents, () => null],
  ])('answers forbidden to %s and never calls the app', async (_name, sender, frame) => {
    const { window, fake } = setUp();
    const result = await standin.invokeMain(CHANNELS.signIn, {}, { sender: sender(window), senderFrame: frame(window) });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('answers forbidden when our main frame shows a foreign origin', async () => {
    const { window, fake, fromOurPage } = setUp();
    window.webContents.mainFrame.url = 'https://evil.example/app';
    expect(await standin.invokeMain(CHANNELS.getState, undefined, fromOurPage)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('pushes state changes to the window while it lives, and unregisters everything', () => {
    const { window, fake, unregister } = setUp();
    fake.push(VIEW);
    expect(window.webContents.sent).toEqual([{ channel: EVENTS.stateChanged, payload: VIEW }]);
    window.close();
    expect(() => fake.push(VIEW)).not.toThrow();
    unregister();
    expect(standin.state.ipcHandlers.size).toBe(0);
    expect(fake.subscribed()).toBe(false);
    // Registering again after unregistering is allowed (Electron throws on a second handler).
    expect(() => registerIpc(fake.app, new BrowserWindow({}) as never, APP_ORIGIN)).not.toThrow();
  });
});
