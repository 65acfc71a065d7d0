/**
 * Email as a second factor and as an enrollment, driven by the real okta-auth-js in legacy mode
 * (as the app runs it): the code from the outbox, wrong / expired / superseded codes, "send
 * again" with the org's cooldown, the magic link completing a polling client, expiry mid-step.
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { DEMO_PASSWORD, type IdpUser } from '../index';
import { idpPerTest } from './idp-per-test';
import { admin, lastCode, lastMessage, messageKeys, openLink, optionValues, signIn, testClock } from './mfa-helpers';

const idpWith = idpPerTest();
const LOGIN = 'email-mfa@example.com';
const POLL = { actions: ['currentAuthenticatorEnrollment-poll'] } as never;

describe('email challenge', () => {
  it('offers Email after the password, sends a code to the enrolled address, refuses a wrong one and accepts it', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, LOGIN);
    expect(tx.status).toBe(IdxStatus.PENDING);
    expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(tx.nextStep?.inputs?.[0]?.options).toEqual([{ label: 'Email', value: 'okta_email' }]);
    expect(idp.outbox(LOGIN)).toEqual([]);

    const challenge = await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect(challenge.status).toBe(IdxStatus.PENDING);
    expect(challenge.nextStep).toMatchObject({
      name: 'challenge-authenticator',
      type: 'email',
      canResend: true,
      inputs: [{ name: 'verificationCode', label: 'Enter code', required: true }],
      authenticator: { key: 'okta_email', profile: { email: 'e***l@example.com' }, poll: { refresh: 4000 } },
    });
    // "Verify with something else" and the poll action are there, as in Okta's documents.
    expect(challenge.availableSteps?.map((s) => s.name)).toEqual(
      expect.arrayContaining(['select-authenticator-authenticate', 'currentAuthenticatorEnrollment-resend', 'currentAuthenticatorEnrollment-poll']),
    );
    const sent = lastMessage(idp, LOGIN, 'email');
    expect(sent).toMatchObject({ to: 'emma.email@example.com', purpose: 'verify' });
    expect(sent.code).toMatch(/^\d{6}$/);
    expect(sent.text).toContain(sent.code);

    const wrong = await sdk.idx.proceed({ verificationCode: sent.code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(IdxStatus.PENDING);
    expect(wrong.nextStep?.name).toBe('challenge-authenticator');
    expect(wrong.messages).toEqual([{ message: 'Invalid code. Try again.', i18n: { key: 'api.authn.error.PASSCODE_INVALID', params: [] }, class: 'ERROR' }]);

    const right = await sdk.idx.proceed({ verificationCode: sent.code });
    expect(right.status).toBe(IdxStatus.SUCCESS);
    expect(right.tokens?.idToken?.claims.email).toBe(LOGIN);
  });

  it('mfa@example.com (a `factors`-only user) gets the same real email factor, at its profile address', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, 'mfa@example.com');
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect(lastMessage(idp, 'mfa@example.com').to).toBe('mfa@example.com');
    expect((await sdk.idx.proceed({ verificationCode: lastCode(idp, 'mfa@example.com') })).status).toBe(IdxStatus.SUCCESS);
  });

  it('a code expires after 5 minutes; a new one (after the cooldown) works', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    const first = lastCode(idp, LOGIN);
    clock.advance(5 * 60_000);
    const late = await sdk.idx.proceed({ verificationCode: first });
    expect(messageKeys(late)).toEqual(['api.authn.error.PASSCODE_INVALID']);
    expect((await sdk.idx.proceed({ resend: true })).messages).toBeUndefined();
    const second = lastCode(idp, LOGIN);
    expect((await sdk.idx.proceed({ verificationCode: second })).status).toBe(IdxStatus.SUCCESS);
  });

  it('the code of an earlier email (resent, or another sign-in) no longer works; a used one cannot sign in again', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    const first = lastCode(idp, LOGIN);
    clock.advance(30_000);
    await sdk.idx.proceed({ resend: true });
    const second = lastCode(idp, LOGIN);
    if (second !== first) expect(messageKeys(await sdk.idx.proceed({ verificationCode: first }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    expect((await sdk.idx.proceed({ verificationCode: second })).status).toBe(IdxStatus.SUCCESS);

    const again = await signIn(idp, LOGIN);
    await again.sdk.idx.proceed({ authenticator: 'okta_email' });
    if (lastCode(idp, LOGIN) !== second) {
      expect(messageKeys(await again.sdk.idx.proceed({ verificationCode: second }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    }
  });

  it('"send again" within the 30 s cooldown is refused with a message and sends nothing; after it, a new code is sent', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    clock.advance(29_999);
    const early = await sdk.idx.proceed({ resend: true });
    expect(early.status).toBe(IdxStatus.PENDING);
    expect(early.nextStep?.name).toBe('challenge-authenticator');
    expect(early.messages?.[0]?.message).toBe('An email was recently sent. Please wait 1 second before trying again.');
    expect(idp.outbox(LOGIN)).toHaveLength(1);
    expect(idp.counts()['challenge-resend']).toBe(1);
    clock.advance(1);
    const resent = await sdk.idx.proceed({ resend: true });
    expect(resent.messages).toBeUndefined();
    expect(resent.nextStep?.canResend).toBe(true);
    expect(idp.outbox(LOGIN)).toHaveLength(2);
  });

  it('the org cooldown is configurable', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now, resendCooldownSeconds: 5 });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    clock.advance(5_000);
    expect((await sdk.idx.proceed({ resend: true })).messages).toBeUndefined();
    expect(idp.outbox(LOGIN)).toHaveLength(2);
  });

  it('polling stays on the challenge until the email link is opened, then signs in', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    const waiting = await sdk.idx.proceed(POLL);
    expect(waiting.status).toBe(IdxStatus.PENDING);
    expect(waiting.nextStep?.name).toBe('challenge-authenticator');
    expect(idp.counts()['challenge-poll']).toBe(1);

    expect(await openLink(idp, lastMessage(idp, LOGIN))).toEqual({ status: 200, body: { result: 'verified' } });
    const done = await sdk.idx.proceed(POLL);
    expect(done.status).toBe(IdxStatus.SUCCESS);
    expect(done.tokens?.accessToken).toBeDefined();
  });

  it('the magic link also works from a browser (GET), once; an unknown or used link is refused', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    const link = lastMessage(idp, LOGIN).link ?? '';
    expect(link).toMatch(new RegExp(`^${idp.origin}/email/verify\\?token=`));
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/return to the original tab/i);
    expect((await fetch(link)).status).toBe(410);
    expect((await fetch(`${idp.origin}/email/verify?token=nope`)).status).toBe(410);
    expect((await sdk.idx.proceed(POLL)).status).toBe(IdxStatus.SUCCESS);
  });

  it('a link from a superseded email opens nothing', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    const first = lastMessage(idp, LOGIN);
    clock.advance(30_000);
    await sdk.idx.proceed({ resend: true });
    expect((await openLink(idp, first)).status).toBe(410);
    expect((await sdk.idx.proceed(POLL)).nextStep?.name).toBe('challenge-authenticator');
  });

  it('a transaction that expires mid-challenge answers idx.session.expired (TERMINAL)', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    const code = lastCode(idp, LOGIN);
    clock.advance(600_000);
    const late = await sdk.idx.proceed({ verificationCode: code });
    expect(late.status).toBe(IdxStatus.TERMINAL);
    expect(messageKeys(late)).toEqual(['idx.session.expired']);
  });

  it('cancel during the challenge ends it: the code no longer belongs to any step', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect((await sdk.idx.cancel()).status).toBe(IdxStatus.CANCELED);
    expect((await openLink(idp, lastMessage(idp, LOGIN))).status).toBe(410);
  });
});

describe('email enrollment', () => {
  const users: IdpUser[] = [
    {
      login: 'new@example.com',
      password: DEMO_PASSWORD,
      status: 'ACTIVE',
      profile: { email: 'new@example.com' },
      factors: ['password'],
      policy: { enroll: { required: ['okta_email'] } },
    },
  ];

  it('asks to enroll Email after the password, verifies the emailed code, and asks for it at the next sign-in', async () => {
    const idp = await idpWith({ users });
    const { sdk, tx } = await signIn(idp, 'new@example.com');
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(optionValues(tx)).toEqual(['okta_email']);
    expect(tx.nextStep?.canSkip).toBeFalsy();

    const enroll = await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect(enroll.nextStep).toMatchObject({ name: 'enroll-authenticator', type: 'email', canResend: true, authenticator: { key: 'okta_email' } });
    expect(lastMessage(idp, 'new@example.com')).toMatchObject({ channel: 'email', purpose: 'enroll', to: 'new@example.com' });
    expect(messageKeys(await sdk.idx.proceed({ verificationCode: 'abcdef' }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    const done = await sdk.idx.proceed({ verificationCode: lastCode(idp, 'new@example.com') });
    expect(done.status).toBe(IdxStatus.SUCCESS);

    const next = await signIn(idp, 'new@example.com');
    expect(next.tx.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(optionValues(next.tx)).toEqual(['okta_email']);
  });

  it('enrollment polls too: the link in the enrollment email completes it', async () => {
    const idp = await idpWith({ users });
    const { sdk } = await signIn(idp, 'new@example.com');
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    await openLink(idp, lastMessage(idp, 'new@example.com'));
    expect((await sdk.idx.proceed({ actions: ['currentAuthenticator-poll'] } as never)).status).toBe(IdxStatus.SUCCESS);
  });
});

describe('outbox admin API', () => {
  it('lists what was sent, per login, only with the run token', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_email' });
    expect((await fetch(`${idp.origin}/__admin/outbox`)).status).toBe(401);
    const mine = (await (await admin(idp, `outbox?login=${encodeURIComponent(LOGIN.toUpperCase())}`)).json()) as { messages: unknown[] };
    expect(mine.messages).toEqual([expect.objectContaining({ login: LOGIN, channel: 'email', code: lastCode(idp, LOGIN) })]);
    const other = (await (await admin(idp, 'outbox?login=alice@example.com')).json()) as { messages: unknown[] };
    expect(other.messages).toEqual([]);
    expect((await admin(idp, 'outbox', { method: 'DELETE' })).status).toBe(200);
    expect(idp.outbox()).toEqual([]);
    expect((await admin(idp, 'outbox/msg_nope/open', { method: 'POST' })).status).toBe(404);
  });
});
