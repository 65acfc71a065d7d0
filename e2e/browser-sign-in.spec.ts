/**
 * Signing in in the system browser (RFC 8252), in Chromium against the emulator: the app's "open
 * in browser" lands in a second browser context that plays the system browser (fixtures.ts),
 * where the org's hosted page is used as a person would, and the app comes back signed in. The
 * security key is Chromium's virtual authenticator holding the demo user's test key.
 */
import type { Page } from '@playwright/test';
import { SECURITY_KEY } from '../idp/test/security-key';
import { DEMO_PASSWORD, signIn } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';
import { expectNoTokensInRenderer } from './support/secrets';

/** A USB security key that holds the demo user's credential and says yes at once. */
async function plugInSecurityKey(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: Buffer.from(SECURITY_KEY.credentialId, 'base64url').toString('base64'),
      isResidentCredential: false,
      rpId: SECURITY_KEY.rpId,
      privateKey: SECURITY_KEY.privateKey,
      signCount: 0,
    },
  });
}

const welcome = (page: Page, name: string) => page.getByRole('heading', { name: `Welcome, ${name}` });

test('a security-key-only user continues in the browser and comes back signed in; the renderer never sees a token', async ({ app, bridge, systemBrowser }) => {
  // The longest journey: two browser contexts and five axe-checked screens. On a 2-core machine
  // at load 20+ one axe run on the hosted page took 11-17 s (trace of two timed-out runs), so
  // the 60 s default was spent while every step was still progressing. Triple it, here only.
  test.slow();
  systemBrowser.prepare(plugInSecurityKey);
  await signIn(app, 'webauthn-only@example.com');
  await expect(app.getByRole('heading', { name: 'This sign-in needs your browser' })).toBeVisible();
  await expect(app.getByText(/which this window can’t use\. Your browser can\./)).toBeVisible();
  await checkScreen(app, 'browser-continue');

  await app.getByRole('button', { name: 'Continue in your browser' }).click();
  await expect(app.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: 'Waiting for your browser' })).toBeVisible();
  await checkScreen(app, 'browser-waiting');

  const browser = await systemBrowser.nextPage();
  await expect(browser.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await checkScreen(browser, 'browser-hosted-sign-in');
  await browser.getByLabel('Username').fill('webauthn-only@example.com');
  await browser.getByLabel('Password').fill(DEMO_PASSWORD);
  await browser.getByRole('button', { name: 'Sign in' }).click();
  await browser.getByRole('button', { name: 'Security Key or Biometric' }).click();
  await expect(browser.getByRole('heading', { name: 'Verify with Security Key or Biometric' })).toBeVisible();
  await browser.getByRole('button', { name: 'Use security key' }).click();

  // The loopback listener's page, then the window signs in by itself.
  await expect(browser.getByRole('heading', { name: 'Return to the app' })).toBeVisible();
  await checkScreen(browser, 'browser-return');
  await expect(welcome(app, 'Walt Webauthn')).toBeVisible();
  await expectNoTokensInRenderer(app, await bridge.responses());
  const seen = (await bridge.responses()).join('\n');
  const authorize = new URL(systemBrowser.opened[0]!);
  for (const secret of ['state', 'nonce', 'code_challenge']) expect(seen).not.toContain(authorize.searchParams.get(secret)!);
});

test.describe('with an identity provider', () => {
  test.use({ idpOptions: { identityProvider: true } });

  test("signs in through the org's identity provider from the hosted page", async ({ app, bridge, systemBrowser }) => {
    await app.getByRole('button', { name: 'Use your browser' }).click();
    await expect(app.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
    const browser = await systemBrowser.nextPage();
    await browser.getByRole('link', { name: 'Sign in with Example Partner' }).click();
    await expect(browser.getByRole('heading', { name: 'Sign in to Example Partner' })).toBeVisible();
    await browser.getByRole('button', { name: 'Continue as Alice Example' }).click();
    await expect(browser.getByRole('heading', { name: 'Return to the app' })).toBeVisible();
    await expect(welcome(app, 'Alice Example')).toBeVisible();
    await expectNoTokensInRenderer(app, await bridge.responses());
  });
});

test('cancel in the window: back to sign-in, and the browser finishing later signs nobody in', async ({ app, systemBrowser }) => {
  await app.getByRole('button', { name: 'Use your browser' }).click();
  const browser = await systemBrowser.nextPage();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await browser.getByLabel('Username').fill('alice@example.com');
  await browser.getByLabel('Password').fill(DEMO_PASSWORD);
  // The listener is gone: the browser cannot reach it.
  await Promise.all([browser.waitForEvent('requestfailed'), browser.getByRole('button', { name: 'Sign in' }).click()]);
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await app.getByRole('heading', { name: /^Welcome/ }).count()).toBe(0);
});

test('cancelled in the browser: the window says so and offers sign-in again', async ({ app, systemBrowser }) => {
  await app.getByRole('button', { name: 'Use your browser' }).click();
  const browser = await systemBrowser.nextPage();
  await browser.getByRole('button', { name: 'Cancel and go back to the app' }).click();
  await expect(browser.getByRole('heading', { name: 'Sign-in did not finish' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: 'did not finish' })).toContainText('Your organization said: “The user cancelled the sign-in.”');
  await checkScreen(app, 'browser-cancelled');
});

test('the page can be opened again from the window', async ({ app, systemBrowser }) => {
  await app.getByRole('button', { name: 'Use your browser' }).click();
  await systemBrowser.nextPage();
  await app.getByRole('button', { name: 'Open the page again' }).click();
  await systemBrowser.nextPage();
  expect(systemBrowser.opened).toHaveLength(2);
  expect(systemBrowser.opened[1]).toBe(systemBrowser.opened[0]);
});

for (const [label, use] of [
  ['dark', { colorScheme: 'dark' as const }],
  ['narrow', { viewport: { width: 420, height: 720 } }],
] as const) {
  test.describe(`${label} window`, () => {
    test.use(use);
    test(`the browser screens, ${label}`, async ({ app, systemBrowser }) => {
      await checkScreen(app, `browser-sign-in-link-${label}`);
      await signIn(app, 'webauthn-only@example.com');
      await expect(app.getByRole('heading', { name: 'This sign-in needs your browser' })).toBeVisible();
      await checkScreen(app, `browser-continue-${label}`);
      await app.getByRole('button', { name: 'Continue in your browser' }).click();
      await expect(app.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
      await checkScreen(app, `browser-waiting-${label}`);
      const scrollsSideways = await app.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(scrollsSideways).toBe(false);
      await systemBrowser.nextPage();
    });
  });
}
