/**
 * "Okta settings needed": the steps of the build in use (a released build's config.json, with
 * "Open configuration folder"; a development run's .env), and "Check again", which reads the
 * settings again: still broken shows what is wrong now, fixed goes to sign-in with the org the
 * file names, without a restart. The preview reads as each build does (src/preview/server).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startPreviewServer, type PreviewServerOptions } from '../src/preview/server/preview-server';
import { signIn } from './support/actions';
import { inLanguage } from './support/catalog-check';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

/** A preview server reading settings as `options` say, its page opened; closed after `use`. */
async function withPreview(page: Page, options: PreviewServerOptions, use: () => Promise<void>): Promise<void> {
  const preview = await startPreviewServer({ port: 0, env: {}, dotEnvPath: '/nonexistent/.env', log: () => {}, ...options });
  try {
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Okta settings needed' })).toBeVisible();
    await use();
  } finally {
    await preview.close();
  }
}

const problems = (page: Page) => page.getByRole('alert').getByRole('listitem');
const checkAgain = (page: Page) => page.getByRole('button', { name: 'Check again' });
const tempDir = () => mkdtempSync(join(tmpdir(), 'settings-journey-'));

test('a released build names its config.json, opens its folder, and Check again reads the file again until it signs in', async ({ page }) => {
  const dir = tempDir();
  const folder = join(dir, 'Okta Desktop Sign-In');
  const file = join(folder, 'config.json');
  const machineFile = join(dir, 'opt', 'config.json');
  const asked: string[] = [];
  // The file manager fails the first time (none installed, say), then shows the folder.
  const openFolder = (path: string) => asked.push(path) > 1;
  await withPreview(page, { released: { files: [file, machineFile] }, openFolder }, async () => {
    await expect(problems(page)).toHaveText(['No config.json with Okta settings was found.']);
    // The steps of a released build: its own file, never .env, which it does not read.
    await expect(page.getByRole('listitem').filter({ hasText: 'Create or edit this file:' })).toContainText(file);
    await expect(page.getByText(machineFile, { exact: true })).toBeVisible();
    await expect(page.getByText('.env')).toHaveCount(0);

    await page.getByRole('button', { name: 'Open configuration folder' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The folder could not be opened.' })).toContainText(folder);
    await page.getByRole('button', { name: 'Open configuration folder' }).click();
    await expect(page.getByText('The folder could not be opened.')).toHaveCount(0);
    expect(asked).toEqual([folder, folder]);

    mkdirSync(folder);
    writeFileSync(file, '{ "OKTA_ISSUER": ');
    await checkAgain(page).click();
    await expect(problems(page)).toHaveText([new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`)]);
    await expect(page.getByRole('alert').first()).toBeFocused();

    writeFileSync(file, JSON.stringify({ OKTA_ISSUER: 'https://127.0.0.1:9/oauth2/default', OKTA_CLIENT_ID: 'client1', OKTA_REDIRECT_URI: 'com.example.oktadesktopsignin:/callback', OKTA_ORG_NAME: 'Acme' }));
    await checkAgain(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    // The org's look came with the settings.
    await expect(page.locator('.card__brand')).toHaveText('Acme');
    await expect(page).toHaveTitle('Acme · Sign-In');
  });
});

test('a development run says to set .env, and Check again reads it again: another problem, then signed in to the org it names', async ({ page, idp }) => {
  const dir = tempDir();
  const dotEnvPath = join(dir, '.env');
  writeFileSync(dotEnvPath, 'OKTA_ISSUER=not a url\n');
  await withPreview(page, { dotEnvPath }, async () => {
    await expect(problems(page)).toHaveText([
      'OKTA_ISSUER must be an absolute URL, e.g. https://example.okta.com/oauth2/default.',
      'OKTA_CLIENT_ID is not set. Copy it from your Okta app integration.',
      'OKTA_REDIRECT_URI is not set. Use a sign-in redirect URI registered for your app.',
    ]);
    await expect(page.getByRole('listitem').filter({ hasText: `Copy .env.example to ${dotEnvPath}.` })).toBeVisible();
    await expect(page.getByText('Save the file and choose Check again.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Open configuration folder' })).toHaveCount(0);
    await expect(page.getByText('config.json')).toHaveCount(0);

    writeFileSync(dotEnvPath, `OKTA_ISSUER=${idp.issuer}\nOKTA_CLIENT_ID=not valid!\nOKTA_REDIRECT_URI=${idp.redirectUri}\n`);
    await checkAgain(page).click();
    await expect(problems(page)).toHaveText(['OKTA_CLIENT_ID does not look like an Okta client ID (letters, digits, - and _ only).']);

    writeFileSync(dotEnvPath, `OKTA_ISSUER=${idp.issuer}\nOKTA_CLIENT_ID=${idp.clientId}\nOKTA_REDIRECT_URI=${idp.redirectUri}\nOKTA_ORG_NAME=Acme\n`);
    await checkAgain(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.locator('.card__brand')).toHaveText('Acme');
    await signIn(page, 'alice@example.com');
    await expect(page.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  });
});

// The README's pictures: a released build's first launch, before anyone put a config.json in place,
// and a checkout whose .env names no valid issuer. Paths as a person's machine has them (none exists).
const FRESH_INSTALL = { released: { files: ['/home/alex/.config/Okta Desktop Sign-In/config.json', '/opt/Okta Desktop Sign-In/config.json'] } };
const CHECKOUT = { env: { OKTA_ISSUER: 'not a url' }, dotEnvPath: '/home/alex/okta-desktop-signin/.env' };

for (const { scheme, width } of [
  { scheme: 'light', width: 420 },
  { scheme: 'dark', width: 420 },
  { scheme: 'light', width: 1000 },
  { scheme: 'dark', width: 1000 },
] as const) {
  test.describe(`${scheme}, ${width} px`, () => {
    test.use({ colorScheme: scheme, viewport: { width, height: 900 } });

    test('both kinds of build: axe-clean, nothing wider than the window', async ({ page }) => {
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      await withPreview(page, FRESH_INSTALL, async () => {
        expect(await fits()).toBe(true);
        await checkScreen(page, `needs-configuration-released-${scheme}-${width}`);
      });
      await withPreview(page, CHECKOUT, async () => {
        expect(await fits()).toBe(true);
        await checkScreen(page, `needs-configuration-development-${scheme}-${width}`);
      });
    });
  });
}

test('the README’s pictures of both', async ({ page }) => {
  await withPreview(page, FRESH_INSTALL, () => checkScreen(page, 'needs-configuration'));
  await withPreview(page, CHECKOUT, () => checkScreen(page, 'needs-configuration-development'));
});

test('in Arabic, paths and the JSON example still read left to right: a leading slash or brace stays their first glyph', async ({ page }) => {
  const preview = await startPreviewServer({ port: 0, env: {}, dotEnvPath: '/nonexistent/.env', log: () => {}, ...FRESH_INSTALL });
  try {
    await page.goto(inLanguage(preview.url, 'ar'));
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const codes = page.locator('.steps code');
    await expect(codes.filter({ hasText: '/home/alex/' })).toHaveCount(1);
    // Where the first two characters of each code are drawn: left to right, the first is left of the second.
    const order = await codes.evaluateAll((elements) =>
      elements.map((element) => {
        const text = element.firstChild as Text;
        const leftOf = (at: number) => {
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + 1);
          return range.getBoundingClientRect().left;
        };
        return { text: text.data, ltr: leftOf(0) < leftOf(1) };
      }),
    );
    expect(order.filter(({ text }) => /^[/{]/.test(text))).toHaveLength(3);
    expect(order.filter(({ ltr }) => !ltr)).toEqual([]);
  } finally {
    await preview.close();
  }
});
