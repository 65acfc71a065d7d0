/**
 * The org's look from the same configuration as the issuer (OKTA_ORG_*): its name in the window
 * title, its logo and name on the sign-in card (and in the top bar of the other screens), its colour on the buttons, its
 * help page on the dead-end screens. Without any, the app has a look of its own (no placeholder).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

const logoFile = join(mkdtempSync(join(tmpdir(), 'org-logo-')), 'acme.svg');
writeFileSync(
  logoFile,
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 32"><rect width="32" height="32" rx="6" fill="#0b5cab"/><text x="40" y="23" font-family="sans-serif" font-size="20" fill="#0b5cab">ACME</text></svg>',
);

test.describe('an org with its own look', () => {
  test.use({
    extraEnv: { OKTA_ORG_NAME: 'Acme', OKTA_ORG_LOGO: logoFile, OKTA_ORG_ACCENT_COLOR: '#0B5CAB', OKTA_ORG_HELP_URL: 'https://help.example.com/' },
  });

  test('title, card, top bar and buttons show the org; its help page is offered where people are stuck', async ({ app }) => {
    await expect(app).toHaveTitle('Acme · Sign-In');
    // Once: the logo on the card, as Okta's sign-in widget has it, named by the org's name; no
    // top bar repeats it over the card, and no name beside a logo that may well be the name.
    const logo = app.locator('.card__brand').getByRole('img', { name: 'Acme' });
    await expect(logo).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect(app.locator('.card__brand')).toHaveText('');
    await expect(app.locator('.topbar')).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Sign in' })).toHaveCSS('background-color', 'rgb(11, 92, 171)');
    await checkScreen(app, 'sign-in-branded');

    await signIn(app, 'locked@example.com');
    await expect(app.getByRole('heading', { name: 'Your account is locked' })).toBeVisible();
    await expect(app.getByRole('link', { name: 'Get help from Acme' })).toHaveAttribute('href', 'https://help.example.com/');
    // Past the sign-in card, the top bar carries the org's logo.
    await expect(app.locator('.topbar').getByRole('img', { name: 'Acme' })).toBeVisible();
    await checkScreen(app, 'terminal-locked-out-branded');
  });

  test.describe('dark', () => {
    test.use({ colorScheme: 'dark' });

    test('a brand colour too dark to read on the dark card leaves the app its own accent there', async ({ app }) => {
      await expect(app.locator('.card__brand').getByRole('img', { name: 'Acme' })).toBeVisible();
      await expect(app.getByRole('button', { name: 'Sign in' })).not.toHaveCSS('background-color', 'rgb(11, 92, 171)');
      await checkScreen(app, 'sign-in-branded-dark');
    });
  });
});

test('without branding: the app’s own name and mark, not a placeholder character', async ({ app }) => {
  await expect(app).toHaveTitle('Okta Desktop Sign-In');
  await expect(app.locator('.card__brand')).toHaveText('Okta Desktop Sign-In');
  await expect(app.locator('.card__brand svg.brand__mark')).toBeVisible();
  await expect(app.getByText('◆')).toHaveCount(0);
});
