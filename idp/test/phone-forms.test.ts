/**
 * The phone authenticator's forms over plain HTTP, shaped as Okta's
 * (widget-playground/authenticator-enroll-data-phone.json, authenticator-verification-data-phone-sms-then-voice.json):
 * enrolling asks the method and the number; verifying offers only the methods the person enrolled.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { lastMessage, testClock } from './mfa-helpers';
import { afterPassword, idxRequest, startRaw } from './raw-flow';
import { DEMO_PASSWORD, type RunningIdp } from '../index';

const idpWith = idpPerTest();
const PHONE_ID = 'autEmulatorPhone0001';
const BOTH = [{ label: 'SMS', value: 'sms' }, { label: 'Voice call', value: 'voice' }];

interface Field {
  name: string;
  [key: string]: unknown;
}
type Doc = { remediation?: { value: Array<{ name: string; value: Field[] }> } };

const post = async (idp: RunningIdp, path: string, body: Record<string, unknown>) => (await idxRequest(idp, path, body)).doc as Doc;

const authenticatorField = (doc: Doc, form: string) => doc.remediation?.value.find((r) => r.name === form)?.value.find((f) => f.name === 'authenticator');
const phoneOption = (doc: Doc, form: string) =>
  ((authenticatorField(doc, form)?.options ?? []) as Array<{ value: { form: { value: Field[] } } }>).find((o) => o.value.form.value[0]?.value === PHONE_ID)?.value.form.value;

describe('phone forms', () => {
  it('enrolling: the select option and the data form ask the method (SMS or voice) and the number', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const select = await post(idp, 'identify', { identifier: 'enroll-phone@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    expect(phoneOption(select, 'select-authenticator-enroll')).toEqual([
      { name: 'id', required: true, value: PHONE_ID, mutable: false },
      { name: 'methodType', type: 'string', required: false, options: BOTH },
      { name: 'phoneNumber', type: 'string', required: false },
    ]);
    const data = await post(idp, 'credential/enroll', { authenticator: { id: PHONE_ID }, stateHandle });
    expect(authenticatorField(data, 'authenticator-enrollment-data')).toMatchObject({
      type: 'object',
      required: true,
      form: {
        value: [
          { name: 'id', required: true, value: PHONE_ID, mutable: false },
          { name: 'methodType', type: 'string', required: true, options: BOTH },
          { name: 'phoneNumber', required: true, type: 'string', label: 'Phone number' },
        ],
      },
    });
  });

  it('verifying: only the methods the person enrolled, and no number to type', async () => {
    const idp = await idpWith({
      users: [{ login: 'sam@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: {}, factors: ['password'], authenticators: { phone_number: { phoneNumber: '+15550100009', methods: ['voice'] } } }],
    });
    const { stateHandle } = await startRaw(idp);
    const first = await post(idp, 'identify', { identifier: 'sam@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    const voiceOnly = [{ label: 'Voice call', value: 'voice' }];
    expect(phoneOption(first, 'select-authenticator-authenticate')).toEqual([
      { name: 'id', required: true, value: PHONE_ID, mutable: false },
      { name: 'methodType', type: 'string', required: false, options: voiceOnly },
    ]);
    const data = await post(idp, 'challenge', { authenticator: { id: PHONE_ID }, stateHandle });
    expect(authenticatorField(data, 'authenticator-verification-data')).toMatchObject({
      form: { value: [{ name: 'id', required: true, value: PHONE_ID, mutable: false }, { name: 'methodType', type: 'string', required: true, options: voiceOnly }] },
    });
  });

  it('the code step: Okta\'s passcode form on the enrollment, the masked number, the code as text or spoken; each refusal', async () => {
    const clock = testClock();
    const lines: string[] = [];
    const idp = await idpWith({ now: clock.now, log: (line) => lines.push(line) });
    const login = 'sms-mfa@example.com';
    const { post: send } = await afterPassword(idp, login);
    const data = await send('challenge', { authenticator: { id: PHONE_ID } });
    expect((data.doc as { currentAuthenticatorEnrollment?: unknown }).currentAuthenticatorEnrollment).toMatchObject({ type: 'object', value: { profile: { phoneNumber: '+1 XXX-XXX-0001' }, key: 'phone_number', methods: [{ type: 'sms' }, { type: 'voice' }] } });
    for (const path of ['challenge/answer', 'challenge/resend']) {
      const early = await send(path, { credentials: { passcode: '123456' } });
      expect([path, early.status, early.keys]).toEqual([path, 400, ['idx.action.unavailable']]);
    }

    const sms = await send('challenge', { authenticator: { id: PHONE_ID, methodType: 'sms' } });
    const form = (sms.doc.remediation?.value ?? []).find((r) => r.name === 'challenge-authenticator') as unknown as { relatesTo: string[]; value: Field[] };
    expect(form.relatesTo).toEqual(['$.currentAuthenticatorEnrollment']);
    expect(form.value.find((f) => f.name === 'credentials')).toEqual({ name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'passcode', label: 'Enter code' }] } });
    const current = (sms.doc as { currentAuthenticatorEnrollment?: { value: Record<string, unknown> } }).currentAuthenticatorEnrollment?.value;
    expect(current).toMatchObject({ profile: { phoneNumber: '+1 XXX-XXX-0001' }, methods: [{ type: 'sms' }], resend: { name: 'resend', href: `${idp.origin}/idp/idx/challenge/resend` } });
    const text = lastMessage(idp, login, 'sms');
    expect(text).toMatchObject({ to: '+15550100001', purpose: 'verify', text: `Your Emulator verification code is ${text.code}.` });
    expect(text.code).toMatch(/^\d{6}$/);
    expect(lines).toContain(`phone code sent by sms to ${login} (verify)`);
    const soon = await send('challenge/resend');
    expect([soon.status, soon.keys]).toEqual([429, ['errors.E0000109']]);

    const blank = await send('challenge/answer', { credentials: { passcode: '' } });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    const wrong = await send('challenge/answer', { credentials: { passcode: text.code === '000000' ? '111111' : '000000' } });
    expect([wrong.status, wrong.keys]).toEqual([401, ['api.authn.error.PASSCODE_INVALID']]);

    // A method it does not offer: refused, and the step goes back to choosing one.
    const fax = await send('challenge', { authenticator: { id: PHONE_ID, methodType: 'fax' } });
    expect([fax.status, fax.keys, fax.remediations[0]]).toEqual([400, ['model.validation.field.invalid'], 'authenticator-verification-data']);
    const voice = await send('challenge', { authenticator: { id: PHONE_ID, methodType: 'voice' } });
    expect(voice.status).toBe(200);
    const call = lastMessage(idp, login, 'voice');
    const spoken = (call.code ?? '').split('').join(' ');
    expect(call.text).toBe(`Your verification code is ${spoken}. Again: ${spoken}.`);
    const busy = await send('challenge/resend');
    expect([busy.status, busy.keys]).toEqual([429, ['errors.E0000133']]);
    expect(JSON.stringify(busy.doc.messages)).toContain('A phone call was recently made. Please wait 30 seconds before trying again.');
    clock.advance(29_500);
    const almost = await send('challenge/resend');
    expect(almost.status).toBe(429);
    expect(JSON.stringify(almost.doc.messages)).toContain('Please wait 1 second before trying again.');
    clock.advance(500);
    expect((await send('challenge/resend')).status).toBe(200);
    const again = lastMessage(idp, login, 'voice');
    expect(again.id).not.toBe(call.id);
    expect((await send('challenge/answer', { credentials: { passcode: again.code } })).remediations).toEqual([]);
  });

  it('enrolling: a method it does not offer or a bad number is refused; the code enrolls both methods, the voice one shown as voice', async () => {
    const idp = await idpWith();
    const login = 'enroll-phone@example.com';
    const { post: send } = await afterPassword(idp, login);
    const fax = await send('credential/enroll', { authenticator: { id: PHONE_ID, methodType: 'fax', phoneNumber: '+15550100042' } });
    expect([fax.status, fax.keys]).toEqual([400, ['model.validation.field.invalid']]);
    const noNumber = await send('credential/enroll', { authenticator: { id: PHONE_ID, methodType: 'voice' } });
    expect([noNumber.status, noNumber.keys]).toEqual([400, ['api.factors.error.sms.invalid_phone']]);
    const call = await send('credential/enroll', { authenticator: { id: PHONE_ID, methodType: 'voice', phoneNumber: '+1 555 010 0042' } });
    const parts = call.doc as { currentAuthenticator?: { value: Record<string, unknown> }; enrollmentAuthenticator?: { value: Record<string, unknown> } };
    expect(parts.currentAuthenticator?.value).toMatchObject({ key: 'phone_number', methods: [{ type: 'voice' }], resend: { name: 'resend' } });
    expect(parts.enrollmentAuthenticator?.value).toEqual({ type: 'phone', key: 'phone_number', id: PHONE_ID, displayName: 'Phone', methods: [{ type: 'voice' }] });
    const message = lastMessage(idp, login, 'voice');
    expect(message).toMatchObject({ to: '+15550100042', purpose: 'enroll' });
    expect((await send('challenge/answer', { credentials: { passcode: message.code } })).remediations).toEqual([]);

    const { first } = await afterPassword(idp, login);
    expect(phoneOption(first.doc as Doc, 'select-authenticator-authenticate')).toEqual([
      { name: 'id', required: true, value: PHONE_ID, mutable: false },
      { name: 'methodType', type: 'string', required: false, options: BOTH },
    ]);
  });
});
