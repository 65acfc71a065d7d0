/**
 * The home screen's API panel in Chromium: main reads the demo API with the session's access
 * token and hands the page only the tasks; a failure offers another try; a session cleared at
 * the org ends on the sign-in screen with a message, not a crash.
 */
import { signIn } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';
import { expectNoTokensInRenderer } from './support/secrets';

test.use({ withApi: true });

const panel = (app: import('@playwright/test').Page) => app.getByRole('region', { name: 'Your tasks' });

test('alice sees her tasks from the API, and no token reaches the renderer', async ({ app, bridge, idp }) => {
  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  const items = panel(app).getByRole('listitem');
  await expect(items).toHaveText(['Review the quarterly reportTo do', 'Book the team offsiteDone', 'Renew the conference badgeTo do']);
  expect(idp.api!.statuses()).toEqual([200]);
  await checkScreen(app, 'home-api');

  await panel(app).getByRole('button', { name: 'Reload your tasks' }).click();
  await expect(items).toHaveCount(3);
  expect(idp.api!.statuses()).toEqual([200, 200]);
  await expectNoTokensInRenderer(app, await bridge.responses());
});

test('an API failure says so in the panel and "Try again" loads the tasks', async ({ app, idp }) => {
  idp.api!.failNext(503);
  await signIn(app, 'alice@example.com');
  await expect(panel(app).getByRole('alert')).toHaveText('Warning: The API returned an error. Please try again. Try again');
  await checkScreen(app, 'home-api-failed');
  await panel(app).getByRole('button', { name: 'Try again' }).click();
  await expect(panel(app).getByRole('listitem')).toHaveCount(3);
});

test('a session cleared at the org: the next API call signs out with a message', async ({ app, idp }) => {
  await signIn(app, 'alice@example.com');
  await expect(panel(app).getByRole('listitem')).toHaveCount(3);
  expect(idp.revokeTokens('alice@example.com')).toBe(2);

  await panel(app).getByRole('button', { name: 'Reload your tasks' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  // One refused call, then no retry with the same token.
  expect(idp.api!.statuses().slice(1)).toEqual([401]);
});

for (const [label, use] of [
  ['dark', { colorScheme: 'dark' as const }],
  ['narrow', { viewport: { width: 420, height: 900 } }],
  ['narrow-dark', { viewport: { width: 420, height: 900 }, colorScheme: 'dark' as const }],
] as const) {
  test.describe(`${label} window`, () => {
    test.use(use);
    test(`the tasks panel, ${label}`, async ({ app }) => {
      await signIn(app, 'alice@example.com');
      await expect(panel(app).getByRole('listitem')).toHaveCount(3);
      await checkScreen(app, `home-api-${label}`);
      const scrollsSideways = await app.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(scrollsSideways).toBe(false);
    });
  });
}
