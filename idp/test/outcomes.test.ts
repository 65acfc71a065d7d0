/**
 * Every sign-in outcome of the emulator's policies, driven by the real okta-auth-js 8 in legacy
 * mode (`authenticate({username,password})`) and step mode (`authenticate({step, ...})`).
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus, type IdxTransaction } from '@okta/okta-auth-js';
import { DEMO_PASSWORD, type RunningIdp } from '../index';
import { idpPerTest } from './idp-per-test';
import { createSdk } from './sdk-client';

const idpWith = idpPerTest();

function messageKeys(result: IdxTransaction): string[] {
  return (result.messages ?? []).map((m) => m.i18n?.key ?? m.message);
}

function inputNames(result: IdxTransaction): string[] {
  return (result.nextStep?.inputs ?? []).map((i) => i.name);
}

const modes = [
  {
    name: 'legacy',
    signIn: (idp: RunningIdp, username: string, password: string) =>
      createSdk(idp, { legacy: true }).idx.authenticate({ username, password }),
  },
  {
    name: 'step',
    signIn: (idp: RunningIdp, username: string, password: string) =>
      createSdk(idp).idx.authenticate({ step: 'identify', username, password }),
  },
] as const;

describe.each(modes)('one-page policy, $name mode', ({ signIn }) => {
  it('wrong password: PENDING, identify again with "Authentication failed"', async () => {
    const idp = await idpWith();
    const result = await signIn(idp, 'alice@example.com', 'not-the-password');
    expect(result.status).toBe(IdxStatus.PENDING);
    expect(result.nextStep?.name).toBe('identify');
    expect(inputNames(result)).toEqual(expect.arrayContaining(['username', 'password']));
    expect(messageKeys(result)).toEqual(['errors.E0000004']);
    expect(result.messages?.[0]?.message).toBe('Authentication failed');
    expect(result.tokens).toBeUndefined();
  });

  it('unknown user: PENDING with idx.unknown.user', async () => {
    const idp = await idpWith();
    const result = await signIn(idp, 'nobody@example.com', DEMO_PASSWORD);
    expect(result.status).toBe(IdxStatus.PENDING);
    expect(result.nextStep?.name).toBe('identify');
    expect(messageKeys(result)).toEqual(['idx.unknown.user']);
  });

  it('LOCKED_OUT: identify again, the password suspended, even the right one; SUSPENDED: TERMINAL', async () => {
    const idp = await idpWith();
    const locked = await signIn(idp, 'locked@example.com', DEMO_PASSWORD);
    expect(locked.status).toBe(IdxStatus.PENDING);
    expect(locked.nextStep?.name).toBe('identify');
    expect(locked.messages).toEqual([
      { message: 'This factor is suspended for your account due to too many failed attempts', i18n: { key: 'authfactor.challenge.suspended_factor' }, class: 'ERROR' },
    ]);
    const suspended = await signIn(idp, 'suspended@example.com', DEMO_PASSWORD);
    expect(suspended.status).toBe(IdxStatus.TERMINAL);
    expect(messageKeys(suspended)).toEqual(['security.access_denied']);
  });

  it('locks the account at lockoutThreshold wrong passwords, saying so then; the right one then fails too', async () => {
    const idp = await idpWith({ lockoutThreshold: 3 });
    for (let i = 1; i < 3; i++) {
      expect(messageKeys(await signIn(idp, 'alice@example.com', `wrong-${i}`))).toEqual(['errors.E0000004']);
    }
    const third = await signIn(idp, 'alice@example.com', 'wrong-3');
    expect(third.status).toBe(IdxStatus.PENDING);
    expect(messageKeys(third)).toEqual(['authfactor.challenge.suspended_factor']);
    const right = await signIn(idp, 'alice@example.com', DEMO_PASSWORD);
    expect(right.status).toBe(IdxStatus.PENDING);
    expect(messageKeys(right)).toEqual(['authfactor.challenge.suspended_factor']);
  });

  it('a success resets the failed-attempt count', async () => {
    const idp = await idpWith({ lockoutThreshold: 2 });
    expect((await signIn(idp, 'alice@example.com', 'wrong')).status).toBe(IdxStatus.PENDING);
    expect((await signIn(idp, 'alice@example.com', DEMO_PASSWORD)).status).toBe(IdxStatus.SUCCESS);
    expect((await signIn(idp, 'alice@example.com', 'wrong')).status).toBe(IdxStatus.PENDING);
  });

  it('PASSWORD_EXPIRED: reenroll-authenticator after the right password', async () => {
    const idp = await idpWith();
    const result = await signIn(idp, 'expired@example.com', DEMO_PASSWORD);
    expect(result.status).toBe(IdxStatus.PENDING);
    expect(result.nextStep?.name).toBe('reenroll-authenticator');
    expect(result.nextStep?.canSkip).toBeFalsy();
  });

  it('PASSWORD_WARN: reenroll-authenticator-warning that can be skipped, with the expiry notice', async () => {
    const idp = await idpWith();
    const result = await signIn(idp, 'warn@example.com', DEMO_PASSWORD);
    expect(result.status).toBe(IdxStatus.PENDING);
    expect(result.nextStep?.name).toBe('reenroll-authenticator-warning');
    expect(result.nextStep?.canSkip).toBe(true);
    expect(messageKeys(result)).toEqual(['idx.password.expiring.message']);
  });

  it('MFA required: select-authenticator-authenticate offering only Email', async () => {
    const idp = await idpWith();
    const result = await signIn(idp, 'mfa@example.com', DEMO_PASSWORD);
    expect(result.status).toBe(IdxStatus.PENDING);
    expect(result.nextStep?.name).toBe('select-authenticator-authenticate');
    const options = result.nextStep?.inputs?.[0]?.options ?? [];
    expect(options.map((o) => o.label)).toEqual(['Email']);
  });
});

describe('password change flows (legacy mode)', () => {
  it('expired password: a weak one is rejected with a field error, a good one signs in and replaces the old', async () => {
    const idp = await idpWith();
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.authenticate({ username: 'expired@example.com', password: DEMO_PASSWORD });
    const weak = await sdk.idx.authenticate({ newPassword: 'short' });
    expect(weak.status).toBe(IdxStatus.PENDING);
    expect(weak.nextStep?.name).toBe('reenroll-authenticator');
    expect(messageKeys(weak)).toEqual(['password.passwordRequirementsNotMet']);
    for (const rejected of ['expiredPassw0rd', 'alllowercase1', 'ALLUPPER1', 'NoDigitsHere', DEMO_PASSWORD]) {
      const r = await sdk.idx.authenticate({ newPassword: rejected });
      expect(r.status, rejected).toBe(IdxStatus.PENDING);
    }
    const good = await sdk.idx.authenticate({ newPassword: 'NewPassw0rd' });
    expect(good.status).toBe(IdxStatus.SUCCESS);
    expect(good.tokens?.idToken?.claims.email).toBe('expired@example.com');

    const again = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'expired@example.com', password: 'NewPassw0rd' });
    expect(again.status).toBe(IdxStatus.SUCCESS);
    const old = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'expired@example.com', password: DEMO_PASSWORD });
    expect(old.status).toBe(IdxStatus.PENDING);
  });

  it('expiring password: skip signs in (step mode)', async () => {
    const idp = await idpWith();
    const sdk = createSdk(idp);
    await sdk.idx.authenticate({ step: 'identify', username: 'warn@example.com', password: DEMO_PASSWORD });
    const skipped = await sdk.idx.proceed({ step: 'skip' });
    expect(skipped.status).toBe(IdxStatus.SUCCESS);
  });

  it('expiring password: changing it signs in (step mode)', async () => {
    const idp = await idpWith();
    const sdk = createSdk(idp);
    await sdk.idx.authenticate({ step: 'identify', username: 'warn@example.com', password: DEMO_PASSWORD });
    const changed = await sdk.idx.proceed({ step: 'reenroll-authenticator-warning', credentials: { passcode: 'Changed1234' } });
    expect(changed.status).toBe(IdxStatus.SUCCESS);
  });
});

describe('cancel and expiry', () => {
  it('cancel after a step answers CANCELED', async () => {
    const idp = await idpWith();
    const sdk = createSdk(idp, { legacy: true });
    expect((await sdk.idx.authenticate({ username: 'mfa@example.com', password: DEMO_PASSWORD })).status).toBe(IdxStatus.PENDING);
    const canceled = await sdk.idx.cancel();
    expect(canceled.status).toBe(IdxStatus.CANCELED);
    expect(idp.counts().cancel).toBe(1);
  });

  it('an expired transaction answers TERMINAL with idx.session.expired', async () => {
    // The org's clock is moved, not waited for: a slow machine cannot expire it before the first answer.
    const orgClock = { offsetMs: 0 };
    const idp = await idpWith({ transactionTtlSeconds: 60, policy: 'identifier-first', now: () => Date.now() + orgClock.offsetMs });
    const sdk = createSdk(idp);
    const first = await sdk.idx.authenticate({ step: 'identify', username: 'alice@example.com' });
    expect(first.nextStep?.name).toBe('challenge-authenticator');
    orgClock.offsetMs = 61_000;
    const late = await sdk.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: DEMO_PASSWORD } });
    expect(late.status).toBe(IdxStatus.TERMINAL);
    expect(messageKeys(late)).toEqual(['idx.session.expired']);
  });
});

describe('identifier-first policy', () => {
  it('legacy mode signs in through challenge-authenticator', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const result = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(result.status).toBe(IdxStatus.SUCCESS);
    expect(idp.counts()['challenge-answer']).toBe(1);
  });

  it('legacy mode, wrong password: PENDING challenge-authenticator with incorrectPassword', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const result = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: 'nope' });
    expect(result.status).toBe(IdxStatus.PENDING);
    expect(result.nextStep?.name).toBe('challenge-authenticator');
    expect(messageKeys(result)).toEqual(['incorrectPassword']);
  });

  it('step mode: identify, wrong password, right password', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const sdk = createSdk(idp);
    const identified = await sdk.idx.authenticate({ step: 'identify', username: 'alice@example.com' });
    expect(identified.status).toBe(IdxStatus.PENDING);
    expect(identified.nextStep?.name).toBe('challenge-authenticator');
    const wrong = await sdk.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: 'nope' } });
    expect(messageKeys(wrong)).toEqual(['incorrectPassword']);
    const right = await sdk.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: DEMO_PASSWORD } });
    expect(right.status).toBe(IdxStatus.SUCCESS);
  });

  // playground/error-authenticator-verification-password-too-many-attempts.json: the password
  // step stays (with its recover action), the password refused as suspended.
  it('LOCKED_OUT: identify goes on to the password, which is refused as suspended whatever it is; so at the threshold', async () => {
    const idp = await idpWith({ policy: 'identifier-first', lockoutThreshold: 2 });
    const sdk = createSdk(idp);
    const identified = await sdk.idx.authenticate({ step: 'identify', username: 'locked@example.com' });
    expect(identified.nextStep).toMatchObject({ name: 'challenge-authenticator', relatesTo: { value: { key: 'okta_password' } } });
    const right = await sdk.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: DEMO_PASSWORD } });
    expect(right.status).toBe(IdxStatus.PENDING);
    expect(right.nextStep).toMatchObject({ name: 'challenge-authenticator', authenticator: { key: 'okta_password' } });
    expect(messageKeys(right)).toEqual(['authfactor.challenge.suspended_factor']);
    expect(right.actions).toHaveProperty(['currentAuthenticatorEnrollment-recover']);

    const alice = createSdk(idp, { legacy: true });
    expect(messageKeys(await alice.idx.authenticate({ username: 'alice@example.com', password: 'wrong-1' }))).toEqual(['incorrectPassword']);
    const locking = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: 'wrong-2' });
    expect(locking.nextStep?.name).toBe('challenge-authenticator');
    expect(messageKeys(locking)).toEqual(['authfactor.challenge.suspended_factor']);
    const after = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'alice@example.com', password: DEMO_PASSWORD });
    expect(messageKeys(after)).toEqual(['authfactor.challenge.suspended_factor']);
  });

  it('step mode, unknown user: PENDING identify with idx.unknown.user', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const result = await createSdk(idp).idx.authenticate({ step: 'identify', username: 'nobody@example.com' });
    expect(result.nextStep?.name).toBe('identify');
    expect(messageKeys(result)).toEqual(['idx.unknown.user']);
  });

  it('legacy mode, MFA user: picks Password itself, then PENDING on the Email factor', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const result = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'mfa@example.com', password: DEMO_PASSWORD });
    expect(result.status).toBe(IdxStatus.PENDING);
    expect(result.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(result.nextStep?.inputs?.[0]?.options?.map((o) => o.label)).toEqual(['Email']);
    expect(idp.counts().challenge).toBe(1);
  });

  it('MFA user: select password, then the Email factor; a wrong code is refused, the emailed one signs in', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const sdk = createSdk(idp);
    const select = await sdk.idx.authenticate({ step: 'identify', username: 'mfa@example.com' });
    expect(select.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(select.nextStep?.inputs?.[0]?.options?.map((o) => o.label)).toEqual(['Password', 'Email']);
    const challenge = await sdk.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_password' });
    expect(challenge.nextStep?.name).toBe('challenge-authenticator');
    const mfa = await sdk.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: DEMO_PASSWORD } });
    expect(mfa.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(mfa.nextStep?.inputs?.[0]?.options?.map((o) => o.label)).toEqual(['Email']);
    await sdk.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
    const wrong = await sdk.idx.proceed({ step: 'challenge-authenticator', verificationCode: 'not-it' });
    expect(wrong.status).toBe(IdxStatus.PENDING);
    expect(messageKeys(wrong)).toEqual(['api.authn.error.PASSCODE_INVALID']);
    const code = idp.outbox('mfa@example.com').at(-1)?.code ?? '';
    const right = await sdk.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
    expect(right.status).toBe(IdxStatus.SUCCESS);
  });
});
