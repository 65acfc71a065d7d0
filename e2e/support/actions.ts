/** What a user does on the sign-in form, shared by the journeys. */
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../idp/index';

export { DEMO_PASSWORD };

/** The password input; the regex keeps the "Show password" toggle (aria-label) out of the match. */
export const passwordInput = (page: Page) => page.getByLabel(/^Password/);
export const usernameInput = (page: Page) => page.getByLabel(/^Username/);

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await usernameInput(page).fill(username);
  await passwordInput(page).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Try again)$/ }).click();
}
