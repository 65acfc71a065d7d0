/**
 * Every IDX endpoint refuses what it cannot act on, over plain HTTP: a body that is not JSON or
 * names no live transaction, a request at a step it does not belong to (stale, replayed or out
 * of order), and self-service the org has turned off. The transaction is left where it was.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { idxRequest, startRaw } from './raw-flow';
import { DEMO_PASSWORD, type IdpOptions } from '../index';

const idpWith = idpPerTest();

const ENDPOINTS = ['identify', 'challenge', 'challenge/answer', 'challenge/resend', 'challenge/poll', 'challenge/send', 'credential/enroll', 'recover', 'unlock-account', 'enroll', 'enroll/new', 'skip', 'cancel'];

const post = idxRequest;

/** A transaction at the password step of identifier-first, for alice. */
async function atPassword(options: IdpOptions = {}) {
  const idp = await idpWith({ policy: 'identifier-first', ...options });
  const { stateHandle } = await startRaw(idp);
  await post(idp, 'identify', { identifier: 'alice@example.com', stateHandle });
  return { idp, stateHandle };
}

describe('IDX requests that cannot be acted on', () => {
  it.each(ENDPOINTS)('%s: a body that is not JSON is malformed, one without a live stateHandle has expired', async (path) => {
    const idp = await idpWith();
    expect(await post(idp, path, '{not json')).toMatchObject({ status: 400, keys: ['E0000003'] });
    expect(await post(idp, path, { stateHandle: 'not-a-handle' })).toMatchObject({ status: 401, keys: ['idx.session.expired'] });
  });

  it.each(['identify', 'unlock-account', 'enroll', 'enroll/new', 'credential/enroll', 'challenge/resend', 'challenge/poll', 'challenge/send', 'skip'])(
    '%s at the password step is not available, and the password step stays',
    async (path) => {
      const { idp, stateHandle } = await atPassword();
      const reply = await post(idp, path, { identifier: 'alice@example.com', stateHandle });
      expect([reply.status, reply.keys, reply.remediations[0]]).toEqual([400, ['idx.action.unavailable'], 'challenge-authenticator']);
    },
  );

  it.each(['recover', 'unlock-account', 'enroll', 'challenge', 'credential/enroll', 'challenge/answer', 'skip'])('%s while asked who is recovering is not available', async (path) => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    await post(idp, 'recover', { stateHandle });
    const reply = await post(idp, path, { stateHandle });
    expect([reply.status, reply.keys, reply.remediations]).toEqual([400, ['idx.action.unavailable'], ['identify-recovery']]);
  });

  it('at the password step, choosing the password again is the password step', async () => {
    const { idp, stateHandle } = await atPassword();
    const reply = await post(idp, 'challenge', { authenticator: { id: 'autEmulatorPassword1' }, stateHandle });
    expect([reply.status, reply.remediations[0]]).toEqual([200, 'challenge-authenticator']);
  });

  it.each(['recover', 'unlock-account', 'enroll'])('%s is not available where the org has turned it off', async (path) => {
    const idp = await idpWith({ recoveryAuthenticators: [], unlockAuthenticators: [], registration: false });
    const { stateHandle } = await startRaw(idp);
    const reply = await post(idp, path, { stateHandle });
    expect([reply.status, reply.keys, reply.remediations[0]]).toEqual([400, ['idx.action.unavailable'], 'identify']);
  });

  it('the sign-up form cannot be posted before it was asked for', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const reply = await post(idp, 'enroll/new', { userProfile: { firstName: 'A', lastName: 'B', email: 'new@example.com' }, stateHandle });
    expect([reply.status, reply.keys]).toEqual([400, ['idx.action.unavailable']]);
  });

  it('names the username an unknown person typed, and describes the sign-in for them only', async () => {
    const idp = await idpWith();
    const unknown = await post(idp, 'identify', { identifier: 'nobody@example.com', credentials: { passcode: 'x' }, stateHandle: (await startRaw(idp)).stateHandle });
    expect([unknown.status, unknown.keys, unknown.doc.user?.value, 'authentication' in unknown.doc]).toEqual([401, ['idx.unknown.user'], { identifier: 'nobody@example.com' }, true]);
    const wrong = await post(idp, 'identify', { identifier: 'alice@example.com', credentials: { passcode: 'wrong' }, stateHandle: (await startRaw(idp)).stateHandle });
    expect([wrong.status, wrong.keys, wrong.doc.user?.value, 'authentication' in wrong.doc]).toEqual([401, ['errors.E0000004'], { identifier: 'alice@example.com' }, false]);
    const locked = await post(idp, 'identify', { identifier: 'locked@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle: (await startRaw(idp)).stateHandle });
    expect([locked.status, locked.keys, locked.doc.user?.value, 'authentication' in locked.doc]).toEqual([401, ['authfactor.challenge.suspended_factor'], { identifier: 'locked@example.com' }, false]);
  });
});
