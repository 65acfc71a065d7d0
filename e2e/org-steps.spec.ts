import { passwordInput, signIn, usernameInput } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

test('a locked-out user is told the account is locked and what to do, not that the org ended the sign-in', async ({ app }) => {
  await signIn(app, 'locked@example.com');

  await expect(app.getByRole('heading', { name: 'Your account is locked' })).toBeVisible();
  await expect(app.getByText('too many sign-in attempts')).toBeVisible();
  await expect(app.getByRole('heading', { name: 'What you can do' })).toBeVisible();
  await expect(app.getByText(/ended this sign-in/)).toHaveCount(0);
  // The demo org offers account unlock: that is what the person can do, first; the help desk if it fails
  // (self-service.spec.ts unlocks; without the offer the help desk is the advice).
  await expect(app.getByText('You can unlock it yourself: choose Unlock account and confirm it’s you. If that doesn’t work, ask your help desk or administrator.')).toBeVisible();
  await expect(app.getByText('Ask your help desk or administrator to unlock it')).toHaveCount(0);
  const actions = app.locator('.actions .button');
  await expect(actions).toHaveText(['Unlock account', 'Back to sign in']);
  await expect(actions.first()).toHaveClass(/button--primary/);
  await expect(actions.last()).not.toHaveClass(/button--primary|button--quiet/);
  await checkScreen(app, 'terminal-locked-out');

  await app.getByRole('button', { name: 'Back to sign in' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The username is kept, so the field to fill is the password.
  await expect(usernameInput(app)).toHaveValue('locked@example.com');
  await expect(passwordInput(app)).toBeFocused();
});

test('a suspended user is told the org does not let the account sign in here, and whom to ask', async ({ app }) => {
  await signIn(app, 'suspended@example.com');

  await expect(app.getByRole('heading', { name: 'You can’t sign in to this app' })).toBeVisible();
  await expect(app.getByText(/may be suspended or deactivated/)).toBeVisible();
  await expect(app.getByText(/Contact your help desk or administrator/)).toBeVisible();
  await expect(app.getByText(/ended this sign-in/)).toHaveCount(0);
  await checkScreen(app, 'terminal-suspended');
  await app.getByRole('button', { name: 'Back to sign in' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('an expired password must be changed: a weak one is refused, a strong one signs in', async ({ app }) => {
  await signIn(app, 'expired@example.com');

  await expect(app.getByRole('heading', { name: 'Your password has expired' })).toBeVisible();
  const newPassword = app.locator('form input[type="password"]').first();
  const confirm = app.getByLabel(/^Confirm password/);
  await expect(newPassword).toBeFocused();
  // The org's rules are there before anything is typed.
  await expect(app.getByText('At least 8 characters')).toBeVisible();
  await expect(app.getByText('Choose a new password to finish signing in.')).toBeVisible();
  await checkScreen(app, 'password-expired');
  // The rules keep a gap under the title and its intro.
  const gap = await app.evaluate(() => document.querySelector('.password-rules')!.getBoundingClientRect().top - document.querySelector('#screen-title')!.getBoundingClientRect().bottom);
  expect(gap).toBeGreaterThanOrEqual(12);

  await newPassword.fill('Brand-New-Passw0rd');
  await confirm.fill('Brand-New-Passw0rx');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByText('The two passwords are not the same.')).toBeVisible();

  await newPassword.fill('weak');
  await confirm.fill('weak');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('alert')).toContainText(/password/i);
  // The refused new password is gone from the form.
  await expect(newPassword).toHaveValue('');
  await checkScreen(app, 'password-expired-too-weak');

  await newPassword.fill('Brand-New-Passw0rd');
  await confirm.fill('Brand-New-Passw0rd');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Welcome, Eve Expired' })).toBeVisible();
  await expect(app.getByText('Your password has been changed.')).toBeVisible();
});

test('a password expiry warning can be skipped', async ({ app }) => {
  await signIn(app, 'warn@example.com');

  await expect(app.getByRole('heading', { name: 'Your password will expire soon' })).toBeVisible();
  await expect(app.getByText('Your password expires in 4 days.')).toBeVisible();
  // Nothing is required beside Skip.
  await expect(app.getByText('(required)')).toHaveCount(0);
  await checkScreen(app, 'password-warning');

  await app.getByRole('button', { name: 'Skip' }).click();
  await expect(app.getByRole('heading', { name: 'Welcome, Wanda Warn' })).toBeVisible();
});

test('a user whose org asks for a second factor chooses it and is asked for the code', async ({ app }) => {
  await signIn(app, 'mfa@example.com');

  await expect(app.getByRole('heading', { name: 'Verify it’s you' })).toBeVisible();
  await expect(app.getByRole('radio', { name: 'Email' })).toBeChecked();
  await checkScreen(app, 'mfa-choice');

  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(app.getByLabel(/code/i)).toHaveAttribute('autocomplete', 'one-time-code');

  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('cancelling a step returns to sign-in', async ({ app }) => {
  await signIn(app, 'warn@example.com');
  await expect(app.getByRole('heading', { name: 'Your password will expire soon' })).toBeVisible();

  await app.getByRole('button', { name: 'Cancel' }).click();

  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Skip' })).toHaveCount(0);
});
