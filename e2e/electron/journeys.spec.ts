import type { DesktopAuthApi } from '../../src/shared/contract';
import { NO_ELECTRON_REASON } from './electron-binary';
import { electronPath, expect, test } from './fixtures';
import { DEMO_PASSWORD, passwordInput, signIn, usernameInput } from '../support/actions';
import { findTokenLike } from '../support/secrets';

test.skip(electronPath === undefined, NO_ELECTRON_REASON);

test('alice signs in, sees her profile and signs out; tokens are revoked', async ({ appWindow: window, idp }) => {
  await expect(window.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(window, 'alice@example.com', DEMO_PASSWORD);

  await expect(window.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  await expect(window.getByText('alice@example.com').first()).toBeVisible();
  // The renderer only ever sees the profile.
  // Runs in the page, so no helpers from this file: the cast only satisfies the compiler.
  const state = await window.evaluate(async () =>
    JSON.stringify(await (globalThis as unknown as { desktopAuth: DesktopAuthApi }).desktopAuth.getState()),
  );
  expect(findTokenLike(state)).toBeUndefined();
  expect(findTokenLike(await window.content())).toBeUndefined();

  await window.getByRole('button', { name: 'Sign out' }).click();
  await expect(window.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(idp.counts().revoke).toBeGreaterThanOrEqual(1);
});

test('a wrong password shows the message, keeps the username and clears the password', async ({ appWindow: window }) => {
  await signIn(window, 'alice@example.com', 'not-the-password');

  await expect(window.getByRole('alert')).toBeVisible();
  await expect(usernameInput(window)).toHaveValue('alice@example.com');
  await expect(passwordInput(window)).toHaveValue('');
});

test('a user whose org asks for a second factor is offered it and can go back', async ({ appWindow: window }) => {
  await signIn(window, 'mfa@example.com', DEMO_PASSWORD);

  await expect(window.getByRole('heading', { name: 'Verify it’s you' })).toBeVisible();
  await window.getByRole('button', { name: 'Cancel' }).click();
  await expect(window.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the window exposes the bridge and nothing of Node or Electron', async ({ appWindow: window }) => {
  const globals = await window.evaluate(() => ({
    bridge: typeof (globalThis as { desktopAuth?: { signIn?: unknown } }).desktopAuth?.signIn,
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(globals).toEqual({ bridge: 'function', require: 'undefined', process: 'undefined' });
});
