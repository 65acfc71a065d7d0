/**
 * The phone authenticator's forms over plain HTTP, shaped as Okta's
 * (widget-playground/authenticator-enroll-data-phone.json, authenticator-verification-data-phone-sms-then-voice.json):
 * enrolling asks the method and the number; verifying offers only the methods the person enrolled.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { idxRequest, startRaw } from './raw-flow';
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
});
