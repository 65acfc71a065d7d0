/**
 * Self-service registration ("Sign up"), driven by the real okta-auth-js in legacy mode as the app
 * runs it: `select-enroll-profile` only when the org allows it, the org's profile fields (labels,
 * types, required, choices), refusals on their fields (a login taken), the password with the
 * org's rules, a required enrollment, signed in, or told to activate by email and then able to.
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus, type OktaAuth } from '@okta/okta-auth-js';
import { DEMO_PASSWORD } from '../index';
import { idpPerTest } from './idp-per-test';
import { lastCode, lastMessage, messageKeys, openLink, testClock } from './mfa-helpers';
import { createSdk } from './sdk-client';
import { DEFAULT_PROFILE_FIELDS, resolveSelfService } from '../idx/self-service';

const idpWith = idpPerTest();
const NEW = 'new.person@example.com';
const PASSWORD = 'Brand-New-Secret-42';
const profile = { firstName: 'New', lastName: 'Person', email: NEW };
/** The org's own attributes are values the SDK's types do not list. */
const attributes = (values: Record<string, unknown>) => values as Parameters<OktaAuth['idx']['proceed']>[0];

describe('self-service registration', () => {
  it('the demo org’s form has a choice of department (the users file’s `org.registration`)', async () => {
    const form = await createSdk(await idpWith(), { legacy: true }).idx.register();
    expect(form.nextStep?.inputs?.map((i) => i.name)).toEqual(['firstName', 'lastName', 'email', 'department']);
    expect(form.nextStep?.inputs?.[3]).toMatchObject({ label: 'Department', options: [{ value: 'engineering' }, { value: 'sales' }, { value: 'support' }] });
  });

  it('offers `select-enroll-profile` only when the org allows sign-up', async () => {
    const on = await createSdk(await idpWith({ registration: {} }), { legacy: true }).idx.start();
    expect(on.enabledFeatures).toContain('enroll-profile');
    const off = await createSdk(await idpWith({ registration: false }), { legacy: true }).idx.start();
    expect(off.enabledFeatures ?? []).not.toContain('enroll-profile');
    await expect(createSdk(await idpWith({ registration: false }), { legacy: true }).idx.register()).rejects.toThrow(/not supported/);
  });

  it('the org’s form → password with its rules → signed in as the new user, who can sign in again', async () => {
    const idp = await idpWith({ registration: { fields: DEFAULT_PROFILE_FIELDS } });
    const sdk = createSdk(idp, { legacy: true });
    const form = await sdk.idx.register();
    expect(form.nextStep?.name).toBe('enroll-profile');
    expect(form.nextStep?.inputs).toEqual([
      { name: 'firstName', type: 'string', label: 'First name', required: true, maxLength: 50 },
      { name: 'lastName', type: 'string', label: 'Last name', required: true, maxLength: 50 },
      { name: 'email', type: 'string', label: 'Email', required: true, maxLength: 100 },
    ]);
    const password = await sdk.idx.proceed(profile);
    expect(password.nextStep).toMatchObject({ name: 'enroll-authenticator', type: 'password', inputs: [{ name: 'password', label: 'Enter password' }] });
    expect(password.nextStep?.authenticator?.settings).toMatchObject({ complexity: { minLength: 8 } });
    expect(messageKeys(await sdk.idx.proceed({ password: 'short' }))).toEqual(['password.passwordRequirementsNotMet']);
    const done = await sdk.idx.proceed({ password: PASSWORD });
    expect(done.status).toBe(IdxStatus.SUCCESS);
    expect(done.tokens?.idToken?.claims).toMatchObject({ email: NEW, name: 'New Person' });
    expect((await createSdk(idp, { legacy: true }).idx.authenticate({ username: NEW, password: PASSWORD })).status).toBe(IdxStatus.SUCCESS);
  });

  it('refuses on the fields: blank, a choice not offered, not an email, a login taken', async () => {
    const idp = await idpWith({
      registration: {
        fields: [
          { name: 'email', label: 'Work email', required: true },
          { name: 'department', label: 'Department', required: true, options: [{ label: 'Sales', value: 'sales' }, { label: 'Support', value: 'support' }] },
          { name: 'newsletter', label: 'Send me news', type: 'boolean' },
        ],
      },
    });
    const sdk = createSdk(idp, { legacy: true });
    const form = await sdk.idx.register();
    expect(form.nextStep?.inputs).toEqual([
      { name: 'email', type: 'string', label: 'Work email', required: true },
      { name: 'department', type: 'string', label: 'Department', required: true, options: [{ label: 'Sales', value: 'sales' }, { label: 'Support', value: 'support' }] },
      { name: 'newsletter', type: 'boolean', label: 'Send me news' },
    ]);
    const bad = await sdk.idx.proceed(attributes({ email: 'not-an-email', department: 'finance' }));
    expect(bad.nextStep?.name).toBe('enroll-profile');
    expect(messageKeys(bad)).toEqual(['model.validation.field.invalid']);
    const taken = await sdk.idx.proceed(attributes({ email: 'alice@example.com', department: 'sales' }));
    expect(taken.messages?.map((m) => m.message)).toEqual(['A user with this Work email already exists']);
    expect((await sdk.idx.proceed(attributes({ email: NEW, department: 'sales', newsletter: true }))).nextStep?.name).toBe('enroll-authenticator');
  });

  it('a required enrollment after the password uses the MFA steps (email code), then signs in', async () => {
    const idp = await idpWith({ registration: { enroll: ['okta_email'] } });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.register();
    await sdk.idx.proceed(profile);
    const choose = await sdk.idx.proceed({ password: PASSWORD });
    expect(choose.nextStep?.name).toBe('select-authenticator-enroll');
    const code = await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect(code.nextStep?.name).toBe('enroll-authenticator');
    expect((await sdk.idx.proceed({ verificationCode: lastCode(idp, NEW) })).status).toBe(IdxStatus.SUCCESS);
  });

  it('with activation by email: "check your email", no sign-in until the link is opened; an expired link activates nothing', async () => {
    const clock = testClock();
    const idp = await idpWith({ registration: { activation: 'email' }, now: clock.now, passcodeTtlSeconds: 60 });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.register();
    await sdk.idx.proceed(profile);
    const done = await sdk.idx.proceed({ password: PASSWORD });
    expect(done.status).toBe(IdxStatus.TERMINAL);
    expect(done.messages).toEqual([{ message: 'To finish signing in, check your email.', i18n: { key: 'idx.email.verification.required' }, class: 'INFO' }]);
    const early = await createSdk(idp, { legacy: true }).idx.authenticate({ username: NEW, password: PASSWORD });
    expect(messageKeys(early)).toEqual(['idx.user.not.activated']);
    const mail = lastMessage(idp, NEW, 'email');
    expect(mail).toMatchObject({ purpose: 'activate', to: NEW, text: 'Activate your Emulator account: open the link.' });
    expect(await openLink(idp, mail)).toMatchObject({ status: 200, body: { result: 'account-activated' } });
    expect((await createSdk(idp, { legacy: true }).idx.authenticate({ username: NEW, password: PASSWORD })).status).toBe(IdxStatus.SUCCESS);

    const late = createSdk(idp, { legacy: true });
    await late.idx.register();
    await late.idx.proceed({ ...profile, email: 'late@example.com' });
    await late.idx.proceed({ password: PASSWORD });
    clock.advance(61_000);
    expect((await openLink(idp, lastMessage(idp, 'late@example.com'))).body).toEqual({ result: 'expired' });
  });

  it('cancel at the form or the password returns to sign-in; a user cancelled before the password cannot sign in', async () => {
    const idp = await idpWith({ registration: {} });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.register();
    expect((await sdk.idx.cancel()).status).toBe(IdxStatus.CANCELED);
    const again = createSdk(idp, { legacy: true });
    await again.idx.register();
    await again.idx.proceed(profile);
    expect((await again.idx.cancel()).status).toBe(IdxStatus.CANCELED);
    expect((await createSdk(idp, { legacy: true }).idx.authenticate({ username: NEW, password: DEMO_PASSWORD })).status).not.toBe(IdxStatus.SUCCESS);
  });
});

describe('self-service settings', () => {
  it('options win over the users file, which wins over the defaults', () => {
    expect(resolveSelfService({})).toEqual({ recovery: { authenticators: ['okta_email', 'phone_number'], signsIn: true }, unlock: { authenticators: [] } });
    const file = { recovery: { authenticators: ['phone_number' as const], signsIn: false }, unlock: { authenticators: ['okta_email' as const] }, registration: { activation: 'email' as const } };
    expect(resolveSelfService({}, file)).toMatchObject({
      recovery: { authenticators: ['phone_number'], signsIn: false },
      unlock: { authenticators: ['okta_email'] },
      registration: { activation: 'email', enroll: [], fields: [{ name: 'firstName' }, { name: 'lastName' }, { name: 'email' }] },
    });
    const options = resolveSelfService({ recoveryAuthenticators: [], recoverySignsIn: true, unlockAuthenticators: [], registration: false }, file);
    expect(options).toEqual({ recovery: { authenticators: [], signsIn: true }, unlock: { authenticators: [] } });
  });

  it('refuses a sign-up form without a required email, or with a field twice', () => {
    expect(() => resolveSelfService({ registration: { fields: [{ name: 'firstName', label: 'First name', required: true }] } })).toThrow(
      'startIdp: registration.fields: must have a required "email" field (the new user\'s login)',
    );
    for (const email of [{ type: 'boolean' as const, required: true }, { required: false }]) {
      expect(() => resolveSelfService({ registration: { fields: [{ name: 'email', label: 'Email', ...email }] } })).toThrow(/must have a required "email" field/);
    }
    expect(() => resolveSelfService({ registration: { fields: [{ name: 'email', label: 'Email', required: true }, { name: 'email', label: 'Again' }] } })).toThrow(
      'startIdp: registration.fields: field names must be unique',
    );
  });
});
