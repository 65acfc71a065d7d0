/**
 * Every screen this issue changed, in light and dark, narrow (420 px) and wide: axe-clean and
 * photographed (test-results/screens/looks-*), with the org's branding on.
 */
import { DEMO_PASSWORD, passwordInput, signIn } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

const LOOKS = [
  { scheme: 'light', width: 420 },
  { scheme: 'dark', width: 420 },
  { scheme: 'light', width: 1000 },
  { scheme: 'dark', width: 1000 },
] as const;

for (const { scheme, width } of LOOKS) {
  test.describe(`${scheme}, ${width} px`, () => {
    test.use({
      colorScheme: scheme,
      viewport: { width, height: 760 },
      extraEnv: { OKTA_ORG_NAME: 'Acme', OKTA_ORG_ACCENT_COLOR: '#0b5cab', OKTA_ORG_HELP_URL: 'https://help.example.com/' },
    });

    test('sign-in, wrong password, locked out, suspended, home and signed out', async ({ app }) => {
      const name = (screen: string) => `looks-${screen}-${scheme}-${width}`;
      const fits = () => app.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      await checkScreen(app, name('sign-in'));
      await signIn(app, 'alice@example.com', 'not-the-password');
      await expect(passwordInput(app)).toBeFocused();
      await checkScreen(app, name('wrong-password'));
      await signIn(app, 'nobody@example.com', DEMO_PASSWORD);
      await expect(app.locator('#username-error')).toBeVisible();
      await checkScreen(app, name('unknown-user'));
      await signIn(app, 'locked@example.com');
      await expect(app.getByRole('heading', { name: 'Your account is locked' })).toBeVisible();
      await checkScreen(app, name('locked-out'));
      await app.getByRole('button', { name: 'Back to sign in' }).click();
      await signIn(app, 'suspended@example.com');
      await expect(app.getByRole('heading', { name: 'You can’t sign in to this app' })).toBeVisible();
      await checkScreen(app, name('suspended'));
      await app.getByRole('button', { name: 'Back to sign in' }).click();
      await signIn(app, 'alice@example.com');
      await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
      await app.getByText('Technical details').click();
      expect(await fits()).toBe(true);
      await checkScreen(app, name('home'));
      await app.getByRole('button', { name: 'Sign out' }).click();
      await expect(app.getByText('You’re signed out.')).toBeVisible();
      expect(await fits()).toBe(true);
      await checkScreen(app, name('signed-out'));
    });
  });
}
