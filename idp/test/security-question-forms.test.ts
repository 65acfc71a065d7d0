/**
 * The security question over plain HTTP: its forms shaped as Okta's
 * (widget-playground/authenticator-enroll-security-question.json, -verification-), answers
 * compared as a person would write them, and each refusal at enrollment with its field.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { idxRequest, startRaw } from './raw-flow';
import { DEMO_PASSWORD, type RunningIdp } from '../index';

const idpWith = idpPerTest();
const QUESTION_ID = 'autEmulatorQuestion1';

interface Field {
  name: string;
  [key: string]: unknown;
}
type Doc = { remediation?: { value: Array<{ name: string; value: Field[] }> } };

const post = async (idp: RunningIdp, path: string, body: Record<string, unknown>) => {
  const reply = await idxRequest(idp, path, body);
  return { ...reply, doc: reply.doc as Doc };
};

const credentialsOf = (doc: Doc, form: string) => doc.remediation?.value.find((r) => r.name === form)?.value.find((f) => f.name === 'credentials');

/** Signs in `login` with the password and picks the security question; returns the transaction's handle. */
async function atQuestion(idp: RunningIdp, login: string, path: 'challenge' | 'credential/enroll') {
  const { stateHandle } = await startRaw(idp);
  await post(idp, 'identify', { identifier: login, credentials: { passcode: DEMO_PASSWORD }, stateHandle });
  const step = await post(idp, path, { authenticator: { id: QUESTION_ID }, stateHandle });
  return { stateHandle, step };
}

describe('security question', () => {
  it('the select option names the authenticator alone', async () => {
    const idp = await idpWith();
    const { stateHandle } = await startRaw(idp);
    const first = await post(idp, 'identify', { identifier: 'question-mfa@example.com', credentials: { passcode: DEMO_PASSWORD }, stateHandle });
    const select = first.doc.remediation?.value.find((r) => r.name === 'select-authenticator-authenticate')?.value.find((f) => f.name === 'authenticator');
    const option = ((select?.options ?? []) as Array<{ label: string; value: { form: { value: Field[] } } }>).find((o) => o.label === 'Security Question');
    expect(option?.value.form.value).toEqual([{ name: 'id', required: true, value: QUESTION_ID, mutable: false }]);
  });

  it('asks the enrolled question in a hidden field, and takes the answer in any case and spacing', async () => {
    const idp = await idpWith();
    const { stateHandle, step } = await atQuestion(idp, 'question-mfa@example.com', 'challenge');
    expect(credentialsOf(step.doc, 'challenge-authenticator')).toMatchObject({
      form: {
        value: [
          { name: 'questionKey', label: 'What is the food you least liked as a child?', required: true, value: 'disliked_food', visible: false, mutable: false },
          { name: 'answer', label: 'Answer', required: true, secret: true },
        ],
      },
    });
    const blank = await post(idp, 'challenge/answer', { credentials: { questionKey: 'disliked_food', answer: '   ' }, stateHandle });
    expect([blank.status, blank.keys.includes('model.validation.field.blank')]).toEqual([400, true]);
    const answered = await post(idp, 'challenge/answer', { credentials: { questionKey: 'disliked_food', answer: '  BRUSSELS \t  sprouts ' }, stateHandle });
    expect('successWithInteractionCode' in answered.doc).toBe(true);
  });

  it("offers a question from the list or one of the person's own, as Okta's enroll form does", async () => {
    const idp = await idpWith();
    const { step } = await atQuestion(idp, 'enroll-question@example.com', 'credential/enroll');
    const credentials = credentialsOf(step.doc, 'enroll-authenticator') as unknown as { type: string; required: boolean; options: Array<{ label: string; value: { form: { value: Field[] } } }> };
    expect([credentials.type, credentials.required, credentials.options.map((o) => o.label)]).toEqual(['object', true, ['Choose a security question', 'Create my own security question']]);
    const [choose, custom] = credentials.options.map((o) => o.value.form.value);
    expect(choose?.map(({ options, ...rest }) => ({ ...rest, options: Array.isArray(options) ? options.length : undefined }))).toEqual([
      { name: 'questionKey', type: 'string', required: true, label: 'Choose a security question', options: expect.any(Number) },
      { name: 'answer', label: 'Answer', required: true, secret: true, options: undefined },
    ]);
    expect((choose?.[0]?.options as Array<{ label: string; value: string }>)[0]).toEqual({ label: 'What is the food you least liked as a child?', value: 'disliked_food' });
    expect(custom).toEqual([
      { name: 'questionKey', required: true, value: 'custom', mutable: false },
      { name: 'question', label: 'Create a security question', required: true },
      { name: 'answer', label: 'Answer', required: true, secret: true },
    ]);
  });

  it('refuses an unknown question, a blank own question and a short answer, each on its field; four characters will do', async () => {
    const idp = await idpWith();
    const { stateHandle } = await atQuestion(idp, 'enroll-question@example.com', 'credential/enroll');
    const unknown = await post(idp, 'challenge/answer', { credentials: { questionKey: 'nope', answer: 'long enough' }, stateHandle });
    expect([unknown.status, unknown.keys.includes('model.validation.field.invalid')]).toEqual([400, true]);
    const blankOwn = await post(idp, 'challenge/answer', { credentials: { questionKey: 'custom', question: '  ', answer: 'long enough' }, stateHandle });
    expect([blankOwn.status, blankOwn.keys.includes('model.validation.field.blank')]).toEqual([400, true]);
    const short = await post(idp, 'challenge/answer', { credentials: { questionKey: 'disliked_food', answer: ' abc ' }, stateHandle });
    expect([short.status, short.keys.includes('securityQuestion.answer.tooShort.arg')]).toEqual([400, true]);
    const done = await post(idp, 'challenge/answer', { credentials: { questionKey: 'custom', question: ' Best teacher? ', answer: 'abcd' }, stateHandle });
    expect('successWithInteractionCode' in done.doc).toBe(true);
  });

  it('a question key that names an Object property (toString, constructor, __proto__) is unknown, not a question', async () => {
    const idp = await idpWith();
    const { stateHandle } = await atQuestion(idp, 'enroll-question@example.com', 'credential/enroll');
    for (const questionKey of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const odd = await post(idp, 'challenge/answer', { credentials: { questionKey, answer: 'long enough' }, stateHandle });
      expect([questionKey, odd.status, odd.keys]).toEqual([questionKey, 400, ['model.validation.field.invalid']]);
    }
  });

  it('an answer that is not a string is blank, words run together are another answer, a top-level refusal keeps the form', async () => {
    const idp = await idpWith();
    const verify = await atQuestion(idp, 'question-mfa@example.com', 'challenge');
    const number = await post(idp, 'challenge/answer', { credentials: { questionKey: 'disliked_food', answer: 42 }, stateHandle: verify.stateHandle });
    expect([number.status, number.keys]).toEqual([400, ['model.validation.field.blank']]);
    const joined = await post(idp, 'challenge/answer', { credentials: { questionKey: 'disliked_food', answer: 'Brusselssprouts' }, stateHandle: verify.stateHandle });
    expect([joined.status, joined.keys]).toEqual([401, ['authfactor.challenge.question_factor.answer_invalid']]);
    const enroll = await atQuestion(idp, 'enroll-question@example.com', 'credential/enroll');
    const ownNumber = await post(idp, 'challenge/answer', { credentials: { questionKey: 'custom', question: 7, answer: 'long enough' }, stateHandle: enroll.stateHandle });
    expect([ownNumber.status, ownNumber.keys]).toEqual([400, ['model.validation.field.blank']]);
    const early = await post(idp, 'challenge/resend', { stateHandle: enroll.stateHandle });
    expect([early.status, early.keys]).toEqual([400, ['idx.action.unavailable']]);
    expect(credentialsOf(early.doc, 'enroll-authenticator')).toMatchObject({ name: 'credentials', options: [{ label: 'Choose a security question' }, { label: 'Create my own security question' }] });
  });
});
