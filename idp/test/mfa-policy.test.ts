/**
 * The sign-in policy and the users file's new fields: choices among several factors, optional
 * enrollment with skip, WebAuthn listed but never completable, second-factor lists, groups,
 * identifier-first with a factor before the password, and files of the older format.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdxStatus } from '@okta/okta-auth-js';
import { DEMO_PASSWORD, loadUsersFile, startIdp, type IdpUser } from '../index';
import { idpPerTest } from './idp-per-test';
import { createSdk } from './sdk-client';
import { lastCode, messageKeys, optionValues, signIn } from './mfa-helpers';

const idpWith = idpPerTest();

const user = (login: string, extra: Partial<IdpUser> = {}): IdpUser => ({
  login,
  password: DEMO_PASSWORD,
  status: 'ACTIVE',
  profile: { email: login },
  factors: ['password'],
  ...extra,
});

describe('choosing among factors', () => {
  it('lists every enrolled authenticator with the org labels, WebAuthn included', async () => {
    const idp = await idpWith();
    const { tx } = await signIn(idp, 'choice-mfa@example.com');
    expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(tx.nextStep?.inputs?.[0]?.options).toEqual([
      { label: 'Email', value: 'okta_email' },
      { label: 'Phone', value: 'phone_number' },
      { label: 'Google Authenticator', value: 'google_otp' },
      { label: 'Okta Verify', value: 'okta_verify' },
      { label: 'Security Question', value: 'security_question' },
      { label: 'Security Key or Biometric', value: 'webauthn' },
    ]);
  });

  it('a custom security question of the demo file signs in', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, 'choice-mfa@example.com');
    const challenge = await sdk.idx.proceed({ authenticator: 'security_question' });
    expect(challenge.nextStep?.authenticator?.contextualData?.enrolledQuestion?.question).toBe('What is the name of your favourite teacher?');
    expect((await sdk.idx.proceed({ answer: 'mrs honey' })).status).toBe(IdxStatus.SUCCESS);
  });
});

describe('WebAuthn', () => {
  it('is offered only when enrolled and can never be completed embedded', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, 'webauthn-only@example.com');
    expect(tx.nextStep?.inputs?.[0]?.options).toEqual([{ label: 'Security Key or Biometric', value: 'webauthn' }]);
    const challenge = await sdk.idx.proceed({ authenticator: 'webauthn' });
    expect(challenge.nextStep).toMatchObject({ name: 'challenge-authenticator', type: 'security_key', authenticator: { key: 'webauthn' } });
    expect(challenge.nextStep?.authenticator?.contextualData?.challengeData?.challenge).toBeTruthy();
    const attempt = await sdk.idx.proceed({ clientData: 'x', authenticatorData: 'y', signatureData: 'z' });
    expect(attempt.status).toBe(IdxStatus.PENDING);
    expect(messageKeys(attempt)).toEqual(['authfactor.webauthn.error.assertion_validation_failure']);

    const alice = await signIn(idp, 'alice@example.com');
    expect(alice.tx.status).toBe(IdxStatus.SUCCESS);
  });

  it('cannot be required for enrollment', async () => {
    await expect(startIdp({ users: [user('w@example.com', { policy: { enroll: { required: ['webauthn'] } } })] })).rejects.toThrow(
      /policy\.enroll\.required\.0: cannot be enrolled during sign-in/,
    );
  });
});

describe('optional enrollment', () => {
  const LOGIN = 'optional-enroll@example.com';

  it('offers the optional authenticators with skip; skipping signs in, and the next sign-in offers them again', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, LOGIN);
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBe(true);
    expect(optionValues(tx)).toEqual(['google_otp', 'security_question']);
    const skipped = await sdk.idx.proceed({ skip: true });
    expect(skipped.status).toBe(IdxStatus.SUCCESS);
    expect(idp.counts().skip).toBe(1);
    expect((await signIn(idp, LOGIN)).tx.nextStep?.canSkip).toBe(true);
  });

  it('after one optional enrollment the rest is offered again with skip', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'security_question' });
    const rest = await sdk.idx.proceed({ questionKey: 'first_award', answer: 'Spelling bee' });
    expect(rest.nextStep?.name).toBe('select-authenticator-enroll');
    expect(optionValues(rest)).toEqual(['google_otp']);
    expect(rest.nextStep?.canSkip).toBe(true);
    expect((await sdk.idx.proceed({ skip: true })).status).toBe(IdxStatus.SUCCESS);
    // Enrolled now, so it is the second factor next time.
    const next = await signIn(idp, LOGIN);
    expect(next.tx.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(optionValues(next.tx)).toEqual(['security_question']);
  });

  it('required enrollments come first, without skip; then the optional ones with it', async () => {
    const idp = await idpWith({ users: [user('both@example.com', { policy: { enroll: { required: ['okta_email'], optional: ['security_question'] } } })] });
    const { sdk, tx } = await signIn(idp, 'both@example.com');
    expect(optionValues(tx)).toEqual(['okta_email']);
    expect(tx.nextStep?.canSkip).toBeFalsy();
    expect((await sdk.idx.proceed({ skip: true })).nextStep?.name).toBe('select-authenticator-enroll');
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    const optional = await sdk.idx.proceed({ verificationCode: lastCode(idp, 'both@example.com') });
    expect(optionValues(optional)).toEqual(['security_question']);
    expect(optional.nextStep?.canSkip).toBe(true);
  });
});

describe('second-factor policy and groups', () => {
  it('a list of second factors the user has none of: one must be enrolled', async () => {
    const idp = await idpWith({ users: [user('list@example.com', { policy: { secondFactor: ['google_otp', 'okta_email'] } })] });
    const { tx } = await signIn(idp, 'list@example.com');
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(optionValues(tx)).toEqual(['okta_email', 'google_otp']);
    expect(tx.nextStep?.canSkip).toBeFalsy();
  });

  it('a list limits which enrolled authenticators count; `none` needs only the password', async () => {
    const enrolled = { okta_email: {}, security_question: { questionKey: 'disliked_food' as const, answer: 'Kale salad' } };
    const idp = await idpWith({
      users: [
        user('only-q@example.com', { authenticators: enrolled, policy: { secondFactor: ['security_question'] } }),
        user('none@example.com', { authenticators: enrolled, policy: { secondFactor: 'none' } }),
      ],
    });
    expect(optionValues((await signIn(idp, 'only-q@example.com')).tx)).toEqual(['security_question']);
    expect((await signIn(idp, 'none@example.com')).tx.status).toBe(IdxStatus.SUCCESS);
  });

  it('a group\'s policy applies to its members; the user\'s own wins; an unknown group is refused', async () => {
    const groups = [
      { name: 'no-policy' },
      { name: 'staff', policy: { enroll: { required: ['okta_email' as const] } } },
    ];
    const idp = await idpWith({
      users: [user('member@example.com', { groups: ['no-policy', 'staff'] }), user('own@example.com', { groups: ['staff'], policy: { secondFactor: 'none' } })],
      groups,
    });
    expect((await signIn(idp, 'member@example.com')).tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect((await signIn(idp, 'own@example.com')).tx.status).toBe(IdxStatus.SUCCESS);
    await expect(startIdp({ users: [user('x@example.com', { groups: ['nope'] })] })).rejects.toThrow(/group "nope", which the file does not define/);
  });
});

describe('identifier-first', () => {
  it('an MFA user may verify Email first, then the password', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const sdk = createSdk(idp);
    const select = await sdk.idx.authenticate({ step: 'identify', username: 'email-mfa@example.com' });
    expect(select.nextStep?.inputs?.[0]?.options?.map((o) => o.label)).toEqual(['Password', 'Email']);
    await sdk.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
    const password = await sdk.idx.proceed({ step: 'challenge-authenticator', verificationCode: lastCode(idp, 'email-mfa@example.com') });
    expect(password.nextStep?.name).toBe('challenge-authenticator');
    expect(password.rawIdxState.currentAuthenticatorEnrollment?.value.key).toBe('okta_password');
    const done = await sdk.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: DEMO_PASSWORD } });
    expect(done.status).toBe(IdxStatus.SUCCESS);
  });
});

describe('users file', () => {
  const write = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'idp-users-')), 'users.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('a file of the older format (factors only, any extra factor) still loads, its extra factor as Email', async () => {
    const path = write({ users: [{ login: 'old@example.com', password: 'pw', status: 'ACTIVE', profile: { email: 'old@example.com' }, factors: ['password', 'sms'] }] });
    expect(loadUsersFile(path)).toHaveLength(1);
    const idp = await idpWith({ usersFile: path });
    const sdk = createSdk(idp, { legacy: true });
    const tx = await sdk.idx.authenticate({ username: 'old@example.com', password: 'pw' });
    expect(optionValues(tx)).toEqual(['okta_email']);
  });

  it.each([
    [{ phone_number: { phoneNumber: '555-0100' } }, /authenticators\.phone_number\.phoneNumber: must be a phone number in E\.164 form/],
    [{ google_otp: { secret: 'not base32!' } }, /authenticators\.google_otp\.secret: must be a base32 TOTP secret/],
    [{ google_otp: { secret: 'ABCDEFGH' } }, /at least 80 bits/],
    [{ okta_verify: { secret: 'JBSWY3DPEHPK3PXP', methods: ['push', 'push'] } }, /must not repeat a method/],
    [{ security_question: { questionKey: 'made_up', answer: 'long enough' } }, /authenticators\.security_question/],
    [{ security_question: { questionKey: 'disliked_food', answer: 'no' } }, /authenticators\.security_question/],
    [{ okta_email: { email: 'nope' } }, /must be an email address/],
    [{ yubikey: {} }, /authenticators/],
  ])('refuses authenticators %j', (authenticators, message) => {
    const path = write({ users: [{ login: 'bad@example.com', password: 'pw', status: 'ACTIVE', profile: {}, factors: ['password'], authenticators }] });
    expect(() => loadUsersFile(path)).toThrow(message);
  });

  it('refuses a policy naming an unknown authenticator', () => {
    const path = write({ users: [{ login: 'bad@example.com', password: 'pw', status: 'ACTIVE', profile: {}, factors: ['password'], policy: { secondFactor: ['fingerprint'] } }] });
    expect(() => loadUsersFile(path)).toThrow(/policy\.secondFactor/);
  });

  it('the demo file loads, with a user for each factor and enrollment case', () => {
    const logins = loadUsersFile(join(import.meta.dirname, '..', 'org', 'users.demo.json')).map((u) => u.login);
    for (const login of ['email-mfa', 'sms-mfa', 'totp-mfa', 'push-mfa', 'push-number', 'question-mfa', 'enroll-totp', 'enroll-ov', 'enroll-question', 'enroll-phone', 'optional-enroll', 'choice-mfa', 'webauthn-only', 'mfa']) {
      expect(logins).toContain(`${login}@example.com`);
    }
  });
});
