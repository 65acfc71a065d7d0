/**
 * "Unlock account" and "Sign up" through the whole app (AuthApp, the real okta-auth-js, the
 * emulator over HTTP): offered only when the org offers them (on the sign-in form, and unlock on
 * the locked-out screen), each step as the renderer receives it, a wrong and an expired code, a
 * refused form and password, both endings of a sign-up, cancel at each step, no secret in the log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type AuthView } from '../../shared/contract';
import { credentials, DEMO_PASSWORD, startHarness, type AppHarness, type HarnessOptions } from '../testing/idp-harness';
import { inEnglish } from '../testing/in-english';
import { createCapturingLogger } from '../log/logger';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const LOCKED = 'locked@example.com';
const NEW = 'new.person@example.com';
const NEW_PASSWORD = 'Brand-New-Secret-42';
const ALL_OFFERS = { recoverPassword: true, unlockAccount: true, register: true };

async function harness(options: HarnessOptions = {}): Promise<AppHarness> {
  const h = await startHarness({ ...options, app: { discoverOffers: true, ...options.app } });
  cleanup.push(() => h.close());
  await h.app.offersKnown;
  return h;
}

// As a person reads it: the catalog's messages in English.
const stepOf = (view: AuthView) => (view.status === 'pending' ? (inEnglish(view.step) as typeof view.step) : undefined);
const lastCode = (h: AppHarness, login: string) => h.idp.outbox(login).filter((m) => m.code).at(-1)!.code!;
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

/** An org clock the test moves instead of sleeping. */
function clock() {
  let t = Date.now();
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('offers', () => {
  it('the demo org offers all three; an org that turns unlock and sign-up off offers neither', async () => {
    expect(await (await harness()).state()).toEqual({ status: 'signed-out', messages: [], offers: ALL_OFFERS });
    const off = await harness({ idp: { unlockAuthenticators: [], registration: false } });
    expect(await off.state()).toEqual({ status: 'signed-out', messages: [], offers: { recoverPassword: true } });
  });

  it('only the signed-out and terminal views carry the offers: not a step, not the signed-in view', async () => {
    const h = await harness();
    const signedIn = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(signedIn.status).toBe('signed-in');
    expect(signedIn).not.toHaveProperty('offers');
    expect(await h.view(CHANNELS.signOut)).toMatchObject({ status: 'signed-out', offers: ALL_OFFERS });
    const step = await h.view(CHANNELS.signIn, credentials('expired@example.com'));
    expect(step.status).toBe('pending');
    expect(step).not.toHaveProperty('offers');
  });

  it('when the org cannot be asked, the sign-in form offers nothing and the log says why', async () => {
    const h = await harness();
    h.idp.faults.set('interact', { kind: 'status', status: 500 });
    const log = createCapturingLogger();
    const next = await h.launch({ discoverOffers: true, log });
    await next.app.offersKnown;
    expect(await next.app.invoke(CHANNELS.getState, undefined)).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    expect(log.entries.filter((entry) => entry.event === 'sign-in.discover-failed')).toEqual([
      { level: 'warn', event: 'sign-in.discover-failed', fields: { error: expect.any(String) } },
    ]);
  });

  it('once known, the sign-in form with them is pushed to the renderer; an org that offers nothing pushes nothing', async () => {
    const h = await harness();
    expect(h.events).toEqual([{ status: 'signed-out', messages: [], offers: ALL_OFFERS }]);
    const none = await harness({ idp: { unlockAuthenticators: [], recoveryAuthenticators: [], registration: false } });
    expect(await none.state()).toEqual({ status: 'signed-out', messages: [] });
    expect(none.events).toEqual([]);
  });

  it('an org that cannot be asked, or a person already signed in, gets nothing pushed when the offers are known', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    const restored = await h.launch({ discoverOffers: true });
    await restored.app.offersKnown;
    expect((await restored.state()).status).toBe('signed-in');
    expect(restored.events).toEqual([]);
    h.idp.faults.set('interact', { kind: 'status', status: 500 });
    await h.view(CHANNELS.signOut);
    const unasked = await h.launch({ discoverOffers: true });
    await unasked.app.offersKnown;
    expect(unasked.events).toEqual([]);
  });

  it('the locked-out screen carries the offers (its "Unlock account"); without unlock it does not say so', async () => {
    const on = await harness();
    expect(await on.view(CHANNELS.signIn, credentials(LOCKED))).toMatchObject({ status: 'terminal', offers: { unlockAccount: true } });
    const off = await harness({ idp: { unlockAuthenticators: [], recoveryAuthenticators: [], registration: false } });
    const terminal = await off.view(CHANNELS.signIn, credentials(LOCKED));
    expect(terminal.status).toBe('terminal');
    expect(terminal).not.toHaveProperty('offers');
  });
});

describe('log', () => {
  it('each flow, and an answer to its step, is logged under its own action', async () => {
    const h = await harness();
    await h.view(CHANNELS.recoverPassword, { username: LOCKED });
    await h.view(CHANNELS.unlockAccount, { username: LOCKED });
    await h.view(CHANNELS.register);
    await h.view(CHANNELS.proceed, { step: 'enroll-profile', values: { firstName: 'New', lastName: 'Person', email: NEW } });
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.result').map((entry) => entry.fields['action'])).toEqual(['recover-password', 'unlock-account', 'register', 'proceed']);
  });
});

describe('unlock account', () => {
  it('from the locked-out screen: username and email → code (a wrong one refused) → the org says sign in → signed in', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, credentials(LOCKED));
    const who = await h.view(CHANNELS.unlockAccount, { username: LOCKED });
    expect(stepOf(who)).toMatchObject({
      name: 'select-authenticator-unlock-account',
      kind: 'choice',
      title: 'Unlock your account',
      inputs: [
        { name: 'username', type: 'text', required: true, autocomplete: 'username' },
        { name: 'authenticator', type: 'select', options: [{ label: 'Email', value: 'okta_email' }] },
      ],
    });
    const code = await h.view(CHANNELS.proceed, { step: 'select-authenticator-unlock-account', values: { username: LOCKED, authenticator: 'okta_email' } });
    expect(stepOf(code)).toMatchObject({ name: 'challenge-authenticator', kind: 'code', canResend: true });
    const refused = await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: wrong(lastCode(h, LOCKED)) } });
    expect(refused.status === 'pending' && refused.messages).toEqual([{ level: 'error', text: 'Invalid code. Try again.' }]);
    const unlocked = await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: lastCode(h, LOCKED) } });
    expect(unlocked).toEqual({ status: 'signed-out', messages: [{ level: 'info', text: 'You can log in using your existing username and password' }], offers: ALL_OFFERS });
    expect(JSON.stringify(h.log.entries)).not.toContain(lastCode(h, LOCKED));
    expect(await h.view(CHANNELS.signIn, credentials(LOCKED, DEMO_PASSWORD))).toMatchObject({ status: 'signed-in' });
  });

  it('an unknown username is answered with the org’s message on the same step; an expired code is refused', async () => {
    const time = clock();
    const h = await harness({ idp: { now: time.now, passcodeTtlSeconds: 60 } });
    await h.view(CHANNELS.unlockAccount, {});
    const unknown = await h.view(CHANNELS.proceed, { step: 'select-authenticator-unlock-account', values: { username: 'nobody@example.com', authenticator: 'okta_email' } });
    expect(unknown).toMatchObject({
      status: 'pending',
      step: { name: 'select-authenticator-unlock-account' },
      // Under the username, an error, as on the sign-in form.
      messages: [{ level: 'error', text: 'There is no account with the Username nobody@example.com.', field: 'username' }],
    });
    await h.view(CHANNELS.proceed, { step: 'select-authenticator-unlock-account', values: { username: LOCKED, authenticator: 'okta_email' } });
    time.advance(61_000);
    const expired = await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: lastCode(h, LOCKED) } });
    expect(expired).toMatchObject({ status: 'pending', messages: [{ level: 'error', text: 'Invalid code. Try again.' }] });
  });

  it('cancel at the form and at the code goes back to sign-in, still locked', async () => {
    const h = await harness();
    await h.view(CHANNELS.unlockAccount, { username: LOCKED });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [], offers: ALL_OFFERS });
    await h.view(CHANNELS.unlockAccount, { username: LOCKED });
    await h.view(CHANNELS.proceed, { step: 'select-authenticator-unlock-account', values: { username: LOCKED, authenticator: 'okta_email' } });
    expect((await h.view(CHANNELS.cancel)).status).toBe('signed-out');
    expect((await h.view(CHANNELS.signIn, credentials(LOCKED))).status).toBe('terminal');
  });
});

describe('sign up', () => {
  const form = { firstName: 'New', lastName: 'Person', email: NEW, department: 'sales' };

  it('the org’s form as one form step → the password with the org’s rules (a weak one refused) → signed in as the new user', async () => {
    const h = await harness();
    const profile = await h.view(CHANNELS.register);
    expect(stepOf(profile)).toEqual({
      name: 'enroll-profile',
      kind: 'form',
      title: 'Create your account',
      description: 'Your organization asks for these details.',
      inputs: [
        { name: 'firstName', label: 'First name', type: 'text', required: true, secret: false, autocomplete: 'given-name' },
        { name: 'lastName', label: 'Last name', type: 'text', required: true, secret: false, autocomplete: 'family-name' },
        { name: 'email', label: 'Email', type: 'text', required: true, secret: false, autocomplete: 'email' },
        {
          name: 'department',
          label: 'Department',
          type: 'select',
          required: false,
          secret: false,
          options: [
            { label: 'Engineering', value: 'engineering' },
            { label: 'Sales', value: 'sales' },
            { label: 'Support', value: 'support' },
          ],
        },
      ],
      canSkip: false,
    });
    const password = await h.view(CHANNELS.proceed, { step: 'enroll-profile', values: form });
    expect(stepOf(password)).toMatchObject({
      name: 'enroll-authenticator',
      kind: 'form',
      title: 'Choose a password',
      inputs: [{ name: 'password', type: 'password', autocomplete: 'new-password' }],
      passwordRules: ['At least 8 characters', 'A lowercase letter', 'An uppercase letter', 'A number', 'No parts of your username', 'Not your current password'],
    });
    const weak = await h.view(CHANNELS.proceed, { step: 'enroll-authenticator', values: { password: 'short' } });
    expect(weak.status === 'pending' && weak.messages.map((m) => m.text).join(' ')).toMatch(/Password requirements were not met/);
    const done = await h.view(CHANNELS.proceed, { step: 'enroll-authenticator', values: { password: NEW_PASSWORD } });
    expect(done).toMatchObject({ status: 'signed-in', profile: { email: NEW, name: 'New Person' } });
    expect(JSON.stringify(h.log.entries)).not.toContain(NEW_PASSWORD);
  });

  it('a login already taken is the org’s message, and a choice not offered never leaves the app', async () => {
    const h = await harness();
    await h.view(CHANNELS.register);
    const taken = await h.view(CHANNELS.proceed, { step: 'enroll-profile', values: { ...form, email: 'alice@example.com' } });
    expect(taken).toMatchObject({ status: 'pending', step: { name: 'enroll-profile' }, messages: [{ level: 'error', text: 'A user with this Email already exists' }] });
    const invalid = await h.app.invoke(CHANNELS.proceed, { step: 'enroll-profile', values: { ...form, department: 'finance' } });
    expect(invalid).toEqual({ ok: false, error: { code: 'invalid-request', message: 'Department is not one of the offered choices.' } });
  });

  it('when the org wants the email confirmed, the sign-in form says to check it, and the new user signs in after the link', async () => {
    const h = await harness({ idp: { registration: { activation: 'email' } } });
    await h.view(CHANNELS.register);
    await h.view(CHANNELS.proceed, { step: 'enroll-profile', values: form });
    const done = await h.view(CHANNELS.proceed, { step: 'enroll-authenticator', values: { password: NEW_PASSWORD } });
    expect(done).toEqual({ status: 'signed-out', messages: [{ level: 'info', text: 'To finish signing in, check your email.' }], offers: ALL_OFFERS });
    const link = h.idp.outbox(NEW).at(-1)!.link!;
    expect((await fetch(link)).status).toBe(200);
    expect(await h.view(CHANNELS.signIn, credentials(NEW, NEW_PASSWORD))).toMatchObject({ status: 'signed-in' });
  });

  it('cancel at the form and at the password goes back to sign-in', async () => {
    const h = await harness();
    await h.view(CHANNELS.register);
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [], offers: ALL_OFFERS });
    await h.view(CHANNELS.register);
    await h.view(CHANNELS.proceed, { step: 'enroll-profile', values: form });
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [], offers: ALL_OFFERS });
  });

  it('is refused while signed in', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(await h.app.invoke(CHANNELS.register, undefined)).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    expect(await h.app.invoke(CHANNELS.unlockAccount, {})).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
  });
});
