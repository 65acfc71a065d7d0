/**
 * "You're signed out." belongs to the sign-in form that signing out led to. Once the person moves
 * on from it (Sign up, Forgot password?, Unlock account), a later sign-in form (after Cancel) is
 * another one and does not say it again.
 */
import { signIn } from './support/actions';
import { expect, test } from './support/fixtures';

for (const start of ['Sign up', 'Forgot password?', 'Unlock account']) {
  test(`after signing out, ${start} then Cancel: the sign-in form no longer says "You're signed out."`, async ({ app }) => {
    await signIn(app, 'alice@example.com');
    await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
    await app.getByRole('button', { name: 'Sign out' }).click();
    await expect(app.getByText('You’re signed out.')).toBeVisible();

    await app.getByRole('button', { name: start }).click();
    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeHidden();
    await app.getByRole('button', { name: 'Cancel' }).click();
    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(app.getByRole('button', { name: start })).toBeEnabled();
    await expect(app.getByText('You’re signed out.')).toBeHidden();
  });
}
