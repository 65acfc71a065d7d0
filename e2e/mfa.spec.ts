/**
 * Second factors in the window, against the emulator: the code comes from the emulator's outbox,
 * as a person would read it from their email or phone.
 */
import { expect, test } from './support/fixtures';
import { signIn } from './support/actions';
import { checkScreen } from './support/screens';
import { findTokenLike } from './support/secrets';

test('email: choose it, enter the emailed code, signed in; the renderer never sees a token', async ({ app, idp, bridge }) => {
  await signIn(app, 'email-mfa@example.com');
  await expect(app.getByRole('heading', { name: 'Verify it’s you' })).toBeVisible();
  await app.getByRole('radio', { name: 'Email' }).check();
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(app.getByText(/We sent a code to e\S*@example\.com/)).toBeVisible();
  // The org's cooldown: "Send again" waits before it can be used.
  await expect(app.getByRole('button', { name: /^Send again in \d+ s$/ })).toBeDisabled();
  await checkScreen(app, 'mfa-email-code');

  await app.getByLabel(/code/i).fill('000000');
  await app.getByRole('button', { name: 'Verify' }).click();
  await expect(app.getByRole('alert')).toBeVisible();
  await expect(app.getByLabel(/code/i)).toHaveValue('');

  const code = idp.outbox('email-mfa@example.com').filter((m) => m.code).at(-1)!.code!;
  await app.getByLabel(/code/i).fill(code);
  await app.getByRole('button', { name: 'Verify' }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  expect((await bridge.responses()).map(findTokenLike).filter(Boolean)).toEqual([]);
  expect((await bridge.responses()).join('\n')).not.toContain(code);
});

test('email: opening the link in the email finishes the sign-in in the window by itself', async ({ app, idp }) => {
  await signIn(app, 'email-mfa@example.com');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const link = idp.outbox('email-mfa@example.com').filter((m) => m.link).at(-1)!.link!;
  expect((await fetch(link)).ok).toBe(true);
  // Main polls at the org's interval (4 s) and pushes the new view.
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible({ timeout: 15_000 });
});
