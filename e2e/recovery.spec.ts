/**
 * "Forgot password?" in the window, against the emulator: the code from its outbox, the org's
 * rules shown before typing, a refused password, signed in with the new one; and no link when the
 * org does not offer recovery.
 */
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';
import { findTokenLike } from './support/secrets';

const NEW_PASSWORD = 'Brand-New-Secret-42';

test('forgot password: username, email code, new password with the rules shown first, signed in', async ({ app, idp, bridge }) => {
  await app.getByLabel('Username').fill('alice@example.com');
  await app.getByRole('button', { name: 'Forgot password?' }).click();
  await expect(app.getByRole('heading', { name: 'Verify it’s you' })).toBeVisible();
  await app.getByRole('radio', { name: 'Email' }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const code = idp.outbox('alice@example.com').filter((m) => m.code).at(-1)!.code!;
  await app.getByRole('textbox', { name: /code/i }).fill(code);
  await app.getByRole('button', { name: 'Verify', exact: true }).click();

  await expect(app.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expect(app.getByText('At least 8 characters')).toBeVisible();
  await checkScreen(app, 'recovery-new-password');
  await app.getByRole('textbox', { name: /^New password/ }).fill('short');
  await app.getByRole('textbox', { name: /^Confirm password/ }).fill('short');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByText(/Password requirements were not met/)).toBeVisible();
  await app.getByRole('textbox', { name: /^New password/ }).fill(NEW_PASSWORD);
  await app.getByRole('textbox', { name: /^Confirm password/ }).fill(NEW_PASSWORD);
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  await expect(app.getByText('Your password has been changed.')).toBeVisible();

  const responses = (await bridge.responses()).join('\n');
  expect((await bridge.responses()).map(findTokenLike).filter(Boolean)).toEqual([]);
  expect(responses).not.toContain(code);
  expect(responses).not.toContain(NEW_PASSWORD);
});

test.describe('org without recovery', () => {
  test.use({ idpOptions: { recoveryAuthenticators: [] } });
  test('the sign-in screen has no "Forgot password?"', async ({ app }) => {
    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Forgot password?' })).toHaveCount(0);
  });
});
