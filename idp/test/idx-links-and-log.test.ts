/**
 * Over plain HTTP: the page a link from the outbox opens (activated, used, expired at the exact
 * moment, and its headers), and the emulator's console lines for each step a person watching
 * `npm run idp` follows (sign-up, activation, lockout, recovery, unlock, a changed password).
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { lastCode, lastMessage, testClock } from './mfa-helpers';
import { idxRequest, startRaw } from './raw-flow';
import { DEMO_PASSWORD, type IdpOptions, type RunningIdp } from '../index';

const idpWith = idpPerTest();
const NEW_PASSWORD = 'Zebra-Stripe-42';

const post = idxRequest;

async function withLog(options: IdpOptions = {}) {
  const lines: string[] = [];
  const idp = await idpWith({ ...options, log: (line) => lines.push(line) });
  return { idp, lines };
}

/** Signs up `login` with activation by email; returns the activation link. */
async function signUp(idp: RunningIdp, login: string): Promise<string> {
  const { stateHandle } = await startRaw(idp);
  await post(idp, 'enroll', { stateHandle });
  await post(idp, 'enroll/new', { userProfile: { firstName: 'New', lastName: 'Person', email: login }, stateHandle });
  await post(idp, 'challenge/answer', { credentials: { passcode: NEW_PASSWORD }, stateHandle });
  return lastMessage(idp, login, 'email').link!;
}

describe('links from the outbox', () => {
  it('an activation link opens once: the account is active, then the link is used', async () => {
    const { idp, lines } = await withLog({ registration: { activation: 'email' } });
    const link = await signUp(idp, 'new@example.com');
    const first = await fetch(link);
    expect([first.status, first.headers.get('cache-control'), first.headers.get('content-security-policy')]).toEqual([200, 'no-store', "default-src 'none'"]);
    expect(await first.text()).toContain('<p>Your account is active. Return to the sign-in window and sign in.</p>');
    const { stateHandle } = await startRaw(idp);
    expect((await post(idp, 'identify', { identifier: 'new@example.com', credentials: { passcode: NEW_PASSWORD }, stateHandle })).status).toBe(200);
    const again = await fetch(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('<p>This link has expired or was already used. Return to the sign-in window and ask for another.</p>');
    expect(lines).toEqual(expect.arrayContaining(['user new@example.com signed up', 'password set for new@example.com', 'activation email sent to new@example.com', 'new@example.com activated']));
  });

  it('an activation link has expired at the moment its time is up, and the account stays inactive', async () => {
    const clock = testClock();
    const idp = await idpWith({ registration: { activation: 'email' }, now: clock.now, passcodeTtlSeconds: 60 });
    const link = await signUp(idp, 'late@example.com');
    clock.advance(60_000);
    expect((await fetch(link)).status).toBe(410);
    const { stateHandle } = await startRaw(idp);
    const early = await post(idp, 'identify', { identifier: 'late@example.com', credentials: { passcode: NEW_PASSWORD }, stateHandle });
    expect(early.status).toBe(403);
  });
});

describe('the console lines', () => {
  it('says when an account locks', async () => {
    const { idp, lines } = await withLog({ lockoutThreshold: 2 });
    for (let i = 0; i < 2; i += 1) await post(idp, 'identify', { identifier: 'alice@example.com', credentials: { passcode: 'wrong' }, stateHandle: (await startRaw(idp)).stateHandle });
    expect(lines).toEqual(expect.arrayContaining(['wrong password for alice@example.com (1/2)', 'wrong password for alice@example.com (2/2)', 'alice@example.com is now LOCKED_OUT']));
  });

  it('follows a recovery to the reset, and says the account was reset', async () => {
    const { idp, lines } = await withLog({ recoveryAuthenticators: ['okta_email'] });
    const { stateHandle } = await startRaw(idp);
    await post(idp, 'recover', { stateHandle });
    await post(idp, 'identify', { identifier: 'locked@example.com', stateHandle });
    await post(idp, 'challenge', { authenticator: { id: 'autEmulatorEmail0001' }, stateHandle });
    await post(idp, 'challenge/answer', { credentials: { passcode: lastCode(idp, 'locked@example.com') }, stateHandle });
    const reset = await post(idp, 'challenge/answer', { credentials: { passcode: NEW_PASSWORD }, stateHandle });
    expect(reset.status).toBe(200);
    expect(lines).toEqual(expect.arrayContaining(['password recovery started for locked@example.com', 'okta_email verified for locked@example.com', 'password reset for locked@example.com']));
    // A reset ends the lockout.
    const signIn = await post(idp, 'identify', { identifier: 'locked@example.com', credentials: { passcode: NEW_PASSWORD }, stateHandle: (await startRaw(idp)).stateHandle });
    expect(signIn.status).toBe(200);
  });

  it('follows an unlock, and says the account was unlocked', async () => {
    const { idp, lines } = await withLog({ unlockAuthenticators: ['okta_email'] });
    const { stateHandle } = await startRaw(idp);
    await post(idp, 'unlock-account', { stateHandle });
    await post(idp, 'challenge', { identifier: 'locked@example.com', authenticator: { id: 'autEmulatorEmail0001' }, stateHandle });
    const unlocked = await post(idp, 'challenge/answer', { credentials: { passcode: lastCode(idp, 'locked@example.com') }, stateHandle });
    expect(unlocked.status).toBe(200);
    expect(lines).toEqual(expect.arrayContaining(['account unlock started for locked@example.com', 'account unlocked for locked@example.com']));
  });

  it('says a password was changed, not reset, when it had expired', async () => {
    const { idp, lines } = await withLog();
    const { stateHandle } = await startRaw(idp);
    await post(idp, 'identify', { identifier: 'expired@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    const same = await post(idp, 'challenge/answer', { credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect(same.status).toBe(400);
    expect(JSON.stringify(same.doc)).toContain('password.passwordAlreadyUsed');
    expect((await post(idp, 'challenge/answer', { credentials: { passcode: NEW_PASSWORD }, stateHandle })).status).toBe(200);
    expect(lines).toContain('password changed for expired@example.com');
    expect(lines).not.toContain('password reset for expired@example.com');
  });
});
