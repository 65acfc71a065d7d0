/**
 * The email authenticator over plain IDX, as Okta's documents have it
 * (widget-playground/authenticator-verification-email.json, authenticator-enroll-email.json):
 * the select option's fixed method, the message's words, the blank code on its field, the link's
 * lifetime to the millisecond, and the address a new enrollment uses.
 * mfa-email.test.ts runs the same flows through okta-auth-js.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { lastMessage, openLink, testClock } from './mfa-helpers';
import { afterPassword, idxRequest, startRaw, type IdxDocument } from './raw-flow';
import { enrollmentIdFor } from '../authenticators/documents';
import { DEMO_PASSWORD } from '../index';

const idpWith = idpPerTest();
const EMAIL_ID = 'autEmulatorEmail0001';

type Field = { name: string; [key: string]: unknown };
const selectOption = (doc: IdxDocument, form: string) => {
  const field = doc.remediation?.value.find((r) => r.name === form)?.value.find((f) => f.name === 'authenticator');
  return ((field?.options ?? []) as Array<{ label: string; value: { form: { value: Field[] } } }>).find((o) => o.label === 'Email')?.value.form.value;
};

describe('email documents', () => {
  it('verifying: the option\'s fixed method, the org\'s words with the code\'s lifetime, a blank code on its field', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now, passcodeTtlSeconds: 600 });
    const login = 'email-mfa@example.com';
    const { post, first } = await afterPassword(idp, login);
    expect(selectOption(first.doc, 'select-authenticator-authenticate')).toEqual([
      { name: 'id', required: true, value: EMAIL_ID, mutable: false },
      { name: 'methodType', required: false, value: 'email', mutable: false },
    ]);
    await post('challenge', { authenticator: { id: EMAIL_ID } });
    const sent = lastMessage(idp, login, 'email');
    expect(sent.text).toBe(`Your Emulator verification code is ${sent.code}. It expires in 10 minutes. Or open the link to sign in.`);
    const blank = await post('challenge/answer', { credentials: { passcode: '' } });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    const field = (blank.doc.remediation?.value.find((r) => r.name === 'challenge-authenticator')?.value.find((f) => f.name === 'credentials')?.form as { value: Field[] }).value[0];
    expect(field).toMatchObject({ name: 'passcode', messages: { value: [{ i18n: { key: 'model.validation.field.blank' } }] } });
  });

  it('the link works until the code\'s last millisecond, not at it', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const login = 'email-mfa@example.com';
    for (const [wait, result] of [[299_999, 'verified'], [300_000, 'expired']] as const) {
      const { post } = await afterPassword(idp, login);
      await post('challenge', { authenticator: { id: EMAIL_ID } });
      const message = lastMessage(idp, login, 'email');
      clock.advance(wait);
      expect((await openLink(idp, message)).body.result).toBe(result);
    }
  });

  it('enrolling: the code goes to the profile email (not the login), and that address is the enrollment\'s', async () => {
    const idp = await idpWith({
      users: [
        {
          login: 'pat@example.com',
          password: DEMO_PASSWORD,
          status: 'ACTIVE',
          profile: { email: 'pat.home@example.net' },
          factors: ['password'],
          policy: { enroll: { required: ['okta_email'] } },
        },
      ],
    });
    const { post, first } = await afterPassword(idp, 'pat@example.com');
    expect(first.remediations).toContain('select-authenticator-enroll');
    await post('credential/enroll', { authenticator: { id: EMAIL_ID } });
    const sent = lastMessage(idp, 'pat@example.com', 'email');
    expect(sent).toMatchObject({ to: 'pat.home@example.net', purpose: 'enroll' });
    expect((await post('challenge/answer', { credentials: { passcode: sent.code } })).remediations).toEqual([]);

    const next = await afterPassword(idp, 'pat@example.com');
    const enrollments = (next.first.doc.authenticatorEnrollments as { value: Array<Record<string, unknown>> }).value;
    expect(enrollments.find((e) => e.key === 'okta_email')).toMatchObject({ profile: { email: 'p***e@example.net' } });
  });

  it('the challenge carries Okta\'s poll action; recovering by the profile email shows that address as an enrollment', async () => {
    const idp = await idpWith({
      recoveryAuthenticators: ['okta_email'],
      users: [{ login: 'mo@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: { email: 'mo.home@example.net' }, factors: ['password'] }],
    });
    const { stateHandle } = await startRaw(idp);
    const post = (path: string, body: Record<string, unknown> = {}) => idxRequest(idp, path, { ...body, stateHandle });
    await post('recover');
    await post('identify', { identifier: 'mo@example.com' });
    const challenge = await post('challenge', { authenticator: { id: EMAIL_ID } });
    const current = (challenge.doc.currentAuthenticatorEnrollment as { value: Record<string, unknown> }).value;
    expect(current).toMatchObject({ id: enrollmentIdFor('mo@example.com', 'okta_email'), profile: { email: 'm***e@example.net' } });
    const poll = current.poll as { name: string; href: string; refresh: number; value: Field[] };
    expect([poll.name, poll.href, poll.refresh, poll.value.map((f) => f.name)]).toEqual(['poll', `${idp.origin}/idp/idx/challenge/poll`, 4000, ['stateHandle']]);
    expect((current.resend as { value: Field[] }).value.map((f) => f.name)).toEqual(['stateHandle']);
    expect(current.resend).not.toHaveProperty('refresh');
    expect(lastMessage(idp, 'mo@example.com', 'email').to).toBe('mo.home@example.net');
  });
});
