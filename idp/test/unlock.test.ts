/**
 * Self-service account unlock ("Unlock account"), driven by the real okta-auth-js in legacy mode as
 * the app runs it: `unlock-account` beside identify only when the org offers it, the username and
 * authenticator in one form, the code from the outbox (wrong, expired), unlocked then signed in
 * with the old password, unknown and suspended users, cancel.
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { DEMO_PASSWORD } from '../index';
import { idpPerTest } from './idp-per-test';
import { lastCode, lastMessage, messageKeys, testClock } from './mfa-helpers';
import { createSdk } from './sdk-client';

const idpWith = idpPerTest();
const LOCKED = 'locked@example.com';
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('account unlock', () => {
  it('offers `unlock-account` beside identify only when the org enables it', async () => {
    const on = await createSdk(await idpWith({ unlockAuthenticators: ['okta_email'], registration: false }), { legacy: true }).idx.start();
    expect(on.enabledFeatures).toContain('unlock-account');
    expect(on.neededToProceed.map((r) => r.name)).toEqual(['identify', 'unlock-account']);
    const off = await createSdk(await idpWith({ unlockAuthenticators: [], registration: false }), { legacy: true }).idx.start();
    expect(off.enabledFeatures ?? []).not.toContain('unlock-account');
    expect(off.neededToProceed.map((r) => r.name)).toEqual(['identify']);
  });

  it('username + email → code (a wrong one refused) → unlocked, then signs in with the password they had', async () => {
    const idp = await idpWith({ unlockAuthenticators: ['okta_email', 'phone_number'] });
    const sdk = createSdk(idp, { legacy: true });
    const who = await sdk.idx.unlockAccount();
    expect(who.nextStep).toMatchObject({ name: 'select-authenticator-unlock-account' });
    expect(who.nextStep?.inputs?.map((i) => i.name)).toEqual(['username', 'authenticator']);
    expect(who.nextStep?.inputs?.[1]?.options?.map((o) => o.value)).toEqual(['okta_email', 'phone_number']);

    const code = await sdk.idx.proceed({ username: LOCKED, authenticator: 'okta_email' });
    expect(code.nextStep).toMatchObject({ name: 'challenge-authenticator', type: 'email', canResend: true });
    expect(lastMessage(idp, LOCKED, 'email')).toMatchObject({ to: LOCKED, purpose: 'verify' });
    const wrong = await sdk.idx.proceed({ verificationCode: wrongCode(lastCode(idp, LOCKED)) });
    expect(messageKeys(wrong)).toEqual(['api.authn.error.PASSCODE_INVALID']);

    const done = await sdk.idx.proceed({ verificationCode: lastCode(idp, LOCKED) });
    expect(done.status).toBe(IdxStatus.TERMINAL);
    expect(done.messages).toEqual([
      { message: 'You can log in using your existing username and password', i18n: { key: 'oie.selfservice.unlock_user.success.message', params: [] }, class: 'INFO' },
    ]);
    const signIn = await createSdk(idp, { legacy: true }).idx.authenticate({ username: LOCKED, password: DEMO_PASSWORD });
    expect(signIn.status).toBe(IdxStatus.SUCCESS);
  });

  it('an expired code is refused as Okta refuses any wrong one; a new one works', async () => {
    const clock = testClock();
    const idp = await idpWith({ unlockAuthenticators: ['okta_email'], now: clock.now, passcodeTtlSeconds: 60, resendCooldownSeconds: 1 });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.unlockAccount({ username: LOCKED, authenticator: 'okta_email' } as never);
    const sent = lastCode(idp, LOCKED);
    clock.advance(61_000);
    expect(messageKeys(await sdk.idx.proceed({ verificationCode: sent }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    await sdk.idx.proceed({ resend: true });
    expect((await sdk.idx.proceed({ verificationCode: lastCode(idp, LOCKED) })).status).toBe(IdxStatus.TERMINAL);
  });

  it('answers an unknown username as identify does, with the identifier echoed and the authentication request', async () => {
    const idp = await idpWith({ unlockAuthenticators: ['okta_email'] });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.unlockAccount();
    const unknown = await sdk.idx.proceed({ username: 'nobody@example.com', authenticator: 'okta_email' });
    expect(unknown.nextStep?.name).toBe('select-authenticator-unlock-account');
    expect(messageKeys(unknown)).toEqual(['idx.unknown.user']);
    const raw = unknown.rawIdxState as unknown as Record<string, { value: Record<string, unknown> }>;
    expect(raw['user']?.value).toEqual({ identifier: 'nobody@example.com' });
    expect(raw['authentication']?.value).toMatchObject({ protocol: 'OAUTH2.0', issuer: { name: 'default', uri: idp.issuer }, request: { response_type: 'code', code_challenge_method: 'S256' } });
    expect(idp.outbox()).toEqual([]);
  });

  it('refuses a suspended user and one with no way to prove it, with Okta’s messages', async () => {
    const idp = await idpWith({
      unlockAuthenticators: ['phone_number'],
      users: [
        { login: 'sam@example.com', password: DEMO_PASSWORD, status: 'SUSPENDED', profile: { email: 'sam@example.com' }, factors: ['password'] },
        { login: 'nophone@example.com', password: DEMO_PASSWORD, status: 'LOCKED_OUT', profile: { email: 'nophone@example.com' }, factors: ['password'] },
      ],
    });
    const suspended = createSdk(idp, { legacy: true });
    await suspended.idx.unlockAccount();
    const refused = await suspended.idx.proceed({ username: 'sam@example.com', authenticator: 'phone_number' });
    expect(refused.status).toBe(IdxStatus.TERMINAL);
    expect(messageKeys(refused)).toEqual(['oie.selfservice.unlock_user.failed.message']);
    const noPhone = createSdk(idp, { legacy: true });
    await noPhone.idx.unlockAccount();
    expect(messageKeys(await noPhone.idx.proceed({ username: 'nophone@example.com', authenticator: 'phone_number' }))).toEqual(['oie.selfservice.user.unlock.not.allowed']);
  });

  it('unlocks only a lock: an account that was not locked keeps its expired password', async () => {
    const idp = await idpWith({
      unlockAuthenticators: ['okta_email'],
      users: [{ login: 'expired@example.com', password: DEMO_PASSWORD, status: 'PASSWORD_EXPIRED', profile: { email: 'expired@example.com' }, factors: ['password'] }],
    });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.unlockAccount({ username: 'expired@example.com', authenticator: 'okta_email' } as never);
    expect((await sdk.idx.proceed({ verificationCode: lastCode(idp, 'expired@example.com') })).status).toBe(IdxStatus.TERMINAL);
    const signIn = await createSdk(idp, { legacy: true }).idx.authenticate({ username: 'expired@example.com', password: DEMO_PASSWORD });
    expect(signIn.nextStep?.name).toBe('reenroll-authenticator');
  });

  it('is refused when the org does not offer it, and cancel at the code ends it', async () => {
    const off = await idpWith({ unlockAuthenticators: [] });
    await expect(createSdk(off, { legacy: true }).idx.unlockAccount()).rejects.toThrow(/not supported/);
    const idp = await idpWith({ unlockAuthenticators: ['okta_email'] });
    const sdk = createSdk(idp, { legacy: true });
    await sdk.idx.unlockAccount({ username: LOCKED, authenticator: 'okta_email' } as never);
    expect((await sdk.idx.cancel()).status).toBe(IdxStatus.CANCELED);
    // Still locked: the code was never entered.
    expect(messageKeys(await createSdk(idp, { legacy: true }).idx.authenticate({ username: LOCKED, password: DEMO_PASSWORD }))).toEqual(['authfactor.challenge.suspended_factor']);
  });
});
