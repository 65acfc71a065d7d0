/**
 * Session journeys in the browser preview: the preview's main process keeps the session while
 * the page reloads (as the desktop app keeps it across window reloads), sign-out revokes at the
 * org, and sign-out with the org unreachable still signs out and says revocation will be retried.
 */
import { IDP_ENDPOINTS } from '../idp/index';
import { signIn } from './support/actions';
import { expect, test } from './support/fixtures';
import { expectNoTokensInRenderer } from './support/secrets';

const HOME = { name: 'Welcome, Alice Example' } as const;

test('a reload shows home again without signing in', async ({ app, idp, bridge }) => {
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', HOME)).toBeVisible();
  idp.resetCounts();

  await app.reload();

  await expect(app.getByRole('heading', HOME)).toBeVisible();
  await expect(app.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // The session came from main, not from a new sign-in.
  expect(idp.counts().interact).toBe(0);
  expect(idp.counts().token).toBe(0);
  await expectNoTokensInRenderer(app, await bridge.responses());
});

test('signing out returns to sign-in, revokes both tokens and ends the org session', async ({ app, idp }) => {
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', HOME)).toBeVisible();
  idp.resetCounts();

  await app.getByRole('button', { name: 'Sign out' }).click();

  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(idp.counts().revoke).toBe(2);
  expect(idp.counts().logout).toBe(1);
  await app.reload();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('signing out while the org is unreachable still signs out and says it will retry', async ({ app, idp }) => {
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', HOME)).toBeVisible();
  for (const endpoint of IDP_ENDPOINTS) idp.faults.set(endpoint, { kind: 'drop' });

  await app.getByRole('button', { name: 'Sign out' }).click();

  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.getByText(/could not be reached.*will retry/)).toBeVisible();
});

test('home says offline when the profile cannot be refreshed, and keeps the session', async ({ app, idp }) => {
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', HOME)).toBeVisible();
  idp.faults.set('userinfo', { kind: 'drop' });

  await app.getByRole('button', { name: 'Refresh profile' }).click();

  await expect(app.getByText(/cannot be reached.*still\s+signed in/)).toBeVisible();
  await expect(app.getByRole('heading', HOME)).toBeVisible();
});
