/**
 * "Forgot password?" through the whole app (AuthApp, the real okta-auth-js, the emulator over
 * HTTP): the offer on the sign-in screen only when the org makes it, the identify → email → code →
 * new password journey with the org's rules shown first, a wrong code, a refused password, both
 * endings the org may choose, cancel, and the secrets kept out of the log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type AuthView } from '../../shared/contract';
import { credentials, DEMO_PASSWORD, startHarness, type AppHarness, type HarnessOptions } from '../testing/idp-harness';
import { inEnglish } from '../testing/in-english';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const NEW_PASSWORD = 'Brand-New-Secret-42';
const LOGIN = 'alice@example.com';

async function harness(options: HarnessOptions = {}): Promise<AppHarness> {
  // An org that offers recovery alone (the demo org also offers unlock and sign-up: self-service.idp.test.ts).
  const h = await startHarness({ ...options, idp: { unlockAuthenticators: [], registration: false, ...options.idp }, app: { discoverOffers: true, ...options.app } });
  cleanup.push(() => h.close());
  await h.app.offersKnown;
  return h;
}

// As a person reads it: the catalog's messages in English.
const stepOf = (view: AuthView) => (view.status === 'pending' ? (inEnglish(view.step) as typeof view.step) : undefined);
const lastCode = (h: AppHarness) => h.idp.outbox(LOGIN).filter((m) => m.code).at(-1)!.code!;

async function atNewPassword(h: AppHarness) {
  const who = await h.view(CHANNELS.recoverPassword, {});
  expect(stepOf(who)).toMatchObject({ name: 'identify-recovery', kind: 'form', title: 'Reset your password', inputs: [{ name: 'username', autocomplete: 'username' }] });
  const choice = await h.view(CHANNELS.proceed, { step: 'identify-recovery', values: { username: LOGIN } });
  expect(stepOf(choice)).toMatchObject({ name: 'select-authenticator-authenticate', kind: 'choice', inputs: [{ options: [{ value: 'okta_email' }] }] });
  const code = await h.view(CHANNELS.proceed, { step: 'select-authenticator-authenticate', values: { authenticator: 'okta_email' } });
  expect(stepOf(code)).toMatchObject({ name: 'challenge-authenticator', kind: 'code', canResend: true });
  const wrong = await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: lastCode(h) === '000000' ? '111111' : '000000' } });
  expect(wrong.status === 'pending' && wrong.messages[0]).toMatchObject({ level: 'error', text: 'Invalid code. Try again.' });
  return h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: lastCode(h) } });
}

describe('forgot password', () => {
  it('the sign-in screen offers it when the org does, and not when it does not', async () => {
    const on = await harness();
    expect(await on.state()).toEqual({ status: 'signed-out', messages: [], offers: { recoverPassword: true } });
    const off = await harness({ idp: { recoveryAuthenticators: [] } });
    expect(await off.state()).toEqual({ status: 'signed-out', messages: [] });
  });

  it('identify → email code → new password with the org rules first → signed in; the old password is gone', async () => {
    const h = await harness();
    const reset = await atNewPassword(h);
    expect(stepOf(reset)).toMatchObject({
      name: 'reset-authenticator',
      kind: 'form',
      title: 'Choose a new password',
      inputs: [{ name: 'password', type: 'password', secret: true, autocomplete: 'new-password' }],
      passwordRules: ['At least 8 characters', 'A lowercase letter', 'An uppercase letter', 'A number', 'No parts of your username', 'Not your current password'],
    });
    const weak = await h.view(CHANNELS.proceed, { step: 'reset-authenticator', values: { password: 'short' } });
    expect(weak.status === 'pending' && weak.messages.map((m) => m.text).join(' ')).toMatch(/Password requirements were not met/);
    const done = await h.view(CHANNELS.proceed, { step: 'reset-authenticator', values: { password: NEW_PASSWORD } });
    expect(inEnglish(done)).toMatchObject({ status: 'signed-in', profile: { email: LOGIN }, messages: [{ level: 'info', text: 'Your password has been changed.' }] });
    // Neither the code nor the passwords reach the log.
    const logged = JSON.stringify(h.log.entries);
    expect(logged).not.toContain(NEW_PASSWORD);
    expect(logged).not.toContain(lastCode(h));
    await h.view(CHANNELS.signOut);
    expect((await h.view(CHANNELS.signIn, credentials(LOGIN))).status).not.toBe('signed-in');
    expect(await h.view(CHANNELS.signIn, credentials(LOGIN, NEW_PASSWORD))).toMatchObject({ status: 'signed-in' });
  });

  it('when the org asks to sign in again after the reset, the sign-in form says so', async () => {
    const h = await harness({ idp: { recoverySignsIn: false } });
    await atNewPassword(h);
    const done = await h.view(CHANNELS.proceed, { step: 'reset-authenticator', values: { password: NEW_PASSWORD } });
    expect(done).toEqual({
      status: 'signed-out',
      messages: [{ level: 'info', text: 'You can now sign in with your existing username and new password.' }],
      offers: { recoverPassword: true },
    });
  });

  it('the password step offers it after a wrong password, and recovery starts with the username typed', async () => {
    const h = await harness({ idp: { policy: 'identifier-first' } });
    const wrong = await h.view(CHANNELS.signIn, credentials(LOGIN, 'not-it'));
    expect(stepOf(wrong)).toMatchObject({ name: 'challenge-authenticator', canRecover: true });
    const choice = await h.view(CHANNELS.recoverPassword, { username: LOGIN });
    expect(stepOf(choice)?.name).toBe('select-authenticator-authenticate');
  });

  it('cancel at any step goes back to the sign-in form, offers included', async () => {
    const h = await harness();
    await h.view(CHANNELS.recoverPassword, { username: LOGIN });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [], offers: { recoverPassword: true } });
    await atNewPassword(h);
    expect((await h.view(CHANNELS.cancel)).status).toBe('signed-out');
    expect((await h.view(CHANNELS.signIn, credentials(LOGIN, DEMO_PASSWORD))).status).toBe('signed-in');
  });
});
