import { test as base } from '@playwright/test';
import { startPreviewServer } from '../src/preview/server/preview-server';
import { passwordInput, signIn, usernameInput } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

test('when the org cannot be reached the user is told, and trying again works once it is back', async ({ app, idp }) => {
  idp.faults.set('interact', { kind: 'drop' });

  await signIn(app, 'alice@example.com');

  const alert = app.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(usernameInput(app)).toHaveValue('alice@example.com');
  await expect(passwordInput(app)).toHaveValue('');
  await expect(app.getByRole('button', { name: 'Try again' })).toBeVisible();
  await checkScreen(app, 'failure-network');

  idp.faults.clear();
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
});

test('when the org rate-limits, the wait it asked for is shown', async ({ app, idp }) => {
  idp.faults.set('interact', { kind: 'rate-limit', retryAfterSeconds: 30 });

  await signIn(app, 'alice@example.com');

  await expect(app.getByRole('alert')).toContainText('You can try again in 30 seconds.');
  await checkScreen(app, 'failure-rate-limited');
});

base('without valid Okta settings the app explains what to set', async ({ page }) => {
  const preview = await startPreviewServer({
    port: 0,
    env: { OKTA_ISSUER: 'not a url', OKTA_CLIENT_ID: '', OKTA_REDIRECT_URI: '' },
    dotEnvPath: '/nonexistent/.env',
    log: () => {},
  });
  try {
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: 'Okta settings needed' })).toBeVisible();
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expect(page.getByText('OKTA_ISSUER', { exact: true })).toBeVisible();
    await checkScreen(page, 'needs-configuration');
  } finally {
    await preview.close();
  }
});
