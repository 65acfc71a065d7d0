/**
 * What AuthApp itself does around a browser sign-in (auth/browser-sign-in.idp.test.ts covers the
 * sign-in's own steps): an answer that arrives while an action runs waits for it, the window is
 * brought forward only for a sign-in that took (and its failure undoes nothing), a replaced or
 * disposed sign-in pushes nothing and leaves no listener. Real okta-auth-js, the emulator over HTTP.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type AuthView } from '../shared/contract';
import { BROWSER_MESSAGES } from './auth/browser-sign-in';
import { accepts, openHostedPage, postHostedForm, recordingOpener, returnToApp, signInOnHostedPage } from './testing/browser-driver';
import { credentials, holdNext, startHarness, type AppHarness, type HarnessOptions } from './testing/idp-harness';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(app: HarnessOptions['app'] = {}) {
  const opener = recordingOpener();
  const onBrowserReturn = vi.fn();
  h = await startHarness({ app: { openExternal: opener.open, onBrowserReturn, ...app } });
  return { h, opener, onBrowserReturn };
}

async function pushed(harness: AppHarness, test: (view: AuthView) => boolean): Promise<AuthView> {
  await vi.waitFor(() => expect(harness.events.some(test)).toBe(true), { timeout: 5000, interval: 10 });
  return harness.events.filter(test).at(-1)!;
}
const signedIn = (v: AuthView) => v.status === 'signed-in';
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));


describe('opening the browser', () => {
  it('with no way to open one, says the browser could not be opened (and waits for the answer all the same)', async () => {
    h = await startHarness();
    expect(await h.view(CHANNELS.signInWithBrowser, {})).toEqual({ status: 'browser', messages: [BROWSER_MESSAGES.notOpened] });
  });

  it('a reopen the browser refuses says so, and the sign-in keeps waiting', async () => {
    let fail = false;
    h = await startHarness({ app: { openExternal: async () => (fail ? Promise.reject(new Error('no browser')) : undefined) } });
    expect(await h.view(CHANNELS.signInWithBrowser, {})).toEqual({ status: 'browser', messages: [] });
    fail = true;
    expect(await h.view(CHANNELS.reopenBrowser)).toEqual({ status: 'browser', messages: [BROWSER_MESSAGES.notOpened] });
  });
});

describe('the answer', () => {
  it('signs in with no window to bring forward', async () => {
    const opener = recordingOpener();
    h = await startHarness({ app: { openExternal: opener.open } });
    await h.view(CHANNELS.signInWithBrowser, {});
    await returnToApp(await signInOnHostedPage(opener.opened[0]!, 'alice@example.com'));
    expect((await pushed(h, signedIn)).status).toBe('signed-in');
    expect(h.log.entries.filter((e) => e.level === 'error' || e.level === 'warn')).toEqual([]);
  });

  it('a window that cannot be brought forward is logged, and the sign-in stands', async () => {
    const { h, opener } = await start({
      onBrowserReturn: () => {
        throw new TypeError('Object has been destroyed');
      },
    });
    await h.view(CHANNELS.signInWithBrowser, {});
    await returnToApp(await signInOnHostedPage(opener.opened[0]!, 'alice@example.com'));
    await vi.waitFor(() => expect(h.log.entries.some((e) => e.event === 'browser-sign-in.focus-failed')).toBe(true), { timeout: 5000, interval: 10 });
    expect(h.log.entries.find((e) => e.event === 'browser-sign-in.focus-failed')).toEqual({ level: 'warn', event: 'browser-sign-in.focus-failed', fields: { error: 'TypeError' } });
    expect((await h.state()).status).toBe('signed-in');
    expect(h.events.at(-1)?.status).toBe('signed-in');
    expect(await h.storedTokens()).toBeDefined();
  });

  it('brings the window forward only for a sign-in that took, not for one cancelled in the browser', async () => {
    const { h, opener, onBrowserReturn } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const { redirect } = await postHostedForm(await openHostedPage(opener.opened[0]!), { _intent: 'cancel' });
    await returnToApp(redirect!);
    await pushed(h, (v) => v.status === 'signed-out');
    expect(onBrowserReturn).not.toHaveBeenCalled();
  });

  it('waits for an action under way (a reopen) and then signs in: the reopen’s view first, signed in last', async () => {
    let release: (() => void) | undefined;
    let opens = 0;
    const { h, opener } = await start({
      openExternal: (url) => {
        opens += 1;
        if (opens === 1) return opener.open(url);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await h.view(CHANNELS.signInWithBrowser, {});
    const redirect = await signInOnHostedPage(opener.opened[0]!, 'alice@example.com');
    const reopening = h.call(CHANNELS.reopenBrowser);
    await vi.waitFor(() => expect(release).toBeDefined());
    await returnToApp(redirect);
    await settle();
    expect(h.events.some(signedIn)).toBe(false);
    release!();
    expect(await reopening).toEqual({ ok: true, value: { status: 'browser', messages: [] } });
    await pushed(h, signedIn);
    expect(h.events.at(-1)?.status).toBe('signed-in');
    expect((await h.state()).status).toBe('signed-in');
  });

  it('is busy while it completes: an action meanwhile is told to wait', async () => {
    const { h, opener } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const redirect = await signInOnHostedPage(opener.opened[0]!, 'alice@example.com');
    await holdNext(h, 'userinfo', () => void returnToApp(redirect));
    expect(await h.call(CHANNELS.signIn, credentials('bob@example.com'))).toMatchObject({ ok: false, error: { code: 'busy' } });
    h.idp.faults.release();
    await pushed(h, signedIn);
    expect((await h.state()).status).toBe('signed-in');
  });

  it('disposed while it completes: no window brought forward, nothing pushed', async () => {
    const { h, opener, onBrowserReturn } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const redirect = await signInOnHostedPage(opener.opened[0]!, 'alice@example.com');
    await holdNext(h, 'userinfo', () => void returnToApp(redirect));
    const events = h.events.length;
    await h.app.dispose();
    h.idp.faults.release();
    // The session still takes the profile and logs it; the completion's next step runs right after.
    await vi.waitFor(() => expect(h.log.entries.some((e) => e.event === 'session.signed-in')).toBe(true), { timeout: 5000, interval: 10 });
    await settle();
    expect(onBrowserReturn).not.toHaveBeenCalled();
    expect(h.events.length).toBe(events);
  });
});

describe('a failure nobody foresaw, as the answer is completed', () => {
  it('is logged by the error’s name and ends signed out with the refusal, no window brought forward', async () => {
    // Throws when the new session schedules its renewal (near the token's hour; the browser waits
    // 5 minutes), which no answer can cause.
    const scheduler = {
      set: (task: () => void, delayMs: number) => {
        if (delayMs > 20 * 60_000) throw new RangeError('no timers left');
        const timer = setTimeout(task, delayMs);
        return () => clearTimeout(timer);
      },
    };
    const { h, opener, onBrowserReturn } = await start({ scheduler });
    await h.view(CHANNELS.signInWithBrowser, {});
    await returnToApp(await signInOnHostedPage(opener.opened[0]!, 'alice@example.com'));
    expect(await pushed(h, (v) => v.status === 'signed-out')).toStrictEqual({ status: 'signed-out', messages: [BROWSER_MESSAGES.refused] });
    expect(h.log.entries.filter((e) => e.event === 'browser-sign-in.complete-failed')).toStrictEqual([
      { level: 'error', event: 'browser-sign-in.complete-failed', fields: { error: 'RangeError' } },
    ]);
    expect(onBrowserReturn).not.toHaveBeenCalled();
  });
});

describe('ending the wait', () => {
  it('a second start replaces the first without a word from the first', async () => {
    const { h } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const events = h.events.length;
    expect(await h.view(CHANNELS.signInWithBrowser, {})).toEqual({ status: 'browser', messages: [] });
    await settle();
    expect(h.events.slice(events).map((v) => v.status)).toEqual(['browser']);
    expect((await h.state()).status).toBe('browser');
  });

  it('dispose() closes the listener the browser would answer to', async () => {
    const { h, opener } = await start();
    await h.view(CHANNELS.signInWithBrowser, {});
    const redirectUri = new URL(opener.opened[0]!).searchParams.get('redirect_uri')!;
    expect(await accepts(redirectUri)).toBe(true);
    await h.app.dispose();
    expect(await accepts(redirectUri)).toBe(false);
  });
});
