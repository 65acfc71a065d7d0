import { DEMO_PASSWORD, passwordInput, signIn, usernameInput } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

test('when the org cannot be reached the user is told, and trying again works once it is back', async ({ app, idp }) => {
  idp.faults.set('interact', { kind: 'drop' });

  await signIn(app, 'alice@example.com');

  const alert = app.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(alert).toContainText('Enter your password and choose Try again.');
  await expect(usernameInput(app)).toHaveValue('alice@example.com');
  await expect(passwordInput(app)).toHaveValue('');
  await expect(app.getByRole('button', { name: 'Try again' })).toBeVisible();
  await checkScreen(app, 'failure-network');

  idp.faults.clear();
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
});

test('when the org rate-limits, the wait it asked for is shown and Try again stays off until then', async ({ app, idp }) => {
  idp.faults.set('interact', { kind: 'rate-limit', retryAfterSeconds: 30 });

  await signIn(app, 'alice@example.com');

  const alert = app.getByRole('alert');
  // Said once: what happened, and when to try again, counting down.
  await expect(alert).toHaveText(/^Error: Too many sign-in attempts right now\.You can try again in (30|29|28) seconds\.$/);
  await expect(alert.getByText(/wait/i)).toHaveCount(0);
  await expect(alert).toBeFocused();
  const tryAgain = app.getByRole('button', { name: 'Try again' });
  await expect(tryAgain).toBeDisabled();
  // The countdown is tied to the button, and is not live inside the alert (it changes every second).
  await expect(tryAgain).toHaveAccessibleDescription(/^You can try again in \d+ seconds\.$/);
  await expect(app.locator('#retry-wait')).toHaveAttribute('aria-live', 'off');
  await checkScreen(app, 'failure-rate-limited');

  // Enter in the password field does not get round the disabled button. (Counted from here: the
  // app also asks the org once at launch what it offers, "Forgot password?".)
  const interacts = idp.counts().interact;
  await passwordInput(app).fill(DEMO_PASSWORD);
  await passwordInput(app).press('Enter');
  await expect(tryAgain).toBeDisabled();
  expect(idp.counts().interact).toBe(interacts);
});

test('a wait of 100 s is said as it is, 1 minute 40 seconds, not rounded to 2 minutes', async ({ app, idp }) => {
  idp.faults.set('interact', { kind: 'rate-limit', retryAfterSeconds: 100 });

  await signIn(app, 'alice@example.com');

  const alert = app.getByRole('alert');
  await expect(alert).toContainText(/You can try again in 1 minute (40|39|38) seconds\./);
  await expect(alert).not.toContainText('2 minutes');
});

test('after a short rate-limit wait Try again comes back on by itself, says so once, and signs in', async ({ app, idp }) => {
  idp.faults.set('identify', { kind: 'rate-limit', retryAfterSeconds: 2, times: 1 });

  await signIn(app, 'alice@example.com');

  const tryAgain = app.getByRole('button', { name: 'Try again' });
  await expect(tryAgain).toBeDisabled();
  await expect(app.getByText(/^You can try again in [12] seconds?\.$/)).toBeVisible();

  await expect(tryAgain).toBeEnabled({ timeout: 5_000 });
  await expect(app.getByText(/You can try again in/)).toHaveCount(0);
  await expect(app.getByRole('status')).toHaveText('The wait is over: you can try again now.');

  await passwordInput(app).fill(DEMO_PASSWORD);
  await tryAgain.click();
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
});
