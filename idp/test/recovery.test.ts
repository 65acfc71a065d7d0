/**
 * Self-service password recovery ("Forgot password?"), driven by the real okta-auth-js in legacy
 * mode as the app runs it: `idx.recoverPassword` from scratch (identify-recovery) and from the
 * password challenge, the code from the outbox, a refused new password, the org's two endings
 * (signed in, or "sign in with your new password"), recovery switched off, unknown users.
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { DEMO_PASSWORD } from '../index';
import { idpPerTest } from './idp-per-test';
import { lastCode, lastMessage, messageKeys, optionValues } from './mfa-helpers';
import { createSdk } from './sdk-client';

const idpWith = idpPerTest();
const NEW_PASSWORD = 'Brand-New-Secret-42';

describe('password recovery', () => {
  it('sends `recover` on identify and on the password challenge, so the SDK and the widget offer "Forgot password?"', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const sdk = createSdk(idp, { legacy: true });
    const start = await sdk.idx.start();
    expect(start.enabledFeatures).toContain('recover-password');
    expect(start.availableSteps?.map((s) => s.name)).toContain('currentAuthenticator-recover');
    const challenge = await sdk.idx.proceed({ username: 'alice@example.com' });
    expect(challenge.nextStep?.name).toBe('challenge-authenticator');
    expect(challenge.availableSteps?.map((s) => s.name)).toContain('currentAuthenticatorEnrollment-recover');
  });

  it('sends no `recover` when the org turned recovery off', async () => {
    const idp = await idpWith({ recoveryAuthenticators: [] });
    const start = await createSdk(idp, { legacy: true }).idx.start();
    expect(start.enabledFeatures ?? []).not.toContain('recover-password');
  });

  it('identify → email → code → new password with the org rules → signed in with it; the old password no longer works', async () => {
    const idp = await idpWith();
    const sdk = createSdk(idp, { legacy: true });
    const identify = await sdk.idx.recoverPassword();
    expect(identify.nextStep).toMatchObject({ name: 'identify-recovery', inputs: [{ name: 'username', required: true }] });

    const choose = await sdk.idx.proceed({ username: 'alice@example.com' });
    expect(choose.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(optionValues(choose)).toEqual(['okta_email']);
    expect(idp.outbox('alice@example.com')).toEqual([]);

    const code = await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect(code.nextStep).toMatchObject({ name: 'challenge-authenticator', type: 'email', canResend: true });
    const wrong = await sdk.idx.proceed({ verificationCode: lastCode(idp, 'alice@example.com') === '000000' ? '111111' : '000000' });
    expect(messageKeys(wrong)).toEqual(['api.authn.error.PASSCODE_INVALID']);

    const reset = await sdk.idx.proceed({ verificationCode: lastCode(idp, 'alice@example.com') });
    expect(reset.nextStep).toMatchObject({ name: 'reset-authenticator', type: 'password', inputs: [{ name: 'password', secret: true, label: 'New password' }] });
    expect(reset.nextStep?.authenticator?.settings).toMatchObject({
      complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true, excludeFirstName: false, excludeLastName: false },
      age: { historyCount: 1 },
    });

    const weak = await sdk.idx.proceed({ password: 'short' });
    expect(weak.nextStep?.name).toBe('reset-authenticator');
    expect(messageKeys(weak)).toEqual(['password.passwordRequirementsNotMet']);

    const done = await sdk.idx.proceed({ password: NEW_PASSWORD });
    expect(done.status).toBe(IdxStatus.SUCCESS);
    expect(done.tokens?.idToken?.claims.email).toBe('alice@example.com');

    const old = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(old.status).not.toBe(IdxStatus.SUCCESS);
    const fresh = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: NEW_PASSWORD });
    expect(fresh.status).toBe(IdxStatus.SUCCESS);
  });

  it('after a wrong password, recovery with the typed username goes straight to the choice; a locked-out user is unlocked by the reset', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const sdk = createSdk(idp, { legacy: true });
    const wrong = await sdk.idx.authenticate({ username: 'locked@example.com', password: 'nope' });
    // Locked: the password refused as suspended, the password step kept; recovery is a new transaction.
    expect(wrong.status).toBe(IdxStatus.PENDING);
    expect(messageKeys(wrong)).toEqual(['authfactor.challenge.suspended_factor']);
    const recovering = createSdk(idp, { legacy: true });
    const choose = await recovering.idx.recoverPassword({ username: 'locked@example.com' });
    expect(choose.nextStep?.name).toBe('select-authenticator-authenticate');
    await recovering.idx.proceed({ authenticator: 'okta_email' });
    expect(lastMessage(idp, 'locked@example.com', 'email').to).toBe('locked@example.com');
    await recovering.idx.proceed({ verificationCode: lastCode(idp, 'locked@example.com') });
    expect((await recovering.idx.proceed({ password: NEW_PASSWORD })).status).toBe(IdxStatus.SUCCESS);

    const fromChallenge = createSdk(idp, { legacy: true });
    const challenge = await fromChallenge.idx.authenticate({ username: 'alice@example.com', password: 'not-it' });
    expect(challenge.nextStep?.name).toBe('challenge-authenticator');
    // The SDK starts a new transaction for another flow (transactionMeta.js isTransactionMetaValidForFlow):
    // the username the person typed goes with it.
    const choice = await fromChallenge.idx.recoverPassword({ username: 'alice@example.com' });
    expect(choice.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(optionValues(choice)).toEqual(['okta_email']);
  });

  it('ends with "You can now sign in" when the org does not sign the person in after a reset', async () => {
    const idp = await idpWith({ recoverySignsIn: false });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.recoverPassword({ username: 'alice@example.com' });
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    await sdk.idx.proceed({ verificationCode: lastCode(idp, 'alice@example.com') });
    const done = await sdk.idx.proceed({ password: NEW_PASSWORD });
    expect(done.status).toBe(IdxStatus.TERMINAL);
    expect(done.messages).toEqual([
      { message: 'You can now sign in with your existing username and new password.', i18n: { key: 'idx.recovery.completed' }, class: 'INFO' },
    ]);
  });

  it('answers an unknown username as identify does, and a user with no way to recover with the org’s refusal', async () => {
    const idp = await idpWith({
      users: [
        { login: 'alice@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: { email: 'alice@example.com' }, factors: ['password'] },
        { login: 'nomail@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: {}, factors: ['password'] },
      ],
    });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.recoverPassword();
    const unknown = await sdk.idx.proceed({ username: 'nobody@example.com' });
    expect(unknown.nextStep?.name).toBe('identify-recovery');
    expect(messageKeys(unknown)).toEqual(['idx.unknown.user']);
    const refused = await sdk.idx.proceed({ username: 'nomail@example.com' });
    expect(refused.status).toBe(IdxStatus.TERMINAL);
    expect(messageKeys(refused)).toEqual(['oie.selfservice.reset.password.not.allowed']);
  });

  it('cancel during recovery returns to a plain sign-in', async () => {
    const idp = await idpWith();
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.recoverPassword({ username: 'alice@example.com' });
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect((await sdk.idx.cancel()).status).toBe(IdxStatus.CANCELED);
  });
});
