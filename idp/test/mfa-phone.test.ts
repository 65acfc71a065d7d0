/**
 * Phone (SMS and voice) as a second factor and as an enrollment, with the real okta-auth-js in
 * legacy mode: the method choice, the code from the outbox, wrong and expired codes, "send
 * again" with the cooldown, the number entry the org validates, and "verify with something else".
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { DEMO_PASSWORD, type IdpUser } from '../index';
import { idpPerTest } from './idp-per-test';
import { lastCode, lastMessage, messageKeys, optionValues, signIn, testClock } from './mfa-helpers';

const idpWith = idpPerTest();
const LOGIN = 'sms-mfa@example.com';

describe('phone challenge', () => {
  it('asks SMS or voice, texts a code, refuses a wrong one and signs in with it', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, LOGIN);
    expect(tx.nextStep?.inputs?.[0]?.options).toEqual([{ label: 'Phone', value: 'phone_number' }]);

    const method = await sdk.idx.proceed({ authenticator: 'phone_number' });
    expect(method.nextStep).toMatchObject({
      name: 'authenticator-verification-data',
      type: 'phone',
      inputs: [{ name: 'methodType', type: 'string', required: true, options: [{ label: 'SMS', value: 'sms' }, { label: 'Voice call', value: 'voice' }] }],
      authenticator: { key: 'phone_number', profile: { phoneNumber: '+1 XXX-XXX-0001' } },
    });
    expect(method.nextStep?.canResend).toBeFalsy();
    expect(idp.outbox(LOGIN)).toEqual([]);

    const challenge = await sdk.idx.proceed({ methodType: 'sms' });
    expect(challenge.nextStep).toMatchObject({
      name: 'challenge-authenticator',
      type: 'phone',
      canResend: true,
      inputs: [{ name: 'verificationCode', label: 'Enter code' }],
      authenticator: { key: 'phone_number', methods: [{ type: 'sms' }], profile: { phoneNumber: '+1 XXX-XXX-0001' } },
    });
    const sms = lastMessage(idp, LOGIN);
    expect(sms).toMatchObject({ channel: 'sms', to: '+15550100001', purpose: 'verify' });

    expect(messageKeys(await sdk.idx.proceed({ verificationCode: '12345' }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    const done = await sdk.idx.proceed({ verificationCode: sms.code });
    expect(done.status).toBe(IdxStatus.SUCCESS);
  });

  it('a voice call reads the code; choosing the method with the authenticator works in one call', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    const challenge = await sdk.idx.proceed({ authenticator: 'phone_number', methodType: 'voice' });
    expect(challenge.nextStep?.name).toBe('challenge-authenticator');
    expect(challenge.nextStep?.authenticator?.methods).toEqual([{ type: 'voice' }]);
    const call = lastMessage(idp, LOGIN);
    expect(call.channel).toBe('voice');
    expect(call.text).toContain((call.code ?? '').split('').join(' '));
    expect((await sdk.idx.proceed({ verificationCode: call.code })).status).toBe(IdxStatus.SUCCESS);
  });

  it('a method the enrollment does not have is refused', async () => {
    const users: IdpUser[] = [
      { login: 'sms-only@example.com', password: DEMO_PASSWORD, status: 'ACTIVE', profile: {}, factors: ['password'], authenticators: { phone_number: { phoneNumber: '+44 7700 900123', methods: ['sms'] } } },
    ];
    const idp = await idpWith({ users });
    const { sdk } = await signIn(idp, 'sms-only@example.com');
    const method = await sdk.idx.proceed({ authenticator: 'phone_number' });
    expect(method.nextStep?.inputs?.[0]?.options).toEqual([{ label: 'SMS', value: 'sms' }]);
    expect(method.nextStep?.authenticator?.profile).toEqual({ phoneNumber: '+44 XXXXXX0123' });
    const voice = await sdk.idx.proceed({ methodType: 'voice' });
    expect(voice.nextStep?.name).toBe('authenticator-verification-data');
    expect(messageKeys(voice)).toEqual(['model.validation.field.invalid']);
    expect(idp.outbox()).toEqual([]);
  });

  it('an expired code is refused; "send again" waits for the cooldown, then texts a new code', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'phone_number', methodType: 'sms' });
    const first = lastCode(idp, LOGIN);
    clock.advance(10_000);
    const early = await sdk.idx.proceed({ resend: true });
    expect(early.messages).toEqual([
      { message: 'An SMS message was recently sent. Please wait 20 seconds before trying again.', i18n: { key: 'errors.E0000109' }, class: 'ERROR' },
    ]);
    expect(idp.outbox(LOGIN)).toHaveLength(1);
    clock.advance(5 * 60_000);
    expect(messageKeys(await sdk.idx.proceed({ verificationCode: first }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    expect((await sdk.idx.proceed({ resend: true })).messages).toBeUndefined();
    const second = lastMessage(idp, LOGIN);
    expect(second.channel).toBe('sms');
    expect((await sdk.idx.proceed({ verificationCode: second.code })).status).toBe(IdxStatus.SUCCESS);
  });

  it('voice "call again" within the cooldown has its own message', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'phone_number', methodType: 'voice' });
    expect(messageKeys(await sdk.idx.proceed({ resend: true }))).toEqual(['errors.E0000133']);
  });
});

describe('verify with something else', () => {
  const users: IdpUser[] = [
    {
      login: 'two@example.com',
      password: DEMO_PASSWORD,
      status: 'ACTIVE',
      profile: { email: 'two@example.com' },
      factors: ['password'],
      authenticators: { okta_email: {}, phone_number: { phoneNumber: '+15550100002' } },
    },
  ];

  it('from the email challenge, the phone can be chosen instead; the email code then no longer counts', async () => {
    const idp = await idpWith({ users });
    const { sdk, tx } = await signIn(idp, 'two@example.com');
    expect(optionValues(tx)).toEqual(['okta_email', 'phone_number']);
    const email = await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect(email.nextStep?.name).toBe('challenge-authenticator');
    const select = email.availableSteps?.find((s) => s.name === 'select-authenticator-authenticate');
    expect(select?.inputs?.[0]?.options?.map((o) => o.value)).toEqual(['okta_email', 'phone_number']);
    const emailCode = lastCode(idp, 'two@example.com', 'email');

    const phone = await sdk.idx.proceed({ authenticator: 'phone_number', methodType: 'sms' });
    expect(phone.nextStep).toMatchObject({ name: 'challenge-authenticator', type: 'phone' });
    expect(messageKeys(await sdk.idx.proceed({ verificationCode: emailCode }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    expect((await sdk.idx.proceed({ verificationCode: lastCode(idp, 'two@example.com', 'sms') })).status).toBe(IdxStatus.SUCCESS);
  });

  it('a choice the org did not offer is refused', async () => {
    const idp = await idpWith({ users });
    const { sdk } = await signIn(idp, 'two@example.com');
    const bogus = await sdk.idx.proceed({ authenticator: { id: 'autEmulatorNotThere' } } as never);
    expect(bogus.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(messageKeys(bogus)).toEqual(['model.validation.field.invalid']);
  });
});

describe('phone enrollment', () => {
  const LOGIN_ENROLL = 'enroll-phone@example.com';

  it('asks for the number and method; a bad number gets the org message; then the texted code enrolls it', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, LOGIN_ENROLL);
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(optionValues(tx)).toEqual(['phone_number']);

    const data = await sdk.idx.proceed({ authenticator: 'phone_number' });
    expect(data.nextStep).toMatchObject({
      name: 'authenticator-enrollment-data',
      type: 'phone',
      inputs: [
        { name: 'methodType', type: 'string', required: true, options: [{ label: 'SMS', value: 'sms' }, { label: 'Voice call', value: 'voice' }] },
        { name: 'phoneNumber', label: 'Phone Number', type: 'string', required: true },
      ],
    });

    const bad = await sdk.idx.proceed({ methodType: 'sms', phoneNumber: '555-0100' });
    expect(bad.status).toBe(IdxStatus.PENDING);
    expect(bad.nextStep?.name).toBe('authenticator-enrollment-data');
    expect(bad.messages).toEqual([{ message: 'Invalid Phone Number.', i18n: { key: 'api.factors.error.sms.invalid_phone' }, class: 'ERROR' }]);
    expect(idp.outbox()).toEqual([]);

    const code = await sdk.idx.proceed({ methodType: 'sms', phoneNumber: '+1 (555) 010-0099' });
    expect(code.nextStep).toMatchObject({ name: 'enroll-authenticator', type: 'phone', canResend: true, authenticator: { key: 'phone_number', methods: [{ type: 'sms' }] } });
    expect(lastMessage(idp, LOGIN_ENROLL)).toMatchObject({ channel: 'sms', to: '+15550100099', purpose: 'enroll' });
    expect(messageKeys(await sdk.idx.proceed({ verificationCode: '000000x' }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    expect((await sdk.idx.proceed({ verificationCode: lastCode(idp, LOGIN_ENROLL) })).status).toBe(IdxStatus.SUCCESS);

    // Enrolled now: the next sign-in verifies it (at the number given), no enrollment asked.
    const next = await signIn(idp, LOGIN_ENROLL);
    expect(next.tx.nextStep?.name).toBe('select-authenticator-authenticate');
    const method = await next.sdk.idx.proceed({ authenticator: 'phone_number' });
    expect(method.nextStep?.authenticator?.profile).toEqual({ phoneNumber: '+1 XXX-XXX-0099' });
  });
});
