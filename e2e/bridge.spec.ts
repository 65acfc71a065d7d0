import { signIn } from './support/actions';
import { expect, test } from './support/fixtures';
import { checkScreen } from './support/screens';

test('a change made in one window is pushed to the others', async ({ app, preview }) => {
  const other = await app.context().newPage();
  await other.goto(preview.url);
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await signIn(app, 'alice@example.com');
  await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();

  // The other window never called anything: it learns of the sign-in from onStateChanged.
  await expect(other.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
  await other.close();
});

test.describe('while the org holds a sign-in', () => {
  // The held request must outlast the checks made meanwhile (axe is slow on a busy machine).
  test.use({ requestTimeoutMs: 120_000 });

  test('a call refused by the bridge (busy) is shown inline and the form stays usable', async ({ app, preview, idp }) => {
    // Two pages, a held request and axe on a busy machine (load 30-50) take longer than 60 s.
    test.slow();
    // The first sign-in is held at the org until the second one has been refused as busy.
    idp.faults.set('identify', { kind: 'latency', ms: 120_000, times: 1 });
    const other = await app.context().newPage();
    await other.goto(preview.url);

    await signIn(app, 'alice@example.com');
    await expect(app.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
    // Released only once the org holds it: a release before would leave it held until the client times out.
    await idp.faults.holding();
    await signIn(other, 'alice@example.com');

    const alert = other.getByRole('alert');
    await expect(alert).toContainText(/wait/i);
    await expect(alert).toBeFocused();
    await checkScreen(other, 'bridge-error-busy');

    idp.faults.release();
    await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
    await other.close();
  });
});

test.describe('dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('sign-in and home are readable in dark mode', async ({ app }) => {
    await checkScreen(app, 'sign-in-dark');
    await signIn(app, 'alice@example.com', 'wrong-password');
    await expect(app.getByText('Authentication failed')).toBeVisible();
    await checkScreen(app, 'wrong-password-dark');
    await signIn(app, 'alice@example.com');
    await expect(app.getByRole('heading', { name: 'Welcome, Alice Example' })).toBeVisible();
    await checkScreen(app, 'home-dark');
  });
});
