/**
 * Google Authenticator (TOTP) as a second factor and as an enrollment, with the real okta-auth-js
 * in legacy mode; codes computed from the secret with otpauth, as the phone app would.
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { idpPerTest } from './idp-per-test';
import { messageKeys, optionValues, signIn, testClock, totpCode } from './mfa-helpers';

const idpWith = idpPerTest();
const LOGIN = 'totp-mfa@example.com';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('Google Authenticator challenge', () => {
  it('asks for the app code; a wrong one gets the org message, the right one signs in', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk, tx } = await signIn(idp, LOGIN);
    expect(tx.nextStep?.inputs?.[0]?.options).toEqual([{ label: 'Google Authenticator', value: 'google_otp' }]);
    const challenge = await sdk.idx.proceed({ authenticator: 'google_otp' });
    expect(challenge.nextStep).toMatchObject({
      name: 'challenge-authenticator',
      type: 'app',
      inputs: [{ name: 'verificationCode', label: 'Enter code', required: true }],
      authenticator: { key: 'google_otp', displayName: 'Google Authenticator' },
    });
    expect(challenge.nextStep?.canResend).toBeFalsy();
    expect(idp.outbox()).toEqual([]);

    const wrong = await sdk.idx.proceed({ verificationCode: totpCode(SECRET, clock.now(), 5) });
    expect(wrong.messages).toEqual([
      { message: "API error: Your code doesn't match our records. Please try again.", i18n: { key: 'authfactor.challenge.soft_token.invalid_passcode' }, class: 'ERROR' },
    ]);
    expect((await sdk.idx.proceed({ verificationCode: totpCode(SECRET, clock.now()) })).status).toBe(IdxStatus.SUCCESS);
  });

  it('accepts the code of the step before or after (clock drift), not two steps off', async () => {
    const clock = testClock(Date.UTC(2030, 0, 1, 12, 0, 10));
    const idp = await idpWith({ now: clock.now });
    for (const [steps, ok] of [[-2, false], [2, false], [-1, true], [1, true]] as const) {
      const { sdk } = await signIn(idp, LOGIN);
      await sdk.idx.proceed({ authenticator: 'google_otp' });
      const result = await sdk.idx.proceed({ verificationCode: totpCode(SECRET, clock.now(), steps) });
      expect(result.status, `${steps} steps`).toBe(ok ? IdxStatus.SUCCESS : IdxStatus.PENDING);
      clock.advance(120_000); // each accepted step is used up; move on so the next case starts fresh
    }
  });

  it('a code already used (in this or another sign-in) is refused as used; the next step\'s code works', async () => {
    const clock = testClock(Date.UTC(2030, 0, 1, 12, 0, 0));
    const idp = await idpWith({ now: clock.now });
    const first = await signIn(idp, LOGIN);
    await first.sdk.idx.proceed({ authenticator: 'google_otp' });
    const code = totpCode(SECRET, clock.now());
    expect((await first.sdk.idx.proceed({ verificationCode: code })).status).toBe(IdxStatus.SUCCESS);

    const second = await signIn(idp, LOGIN);
    await second.sdk.idx.proceed({ authenticator: 'google_otp' });
    const replay = await second.sdk.idx.proceed({ verificationCode: code });
    expect(replay.status).toBe(IdxStatus.PENDING);
    expect(replay.messages).toEqual([
      {
        message: 'API error: Each code can only be used once. Please wait for a new code and try again.',
        i18n: { key: 'authfactor.challenge.soft_token.used_passcode' },
        class: 'ERROR',
      },
    ]);
    // The step before the used one is within the window but older: refused as used too.
    expect(messageKeys(await second.sdk.idx.proceed({ verificationCode: totpCode(SECRET, clock.now(), -1) }))).toEqual([
      'authfactor.challenge.soft_token.used_passcode',
    ]);
    clock.advance(30_000);
    expect((await second.sdk.idx.proceed({ verificationCode: totpCode(SECRET, clock.now()) })).status).toBe(IdxStatus.SUCCESS);
  });
});

describe('Google Authenticator enrollment', () => {
  const LOGIN_ENROLL = 'enroll-totp@example.com';

  it('shows a QR code and the setup key; the first right code from that key enrolls it', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk, tx } = await signIn(idp, LOGIN_ENROLL);
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(optionValues(tx)).toEqual(['google_otp']);

    const enroll = await sdk.idx.proceed({ authenticator: 'google_otp' });
    expect(enroll.nextStep).toMatchObject({ name: 'enroll-authenticator', type: 'app', inputs: [{ name: 'verificationCode' }], authenticator: { key: 'google_otp' } });
    const data = enroll.nextStep?.authenticator?.contextualData;
    expect(data?.qrcode).toMatchObject({ method: 'embedded', type: 'image/png' });
    expect(data?.qrcode?.href).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const secret = data?.sharedSecret ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(idp.outbox()).toEqual([]);

    const wrong = await sdk.idx.proceed({ verificationCode: totpCode(secret, clock.now(), 3) });
    expect(wrong.nextStep?.name).toBe('enroll-authenticator');
    expect(messageKeys(wrong)).toEqual(['api.authn.error.PASSCODE_INVALID']);
    const code = totpCode(secret, clock.now());
    expect((await sdk.idx.proceed({ verificationCode: code })).status).toBe(IdxStatus.SUCCESS);

    // Enrolled: the next sign-in asks for it, and the code used to enroll is spent.
    const next = await signIn(idp, LOGIN_ENROLL);
    expect(optionValues(next.tx)).toEqual(['google_otp']);
    await next.sdk.idx.proceed({ authenticator: 'google_otp' });
    expect(messageKeys(await next.sdk.idx.proceed({ verificationCode: code }))).toEqual(['authfactor.challenge.soft_token.used_passcode']);
    clock.advance(30_000);
    expect((await next.sdk.idx.proceed({ verificationCode: totpCode(secret, clock.now()) })).status).toBe(IdxStatus.SUCCESS);
  });

  it('each enrollment attempt gets a new secret', async () => {
    const idp = await idpWith();
    const a = await signIn(idp, LOGIN_ENROLL);
    const b = await signIn(idp, LOGIN_ENROLL);
    const secretA = (await a.sdk.idx.proceed({ authenticator: 'google_otp' })).nextStep?.authenticator?.contextualData?.sharedSecret;
    const secretB = (await b.sdk.idx.proceed({ authenticator: 'google_otp' })).nextStep?.authenticator?.contextualData?.sharedSecret;
    expect(secretA).toBeDefined();
    expect(secretA).not.toBe(secretB);
  });
});
