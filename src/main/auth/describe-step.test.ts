import { describe, expect, it } from 'vitest';
import type { NextStep as SdkNextStep } from '@okta/okta-auth-js';
import { chooseAnotherStep as chooseAnotherRaw, describeStep as describeRaw } from './describe-step';
import { inEnglish } from '../testing/in-english';
import { checkStepValues } from './step-values';

const password = { key: 'okta_password', type: 'password', id: 'aut1', displayName: 'Password', methods: [] };
const phone = { key: 'phone_number', type: 'phone', id: 'aut2', displayName: 'Phone', methods: [] };

const email = { key: 'okta_email', type: 'email', id: 'aut3', displayName: 'Email', methods: [{ type: 'email' }], profile: { email: 'a***e@example.com' } };
const googleOtp = { key: 'google_otp', type: 'app', id: 'aut4', displayName: 'Google Authenticator', methods: [{ type: 'otp' }] };
const oktaVerify = { key: 'okta_verify', type: 'app', id: 'aut5', displayName: 'Okta Verify', methods: [{ type: 'push' }] };
const question = { key: 'security_question', type: 'security_question', id: 'aut6', displayName: 'Security Question', methods: [] };
const webauthn = { key: 'webauthn', type: 'security_key', id: 'aut7', displayName: 'Security Key or Biometric', methods: [] };
const QR = 'data:image/png;base64,iVBORw0KGgo=';
const sdk = (step: unknown) => step as SdkNextStep;
// What a person reads: the catalog's messages in English.
const describeStep = (...args: Parameters<typeof describeRaw>) => inEnglish(describeRaw(...args)) as ReturnType<typeof describeRaw>;
const chooseAnotherStep = (...args: Parameters<typeof chooseAnotherRaw>) => inEnglish(chooseAnotherRaw(...args)) as ReturnType<typeof chooseAnotherRaw>;

describe('describeStep', () => {
  it('describes identify as a form with username and password fields', () => {
    const step = describeStep(
      sdk({
        name: 'identify',
        inputs: [
          { name: 'username', label: 'Username', required: true },
          { name: 'password', label: 'Password', secret: true, required: true },
          { name: 'rememberMe', label: 'Keep me signed in', type: 'boolean' },
        ],
      }),
    );
    expect(step).toEqual({
      name: 'identify',
      kind: 'form',
      title: 'Sign in',
      canSkip: false,
      inputs: [
        { name: 'username', label: 'Username', type: 'text', required: true, secret: false, autocomplete: 'username' },
        { name: 'password', label: 'Password', type: 'password', required: true, secret: true, autocomplete: 'current-password' },
        { name: 'rememberMe', label: 'Keep me signed in', type: 'checkbox', required: false, secret: false },
      ],
    });
  });

  it('describes a password change with a new-password field and skip', () => {
    const step = describeStep(
      sdk({
        name: 'reenroll-authenticator-warning',
        authenticator: password,
        canSkip: true,
        // As okta-auth-js gives it: ReEnrollAuthenticator drops `required` from the new password.
        inputs: [{ name: 'newPassword', label: 'New password', secret: true }],
      }),
    );
    expect(step).toMatchObject({ kind: 'form', canSkip: true });
    expect(step?.inputs).toEqual([
      { name: 'newPassword', label: 'New password', type: 'password', required: true, secret: true, autocomplete: 'new-password' },
    ]);
  });

  it('says why an expired password is asked for again, and what to do', () => {
    const step = describeStep(sdk({ name: 'reenroll-authenticator', authenticator: password, inputs: [{ name: 'newPassword', label: 'New password', secret: true }] }));
    expect(step).toMatchObject({ kind: 'form', title: 'Your password has expired', description: 'Choose a new password to finish signing in.' });
  });

  it('describes an email challenge as a code step that says where the code went, can resend and offers another way', () => {
    const challenge = sdk({ name: 'challenge-authenticator', authenticator: email, canResend: true, inputs: [{ name: 'verificationCode', label: 'Enter code', required: true }] });
    const choose = sdk({ name: 'select-authenticator-authenticate', inputs: [{ name: 'authenticator', options: [{ label: 'Email', value: 'okta_email' }, { label: 'Phone', value: 'phone_number' }] }] });
    expect(describeStep(challenge, [challenge, choose])).toEqual({
      name: 'challenge-authenticator',
      kind: 'code',
      title: 'Check your email',
      description: 'We sent a code to a***e@example.com. Enter it below, or use the link in the email.',
      authenticator: { key: 'okta_email', label: 'Email' },
      inputs: [{ name: 'verificationCode', label: 'Enter code', type: 'text', required: true, secret: true, autocomplete: 'one-time-code' }],
      canSkip: false,
      canResend: true,
      canChooseAnother: true,
    });
    // Without the choice beside it there is no other way; nor when the choice holds only this one.
    expect(describeStep(challenge)).not.toHaveProperty('canChooseAnother');
    const onlyEmail = sdk({ name: 'select-authenticator-authenticate', inputs: [{ name: 'authenticator', options: [{ label: 'Email', value: 'okta_email' }] }] });
    expect(describeStep(challenge, [challenge, onlyEmail])).not.toHaveProperty('canChooseAnother');
    // The choice offered from the challenge leaves out the authenticator in progress.
    expect(chooseAnotherStep(challenge, [challenge, choose])?.step.inputs[0]?.options).toEqual([{ label: 'Phone', value: 'phone_number' }]);
  });

  it('describes a phone, Google Authenticator or Okta Verify code alike: one kind, the authenticator as data', () => {
    for (const authenticator of [phone, googleOtp, oktaVerify]) {
      const step = describeStep(sdk({ name: 'challenge-authenticator', authenticator, inputs: [{ name: 'verificationCode', required: true }] }));
      expect(step).toMatchObject({ kind: 'code', authenticator: { key: authenticator.key }, inputs: [{ name: 'verificationCode', label: 'Code', secret: true }] });
    }
  });

  it('describes the security question: its question is the label of the secret answer', () => {
    const step = describeStep(
      sdk({
        name: 'challenge-authenticator',
        authenticator: { ...question, contextualData: { enrolledQuestion: { questionKey: 'favorite_sports_player', question: 'Who is your favorite sports player?' } } },
        inputs: [{ name: 'answer', label: 'Answer', required: true }],
      }),
    );
    expect(step).toMatchObject({ kind: 'question', title: 'Answer your security question' });
    expect(step?.inputs).toEqual([{ name: 'answer', label: 'Who is your favorite sports player?', type: 'password', required: true, secret: true, autocomplete: 'off' }]);
  });

  it('describes security question enrollment with the org\'s questions and "write my own"', () => {
    const step = describeStep(
      sdk({
        name: 'enroll-authenticator',
        authenticator: { ...question, contextualData: { questions: [{ questionKey: 'disliked_food', question: 'What is the food you least liked as a child?' }] } },
        inputs: [{ name: 'questionKey', required: true }, { name: 'question', label: 'Create a security question' }, { name: 'answer', label: 'Answer', required: true }],
      }),
    );
    expect(step?.kind).toBe('question');
    expect(step?.inputs.map((i) => [i.name, i.type, i.secret])).toEqual([
      ['questionKey', 'select', false],
      ['question', 'text', false],
      ['answer', 'password', true],
    ]);
    expect(step?.inputs[0]?.options).toEqual([
      { label: 'What is the food you least liked as a child?', value: 'disliked_food' },
      { label: 'Write my own security question', value: 'custom' },
    ]);
  });

  it('describes Google Authenticator enrollment with the QR code and setup key, and refuses one without either', () => {
    const enroll = (contextualData: unknown) =>
      describeStep(sdk({ name: 'enroll-authenticator', authenticator: { ...googleOtp, contextualData }, inputs: [{ name: 'verificationCode', required: true }] }));
    expect(enroll({ qrcode: { href: QR, method: 'embedded', type: 'image/png' }, sharedSecret: 'JBSWY3DPEHPK3PXP' })).toMatchObject({
      kind: 'qr-enrollment',
      enrollment: { qrCode: QR, setupKey: 'JBSWY3DPEHPK3PXP' },
      inputs: [{ name: 'verificationCode' }],
    });
    // Only an inline image is shown: a QR "code" pointing elsewhere would make the window fetch it.
    expect(enroll({ qrcode: { href: 'https://evil.example/qr.png' } })).toBeUndefined();
  });

  it('describes an Okta Verify push as a poll step with its number challenge, and enrollment as a QR step that polls', () => {
    const push = describeStep(sdk({ name: 'challenge-poll', authenticator: { ...oktaVerify, contextualData: { correctAnswer: 42 } }, poll: { required: true, refresh: 4000 }, inputs: [] }));
    expect(push).toMatchObject({ kind: 'poll', polling: true, numberChallenge: '42', inputs: [] });
    const enroll = describeStep(
      sdk({ name: 'enroll-poll', authenticator: { ...oktaVerify, contextualData: { qrcode: { href: QR } } }, poll: { required: true, refresh: 4000 }, inputs: [] }),
    );
    expect(enroll).toMatchObject({ kind: 'qr-enrollment', polling: true, enrollment: { qrCode: QR } });
  });

  it('describes phone enrollment with a telephone field and the SMS/voice choice', () => {
    const step = describeStep(
      sdk({
        name: 'authenticator-enrollment-data',
        authenticator: phone,
        inputs: [
          { name: 'methodType', required: true, options: [{ label: 'SMS', value: 'sms' }, { label: 'Voice call', value: 'voice' }] },
          { name: 'phoneNumber', label: 'Phone number', required: true },
        ],
      }),
    );
    expect(step?.kind).toBe('phone');
    expect(step?.inputs).toEqual([
      { name: 'methodType', label: 'Receive codes by', type: 'select', required: true, secret: false, options: [{ label: 'SMS', value: 'sms' }, { label: 'Voice call', value: 'voice' }] },
      { name: 'phoneNumber', label: 'Phone number', type: 'tel', required: true, secret: false, autocomplete: 'tel' },
    ]);
  });

  it('offers only the authenticators the app can complete, and calls a choice of none unsupported', () => {
    const step = describeStep(
      sdk({
        name: 'select-authenticator-authenticate',
        inputs: [{ name: 'authenticator', label: 'Authenticator', required: true, options: [{ label: 'Security Key or Biometric', value: 'webauthn' }, { label: 'Password', value: 'okta_password' }, { label: 'Email', value: 'okta_email' }] }],
      }),
    );
    expect(step).toMatchObject({ kind: 'choice', title: 'Verify it’s you' });
    expect(step?.inputs[0]?.options).toEqual([
      { label: 'Password', value: 'okta_password' },
      { label: 'Email', value: 'okta_email' },
    ]);
    expect(describeStep(sdk({ name: 'select-authenticator-authenticate', inputs: [{ name: 'authenticator', options: [{ label: 'Security Key', value: 'webauthn' }] }] }))).toBeUndefined();
  });

  it('refuses what cannot run embedded and steps it does not know', () => {
    expect(describeStep(sdk({ name: 'challenge-authenticator', authenticator: webauthn, inputs: [] }))).toBeUndefined();
    expect(describeStep(sdk({ name: 'enroll-authenticator', authenticator: webauthn, inputs: [] }))).toBeUndefined();
    expect(describeStep(sdk({ name: 'redirect-idp', inputs: [] }))).toBeUndefined();
    expect(describeStep(sdk({ name: 'launch-authenticator', inputs: [] }))).toBeUndefined();
    expect(describeStep(sdk({ name: 'challenge-poll', authenticator: webauthn, inputs: [] }))).toBeUndefined();
  });
});

describe('checkStepValues', () => {
  const step = describeStep({
    name: 'identify',
    inputs: [
      { name: 'username', label: 'Username', required: true },
      { name: 'password', label: 'Password', secret: true, required: true },
      { name: 'rememberMe', label: 'Keep me signed in', type: 'boolean' },
    ],
  } as SdkNextStep)!;

  it('passes valid values through', () => {
    expect(checkStepValues(step, { username: 'a', password: 'b', rememberMe: true })).toEqual({
      ok: true,
      values: { username: 'a', password: 'b', rememberMe: true },
    });
  });

  it('rejects unknown fields, missing required ones and wrong types', () => {
    expect(checkStepValues(step, { username: 'a', password: 'b', admin: 'x' })).toMatchObject({ ok: false, message: expect.stringMatching(/no field "admin"/) });
    expect(checkStepValues(step, { username: 'a' })).toEqual({ ok: false, message: 'Password is required.' });
    expect(checkStepValues(step, { username: 'a', password: true })).toMatchObject({ ok: false });
    expect(checkStepValues(step, { username: 'a', password: 'b', rememberMe: 'yes' })).toMatchObject({ ok: false });
  });
});
