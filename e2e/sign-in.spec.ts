import { DEMO_PASSWORD, passwordInput, signIn, usernameInput } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';
import { expectNoTokensInRenderer } from './support/secrets';

test('alice signs in and sees her profile, and no token reaches the renderer', async ({ app, bridge }) => {
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await checkScreen(app, 'sign-in');

  await signIn(app, 'alice@example.com');

  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  await expect(app.getByText('alice@example.com').first()).toBeVisible();
  await expect(app.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await checkScreen(app, 'home');

  await app.getByRole('button', { name: 'Refresh profile' }).click();
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Refresh profile' })).toBeEnabled();

  await expectNoTokensInRenderer(app, await bridge.responses());
});

test('a wrong password keeps the same form: the intro stays, nothing new appears, the password is focused with the org\'s words and what to do', async ({ app }) => {
  await signIn(app, 'alice@example.com', 'not-the-password');

  // The org's message, under the field to fix, with guidance; the password field has focus.
  await expect(passwordInput(app)).toBeFocused();
  await expect(passwordInput(app)).toHaveAttribute('aria-invalid', 'true');
  await expect(passwordInput(app)).toHaveAccessibleDescription(/^Authentication failed\. Check your username and password, then try again\./);
  await expect(usernameInput(app)).toHaveValue('alice@example.com');
  await expect(passwordInput(app)).toHaveValue('');
  // The same form: its intro, and no "Remember this device" or Cancel it never had.
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.getByText('Use your organization’s Okta account.')).toBeVisible();
  await expect(app.getByRole('checkbox')).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  // Tab from the password goes on through the form, not back to the username.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Show password' })).toBeFocused();
  await checkScreen(app, 'wrong-password');

  // A second wrong try is answered on the screen already shown.
  await passwordInput(app).fill('still-not-the-password');
  await app.getByRole('button', { name: 'Sign in' }).click();
  await expect(passwordInput(app)).toBeFocused();
  await expect(passwordInput(app)).toHaveValue('');
  await expect(usernameInput(app)).toHaveValue('alice@example.com');

  await passwordInput(app).fill(DEMO_PASSWORD);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
});

test('an unknown user is told under the username, styled as a wrong password is', async ({ app }) => {
  await signIn(app, 'nobody@example.com', 'whatever');

  await expect(usernameInput(app)).toBeFocused();
  await expect(usernameInput(app)).toHaveAttribute('aria-invalid', 'true');
  const error = app.locator('#username-error');
  await expect(error).toContainText('There is no account with the Username nobody@example.com.');
  await expect(error).toContainText('Check the username');
  // The same red as a wrong password's, not a yellow warning box.
  await expect(app.locator('.message--warning')).toHaveCount(0);
  await expect(error).toHaveClass('field__error');
  await checkScreen(app, 'unknown-user');
});

test.describe('with an identifier-first org', () => {
  test.use({ idpOptions: { policy: 'identifier-first' } });

  test('a wrong password shows the password step for the username typed, with "Not you?" back to an empty form', async ({ app }) => {
    await signIn(app, 'alice@example.com', 'not-the-password');

    await expect(app.getByRole('heading', { name: 'Enter your password' })).toBeVisible();
    await expect(app.getByText('Signing in as alice@example.com')).toBeVisible();
    await expect(passwordInput(app)).toBeFocused();
    await expect(passwordInput(app)).toHaveAccessibleDescription('Password is incorrect.');
    await checkScreen(app, 'password-step-identifier-first');

    await app.getByRole('button', { name: 'Not you?' }).click();
    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(usernameInput(app)).toHaveValue('');
    await expect(usernameInput(app)).toBeFocused();
  });
});

test('home is a profile a person recognises, details behind a disclosure; signing out says so, clears the username and revokes the tokens', async ({ app, idp }) => {
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  await expect(app.locator('.identity__avatar')).toHaveText('AE');
  await expect(app.locator('.identity__email')).toHaveText('alice@example.com');
  // The name once: in the greeting beside the initials, not again in a line under it.
  await expect(app.getByText('Alice Example')).toHaveCount(1);
  // The subject and the token times are there for whoever needs them, not in the way.
  await expect(app.getByText('Subject (sub)')).toBeHidden();
  await app.getByText('Technical details').click();
  await expect(app.getByText('Subject (sub)')).toBeVisible();
  await expect(app.getByRole('definition').filter({ hasText: /\d{4}/ }).first()).toBeVisible();
  await expect(app.getByText(/^\d{10}$/)).toHaveCount(0);
  await checkScreen(app, 'home-details');
  // The browser never sees the tokens; the org can count them: an access and a refresh token.
  expect(idp.liveTokenCount('alice@example.com')).toBe(2);

  await app.getByRole('button', { name: 'Sign out' }).click();

  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.getByText('You’re signed out.')).toBeVisible();
  await expect(usernameInput(app)).toHaveValue('');
  await expect(passwordInput(app)).toHaveValue('');
  await checkScreen(app, 'signed-out');
  expect(idp.liveTokenCount('alice@example.com')).toBe(0);
});

test('sign-in works with the keyboard alone', async ({ app }) => {
  // The first field has focus when the screen opens.
  await expect(usernameInput(app)).toBeFocused();
  await app.keyboard.type('alice@example.com');
  await app.keyboard.press('Tab');
  await expect(passwordInput(app)).toBeFocused();
  await app.keyboard.type(DEMO_PASSWORD);
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Show password' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Sign in' })).toBeFocused();
  await app.keyboard.press('Enter');

  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  // Focus lands on the new screen, not on the body.
  await expect(app.locator(':focus')).toHaveCount(1);
});

test('refreshing the profile from the keyboard leaves focus on Refresh profile', async ({ app, idp }) => {
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  const refresh = app.getByRole('button', { name: 'Refresh profile' });
  await refresh.focus();
  idp.resetCounts();

  await app.keyboard.press('Enter');

  // The button is disabled while the call runs, which drops focus; it comes back to the button.
  await expect.poll(() => idp.counts().userinfo).toBe(1);
  await expect(refresh).toBeEnabled();
  await expect(refresh).toBeFocused();
});

test.describe('in a narrow window', () => {
  test.use({ viewport: { width: 420, height: 640 } });

  test('sign-in and home fit without scrolling sideways', async ({ app }) => {
    const scrollsSideways = () => app.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(await scrollsSideways()).toBe(false);
    await signIn(app, 'alice@example.com');
    await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
    expect(await scrollsSideways()).toBe(false);
    // The email beside the avatar is not broken across lines.
    expect((await app.locator('.identity__email').boundingBox())!.height).toBeLessThan(30);
  });
});

test('the password can be shown and hidden again', async ({ app }) => {
  await passwordInput(app).fill('s3cret-value');
  await expect(passwordInput(app)).toHaveAttribute('type', 'password');

  await app.getByRole('button', { name: 'Show password' }).click();
  await expect(passwordInput(app)).toHaveAttribute('type', 'text');
  await expect(passwordInput(app)).toHaveValue('s3cret-value');
  await checkScreen(app, 'sign-in-password-shown');

  await app.getByRole('button', { name: 'Hide password' }).click();
  await expect(passwordInput(app)).toHaveAttribute('type', 'password');
});

test('submitting an empty form names the missing fields without calling the org', async ({ app, idp }) => {
  await app.getByRole('button', { name: 'Sign in' }).click();

  await expect(usernameInput(app)).toBeFocused();
  await expect(usernameInput(app)).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByText('Enter your username.')).toBeVisible();
  await expect(app.getByText('Enter your password.')).toBeVisible();
  expect(idp.counts().identify).toBe(0);
});

test.describe('without OS encryption', () => {
  test.use({ encryptionAvailable: false });

  test('home says the session is kept in memory only', async ({ app }) => {
    await signIn(app, 'alice@example.com');
    await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
    // Main says why (it knows the keychain state); the renderer only shows its messages.
    await expect(app.getByText('does not offer secure storage for your sign-in')).toHaveCount(1);
    await checkScreen(app, 'home-memory-only');
  });
});
