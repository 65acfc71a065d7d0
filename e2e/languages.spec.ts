/**
 * The app in each language it speaks, as a person with that system language sees it: every main
 * screen axe-clean in light and dark at 420 px, nothing clipped, in en, de, fr, es, ja and ar
 * (Arabic right to left); German and Arabic also wide, with the org's own message (the emulator answers
 * Accept-Language: de), the person's name and email isolated inside Arabic, and photographed for
 * the README (light and dark, 420 px and wide).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DEMO_PASSWORD } from './support/actions';
import { cancel, choose, heading, signIn, signInTo, submit } from './support/by-structure';
import { expectNothingClipped, inLanguage } from './support/catalog-check';
import { checkScreen, expectNoAxeViolations } from './support/screens';
import { CATALOGS } from '../src/shared/i18n/catalog';
import { directionOf, LOCALES, type Locale } from '../src/shared/i18n/locales';
import { FIRST_STRONG_ISOLATE as FSI, POP_DIRECTIONAL_ISOLATE as PDI } from '../src/renderer/src/i18n/useText';

/** Photographed for the README: the languages whose pictures show the most (long words, mirroring). */
const PHOTOGRAPHED: ReadonlySet<Locale> = new Set(['de', 'ar']);

/**
 * Nothing clipped (real German words, Japanese without spaces); axe in light and in dark; in a
 * photographed language also a picture of each (`name`, `name-dark`).
 */
async function lightAndDark(page: Page, locale: Locale, name: string): Promise<void> {
  await expectNothingClipped(page, `${locale} ${name}`);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    if (PHOTOGRAPHED.has(locale)) await checkScreen(page, `${locale}-${name}${scheme === 'dark' ? '-dark' : ''}`);
    else await expectNoAxeViolations(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function open(page: Page, url: string, locale: Locale): Promise<void> {
  await page.goto(inLanguage(url, locale));
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.locator('html')).toHaveAttribute('dir', directionOf(locale));
  await expect(heading(page)).toHaveText(CATALOGS[locale]['signIn.title']);
}

async function wrongPassword(page: Page): Promise<void> {
  await signIn(page, 'alice@example.com', 'wrong-password');
  // The same form, the org's words under the password.
  await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
}

for (const locale of LOCALES) {
  test.describe(`in ${locale}, 420 px`, () => {
    test.use({ orgLanguage: locale, withApi: true, viewport: { width: 420, height: 760 } });

    test('sign-in, locked out, a second factor, home: axe-clean light and dark', async ({ page, preview }) => {
      // Eight axe runs: on 2 busy cores (load 15) they alone took most of the default 60 s.
      test.slow();
      await open(page, preview.url, locale);
      await lightAndDark(page, locale, 'sign-in-narrow');

      await signInTo(page, 'locked@example.com');
      await expect(heading(page)).toHaveText(CATALOGS[locale]['terminal.lockedOut.title']);
      await lightAndDark(page, locale, 'locked-out-narrow');
      await page.locator('.actions button').last().click();

      await signInTo(page, 'choice-mfa@example.com');
      await lightAndDark(page, locale, 'mfa-choice-narrow');
      await cancel(page).click();

      await signIn(page, 'alice@example.com');
      await expect(page.locator('.tasks__item')).toHaveCount(3);
      await page.locator('.details__summary').click();
      await lightAndDark(page, locale, 'home-narrow');
    });
  });
}

const WIDE: ReadonlyArray<{ locale: Locale; orgMessage: string; welcome: string }> = [
  { locale: 'de', orgMessage: 'Authentifizierung fehlgeschlagen', welcome: 'Willkommen, Alice Example' },
  // The emulated org speaks no Arabic: its message stays English, as a real org's would. The
  // name inside the greeting is isolated, so it keeps its order in right-to-left text.
  { locale: 'ar', orgMessage: 'Authentication failed', welcome: `مرحبًا، ${FSI}Alice Example${PDI}` },
];

for (const { locale, orgMessage, welcome } of WIDE) {
  test.describe(`in ${locale}, wide`, () => {
    test.use({ orgLanguage: locale, withApi: true });

    test('the org’s message in the person’s language, an email code step, home with the email isolated', async ({ page, preview }) => {
      // Six axe runs and pictures, as the 420 px journey.
      test.slow();
      await open(page, preview.url, locale);
      await wrongPassword(page);
      await expect(page.locator('#password-error')).toContainText(orgMessage);
      await lightAndDark(page, locale, 'wrong-password');
      await page.locator('#password').fill(DEMO_PASSWORD);
      await submit(page).click();
      await expect(heading(page)).toHaveText(welcome);
      // Also on a line of its own: a <bdi>, the direction its own.
      await expect(page.locator('.identity__email bdi')).toHaveText('alice@example.com');
      await expect(page.locator('.tasks__item')).toHaveCount(3);
      await lightAndDark(page, locale, 'home');
      await page.locator('.actions .button--primary').click();

      await signInTo(page, 'email-mfa@example.com');
      await choose(page, 'okta_email');
      await expect(page.locator('.resend')).toBeVisible();
      await lightAndDark(page, locale, 'email-code');
    });
  });
}
