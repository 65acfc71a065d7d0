/**
 * The browser sign-in's opener and return: `shell.openExternal` for the org's authorize URL and
 * nothing else (isAllowedSignInPageUrl: https, the issuer's own endpoint; plain http only for a
 * loopback issuer in development), and the window brought to the front when it comes back.
 */
import { app, shell, type BrowserWindow } from 'electron';
import { isAllowedSignInPageUrl } from '../security/external-url';

export function signInPageOpener(issuer: string): (url: string) => Promise<void> {
  return async (url) => {
    if (!isAllowedSignInPageUrl(url, issuer, { allowLoopbackHttp: !app.isPackaged })) throw new Error('Not the sign-in page of the configured org.');
    await shell.openExternal(url);
  };
}

/** The browser sign-in came back: the window comes to the front (macOS needs the app focused too). */
export function bringToFront(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  app.focus({ steal: true });
  window.focus();
}
