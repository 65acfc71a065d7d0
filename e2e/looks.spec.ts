/**
 * Every screen this issue changed, in light and dark, narrow (420 px) and wide: axe-clean and
 * photographed (test-results/screens/looks-*), with the org's branding on.
 */
import { DEMO_PASSWORD, passwordInput, signIn } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';
import type { Page } from '@playwright/test';

/**
 * Buttons that start a row of `.actions` (the first, or one wrapped to the next line) whose visible
 * edge is not the row's: a quiet button (no border, no fill) shows its text, indented by its padding.
 */
function misalignedRowStarts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.actions')).flatMap((row) => {
      const rtl = getComputedStyle(row).direction === 'rtl';
      const edge = (rect: DOMRect) => (rtl ? -rect.right : rect.left);
      const start = edge(row.getBoundingClientRect());
      const buttons = Array.from(row.querySelectorAll(':scope > .button'));
      return buttons
        .filter((button) => {
          const rect = button.getBoundingClientRect();
          // Starts its line: nothing else on that line comes before it.
          return !buttons.some((other) => other !== button && Math.abs(other.getBoundingClientRect().top - rect.top) < 2 && edge(other.getBoundingClientRect()) < edge(rect));
        })
        .filter((button) => {
          const style = getComputedStyle(button);
          const bare = style.borderInlineStartColor === 'rgba(0, 0, 0, 0)' && style.backgroundColor === 'rgba(0, 0, 0, 0)';
          const visible = edge(button.getBoundingClientRect()) + (bare ? parseFloat(style.paddingInlineStart) : 0);
          return Math.abs(visible - start) > 1;
        })
        .map((button) => button.textContent ?? '');
    }),
  );
}

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
      // Seven screens, each checked by axe: past 60 s at a load of 25 on two cores (all four timed out at the last step).
      test.slow();
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
      // Unlock and Back to sign in: a button that wraps to a second line starts where the first does.
      expect(await misalignedRowStarts(app)).toEqual([]);
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
