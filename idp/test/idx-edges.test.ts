/**
 * The Identity Engine endpoints' edges, over plain HTTP (no SDK): requests to a finished
 * transaction, the wrong media type, blank and over-long answers at each step that takes one,
 * "Forgot password?" from the password step, recovery and unlock for people who cannot use them,
 * and an answer posted at a step that takes none. Each checks the status and the message keys.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { idxPost, idxRequest, startRaw } from './raw-flow';
import { DEMO_PASSWORD } from '../index';

const idpWith = idpPerTest();

const post = idxRequest;

async function started(options: Parameters<typeof idpWith>[0] = {}) {
  const idp = await idpWith(options);
  const { stateHandle } = await startRaw(idp);
  return { idp, stateHandle };
}

describe('IDX edges', () => {
  it('answers a finished transaction with its end: 403 once terminal, 400 once signed in', async () => {
    const { idp, stateHandle } = await started();
    const suspended = await post(idp, 'identify', { identifier: 'suspended@example.com', credentials: { passcode: 'x' }, stateHandle });
    expect([suspended.status, suspended.keys]).toEqual([403, ['security.access_denied']]);
    const again = await post(idp, 'identify', { identifier: 'alice@example.com', credentials: { passcode: 'x' }, stateHandle });
    expect([again.status, again.keys]).toEqual([403, ['security.access_denied']]);

    const next = await startRaw(idp);
    const signedIn = await post(idp, 'identify', { identifier: 'alice@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: next.stateHandle });
    expect(signedIn.status).toBe(200);
    const replay = await post(idp, 'identify', { identifier: 'alice@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: next.stateHandle });
    expect([replay.status, replay.keys]).toEqual([400, []]);
  });

  it('refuses introspect and identify in a media type they do not take', async () => {
    const { idp, stateHandle } = await started();
    const reply = await post(idp, 'introspect', { stateHandle }, 'text/plain');
    expect([reply.status, reply.keys]).toEqual([415, ['E0000006']]);
    const identify = await post(idp, 'identify', { identifier: 'alice@example.com', stateHandle }, 'text/plain');
    expect([identify.status, identify.keys]).toEqual([415, ['E0000006']]);
  });

  it('asks again for a blank password at the password step (identifier first)', async () => {
    const { idp, stateHandle } = await started({ policy: 'identifier-first' });
    const who = await post(idp, 'identify', { identifier: 'alice@example.com', stateHandle });
    expect(who.remediations[0]).toBe('challenge-authenticator');
    const blank = await post(idp, 'challenge/answer', { credentials: {}, stateHandle });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
  });

  it('"Forgot password?" at the password step goes straight to the choice of authenticator', async () => {
    const { idp, stateHandle } = await started({ policy: 'identifier-first' });
    await post(idp, 'identify', { identifier: 'alice@example.com', stateHandle });
    const recover = await post(idp, 'recover', { stateHandle });
    expect(recover.status).toBe(200);
    expect(recover.remediations).toContain('select-authenticator-authenticate');
    expect(recover.remediations).not.toContain('identify-recovery');
  });

  it('recovery asks again for a blank username, and ends for a suspended one', async () => {
    const { idp, stateHandle } = await started();
    expect((await post(idp, 'recover', { stateHandle })).remediations).toEqual(['identify-recovery']);
    const blank = await post(idp, 'identify', { identifier: '  ', stateHandle });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    const long = await post(idp, 'identify', { identifier: `${'a'.repeat(245)}@example.com`, stateHandle });
    expect([long.status, long.keys]).toEqual([400, ['model.validation.field.invalid']]);
    const suspended = await post(idp, 'identify', { identifier: 'suspended@example.com', stateHandle });
    expect([suspended.status, suspended.keys]).toEqual([403, ['security.access_denied']]);
  });

  it('unlock asks again for a blank or over-long username, and for an authenticator it does not offer', async () => {
    const { idp, stateHandle } = await started();
    expect((await post(idp, 'unlock-account', { stateHandle })).remediations).toEqual(['select-authenticator-unlock-account']);
    const blank = await post(idp, 'challenge', { identifier: '', authenticator: { id: 'x' }, stateHandle });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    const long = await post(idp, 'challenge', { identifier: `${'a'.repeat(245)}@example.com`, authenticator: { id: 'x' }, stateHandle });
    expect([long.status, long.keys]).toEqual([400, ['model.validation.field.invalid']]);
    const unoffered = await post(idp, 'challenge', { identifier: 'locked@example.com', authenticator: { id: 'not-an-authenticator' }, stateHandle });
    expect([unoffered.status, unoffered.keys]).toEqual([400, ['model.validation.field.invalid']]);
  });

  it('a changed password left blank is asked for again', async () => {
    const { idp, stateHandle } = await started();
    const expired = await post(idp, 'identify', { identifier: 'expired@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect(expired.remediations).toEqual(['reenroll-authenticator']);
    const blank = await post(idp, 'challenge/answer', { credentials: { passcode: '' }, stateHandle });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
  });

  it('an answer posted at a step that takes none is refused with the step as it was', async () => {
    const { idp, stateHandle } = await started();
    const enroll = await post(idp, 'identify', { identifier: 'enroll-phone@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect(enroll.remediations).toEqual(['select-authenticator-enroll']);
    const answer = await post(idp, 'challenge/answer', { credentials: { passcode: '123456' }, stateHandle });
    expect([answer.status, answer.keys, answer.remediations]).toEqual([400, ['idx.action.unavailable'], ['select-authenticator-enroll']]);
  });

  it('ends the sign-in when the policy wants a second factor the user has not and cannot set up here', async () => {
    const idp = await idpWith({ users: [{ login: 'walt@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: {}, factors: ['password'], policy: { secondFactor: ['webauthn'] } }] });
    const { stateHandle } = await startRaw(idp);
    const denied = await post(idp, 'identify', { identifier: 'walt@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect([denied.status, denied.keys]).toEqual([403, ['security.access_denied']]);
  });

  it('answers a step as ion+json that no cache may keep', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const res = await fetch(`${idp.origin}/idp/idx/introspect`, idxPost({ stateHandle }));
    expect([res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([200, 'application/ion+json; okta-version=1.0.0', 'no-store']);
  });

  it('reads a field of up to 1024 characters, and takes a longer one as not sent', async () => {
    const idp = await idpWith({ policy: 'identifier-first' });
    const { stateHandle } = await startRaw(idp);
    await post(idp, 'identify', { identifier: 'alice@example.com', stateHandle });
    const longest = await post(idp, 'challenge/answer', { credentials: { passcode: 'x'.repeat(1024) }, stateHandle });
    expect([longest.status, longest.keys]).toEqual([401, ['incorrectPassword']]);
    const tooLong = await post(idp, 'challenge/answer', { credentials: { passcode: 'x'.repeat(1025) }, stateHandle });
    expect([tooLong.status, tooLong.keys]).toEqual([400, ['model.validation.field.blank']]);
  });
});
