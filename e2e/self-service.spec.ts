/**
 * "Unlock account" and "Sign up" in the window, against the emulator: the code from its outbox,
 * the org's sign-up form drawn from its profile fields, the password with the org's rules first,
 * signed in; the links absent when the org does not offer them. Each journey runs in the light
 * wide window (its screens go to the README) and dark and narrow (420 px), axe-checked.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DEMO_PASSWORD, passwordInput, signIn } from './support/actions';
import { checkScreen } from './support/screens';
import { findTokenLike } from './support/secrets';
import type { RunningIdp } from '../idp/index';

const NEW_PASSWORD = 'Brand-New-Secret-42';
const lastCode = (idp: RunningIdp, login: string) => idp.outbox(login).filter((m) => m.code).at(-1)!.code!;

async function unlockJourney(app: Page, idp: RunningIdp, suffix: string): Promise<void> {
  await signIn(app, 'locked@example.com');
  await expect(app.getByRole('heading', { name: 'Your account is locked' })).toBeVisible();
  await app.getByRole('button', { name: 'Unlock account' }).click();

  await expect(app.getByRole('heading', { name: 'Unlock your account' })).toBeVisible();
  // The username typed on the sign-in form is already there.
  await expect(app.getByRole('textbox', { name: /^Username/ })).toHaveValue('locked@example.com');
  await app.getByRole('radio', { name: 'Email' }).check();
  await checkScreen(app, `unlock-account${suffix}`);
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await app.getByRole('textbox', { name: /code/i }).fill(lastCode(idp, 'locked@example.com') === '000000' ? '111111' : '000000');
  await app.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(app.getByText('Invalid code. Try again.')).toBeVisible();
  await app.getByRole('textbox', { name: /code/i }).fill(lastCode(idp, 'locked@example.com'));
  await app.getByRole('button', { name: 'Verify', exact: true }).click();

  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.getByText('You can log in using your existing username and password')).toBeVisible();
  await checkScreen(app, `unlock-account-done${suffix}`);
  await passwordInput(app).fill(DEMO_PASSWORD);
  await app.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The whole sign-in (several IdP round trips, the vault write) under load outlasts a screen change.
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible({ timeout: 20_000 });
}

async function signUpJourney(app: Page, suffix: string): Promise<void> {
  await app.getByRole('button', { name: 'Sign up' }).click();
  await expect(app.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await app.getByRole('button', { name: 'Continue' }).click();
  // Checked before anything is sent: the required fields say so.
  await expect(app.getByText('This is required.').first()).toBeVisible();
  await app.getByRole('textbox', { name: /^First name/ }).fill('New');
  await app.getByRole('textbox', { name: /^Last name/ }).fill('Person');
  await app.getByRole('textbox', { name: /^Email/ }).fill('new.person@example.com');
  await app.getByRole('combobox', { name: /^Department/ }).selectOption('sales');
  await checkScreen(app, `sign-up${suffix}`);
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Choose a password' })).toBeVisible();
  await expect(app.getByText('At least 8 characters')).toBeVisible();
  await checkScreen(app, `sign-up-password${suffix}`);
  await app.getByRole('textbox', { name: /^Enter password/ }).fill(NEW_PASSWORD);
  await app.getByRole('textbox', { name: /^Confirm password/ }).fill('Not-The-Same-42');
  await app.getByRole('button', { name: 'Continue' }).click();
  // Checked here, before anything is sent.
  await expect(app.getByText('The two passwords are not the same.')).toBeVisible();
  await app.getByRole('textbox', { name: /^Confirm password/ }).fill(NEW_PASSWORD);
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  await expect(app.getByText('new.person@example.com').first()).toBeVisible();
}

test('unlock account from the locked-out screen: email code (a wrong one first), then sign in with the password', async ({ app, idp, bridge }) => {
  // Two orgs' worth of steps, each screen checked (axe, both themes) on the way: over a minute on a busy 2-core machine.
  test.slow();
  await unlockJourney(app, idp, '');
  expect((await bridge.responses()).map(findTokenLike).filter(Boolean)).toEqual([]);
  expect((await bridge.responses()).join('\n')).not.toContain(lastCode(idp, 'locked@example.com'));
});

test('sign up: the org’s form, the password with its rules, signed in', async ({ app, bridge }) => {
  test.slow(); // as above: many checked screens
  await expect(app.getByRole('button', { name: 'Sign up' })).toBeVisible();
  await checkScreen(app, 'sign-in-self-service');
  await signUpJourney(app, '');
  const responses = (await bridge.responses()).join('\n');
  expect((await bridge.responses()).map(findTokenLike).filter(Boolean)).toEqual([]);
  expect(responses).not.toContain(NEW_PASSWORD);
});

test('cancel on the unlock form and on the sign-up form goes back to sign-in', async ({ app }) => {
  await app.getByRole('button', { name: 'Unlock account' }).click();
  await expect(app.getByRole('heading', { name: 'Unlock your account' })).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await app.getByRole('button', { name: 'Sign up' }).click();
  await expect(app.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test.describe('org without unlock or sign-up', () => {
  test.use({ idpOptions: { unlockAuthenticators: [], registration: false } });
  test('no "Unlock account" or "Sign up" on the sign-in form, none on the locked-out screen', async ({ app }) => {
    await expect(app.getByRole('button', { name: 'Forgot password?' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Unlock account' })).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Sign up' })).toHaveCount(0);
    await signIn(app, 'locked@example.com');
    await expect(app.getByRole('heading', { name: 'Your account is locked' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Unlock account' })).toHaveCount(0);
    // Nothing to do on one's own: the help desk is the advice, and Back to sign in the one action.
    await expect(app.getByText('Ask your help desk or administrator to unlock it, then sign in again.')).toBeVisible();
    await expect(app.getByText(/unlock it yourself/)).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Back to sign in' })).toHaveClass(/button--primary/);
  });
});

for (const [label, use] of [
  ['dark', { colorScheme: 'dark' as const }],
  ['narrow', { viewport: { width: 420, height: 760 } }],
  ['narrow-dark', { viewport: { width: 420, height: 760 }, colorScheme: 'dark' as const }],
] as const) {
  test.describe(`${label} window`, () => {
    test.use(use);
    test(`unlock and sign-up screens, ${label}`, async ({ app, idp }) => {
      await expect(app.getByRole('button', { name: 'Sign up' })).toBeVisible();
      await checkScreen(app, `sign-in-self-service-${label}`);
      await unlockJourney(app, idp, `-${label}`);
      await app.getByRole('button', { name: 'Sign out' }).click();
      await signUpJourney(app, `-${label}`);
      const scrollsSideways = await app.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(scrollsSideways).toBe(false);
    });
  });
}
