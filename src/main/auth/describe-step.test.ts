import { describe, expect, it } from 'vitest';
import type { NextStep as SdkNextStep } from '@okta/okta-auth-js';
import { chooseAnotherStep as chooseAnotherRaw, describeStep as describeRaw, passwordRules } from './describe-step';
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

describe('describeStep: what each step says', () => {
  const codeInput = [{ name: 'verificationCode', required: true }];
  const methodInput = [{ name: 'methodType', options: [{ label: 'SMS', value: 'sms' }] }];

  it.each([
    ['an email challenge with the masked address, trimmed', 'challenge-authenticator', { ...email, profile: { email: '  a***e@example.com ' } }, 'We sent a code to a***e@example.com. Enter it below, or use the link in the email.'],
    ['an email challenge without an address', 'challenge-authenticator', { ...email, profile: {} }, 'We sent you a code by email.'],
    ['an email challenge whose address is blank', 'challenge-authenticator', { ...email, profile: { email: '   ' } }, 'We sent you a code by email.'],
    ['a phone challenge with the masked number', 'challenge-authenticator', { ...phone, profile: { phoneNumber: '+1 XXX-XXX-5309' } }, 'We sent a code to +1 XXX-XXX-5309.'],
    ['a phone challenge without a number', 'challenge-authenticator', phone, 'We sent a code to your phone.'],
    ['a Google Authenticator challenge', 'challenge-authenticator', googleOtp, 'Enter the code shown in Google Authenticator.'],
    ['an Okta Verify code challenge', 'challenge-authenticator', oktaVerify, 'Enter the code shown in Okta Verify.'],
    ['an email enrollment', 'enroll-authenticator', email, 'We sent a code to a***e@example.com. Enter it below, or use the link in the email.'],
    ['a phone enrollment', 'enroll-authenticator', phone, 'We sent a code to your phone.'],
  ])('says where the code of %s went', (_, name, authenticator, description) => {
    expect(describeStep(sdk({ name, authenticator, inputs: codeInput }))?.description).toBe(description);
  });

  it.each([
    ['a phone with its masked number', { ...phone, profile: { phoneNumber: ' +1 XXX-XXX-5309 ' } }, 'To +1 XXX-XXX-5309.'],
    ['a phone without a number', phone, 'To your phone.'],
    ['a phone whose number is blank', { ...phone, profile: { phoneNumber: ' ' } }, 'To your phone.'],
    ['an email address', email, 'We sent a code to a***e@example.com. Enter it below, or use the link in the email.'],
    ['an email without profile', { ...email, profile: undefined }, 'We sent you a code by email.'],
    ['an email address, even beside a phone number', { ...email, profile: { email: 'a***e@example.com', phoneNumber: '+1 XXX-XXX-5309' } }, 'We sent a code to a***e@example.com. Enter it below, or use the link in the email.'],
    ['Google Authenticator', googleOtp, 'Enter the code shown in Google Authenticator.'],
  ])('says before a code is sent where it goes: %s', (_, authenticator, description) => {
    expect(describeStep(sdk({ name: 'authenticator-verification-data', authenticator, inputs: methodInput }))).toMatchObject({ kind: 'choice', title: 'How should we send your code?', description });
  });

  it('asks how to send a code without a description when the authenticator is unknown or missing', () => {
    for (const authenticator of [undefined, { key: 'custom_otp', type: 'app', id: 'aut9', methods: [] }]) {
      const step = describeStep(sdk({ name: 'authenticator-verification-data', authenticator, inputs: methodInput }));
      expect(step).toMatchObject({ kind: 'choice', title: 'How should we send your code?' });
      expect(step).not.toHaveProperty('description');
    }
  });

  it('asks how to use Okta Verify rather than how to send a code', () => {
    const step = describeStep(sdk({ name: 'authenticator-verification-data', authenticator: oktaVerify, inputs: methodInput }));
    expect(step).toMatchObject({ kind: 'choice', title: 'Verify with Okta Verify', description: 'Choose how to use Okta Verify.' });
  });

  it.each([
    ['challenge-authenticator', 'the password', 'form', 'Enter your password', password],
    ['challenge-authenticator', 'the security question', 'question', 'Answer your security question', question],
    ['challenge-authenticator', 'email', 'code', 'Check your email', email],
    ['challenge-authenticator', 'phone', 'code', 'Enter your verification code', phone],
    ['enroll-authenticator', 'the password', 'form', 'Choose a password', password],
    ['enroll-authenticator', 'email', 'code', 'Enter the code we sent', email],
    ['enroll-authenticator', 'phone', 'code', 'Enter the code we sent', phone],
    ['reenroll-authenticator-warning', 'the password', 'form', 'Your password will expire soon', password],
    ['reenroll-authenticator-warning', 'a password without key', 'form', 'Your password will expire soon', { type: 'password', id: 'aut1', methods: [] }],
    ['reenroll-authenticator-warning', 'the password key without type', 'form', 'Your password will expire soon', { key: 'okta_password', id: 'aut1', methods: [] }],
    ['reenroll-authenticator', 'a password without key', 'form', 'Your password has expired', { type: 'password', id: 'aut1', methods: [] }],
    ['reenroll-authenticator', 'the password key without type', 'form', 'Your password has expired', { key: 'okta_password', id: 'aut1', methods: [] }],
    ['reset-authenticator', 'the password', 'form', 'Choose a new password', password],
    ['reset-authenticator', 'a password without key', 'form', 'Choose a new password', { type: 'password', id: 'aut1', methods: [] }],
    ['reset-authenticator', 'the password key without type', 'form', 'Choose a new password', { key: 'okta_password', id: 'aut1', methods: [] }],
    ['authenticator-enrollment-data', 'phone', 'phone', 'Set up phone authentication', phone],
  ])('describes %s with %s as a %s step titled "%s"', (name, _, kind, title, authenticator) => {
    expect(describeStep(sdk({ name, authenticator, inputs: [{ name: 'newPassword', secret: true }] }))).toMatchObject({ kind, title });
  });

  it.each([
    ['challenge-authenticator', 'no authenticator', undefined],
    ['enroll-authenticator', 'no authenticator', undefined],
    ['reenroll-authenticator', 'no authenticator', undefined],
    ['reenroll-authenticator', 'email', email],
    ['reenroll-authenticator-warning', 'no authenticator', undefined],
    ['reenroll-authenticator-warning', 'email', email],
    ['reset-authenticator', 'no authenticator', undefined],
    ['reset-authenticator', 'email', email],
    ['authenticator-enrollment-data', 'no authenticator', undefined],
    ['authenticator-enrollment-data', 'email', email],
    ['challenge-poll', 'no authenticator', undefined],
    ['enroll-poll', 'no authenticator', undefined],
    ['enroll-poll', 'Google Authenticator with a QR code', { ...googleOtp, contextualData: { qrcode: { href: QR } } }],
    ['enroll-poll', 'Okta Verify without a QR code', oktaVerify],
  ])('refuses %s with %s', (name, _, authenticator) => {
    expect(describeStep(sdk({ name, authenticator, inputs: [{ name: 'newPassword', secret: true }] }))).toBeUndefined();
  });

  it.each([
    ['email', 'Check your email'],
    ['sms', 'Check your text messages'],
  ])('describes an Okta Verify setup link sent by %s as a poll step titled "%s"', (selectedChannel, title) => {
    const step = describeStep(sdk({ name: 'enroll-poll', authenticator: { ...oktaVerify, contextualData: { selectedChannel } }, poll: { required: true, refresh: 4000 }, inputs: [] }));
    expect(step).toMatchObject({
      kind: 'poll',
      title,
      description: 'On the phone where Okta Verify is installed, open the setup link we sent. This window continues by itself once it is set up.',
      polling: true,
    });
  });

  it('describes Okta Verify enrollment by any other channel as the QR code', () => {
    const step = describeStep(sdk({ name: 'enroll-poll', authenticator: { ...oktaVerify, contextualData: { selectedChannel: 'qrcode', qrcode: { href: QR } } }, inputs: [] }));
    expect(step).toMatchObject({ kind: 'qr-enrollment', title: 'Set up Okta Verify', enrollment: { qrCode: QR } });
  });

  it.each([
    ['a string', 'okta_email', { label: 'Email', value: 'okta_email' }],
    ['an object with its key', { key: 'okta_email', id: 'aut3' }, { label: 'Email', value: 'okta_email' }],
    ['an object with a number for key', { key: 5 }, undefined],
    ['an object without key', { id: 'aut3' }, undefined],
    ['null', null, undefined],
    ['undefined', undefined, undefined],
    ['a number', 42, undefined],
  ])('takes an option whose value is %s', (_, value, expected) => {
    const step = describeStep(sdk({ name: 'select-enrollment-channel', inputs: [{ name: 'channel', options: [{ label: 'Email', value }, { label: 'Other', value: 'other' }] }] }));
    expect(step?.inputs[0]?.options).toEqual([...(expected ? [expected] : []), { label: 'Other', value: 'other' }]);
  });

  it.each([
    ['the org\'s label, trimmed', { label: '  Text me  ', value: 'sms' }, 'Text me'],
    ['the authenticator\'s name without a label', { value: 'okta_email' }, 'Email'],
    ['the authenticator\'s name for a blank label', { label: ' ', value: 'phone_number' }, 'Phone'],
    ['the value itself without a label', { value: 'voice' }, 'voice'],
    ['the channel\'s meaning for its enum name', { label: 'EMAIL', value: 'email' }, 'Send me a setup link by email'],
    ['the QR code channel\'s meaning', { label: 'QRCODE', value: 'qrcode' }, 'Scan a QR code'],
    ['an unknown enum name as it is', { label: 'PUSH', value: 'push' }, 'PUSH'],
  ])('labels a channel option with %s', (_, option, label) => {
    const step = describeStep(sdk({ name: 'select-enrollment-channel', inputs: [{ name: 'channel', options: [option] }] }));
    expect(step?.inputs[0]?.options).toEqual([{ label, value: option.value }]);
  });

  it('leaves a method option named like a channel as the org labels it', () => {
    const step = describeStep(sdk({ name: 'authenticator-verification-data', authenticator: phone, inputs: [{ name: 'methodType', options: [{ label: 'SMS', value: 'sms' }] }] }));
    expect(step?.inputs[0]?.options).toEqual([{ label: 'SMS', value: 'sms' }]);
  });

  it('offers only the well-formed security questions of an enrollment, and "write my own" without any', () => {
    const enroll = (questions: unknown) =>
      describeStep(sdk({ name: 'enroll-authenticator', authenticator: { ...question, contextualData: { questions } }, inputs: [{ name: 'questionKey', required: true }] }))?.inputs[0]?.options;
    const custom = { label: 'Write my own security question', value: 'custom' };
    expect(enroll([{ questionKey: 'disliked_food' }, { question: 'Who?' }, null, { questionKey: 'a', question: 'Q?' }])).toEqual([{ label: 'Q?', value: 'a' }, custom]);
    expect(enroll(undefined)).toEqual([custom]);
  });

  it('names an authenticator it has no name for by its key', () => {
    const step = describeStep(sdk({ name: 'identify', authenticator: { key: 'custom_otp', type: 'app', id: 'aut9', methods: [] }, inputs: [] }));
    expect(step?.authenticator).toEqual({ key: 'custom_otp', label: 'custom_otp' });
  });

  it('describes a step without inputs, or with only hidden ones, with no inputs', () => {
    expect(describeStep(sdk({ name: 'identify' }))?.inputs).toEqual([]);
    expect(describeStep(sdk({ name: 'identify', inputs: [{ name: 'stateHandle', visible: false }, { name: 'username', mutable: false }] }))?.inputs).toEqual([]);
  });

  it('shows no password rules for a password step whose authenticator has no settings', () => {
    expect(describeStep(sdk({ name: 'reenroll-authenticator', authenticator: password, inputs: [] }))).not.toHaveProperty('passwordRules');
  });
});

describe('passwordRules', () => {
  it('lists every rule the org sets, in the Sign-In Widget\'s order', () => {
    const settings = {
      complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, excludeUsername: true, excludeFirstName: true, excludeLastName: true },
      age: { historyCount: 4, minAgeMinutes: 60 },
    };
    expect(inEnglish(passwordRules(settings))).toEqual([
      'At least 8 characters',
      'A lowercase letter',
      'An uppercase letter',
      'A number',
      'A symbol',
      'No parts of your username',
      'Does not include your first name',
      'Does not include your last name',
      'Not one of your last 4 passwords',
      'At least 60 minutes since your password was last changed',
    ]);
  });

  it.each([[undefined], [null], ['strict'], [{}]])('lists no rules for settings %j', (settings) => {
    expect(passwordRules(settings)).toEqual([]);
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

  it('leaves out an optional field left empty, and calls an empty required one missing', () => {
    expect(checkStepValues(step, { username: 'a', password: 'b', rememberMe: '' })).toEqual({ ok: true, values: { username: 'a', password: 'b' } });
    expect(checkStepValues(step, { username: '', password: 'b' })).toEqual({ ok: false, message: 'Username is required.' });
  });

  it('rejects any value for a choice that offers none', () => {
    const choice = { ...step, inputs: [{ name: 'methodType', label: 'Receive codes by', type: 'select', required: true, secret: false }] } as const;
    expect(checkStepValues(choice, { methodType: 'sms' })).toEqual({ ok: false, message: 'Receive codes by is not one of the offered choices.' });
  });
});
