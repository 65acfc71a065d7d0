/**
 * Each action the app cannot take in the state it is in answers `wrong-state` with its own
 * words, and leaves the state as it was: the sign-in steps while signed out, signing in or
 * starting self-service while signed in, and so on. Against the emulator, through the IPC layer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/contract';
import { credentials, startHarness, type AppHarness } from './testing/idp-harness';

const open: AppHarness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function harness(): Promise<AppHarness> {
  const h = await startHarness();
  open.push(h);
  return h;
}

const wrongState = (what: string) => ({ ok: false, error: { code: 'wrong-state', message: `You cannot ${what} right now.` } });

describe('actions in the wrong state', () => {
  it.each([
    [CHANNELS.proceed, { step: 'identify', values: { username: 'x', password: 'y' } }, 'continue sign-in'],
    [CHANNELS.skip, undefined, 'skip a step'],
    [CHANNELS.resend, undefined, 'send a code again'],
    [CHANNELS.chooseAnother, undefined, 'choose another way to verify'],
    [CHANNELS.reopenBrowser, undefined, 'open the sign-in page again'],
    [CHANNELS.signOut, undefined, 'sign out while not signed in'],
    [CHANNELS.refreshProfile, undefined, 'refresh the profile while not signed in'],
    [CHANNELS.getTasks, undefined, 'load your tasks while not signed in'],
  ] as const)('signed out, %s is refused', async (channel, payload, what) => {
    const h = await harness();
    const before = await h.view(CHANNELS.getState);
    expect(await h.call(channel, payload)).toEqual(wrongState(what));
    expect(await h.view(CHANNELS.getState)).toEqual(before);
  });

  it.each([
    [CHANNELS.signIn, credentials('alice@example.com'), 'sign in while already signed in'],
    [CHANNELS.signInWithBrowser, {}, 'sign in while already signed in'],
    [CHANNELS.recoverPassword, {}, 'reset your password while signed in'],
    [CHANNELS.unlockAccount, {}, 'unlock an account while signed in'],
    [CHANNELS.register, undefined, 'sign up while signed in'],
    [CHANNELS.cancel, undefined, 'cancel while signed in; sign out instead'],
    [CHANNELS.proceed, { step: 'identify', values: { username: 'x', password: 'y' } }, 'continue sign-in'],
  ] as const)('signed in, %s is refused and the person stays signed in', async (channel, payload, what) => {
    const h = await harness();
    const signedIn = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(signedIn).toMatchObject({ status: 'signed-in' });
    expect(await h.call(channel, payload)).toEqual(wrongState(what));
    expect(await h.view(CHANNELS.getState)).toEqual(signedIn);
  });

  it('once disposed, takes no action and follows no redirect, and says it is shutting down', async () => {
    const h = await harness();
    await h.app.dispose();
    expect(await h.call(CHANNELS.signIn, credentials('alice@example.com'))).toEqual({ ok: false, error: { code: 'internal', message: 'The app is shutting down.' } });
    expect(await h.tasks()).toEqual({ ok: false, error: { code: 'internal', message: 'The app is shutting down.' } });
    expect(h.app.handleRedirect('http://127.0.0.1:1/callback?code=x&state=y')).toBe(false);
    await expect(h.app.handleSystemResume()).resolves.toBeUndefined();
    expect(await h.view(CHANNELS.getState)).toEqual({ status: 'signed-out', messages: [] });
  });
});
