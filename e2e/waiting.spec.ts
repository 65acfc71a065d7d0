/**
 * Waiting for the org: a progress indicator announced to screen readers, the form locked, the
 * last attempt's error gone, and Cancel, which stops the call in main so the org hears nothing
 * more of it. The org "is slow" by a latency fault the test releases (no sleeps).
 */
import { DEMO_PASSWORD, passwordInput, signIn, usernameInput } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

// The held request must outlast the checks made while it is held (axe is slow on a busy machine).
test.use({ requestTimeoutMs: 120_000 });

test('signing in: progress announced, form locked, old error gone; Cancel stops the call and the org sees nothing more of it', async ({ app, idp }) => {
  await signIn(app, 'alice@example.com', 'not-the-password');
  await expect(app.getByText('Authentication failed')).toBeVisible();

  idp.faults.set('identify', { kind: 'latency', ms: 120_000, times: 1 });
  await passwordInput(app).fill(DEMO_PASSWORD);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await idp.faults.holding();

  await expect(app.getByRole('status')).toHaveText('Signing in…');
  await expect(app.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
  await expect(usernameInput(app)).toBeDisabled();
  await expect(passwordInput(app)).toBeDisabled();
  await expect(app.getByText('Authentication failed')).toHaveCount(0);
  const cancel = app.getByRole('button', { name: 'Cancel' });
  // The control that had focus was disabled: focus goes to the one thing left to do.
  await expect(cancel).toBeFocused();
  await checkScreen(app, 'signing-in');
  const atCancel = idp.counts();

  await cancel.click();

  await expect(app.getByText('Sign-in canceled.')).toBeVisible();
  await expect(usernameInput(app)).toBeEnabled();
  await expect(usernameInput(app)).toHaveValue('alice@example.com');
  await expect(app.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  // The org answers the held request now, to no one: signing in again is one new sign-in.
  idp.faults.release();
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  const after = idp.counts();
  expect(after.identify - atCancel.identify).toBe(1);
  expect(after.token - atCancel.token).toBe(1);
});

test('answering a step: the same progress and Cancel, back to the sign-in form', async ({ app, idp }) => {
  await signIn(app, 'expired@example.com');
  await expect(app.getByRole('heading', { name: 'Your password has expired' })).toBeVisible();
  idp.faults.set('challenge-answer', { kind: 'latency', ms: 120_000, times: 1 });
  const newPasswords = app.locator('form input[type="password"]');
  for (const input of await newPasswords.all()) await input.fill('Brand-New-Passw0rd');
  await app.getByRole('button', { name: 'Continue' }).click();
  await idp.faults.holding();

  await expect(app.getByRole('status')).toHaveText('Working…');
  await expect(newPasswords.first()).toBeDisabled();
  const atCancel = idp.counts();
  await app.getByRole('button', { name: 'Cancel' }).click();

  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  idp.faults.release();
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  expect(idp.counts()['challenge-answer']).toBe(atCancel['challenge-answer']);
});
