/**
 * The sign-in policy's decisions over plain HTTP (authenticators/policy.ts): a second factor of
 * several is asked once, not again after it is verified; a policy of `none` never offers one; the
 * primary email proves a recovering person only when the profile has one.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { lastCode } from './mfa-helpers';
import { idxRequest, startRaw } from './raw-flow';
import { DEMO_PASSWORD } from '../index';

const idpWith = idpPerTest();
const EMAIL_ID = 'autEmulatorEmail0001';

const post = idxRequest;

describe('the sign-in policy', () => {
  it('asks a user with several factors for one of them, then signs them in', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const choose = await post(idp, 'identify', { identifier: 'choice-mfa@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect(choose.remediations).toEqual(['select-authenticator-authenticate']);
    await post(idp, 'challenge', { authenticator: { id: EMAIL_ID }, stateHandle });
    const done = await post(idp, 'challenge/answer', { credentials: { passcode: lastCode(idp, 'choice-mfa@example.com') }, stateHandle });
    expect([done.status, done.remediations, 'successWithInteractionCode' in done.doc]).toEqual([200, [], true]);
  });

  it('identifier first, once the second factor is verified the password step offers nothing beside it', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const { stateHandle } = await startRaw(idp);
    expect((await post(idp, 'identify', { identifier: 'choice-mfa@example.com', stateHandle })).remediations).toEqual(['select-authenticator-authenticate']);
    await post(idp, 'challenge', { authenticator: { id: EMAIL_ID }, stateHandle });
    const password = await post(idp, 'challenge/answer', { credentials: { passcode: lastCode(idp, 'choice-mfa@example.com') }, stateHandle });
    expect(password.remediations).toEqual(['challenge-authenticator']);
    expect('successWithInteractionCode' in (await post(idp, 'challenge/answer', { credentials: { passcode: DEMO_PASSWORD }, stateHandle })).doc).toBe(true);
  });

  it('with a policy of none, a user with other factors is asked for the password alone', async () => {
    const idp = await idpWith({
      policy: 'identifier-first',
      users: [{ login: 'nina@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: { email: 'nina@example.com' }, factors: ['password', 'okta_email'], policy: { secondFactor: 'none' } }],
    });
    const { stateHandle } = await startRaw(idp);
    expect((await post(idp, 'identify', { identifier: 'nina@example.com', stateHandle })).remediations).toEqual(['challenge-authenticator']);
    const done = await post(idp, 'challenge/answer', { credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect('successWithInteractionCode' in done.doc).toBe(true);
  });

  it('identifier first, a second factor required but none enrolled: the password first, then the enrollment', async () => {
    const idp = await idpWith({
      policy: 'identifier-first',
      users: [{ login: 'gus@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: { email: 'gus@example.com' }, factors: ['password'], policy: { secondFactor: ['google_otp'] } }],
    });
    const { stateHandle } = await startRaw(idp);
    expect((await post(idp, 'identify', { identifier: 'gus@example.com', stateHandle })).remediations).toEqual(['challenge-authenticator']);
    const enroll = await post(idp, 'challenge/answer', { credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect(enroll.remediations).toEqual(['select-authenticator-enroll']);
  });

  it('recovery by email needs an email in the profile when the user has not enrolled one', async () => {
    const idp = await idpWith({
      recoveryAuthenticators: ['okta_email'],
      users: [
        { login: 'no-mail', password: DEMO_PASSWORD, status: 'ACTIVE', profile: { email: '' }, factors: ['password'] },
        { login: 'mail', password: DEMO_PASSWORD, status: 'ACTIVE', profile: { email: 'mail@example.com' }, factors: ['password'] },
      ],
    });
    const recover = async (login: string) => {
      const { stateHandle } = await startRaw(idp);
      await post(idp, 'recover', { stateHandle });
      return post(idp, 'identify', { identifier: login, stateHandle });
    };
    expect((await recover('mail')).remediations).toEqual(['select-authenticator-authenticate']);
    expect((await recover('no-mail')).status).toBe(403);
  });
});
