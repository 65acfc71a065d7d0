/** Security question as a second factor and as an enrollment (predefined or one's own), with the real okta-auth-js in legacy mode. */
import { describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { idpPerTest } from './idp-per-test';
import { messageKeys, optionValues, signIn } from './mfa-helpers';

const idpWith = idpPerTest();

describe('security question challenge', () => {
  it('shows the enrolled question; a wrong answer gets the org message; the answer (any case) signs in', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, 'question-mfa@example.com');
    expect(tx.nextStep?.inputs?.[0]?.options).toEqual([{ label: 'Security Question', value: 'security_question' }]);
    const challenge = await sdk.idx.proceed({ authenticator: 'security_question' });
    expect(challenge.nextStep).toMatchObject({
      name: 'challenge-authenticator',
      type: 'security_question',
      inputs: [{ name: 'answer', label: 'Answer', required: true }],
      authenticator: {
        key: 'security_question',
        contextualData: { enrolledQuestion: { questionKey: 'disliked_food', question: 'What is the food you least liked as a child?' } },
        profile: { questionKey: 'disliked_food', question: 'What is the food you least liked as a child?' },
      },
    });
    const wrong = await sdk.idx.proceed({ answer: 'spinach' });
    expect(wrong.messages).toEqual([
      { message: "Your answer doesn't match our records. Please try again.", i18n: { key: 'authfactor.challenge.question_factor.answer_invalid' }, class: 'ERROR' },
    ]);
    expect((await sdk.idx.proceed({ answer: '  brussels   SPROUTS ' })).status).toBe(IdxStatus.SUCCESS);
  });
});

describe('security question enrollment', () => {
  const LOGIN = 'enroll-question@example.com';

  it('offers the org questions (in contextualData) and one of one\'s own; a short answer is refused; a predefined one enrolls', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, LOGIN);
    expect(optionValues(tx)).toEqual(['security_question']);
    const enroll = await sdk.idx.proceed({ authenticator: 'security_question' });
    expect(enroll.nextStep).toMatchObject({
      name: 'enroll-authenticator',
      type: 'security_question',
      inputs: [{ name: 'questionKey', required: true }, { name: 'question' }, { name: 'answer', required: true }],
    });
    const { questions, questionKeys } = enroll.nextStep?.authenticator?.contextualData ?? {};
    expect(questions).toContainEqual({ questionKey: 'favorite_vacation_location', question: 'Where did you go for your favorite vacation?' });
    expect(questionKeys).toHaveLength(questions?.length ?? -1);

    const short = await sdk.idx.proceed({ questionKey: 'favorite_vacation_location', answer: 'Rio' });
    expect(short.nextStep?.name).toBe('enroll-authenticator');
    expect(short.messages).toEqual([
      { message: 'The security question answer must be at least 4 characters in length', i18n: { key: 'securityQuestion.answer.tooShort.arg', params: [4] }, class: 'ERROR' },
    ]);
    expect(messageKeys(await sdk.idx.proceed({ questionKey: 'no_such_question', answer: 'Lisbon' }))).toEqual(['model.validation.field.invalid']);
    expect((await sdk.idx.proceed({ questionKey: 'favorite_vacation_location', answer: 'Lisbon' })).status).toBe(IdxStatus.SUCCESS);

    const next = await signIn(idp, LOGIN);
    const challenge = await next.sdk.idx.proceed({ authenticator: 'security_question' });
    expect(challenge.nextStep?.authenticator?.contextualData?.enrolledQuestion?.questionKey).toBe('favorite_vacation_location');
    expect((await next.sdk.idx.proceed({ answer: 'lisbon' })).status).toBe(IdxStatus.SUCCESS);
  });

  it('one\'s own question enrolls with its text; a blank question is refused', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'security_question' });
    expect(messageKeys(await sdk.idx.proceed({ question: '   ', answer: 'Rex the dog' }))).toEqual(['model.validation.field.blank']);
    expect((await sdk.idx.proceed({ question: 'Name of my first dog?', answer: 'Rex the dog' })).status).toBe(IdxStatus.SUCCESS);
    const next = await signIn(idp, LOGIN);
    const challenge = await next.sdk.idx.proceed({ authenticator: 'security_question' });
    expect(challenge.nextStep?.authenticator?.contextualData?.enrolledQuestion).toEqual({ questionKey: 'custom', question: 'Name of my first dog?' });
    expect((await next.sdk.idx.proceed({ answer: 'rex the dog' })).status).toBe(IdxStatus.SUCCESS);
  });
});
