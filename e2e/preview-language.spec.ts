/**
 * The preview asks the org in the language the page draws in, as the desktop app asks in the one
 * its window shows: `?lang=` alone (the preview's own language for the org left at English) brings
 * the org's message in that language.
 */
import { expect, test } from './support/fixtures';
import { heading, signIn } from './support/by-structure';
import { inLanguage } from './support/catalog-check';
import { CATALOGS } from '../src/shared/i18n/catalog';

const CASES = [
  { lang: 'fr', orgMessage: 'Échec de l’authentification', title: CATALOGS.fr['signIn.title'] },
  // The pseudo-locale is English to the org.
  { lang: 'en-XA', orgMessage: 'Authentication failed', title: undefined },
];

for (const { lang, orgMessage, title } of CASES) {
  test(`?lang=${lang}: the org's message in the page's language`, async ({ page, preview }) => {
    await page.goto(inLanguage(preview.url, lang));
    if (title !== undefined) await expect(heading(page)).toHaveText(title);
    await signIn(page, 'alice@example.com', 'wrong-password');
    await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
    // The org's words first, as sent (the app's own hint follows them).
    await expect(page.locator('#password-error')).toContainText(orgMessage);
  });
}
