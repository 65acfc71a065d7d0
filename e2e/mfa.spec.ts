/**
 * Second factors in the window, against the emulator: the code comes from the emulator's outbox,
 * as a person would read it from their email or phone.
 */
import { expect, test } from './support/fixtures';
import { signIn } from './support/actions';
import { checkScreen } from './support/screens';
import { findTokenLike } from './support/secrets';
import { TOTP } from 'otpauth';
import type { Page } from '@playwright/test';

const codeInput = (page: Page) => page.getByRole('textbox', { name: /code/i });

test('email: choose it, enter the emailed code, signed in; the renderer never sees a token', async ({ app, idp, bridge }) => {
  await signIn(app, 'email-mfa@example.com');
  await expect(app.getByRole('heading', { name: 'Verify it’s you' })).toBeVisible();
  await app.getByRole('radio', { name: 'Email' }).check();
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(app.getByText(/We sent a code to e\S*@example\.com/)).toBeVisible();
  // The org's cooldown: "Send again" waits before it can be used.
  await expect(app.getByRole('button', { name: /^Send again in \d+ s$/ })).toBeDisabled();
  await checkScreen(app, 'mfa-email-code');

  await codeInput(app).fill('000000');
  await app.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(app.getByRole('alert')).toBeVisible();
  await expect(codeInput(app)).toHaveValue('');

  const code = idp.outbox('email-mfa@example.com').filter((m) => m.code).at(-1)!.code!;
  await codeInput(app).fill(code);
  await app.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  expect((await bridge.responses()).map(findTokenLike).filter(Boolean)).toEqual([]);
  expect((await bridge.responses()).join('\n')).not.toContain(code);
});

test('email: opening the link in the email finishes the sign-in in the window by itself', async ({ app, idp }) => {
  await signIn(app, 'email-mfa@example.com');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const link = idp.outbox('email-mfa@example.com').filter((m) => m.link).at(-1)!.link!;
  expect((await fetch(link)).ok).toBe(true);
  // Main polls at the org's interval (4 s) and pushes the new view.
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible({ timeout: 15_000 });
});

test('Google Authenticator: set it up from the QR code or the setup key, then sign in with its code', async ({ app }) => {
  await signIn(app, 'enroll-totp@example.com');
  await expect(app.getByRole('heading', { name: 'Set up a security method' })).toBeVisible();
  await app.getByRole('radio', { name: /Google Authenticator/ }).check();
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Set up Google Authenticator' })).toBeVisible();
  await expect(app.getByRole('img', { name: /QR code/ })).toBeVisible();
  await app.getByRole('button', { name: /Show the setup key/ }).click();
  const key = (await app.locator('#setup-key code').textContent())!.replace(/\s+/g, '');
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  await checkScreen(app, 'mfa-totp-enroll');

  await codeInput(app).fill(new TOTP({ secret: key }).generate());
  await app.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  // The setup key is gone with its step.
  expect(await app.content()).not.toContain(key);
});

test('phone: enrol a number (a bad one gets the org\'s message), then the texted code', async ({ app, idp }) => {
  await signIn(app, 'enroll-phone@example.com');
  await app.getByRole('radio', { name: /Phone/ }).check();
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Set up phone authentication' })).toBeVisible();
  await expect(app.getByRole('radio', { name: 'SMS' })).toBeChecked();
  await app.getByLabel(/phone number/i).fill('12');
  await app.getByRole('button', { name: 'Send code' }).click();
  await expect(app.getByRole('alert')).toBeVisible();
  await checkScreen(app, 'mfa-phone-enroll');

  await app.getByLabel(/phone number/i).fill('+1 555 010 0099');
  await app.getByRole('button', { name: 'Send code' }).click();
  await expect(app.getByRole('heading', { name: 'Enter the code we sent' })).toBeVisible();
  const code = idp.outbox('enroll-phone@example.com').filter((m) => m.code).at(-1)!.code!;
  await codeInput(app).fill(code);
  await app.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});

test('security question: enrol one\'s own question, with the custom field shown only when asked for', async ({ app }) => {
  await signIn(app, 'enroll-question@example.com');
  await app.getByRole('radio', { name: /Security question/i }).check();
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Choose a security question' })).toBeVisible();
  await expect(app.getByRole('textbox', { name: /Create a security question/ })).toHaveCount(0);
  await app.getByRole('combobox', { name: /Question/ }).selectOption('custom');
  await app.getByRole('textbox', { name: /Create a security question/ }).fill('Name of my first robot?');
  await app.getByLabel(/^Answer/).fill('Robbie the robot');
  await checkScreen(app, 'mfa-question-enroll');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});

async function answerPush(origin: string, adminToken: string, login: string, number?: string) {
  const response = await fetch(`${origin}/__admin/push/${encodeURIComponent(login)}/approve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: number === undefined ? '' : JSON.stringify({ number: Number(number) }),
  });
  expect(response.ok).toBe(true);
}

test('Okta Verify push with a number challenge: the number to tap, then signed in once the phone approves', async ({ app, idp }) => {
  await signIn(app, 'push-number@example.com');
  await app.getByRole('radio', { name: /Okta Verify/ }).check();
  await app.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('heading', { name: 'Check Okta Verify on your phone' })).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: 'Waiting' })).toBeVisible();
  const number = (await app.locator('.poll__number-value').textContent())!.trim();
  expect(number).toMatch(/^\d+$/);
  await checkScreen(app, 'mfa-push-number');

  await answerPush(idp.origin, idp.adminToken, 'push-number@example.com', number);
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible({ timeout: 15_000 });
});

test('Okta Verify enrolment: the QR code, and a setup link by email instead', async ({ app }) => {
  await signIn(app, 'enroll-ov@example.com');
  await app.getByRole('radio', { name: /Okta Verify/ }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Set up Okta Verify' })).toBeVisible();
  await expect(app.getByRole('img', { name: /QR code/ })).toBeVisible();
  await checkScreen(app, 'mfa-okta-verify-enroll');

  await app.getByRole('button', { name: 'Can’t scan? Get a setup link' }).click();
  await app.getByRole('radio', { name: 'Send me a setup link by email' }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Get a setup link' })).toBeVisible();
});

test('a sign-in that only a security key could finish says so, with no dead-end choice: the browser, or back', async ({ app }) => {
  await signIn(app, 'webauthn-only@example.com');
  await expect(app.getByRole('heading', { name: 'This sign-in needs your browser' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Continue in your browser' })).toBeVisible();
  await checkScreen(app, 'mfa-unsupported');
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('verify with something else: from the email code to another authenticator', async ({ app }) => {
  await signIn(app, 'choice-mfa@example.com');
  await app.getByRole('radio', { name: 'Email' }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  await app.getByRole('button', { name: 'Verify with something else' }).click();
  await expect(app.getByRole('heading', { name: 'Verify it’s you' })).toBeVisible();
  await expect(app.getByRole('radio', { name: 'Email' })).toHaveCount(0);
  await expect(app.getByRole('radio', { name: /Security Key/ })).toHaveCount(0);
  await app.getByRole('radio', { name: /Security question/i }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Answer your security question' })).toBeVisible();
  await app.locator('#step-answer').fill('Mrs Honey');
  await app.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});

test('a denied push says so and offers the other ways; an optional set-up can be left for later', async ({ app, idp }) => {
  await signIn(app, 'push-mfa@example.com');
  await app.getByRole('radio', { name: /Okta Verify/ }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await app.getByRole('radio', { name: /push/i }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Check Okta Verify on your phone' })).toBeVisible();
  const response = await fetch(`${idp.origin}/__admin/push/push-mfa%40example.com/deny`, { method: 'POST', headers: { Authorization: `Bearer ${idp.adminToken}` } });
  expect(response.ok).toBe(true);
  await expect(app.getByRole('alert')).toBeVisible({ timeout: 15_000 });
  await expect(app.getByRole('heading', { name: 'Verify it’s you' })).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();

  await signIn(app, 'optional-enroll@example.com');
  await expect(app.getByRole('heading', { name: 'Set up a security method' })).toBeVisible();
  await app.getByRole('button', { name: 'Set up later' }).click();
  await expect(app.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});
