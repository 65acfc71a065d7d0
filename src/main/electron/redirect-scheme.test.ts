/**
 * The private-use redirect on the Electron stand-in (src/main/testing/electron-standin.ts), which
 * follows Electron 45's app.md for setAsDefaultProtocolClient, open-url and second-instance.
 * Checks our wiring, not Electron or the OS registration itself (scripts/packaged-app.test.ts and
 * the builder config test cover the installer's side).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { standin } from '../testing/electron-standin';
import { privateUseRedirect, PRIVATE_USE_SCHEME } from '../config/redirect-scheme';
import { registerRedirectScheme } from './redirect-scheme';

vi.mock('electron', () => import('../testing/electron-standin'));

const SCHEME = PRIVATE_USE_SCHEME;
const URL_BACK = `${SCHEME}:/callback?code=c&state=s`;

describe('registerRedirectScheme', () => {
  beforeEach(() => standin.reset({ isPackaged: true }));

  it('registers the scheme with the OS in a packaged app, and says whether the OS took it', () => {
    expect(registerRedirectScheme(SCHEME, () => {})).toBe(true);
    expect(standin.state.protocolClients).toEqual([SCHEME]);
    standin.reset({ isPackaged: true, protocolClientAccepted: false });
    expect(registerRedirectScheme(SCHEME, () => {})).toBe(false);
  });

  it('does not register in development (it would register the bare Electron binary)', () => {
    standin.reset({ isPackaged: false });
    expect(registerRedirectScheme(SCHEME, () => {})).toBe(false);
    expect(standin.state.protocolClients).toEqual([]);
  });

  it('macOS: open-url with our scheme is handled (preventDefault) and handed over; others are left alone', () => {
    const onRedirect = vi.fn();
    registerRedirectScheme(SCHEME, onRedirect);
    expect(standin.emitAppPreventable('open-url', URL_BACK)).toBe(true);
    expect(standin.emitAppPreventable('open-url', 'https://example.com/')).toBe(false);
    expect(onRedirect.mock.calls).toEqual([[URL_BACK]]);
  });

  it('works before ready, so the URL that launched the app on macOS is not missed', () => {
    const onRedirect = vi.fn();
    registerRedirectScheme(SCHEME, onRedirect);
    expect(standin.state.ready).toBe(false);
    standin.emitAppPreventable('open-url', URL_BACK);
    expect(onRedirect).toHaveBeenCalledWith(URL_BACK);
  });

  it('Windows and Linux: the URL in a second instance\'s argv is handed over', () => {
    const onRedirect = vi.fn();
    registerRedirectScheme(SCHEME, onRedirect);
    standin.emitApp('second-instance', {}, ['C:\\Program Files\\App\\app.exe', '--flag', URL_BACK], 'C:\\');
    standin.emitApp('second-instance', {}, ['/opt/app/app'], '/');
    standin.emitApp('second-instance', {}, 'not an array', '/');
    standin.emitApp('second-instance', {}, [42, null, URL_BACK], '/');
    expect(onRedirect.mock.calls).toEqual([[URL_BACK], [URL_BACK]]);
  });
});

describe('privateUseRedirect', () => {
  it('is the configured redirect URI when it is on the app scheme, else none (the loopback listener is used)', () => {
    expect(privateUseRedirect(`${SCHEME}:/callback`)).toBe(`${SCHEME}:/callback`);
    expect(privateUseRedirect('com.example.desktop:/callback')).toBeUndefined();
    expect(privateUseRedirect('http://127.0.0.1/callback')).toBeUndefined();
    expect(privateUseRedirect('not a uri')).toBeUndefined();
  });
});
