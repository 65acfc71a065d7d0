/**
 * What a person does on the app's screens, found by ids, roles and structure rather than English
 * names: for the journeys in other languages and the pseudo-locale, where no English is on screen.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { DEMO_PASSWORD } from './actions';

export const submit = (page: Page) => page.locator('form button[type=submit]');
export const heading = (page: Page) => page.getByRole('heading', { level: 1 });
/** The quiet way back on a step (Cancel), the last of its actions. */
export const cancel = (page: Page) => page.locator('.actions .button--quiet').last();

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await submit(page).click();
}

/** Does `act` and waits for the next screen: the heading changes. */
export async function toNextScreen(page: Page, act: () => Promise<void>): Promise<void> {
  const before = (await heading(page).textContent()) ?? '';
  await act();
  await expect(heading(page)).not.toHaveText(before);
}

/** Picks the option `value` of a choice step and continues. */
export const choose = (page: Page, value: string) =>
  toNextScreen(page, async () => {
    await page.locator(`input[type=radio][value="${value}"]`).check();
    await submit(page).click();
  });

export const signInTo = (page: Page, username: string) => toNextScreen(page, () => signIn(page, username));
