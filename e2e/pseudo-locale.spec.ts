/**
 * Every screen in the pseudo-locale (en-XA: accented, a third longer, in ⟦…⟧) at 420 px: any word
 * outside the markers did not come from the catalog (the org's words and the user's data, which the
 * bridge delivered, excepted), and nothing may be clipped or overflow. Driven by ids and roles,
 * not English names, since no English is on screen.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DEMO_PASSWORD } from './support/actions';
import { cancel, choose, heading, signIn, signInTo, submit, toNextScreen } from './support/by-structure';
import { expectEveryWordFromCatalog, inLanguage, recordDeliveredStrings } from './support/catalog-check';
import type { BridgeRecorder } from './support/fixtures';
import { IDP_ENDPOINTS, type RunningIdp } from '../idp/index';
import { startPreviewServer } from '../src/preview/server/preview-server';
import { PSEUDO_LOCALE } from '../src/shared/i18n/locales';

test.use({ viewport: { width: 420, height: 760 } });

async function open(page: Page, bridge: BridgeRecorder, url: string) {
  const delivered = await recordDeliveredStrings(page, bridge);
  await page.goto(inLanguage(url, PSEUDO_LOCALE));
  await expect(page.locator('html')).toHaveAttribute('lang', PSEUDO_LOCALE);
  await expect(heading(page)).toBeVisible();
  return (screen: string) => expectEveryWordFromCatalog(page, delivered, screen);
}

const lastCode = (idp: RunningIdp, login: string) => idp.outbox(login).filter((m) => m.code).at(-1)!.code!;

test.describe('with the org’s API', () => {
  test.use({ withApi: true });

  test('sign-in, its errors, home with its tasks and technical details, signed out', async ({ page, preview, bridge }) => {
    const check = await open(page, bridge, preview.url);
    await check('sign-in');
    await submit(page).click();
    await expect(page.locator('.field__error')).toHaveCount(2);
    await check('sign-in, empty');
    await signIn(page, 'alice@example.com', 'wrong-password');
    await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
    await check('wrong password');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await submit(page).click();
    await expect(page.locator('.tasks__item')).toHaveCount(3);
    await page.locator('.details__summary').click();
    await expect(page.locator('dl.profile')).toBeVisible();
    await check('home, technical details open');
    await page.locator('.actions .button--primary').click();
    await expect(page.locator('#username')).toBeVisible();
    await expect(page.locator('.messages')).toBeVisible();
    await check('signed out');
  });

  test('home: the API failing, the org out of reach, the session ended at the org', async ({ page, preview, bridge, idp }) => {
    const check = await open(page, bridge, preview.url);
    idp.api!.failNext(503);
    await signIn(page, 'alice@example.com');
    await expect(page.locator('.api-panel__failure')).toBeVisible();
    await check('home, the API failed');
    await page.locator('.api-panel__failure button').click();
    await expect(page.locator('.tasks__item')).toHaveCount(3);

    idp.faults.set('userinfo', { kind: 'drop' });
    await page.locator('.actions .button').first().click();
    await expect(page.locator('.message--info')).toBeVisible();
    await check('home, offline');
    idp.faults.clear();

    expect(idp.revokeTokens('alice@example.com')).toBe(2);
    await page.locator('.api-panel__header button').click();
    await expect(page.locator('#username')).toBeVisible();
    await check('signed out by the org');
  });
});

test('signing in: busy with Cancel, canceled, an unknown user, signing out while the org is out of reach', async ({ page, preview, bridge, idp }) => {
  const check = await open(page, bridge, preview.url);
  idp.faults.set('identify', { kind: 'latency', ms: 120_000, times: 1 });
  await signIn(page, 'alice@example.com');
  await idp.faults.holding();
  await expect(page.locator('#username')).toBeDisabled();
  await check('signing in');
  await page.locator('.actions .button--quiet').click();
  await expect(page.locator('#username')).toBeEnabled();
  await expect(page.locator('.messages')).toBeVisible();
  await check('sign-in canceled');
  idp.faults.release();

  await signIn(page, 'nobody@example.com');
  await expect(page.locator('#username')).toHaveAttribute('aria-invalid', 'true');
  await check('unknown user');

  await signIn(page, 'alice@example.com');
  await expect(page.locator('.identity__avatar')).toBeVisible();
  for (const endpoint of IDP_ENDPOINTS) idp.faults.set(endpoint, { kind: 'drop' });
  await page.locator('.actions .button--primary').click();
  await expect(page.locator('#username')).toBeVisible();
  await check('signed out, the org out of reach');
});

test.describe('an identifier-first org', () => {
  test.use({ idpOptions: { policy: 'identifier-first' } });

  test('the password step for the username typed, with "Not you?"', async ({ page, preview, bridge }) => {
    const check = await open(page, bridge, preview.url);
    await toNextScreen(page, () => signIn(page, 'alice@example.com', 'not-the-password'));
    await expect(page.locator('#step-password')).toBeFocused();
    await check('password step, signing in as');
  });
});

test('second factors: choice, email code, push with a number, set-ups', async ({ page, preview, bridge }) => {
  const check = await open(page, bridge, preview.url);
  await signInTo(page, 'email-mfa@example.com');
  await check('mfa choice');
  await choose(page, 'okta_email');
  await expect(page.locator('.resend')).toBeVisible();
  await check('email code');
  await cancel(page).click();

  await signInTo(page, 'push-number@example.com');
  await choose(page, 'okta_verify');
  await expect(page.locator('.poll__number-value')).toBeVisible();
  await check('push with a number');
  await cancel(page).click();

  await signInTo(page, 'enroll-totp@example.com');
  await choose(page, 'google_otp');
  await page.locator('.enroll__key button').click();
  await expect(page.locator('#setup-key')).toBeVisible();
  await check('google authenticator set-up');
  await cancel(page).click();

  await signInTo(page, 'enroll-phone@example.com');
  await choose(page, 'phone_number');
  await check('phone set-up');
  await cancel(page).click();

  await signInTo(page, 'enroll-question@example.com');
  await choose(page, 'security_question');
  await page.locator('#step-questionKey').selectOption('custom');
  await check('security question set-up');
  await cancel(page).click();

  await signInTo(page, 'enroll-ov@example.com');
  await choose(page, 'okta_verify');
  await check('okta verify set-up');
});

test.describe('an org with its name and help page', () => {
  test.use({ extraEnv: { OKTA_ORG_NAME: 'Acme', OKTA_ORG_HELP_URL: 'https://help.example.com/' } });

  test('the org’s own steps: expired (two passwords that differ), about to expire, locked, suspended, a step for the browser', async ({ page, preview, bridge }) => {
    const check = await open(page, bridge, preview.url);
    await signInTo(page, 'expired@example.com');
    await check('password expired');
    const [newPassword, confirm] = [page.locator('form input[type=password]').first(), page.locator('form input[type=password]').nth(1)];
    await newPassword.fill('Brand-New-Passw0rd');
    await confirm.fill('Brand-New-Passw0rx');
    await submit(page).click();
    await expect(page.locator('.field__error')).toHaveCount(1);
    await check('new password, not the same twice');
    await cancel(page).click();

    await signInTo(page, 'warn@example.com');
    await expect(page.locator('.step__note')).toBeVisible();
    await check('password about to expire');
    await cancel(page).click();

    await signInTo(page, 'locked@example.com');
    await expect(page.locator('.next-steps a')).toBeVisible();
    await check('locked out');
    // Back to sign in, beside Unlock account.
    await page.locator('.actions button').last().click();

    await signInTo(page, 'suspended@example.com');
    await check('suspended');
    await page.locator('.actions .button--primary').click();

    await signInTo(page, 'webauthn-only@example.com');
    await check('needs the browser');
    await page.locator('.actions .button--primary').click();
    await expect(page.locator('.waiting')).toBeVisible();
    await check('browser waiting');
  });

  test('the browser hand-over: waiting, then cancelled in the browser', async ({ page, preview, bridge, systemBrowser }) => {
    const check = await open(page, bridge, preview.url);
    await page.locator('.alternative button').last().click();
    const browser = await systemBrowser.nextPage();
    await expect(page.locator('.waiting')).toBeVisible();
    await check('continue in the browser');
    await browser.getByRole('button', { name: 'Cancel and go back to the app' }).click();
    await expect(page.locator('#username')).toBeVisible();
    await expect(page.locator('.messages')).toBeVisible();
    await check('cancelled in the browser');
  });
});

test('self-service: unlock account by email code, sign up with the org’s form and a password', async ({ page, preview, bridge, idp }) => {
  const check = await open(page, bridge, preview.url);
  await signInTo(page, 'locked@example.com');
  // Unlock account, the locked-out screen's way on.
  await toNextScreen(page, () => page.locator('.actions .button--primary').click());
  await page.locator('input[type=radio][value="okta_email"]').check();
  await check('unlock account');
  await toNextScreen(page, () => submit(page).click());
  await check('unlock account, email code');
  await page.locator('form input').first().fill(lastCode(idp, 'locked@example.com'));
  await toNextScreen(page, () => submit(page).click());
  await expect(page.locator('.messages')).toBeVisible();
  // Back on the sign-in form, the username kept, with the org's message.
  await expect(page.locator('#username')).toHaveValue('locked@example.com');
  await check('unlocked, sign in with the password');

  await toNextScreen(page, () => page.locator('.alternative button').first().click());
  await submit(page).click();
  await expect(page.locator('.field__error').first()).toBeVisible();
  await check('sign-up, empty');
  // The org's form: first name, last name, email, then its department list.
  const fields = page.locator('form input[type=text]');
  await fields.nth(0).fill('New');
  await fields.nth(1).fill('Person');
  await fields.nth(2).fill('new.person@example.com');
  await page.locator('form select').first().selectOption({ index: 1 });
  await check('sign-up');
  await toNextScreen(page, () => submit(page).click());
  await check('sign-up, its password');
});

test('forgot password, a failure to reach the org, and a wait the org asks for', async ({ page, preview, bridge, idp }) => {
  const check = await open(page, bridge, preview.url);
  await page.locator('#username').fill('alice@example.com');
  await toNextScreen(page, () => page.locator('.self-service button').first().click());
  await check('recovery');
  await cancel(page).click();
  await expect(page.locator('#username')).toBeVisible();

  idp.faults.set('interact', { kind: 'drop', times: 1 });
  await signIn(page, 'alice@example.com');
  await expect(page.getByRole('alert')).toBeVisible();
  await check('the org cannot be reached');

  idp.faults.set('identify', { kind: 'rate-limit', retryAfterSeconds: 100, times: 1 });
  await signIn(page, 'alice@example.com');
  await expect(page.locator('#retry-wait')).toBeVisible();
  await check('rate limited');
});

test('not configured', async ({ page, bridge }) => {
  const preview = await startPreviewServer({ port: 0, env: { OKTA_ISSUER: 'not a url', OKTA_CLIENT_ID: '', OKTA_REDIRECT_URI: '' }, dotEnvPath: '/nonexistent/.env', log: () => {} });
  try {
    const check = await open(page, bridge, preview.url);
    await check('needs configuration');
  } finally {
    await preview.close();
  }
});
