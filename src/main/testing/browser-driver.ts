/**
 * Test support: plays the system browser for a browser sign-in against the emulator, over plain
 * HTTP as a browser would: opens the authorize URL the app handed over, posts the hosted page's
 * identify form, and follows the redirect back to the app (the loopback listener).
 */
import { connect } from 'node:net';
import { DEMO_PASSWORD } from '../../../idp/index';

/** A fake `openExternal` that records what the app opened; `next()` waits for the next URL. */
export function recordingOpener() {
  const opened: string[] = [];
  const waiters: Array<(url: string) => void> = [];
  return {
    opened,
    open: async (url: string) => {
      opened.push(url);
      waiters.shift()?.(url);
    },
    next: (): Promise<string> => {
      const index = opened.length;
      return new Promise((resolve) => {
        if (opened.length > index) resolve(opened[index]!);
        else waiters.push(resolve);
      });
    },
  };
}

const manual = (url: string, init: RequestInit = {}) => fetch(url, { ...init, redirect: 'manual' });
const locationOf = (res: Response) => res.headers.get('location') ?? '';

/** Follows authorize to the hosted page: its URL (the forms post back to it). */
export async function openHostedPage(authorizeUrl: string): Promise<string> {
  const res = await manual(authorizeUrl);
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  return locationOf(res);
}

/** Posts one of the page's forms; answers the redirect target (to the app) or the next page's HTML. */
export async function postHostedForm(pageUrl: string, fields: Record<string, string>): Promise<{ redirect?: string; html?: string }> {
  const res = await manual(pageUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  return res.status === 302 ? { redirect: locationOf(res) } : { html: await res.text() };
}

/** Signs in with a password on the hosted page and returns where the browser is sent back to. */
export async function signInOnHostedPage(authorizeUrl: string, login: string, password = DEMO_PASSWORD): Promise<string> {
  const page = await openHostedPage(authorizeUrl);
  const { redirect } = await postHostedForm(page, { _intent: 'remediation:identify', identifier: login, 'credentials.passcode': password });
  if (!redirect) throw new Error('the hosted page did not send the browser back');
  return redirect;
}

/** The browser following the org's redirect back to the app: the loopback listener's page. */
export async function returnToApp(redirect: string): Promise<Response> {
  return fetch(redirect);
}

/** Whether something listens at the URL's port on 127.0.0.1 (the loopback listener open or closed). */
export function accepts(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
