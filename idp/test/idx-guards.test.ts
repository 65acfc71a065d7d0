/**
 * The IDX handlers' guards, over plain HTTP: what each refuses at its edges and what it leaves as
 * it was. Usernames exactly at the length limit, blank and missing fields where a field
 * is read, a request for a step of the other phase (verify or enroll), a finished unlock's code
 * step and link, a sign-up password left blank, a body's `authenticator` or `userProfile` that is
 * not an object, and the admin's push control for someone with no push waiting.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { afterPassword, boundTransaction, idxRequest, startRaw } from './raw-flow';
import { admin, lastCode, lastMessage, openLink } from './mfa-helpers';
import { DEMO_PASSWORD, type IdpOptions, type RunningIdp } from '../index';

const idpWith = idpPerTest();

/** A login exactly at identify's limit (256 characters): looked up, not refused as too long. */
const LONGEST = `${'a'.repeat(244)}@example.com`;

async function fresh(options: IdpOptions = {}) {
  const idp = await idpWith(options);
  return { idp, post: await boundTransaction(idp) };
}

/** What a refused username's document says about who was asked for. */
function who(doc: Record<string, unknown>) {
  return { user: (doc['user'] as { value?: unknown } | undefined)?.value, asksForAuthentication: 'authentication' in doc };
}

describe('usernames at the limit, blank or missing', () => {
  it('identify looks up a 256-character username (unknown), and refuses one of blank spaces', async () => {
    const { post } = await fresh();
    expect(LONGEST).toHaveLength(256);
    const longest = await post('identify', { identifier: LONGEST, credentials: { passcode: 'x' } });
    expect([longest.status, longest.keys]).toEqual([401, ['idx.unknown.user']]);
    const spaces = await post('identify', { identifier: '   ', credentials: { passcode: 'x' } });
    expect([spaces.status, spaces.keys]).toEqual([400, ['model.validation.field.blank']]);
  });

  it('one page: a blank password is asked for again on its own field', async () => {
    const { post } = await fresh();
    const blank = await post('identify', { identifier: 'alice@example.com', credentials: { passcode: '' } });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    expect(JSON.stringify(blank.doc.remediation)).toContain('model.validation.field.blank');
  });

  it('"who is recovering": a 256-character username is looked up, a missing one is blank, an unknown one is named', async () => {
    const { post } = await fresh();
    await post('recover');
    expect((await post('identify', { identifier: LONGEST })).keys).toEqual(['idx.unknown.user']);
    const missing = await post('identify', {});
    expect([missing.status, missing.keys]).toEqual([400, ['model.validation.field.blank']]);
    const unknown = await post('identify', { identifier: 'nobody@example.com' });
    expect([unknown.status, unknown.remediations, who(unknown.doc)]).toEqual([401, ['identify-recovery'], { user: { identifier: 'nobody@example.com' }, asksForAuthentication: true }]);
  });

  it('unlock: blank spaces and a missing username are blank, 256 characters are looked up, a missing authenticator is refused', async () => {
    const { post } = await fresh({ unlockAuthenticators: ['okta_email'] });
    await post('unlock-account');
    expect((await post('challenge', { identifier: '   ', authenticator: { id: 'x' } })).keys).toEqual(['model.validation.field.blank']);
    expect((await post('challenge', { authenticator: { id: 'x' } })).keys).toEqual(['model.validation.field.blank']);
    expect((await post('challenge', { identifier: LONGEST, authenticator: { id: 'x' } })).keys).toEqual(['idx.unknown.user']);
    const noAuthenticator = await post('challenge', { identifier: 'locked@example.com' });
    expect([noAuthenticator.status, noAuthenticator.keys]).toEqual([400, ['model.validation.field.invalid']]);
  });
});

describe('unlock', () => {
  it('refuses an authenticator the org does not offer for unlock, naming the person and not asking who again', async () => {
    const { idp, post } = await fresh({ unlockAuthenticators: ['okta_email'] });
    await post('unlock-account');
    const phone = await post('challenge', { identifier: 'locked@example.com', authenticator: { id: 'autEmulatorPhone0001' } });
    expect([phone.status, phone.keys, phone.remediations, who(phone.doc)]).toEqual([
      400,
      ['model.validation.field.invalid'],
      ['select-authenticator-unlock-account'],
      { user: { identifier: 'locked@example.com' }, asksForAuthentication: false },
    ]);
    expect(idp.outbox()).toEqual([]);
  });

  it('takes any one of the authenticators it offers, not only the first', async () => {
    const { idp, post } = await fresh({ unlockAuthenticators: ['okta_email', 'phone_number'] });
    await post('unlock-account');
    const email = await post('challenge', { identifier: 'sms-mfa@example.com', authenticator: { id: 'autEmulatorEmail0001' } });
    expect([email.status, email.remediations[0]]).toEqual([200, 'challenge-authenticator']);
    expect(lastMessage(idp, 'sms-mfa@example.com', 'email').purpose).toBe('verify');
  });

  it('ends for an account whose email is not confirmed yet, as for a suspended one', async () => {
    const { idp, post } = await fresh({ unlockAuthenticators: ['okta_email'], registration: { activation: 'email' } });
    await post('enroll');
    await post('enroll/new', { userProfile: { firstName: 'New', lastName: 'Person', email: 'new@example.com' } });
    expect((await post('challenge/answer', { credentials: { passcode: 'Correct-Horse-9-Battery' } })).keys).toEqual(['idx.email.verification.required']);
    const unlock = await boundTransaction(idp);
    await unlock('unlock-account');
    const refused = await unlock('challenge', { identifier: 'new@example.com', authenticator: { id: 'autEmulatorEmail0001' } });
    expect([refused.status, refused.keys]).toEqual([403, ['oie.selfservice.unlock_user.failed.message']]);
  });

  it('once unlocked, the code step is over: "send again" sends nothing and the email’s link has expired', async () => {
    const { idp, post } = await fresh({ unlockAuthenticators: ['okta_email'] });
    await post('unlock-account');
    await post('challenge', { identifier: 'locked@example.com', authenticator: { id: 'autEmulatorEmail0001' } });
    const mail = lastMessage(idp, 'locked@example.com', 'email');
    const done = await post('challenge/answer', { credentials: { passcode: lastCode(idp, 'locked@example.com') } });
    expect([done.status, done.keys]).toEqual([200, ['oie.selfservice.unlock_user.success.message']]);
    const resend = await post('challenge/resend');
    expect([resend.status, resend.keys]).toEqual([403, ['oie.selfservice.unlock_user.success.message']]);
    expect(idp.outbox('locked@example.com')).toHaveLength(1);
    expect(await openLink(idp, mail)).toMatchObject({ status: 410 });
  });
});

describe('a step of the other phase', () => {
  it('at an enrollment, "verify" is not available; at a verification, "enroll" is not', async () => {
    const idp = await idpWith();
    const enrolling = await afterPassword(idp, 'enroll-phone@example.com');
    expect(enrolling.first.remediations[0]).toBe('select-authenticator-enroll');
    await enrolling.post('credential/enroll', { authenticator: { id: 'autEmulatorPhone0001', methodType: 'sms' } });
    const verify = await enrolling.post('challenge', { authenticator: { id: 'autEmulatorPhone0001', methodType: 'sms' } });
    expect([verify.status, verify.keys]).toEqual([400, ['idx.action.unavailable']]);

    const verifying = await afterPassword(idp, 'email-mfa@example.com');
    const code = await verifying.post('challenge', { authenticator: { id: 'autEmulatorEmail0001' } });
    expect(code.status).toBe(200);
    const enroll = await verifying.post('credential/enroll', { authenticator: { id: 'autEmulatorEmail0001' } });
    expect([enroll.status, enroll.keys]).toEqual([400, ['idx.action.unavailable']]);
    // A factor that sends no activation link: `send` is not available either.
    const send = await verifying.post('challenge/send');
    expect([send.status, send.keys]).toEqual([400, ['idx.action.unavailable']]);
  });

  it('refuses an authenticator that is not among the choices: not enrolled to verify, not asked for to enroll', async () => {
    const idp = await idpWith();
    const verifying = await afterPassword(idp, 'email-mfa@example.com');
    const phone = await verifying.post('challenge', { authenticator: { id: 'autEmulatorPhone0001', methodType: 'sms' } });
    expect([phone.status, phone.keys, phone.remediations]).toEqual([400, ['model.validation.field.invalid'], verifying.first.remediations]);
    const enrolling = await afterPassword(idp, 'enroll-phone@example.com');
    const google = await enrolling.post('credential/enroll', { authenticator: { id: 'autEmulatorGoogle001' } });
    expect([google.status, google.keys, google.remediations]).toEqual([400, ['model.validation.field.invalid'], enrolling.first.remediations]);
    expect(idp.outbox()).toEqual([]);
  });

  it('"Forgot password?" is not available once past the password', async () => {
    const idp = await idpWith();
    const { first, post } = await afterPassword(idp, 'email-mfa@example.com');
    const recover = await post('recover');
    expect([recover.status, recover.keys, recover.remediations]).toEqual([400, ['idx.action.unavailable'], first.remediations]);
  });
});

describe('bodies and answers', () => {
  it('the cancel action posts the state handle and nothing else', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const { doc } = await idxRequest(idp, 'introspect', { stateHandle });
    const cancel = (doc as unknown as { cancel: { value: { name: string; value?: unknown }[] } }).cancel;
    expect(cancel.value.map((f) => [f.name, f.value])).toEqual([['stateHandle', stateHandle]]);
  });

  it('introspect refuses a body that is not JSON with the malformed-body message', async () => {
    const idp = await idpWith();
    const reply = await idxRequest(idp, 'introspect', '{not json');
    expect([reply.status, reply.keys]).toEqual([400, ['E0000003']]);
  });

  it('a sign-up `userProfile` that is not an object is read as empty (a string’s length is no field)', async () => {
    const { post } = await fresh({
      registration: { fields: [{ name: 'email', label: 'Email', required: true }, { name: 'length', label: 'Length', required: true }] },
    });
    await post('enroll');
    for (const userProfile of ['abcd', ['a']]) {
      const reply = await post('enroll/new', { userProfile });
      expect([reply.status, reply.keys]).toEqual([400, ['model.validation.field.blank', 'model.validation.field.blank']]);
    }
  });

  it('a new user’s blank password is asked for again as blank, not as too weak', async () => {
    const { post } = await fresh({ registration: {} });
    await post('enroll');
    const form = await post('enroll/new', { userProfile: { firstName: 'New', lastName: 'Person', email: 'new@example.com' } });
    expect(form.remediations[0]).toBe('enroll-authenticator');
    const blank = await post('challenge/answer', { credentials: { passcode: '' } });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
  });

  it('a new user’s password is enrolled as anyone’s: the next sign-in’s password step names its enrollment', async () => {
    const { idp, post } = await fresh({ registration: {}, policy: 'identifier-first' });
    await post('enroll');
    await post('enroll/new', { userProfile: { firstName: 'New', lastName: 'Person', email: 'new@example.com' } });
    expect((await post('challenge/answer', { credentials: { passcode: 'Correct-Horse-9-Battery' } })).status).toBe(200);
    const enrollmentAtPassword = async (login: string) => {
      const next = await boundTransaction(idp);
      const doc = (await next('identify', { identifier: login })).doc as unknown as { currentAuthenticatorEnrollment?: { value?: { key?: string } } };
      return doc.currentAuthenticatorEnrollment?.value?.key;
    };
    expect(await enrollmentAtPassword('alice@example.com')).toBe('okta_password');
    expect(await enrollmentAtPassword('new@example.com')).toBe('okta_password');
  });

  it('an expired password changed where resets end the sign-in still signs in (only a reset ends it)', async () => {
    const idp = await idpWith({ recoverySignsIn: false });
    const { first, post } = await afterPassword(idp, 'expired@example.com');
    expect(first.remediations[0]).toBe('reenroll-authenticator');
    const changed = await post('challenge/answer', { credentials: { passcode: 'A-new-Passw0rd-for-today' } });
    expect([changed.status, changed.remediations]).toEqual([200, []]);
    expect(changed.doc.successWithInteractionCode).toBeDefined();
  });
});

describe("the admin's push control", () => {
  async function waitingPush(idp: RunningIdp) {
    const { post } = await afterPassword(idp, 'push-mfa@example.com');
    const waiting = await post('challenge', { authenticator: { id: 'autEmulatorVerify001', methodType: 'push' } });
    expect(waiting.remediations).toContain('challenge-poll');
    return post;
  }

  it('answers only the named person’s push: someone else’s, or nobody’s, is 404 and the push still waits', async () => {
    const idp = await idpWith();
    const poll = await waitingPush(idp);
    await afterPassword(idp, 'alice@example.com');
    const push = (login: string) => admin(idp, `push/${encodeURIComponent(login)}/approve`, { method: 'POST' });
    expect((await push('alice@example.com')).status).toBe(404);
    expect((await push('nobody@example.com')).status).toBe(404);
    expect((await poll('challenge/poll')).remediations).toContain('challenge-poll');
    expect((await push('push-mfa@example.com')).status).toBe(200);
  });
});
