/**
 * Okta Verify with the real okta-auth-js in legacy mode: push approved, denied and sent again,
 * the number challenge, TOTP, and enrollment by QR code or by an activation link sent by email
 * or SMS, each advanced by idx.poll() once the admin API (the phone) has acted.
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus, type IdxTransaction } from '@okta/okta-auth-js';
import { idpPerTest } from './idp-per-test';
import { admin, lastMessage, messageKeys, openLink, optionValues, signIn, testClock, totpCode } from './mfa-helpers';

const idpWith = idpPerTest();
const PUSH = 'push-mfa@example.com';
const PUSH_SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';

/** The number challenge the page must show (okta-auth-js's types do not declare `correctAnswer`). */
const correctAnswer = (tx: IdxTransaction) => Number((tx.nextStep?.authenticator?.contextualData as { correctAnswer?: string } | undefined)?.correctAnswer);

const push = (idp: Awaited<ReturnType<typeof idpWith>>, login: string, action: 'approve' | 'deny', body?: unknown) =>
  admin(idp, `push/${encodeURIComponent(login)}/${action}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('Okta Verify push', () => {
  it('asks push or code, sends a push, polls while it waits, and signs in once approved', async () => {
    const idp = await idpWith();
    const { sdk, tx } = await signIn(idp, PUSH);
    expect(tx.nextStep?.inputs?.[0]?.options).toEqual([{ label: 'Okta Verify', value: 'okta_verify' }]);
    const method = await sdk.idx.proceed({ authenticator: 'okta_verify' });
    expect(method.nextStep).toMatchObject({
      name: 'authenticator-verification-data',
      type: 'app',
      inputs: [{ name: 'methodType', options: [{ label: 'Get a push notification', value: 'push' }, { label: 'Enter a code', value: 'totp' }] }],
    });

    const waiting = await sdk.idx.proceed({ methodType: 'push' });
    expect(waiting.nextStep).toMatchObject({
      name: 'challenge-poll',
      type: 'app',
      poll: { required: true, refresh: 4000 },
      authenticator: { key: 'okta_verify', methods: [{ type: 'push' }] },
      canResend: true,
    });
    expect(waiting.nextStep?.authenticator?.contextualData).toBeUndefined();
    expect(lastMessage(idp, PUSH)).toMatchObject({ channel: 'push', to: 'Okta Verify', purpose: 'verify' });

    const still = await sdk.idx.poll();
    expect(still.status).toBe(IdxStatus.PENDING);
    expect(still.nextStep?.name).toBe('challenge-poll');
    expect(idp.counts()['challenge-poll']).toBe(1);

    expect((await (await push(idp, PUSH, 'approve')).json()) as unknown).toEqual({ result: 'approved' });
    const done = await sdk.idx.poll();
    expect(done.status).toBe(IdxStatus.SUCCESS);
    expect(done.tokens?.idToken?.claims.email).toBe(PUSH);
  });

  it('a denied push shows the org message and offers another factor; a new push can be sent and approved', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, PUSH);
    await sdk.idx.proceed({ authenticator: 'okta_verify', methodType: 'push' });
    expect((await (await push(idp, PUSH, 'deny')).json()) as unknown).toEqual({ result: 'denied' });
    const denied = await sdk.idx.poll();
    expect(denied.status).toBe(IdxStatus.PENDING);
    expect(denied.messages).toEqual([{ message: 'You have chosen to reject this login.', i18n: { key: 'api.authn.poll.error.push_rejected', params: [] }, class: 'ERROR' }]);
    expect(denied.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(optionValues(denied)).toEqual(['okta_verify']);
    expect(denied.neededToProceed?.map((r) => r.name)).toEqual(['resend', 'select-authenticator-authenticate']);
    // The denied push cannot be approved afterwards.
    expect((await push(idp, PUSH, 'approve')).status).toBe(404);

    const again = await sdk.idx.proceed({ authenticator: 'okta_verify', methodType: 'push' });
    expect(again.nextStep?.name).toBe('challenge-poll');
    expect(idp.outbox(PUSH).filter((m) => m.channel === 'push')).toHaveLength(2);
    await push(idp, PUSH, 'approve');
    expect((await sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);
  });

  it('"resend" while waiting sends a new push, which is the one answered', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, PUSH);
    await sdk.idx.proceed({ authenticator: 'okta_verify', methodType: 'push' });
    const resent = await sdk.idx.proceed({ resend: true });
    expect(resent.nextStep?.name).toBe('challenge-poll');
    expect(idp.outbox(PUSH).filter((m) => m.channel === 'push')).toHaveLength(2);
    await push(idp, PUSH, 'approve');
    expect((await sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);
  });

  it('number challenge: the page shows the number; approving needs it, another number rejects the push', async () => {
    const idp = await idpWith();
    const login = 'push-number@example.com';
    const { sdk } = await signIn(idp, login);
    // Push is this enrollment's only method: no method step.
    const waiting = await sdk.idx.proceed({ authenticator: 'okta_verify' });
    expect(waiting.nextStep?.name).toBe('challenge-poll');
    const shown = correctAnswer(waiting);
    expect(shown).toBeGreaterThanOrEqual(10);
    const sent = lastMessage(idp, login);
    expect(sent.correctAnswer).toBe(shown);
    expect(sent.choices).toHaveLength(3);
    expect(sent.choices).toContain(shown);

    const bare = await push(idp, login, 'approve');
    expect(bare.status).toBe(400);
    expect((await sdk.idx.poll()).nextStep?.name).toBe('challenge-poll');
    const other = sent.choices?.find((n) => n !== shown);
    expect((await (await push(idp, login, 'approve', { number: other })).json()) as unknown).toEqual({ result: 'denied' });
    expect(messageKeys(await sdk.idx.poll())).toEqual(['api.authn.poll.error.push_rejected']);

    const again = await sdk.idx.proceed({ authenticator: 'okta_verify' });
    const number = correctAnswer(again);
    expect((await (await push(idp, login, 'approve', { number })).json()) as unknown).toEqual({ result: 'approved' });
    expect((await sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);
  });

  it('the push admin API needs the run token and a waiting push', async () => {
    const idp = await idpWith();
    expect((await fetch(`${idp.origin}/__admin/push/${PUSH}/approve`, { method: 'POST' })).status).toBe(401);
    expect((await push(idp, PUSH, 'approve')).status).toBe(404);
    expect((await admin(idp, `push/${PUSH}/approve`, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect((await push(idp, PUSH, 'approve', [12])).status).toBe(400);
    expect((await admin(idp, `push/${PUSH}/approve`, { method: 'POST', body: '{"number":"12"}' })).status).toBe(400);
  });
});

describe('Okta Verify code (TOTP)', () => {
  it('signs in with the app code; a wrong one is refused; the same code cannot sign in twice', async () => {
    const clock = testClock(Date.UTC(2030, 0, 1, 8, 0, 0));
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, PUSH);
    const challenge = await sdk.idx.proceed({ authenticator: 'okta_verify', methodType: 'totp' });
    expect(challenge.nextStep).toMatchObject({ name: 'challenge-authenticator', type: 'app', inputs: [{ name: 'verificationCode', label: 'Enter code from Okta Verify app' }] });
    expect(messageKeys(await sdk.idx.proceed({ verificationCode: totpCode(PUSH_SECRET, clock.now(), 4) }))).toEqual(['api.authn.error.PASSCODE_INVALID']);
    const code = totpCode(PUSH_SECRET, clock.now());
    expect((await sdk.idx.proceed({ verificationCode: code })).status).toBe(IdxStatus.SUCCESS);

    const again = await signIn(idp, PUSH);
    await again.sdk.idx.proceed({ authenticator: 'okta_verify', methodType: 'totp' });
    expect(messageKeys(await again.sdk.idx.proceed({ verificationCode: code }))).toEqual(['authfactor.challenge.soft_token.used_passcode']);
  });
});

describe('Okta Verify enrollment', () => {
  const LOGIN = 'enroll-ov@example.com';

  it('shows a QR code and polls; once the phone has scanned it (opened its link) the poll signs in, and the phone\'s code works next time', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk, tx } = await signIn(idp, LOGIN);
    expect(optionValues(tx)).toEqual(['okta_verify']);
    const qr = await sdk.idx.proceed({ authenticator: 'okta_verify' });
    expect(qr.nextStep).toMatchObject({
      name: 'enroll-poll',
      poll: { required: true, refresh: 4000 },
      authenticator: { key: 'okta_verify', contextualData: { selectedChannel: 'qrcode', qrcode: { method: 'embedded', type: 'image/png' } } },
    });
    expect(qr.nextStep?.authenticator?.contextualData?.qrcode?.href).toMatch(/^data:image\/png;base64,/);
    expect(qr.availableSteps?.map((s) => s.name)).toEqual(expect.arrayContaining(['select-enrollment-channel', 'select-authenticator-enroll']));
    expect((await sdk.idx.poll()).nextStep?.name).toBe('enroll-poll');

    const scanned = await openLink(idp, lastMessage(idp, LOGIN, 'qrcode'));
    expect(scanned.status).toBe(200);
    expect(scanned.body.result).toBe('activated');
    const secret = String(scanned.body.secret);
    expect((await sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);

    const next = await signIn(idp, LOGIN);
    expect(next.tx.nextStep?.name).toBe('select-authenticator-authenticate');
    await next.sdk.idx.proceed({ authenticator: 'okta_verify', methodType: 'totp' });
    expect((await next.sdk.idx.proceed({ verificationCode: totpCode(secret, clock.now()) })).status).toBe(IdxStatus.SUCCESS);
  });

  it('by email instead: asks the address, sends the activation link (resend after the cooldown), the link opened on the phone completes it', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_verify' });
    const data = await sdk.idx.proceed({ channel: 'email' });
    expect(data.nextStep).toMatchObject({ name: 'enrollment-channel-data', inputs: [{ name: 'email', required: true }], authenticator: { key: 'okta_verify', contextualData: { selectedChannel: 'email' } } });
    expect(messageKeys(await sdk.idx.proceed({ email: 'not-an-address' }))).toEqual(['model.validation.field.invalid']);

    const sent = await sdk.idx.proceed({ email: 'olive@phone.example' });
    expect(sent.nextStep).toMatchObject({ name: 'enroll-poll', canResend: true, authenticator: { contextualData: { selectedChannel: 'email', email: 'olive@phone.example' } } });
    const mail = lastMessage(idp, LOGIN, 'email');
    expect(mail).toMatchObject({ to: 'olive@phone.example', purpose: 'activate' });
    expect(mail.link).toMatch(new RegExp(`^${idp.origin}/okta-verify/activate\\?token=`));
    expect(messageKeys(await sdk.idx.proceed({ resend: true }))).toEqual(['tooManyRequests']);
    clock.advance(30_000);
    expect((await sdk.idx.proceed({ resend: true })).messages).toBeUndefined();
    const newest = lastMessage(idp, LOGIN, 'email');
    expect(newest.id).not.toBe(mail.id);
    expect((await fetch(mail.link ?? '')).status).toBe(410);

    const page = await fetch(newest.link ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Okta Verify is set up/);
    expect((await sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);
  });

  it('by SMS: a bad number gets the org message; a good one gets the link', async () => {
    const idp = await idpWith();
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_verify' });
    const data = await sdk.idx.proceed({ channel: 'sms' });
    expect(data.nextStep).toMatchObject({ name: 'enrollment-channel-data', inputs: [{ name: 'phoneNumber', required: true }] });
    expect(messageKeys(await sdk.idx.proceed({ phoneNumber: '12' }))).toEqual(['api.factors.error.sms.invalid_phone']);
    const sent = await sdk.idx.proceed({ phoneNumber: '+1 555 010 0042' });
    expect(sent.nextStep?.authenticator?.contextualData).toMatchObject({ selectedChannel: 'sms', phoneNumber: '+15550100042' });
    const sms = lastMessage(idp, LOGIN, 'sms');
    expect(sms).toMatchObject({ to: '+15550100042', purpose: 'activate' });
    expect((await openLink(idp, sms)).body.result).toBe('activated');
    expect((await sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);
  });

  it('an activation link expires with the org code lifetime; the QR code can be shown again', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, LOGIN);
    await sdk.idx.proceed({ authenticator: 'okta_verify' });
    const first = lastMessage(idp, LOGIN, 'qrcode');
    clock.advance(5 * 60_000);
    expect(await openLink(idp, first)).toEqual({ status: 410, body: { result: 'expired' } });
    await sdk.idx.proceed({ channel: 'qrcode' });
    expect((await openLink(idp, lastMessage(idp, LOGIN, 'qrcode'))).body.result).toBe('activated');
    expect((await sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);
  });
});
