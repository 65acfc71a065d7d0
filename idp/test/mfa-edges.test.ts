/**
 * The MFA endpoints under bad, stale and late requests (raw HTTP), expiry mid-poll, and the
 * emulator's log: codes, answers, secrets and link tokens never reach it.
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { DEMO_PASSWORD, type RunningIdp } from '../index';
import { idpPerTest } from './idp-per-test';
import { idxPost, startRaw } from './raw-flow';
import { admin, lastCode, lastMessage, messageKeys, openLink, signIn, testClock, totpCode } from './mfa-helpers';

const idpWith = idpPerTest();

type Doc = { messages?: { value: Array<{ i18n: { key: string } }> }; remediation?: { value: Array<{ name: string }> }; successWithInteractionCode?: unknown };

async function rawAt(idp: RunningIdp, login: string): Promise<(path: string, body?: Record<string, unknown>) => Promise<{ status: number; doc: Doc }>> {
  const tx = await startRaw(idp);
  const post = async (path: string, body: Record<string, unknown> = {}) => {
    const res = await fetch(`${idp.origin}/idp/idx/${path}`, idxPost({ stateHandle: tx.stateHandle, ...body }));
    return { status: res.status, doc: (await res.json()) as Doc };
  };
  await post('identify', { identifier: login, credentials: { passcode: DEMO_PASSWORD } });
  return post;
}

const keys = (doc: Doc) => doc.messages?.value.map((m) => m.i18n.key) ?? [];
const names = (doc: Doc) => doc.remediation?.value.map((r) => r.name) ?? [];

describe('requests the step does not expect', () => {
  it('resend, poll, send and enroll at a step without them: 400 idx.action.unavailable with the current step', async () => {
    const idp = await idpWith();
    const post = await rawAt(idp, 'email-mfa@example.com');
    for (const path of ['challenge/resend', 'challenge/poll', 'challenge/send', 'credential/enroll']) {
      const { status, doc } = await post(path);
      expect(status, path).toBe(400);
      expect(keys(doc), path).toEqual(['idx.action.unavailable']);
      expect(names(doc), path).toEqual(['select-authenticator-authenticate']);
    }
    // Google Authenticator has nothing to resend or poll.
    const totp = await rawAt(idp, 'totp-mfa@example.com');
    await totp('challenge', { authenticator: { id: 'autEmulatorGoogle001' } });
    expect((await totp('challenge/resend')).status).toBe(400);
    expect((await totp('challenge/poll')).status).toBe(400);
  });

  it('an unknown state handle on the new endpoints: 401 idx.session.expired', async () => {
    const idp = await idpWith();
    for (const path of ['challenge/resend', 'challenge/poll', 'challenge/send', 'credential/enroll']) {
      const res = await fetch(`${idp.origin}/idp/idx/${path}`, idxPost({ stateHandle: 'nope' }));
      expect(res.status, path).toBe(401);
      expect(keys((await res.json()) as Doc)).toEqual(['idx.session.expired']);
    }
  });

  it('a malformed authenticator choice or credentials: 400, the step kept', async () => {
    const idp = await idpWith();
    const post = await rawAt(idp, 'email-mfa@example.com');
    for (const authenticator of [undefined, 'okta_email', { id: 42 }, { id: 'x'.repeat(2000) }, ['autEmulatorEmail0001']]) {
      const { status, doc } = await post('challenge', { authenticator });
      expect(status, JSON.stringify(authenticator)).toBe(400);
      expect(names(doc)).toEqual(['select-authenticator-authenticate']);
    }
    await post('challenge', { authenticator: { id: 'autEmulatorEmail0001' } });
    for (const credentials of [undefined, 'abc', { passcode: 123456 }, { passcode: '' }]) {
      const { status, doc } = await post('challenge/answer', { credentials });
      expect(status, JSON.stringify(credentials)).toBe(400);
      expect(names(doc)[0]).toBe('challenge-authenticator');
    }
  });

  it('a poll that arrives after cancel does not complete anything', async () => {
    const idp = await idpWith();
    const post = await rawAt(idp, 'push-mfa@example.com');
    await post('challenge', { authenticator: { id: 'autEmulatorVerify001', methodType: 'push' } });
    expect(names((await post('challenge/poll')).doc)[0]).toBe('challenge-poll');
    await post('cancel');
    expect((await admin(idp, 'push/push-mfa@example.com/approve', { method: 'POST' })).status).toBe(404);
    const late = await post('challenge/poll');
    expect(late.status).toBe(400);
    expect(late.doc.successWithInteractionCode).toBeUndefined();
    expect(names(late.doc)).toEqual(['identify', 'select-enroll-profile', 'unlock-account']);
  });

  it('a transaction that expires while polling a push answers idx.session.expired (TERMINAL)', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { sdk } = await signIn(idp, 'push-mfa@example.com');
    await sdk.idx.proceed({ authenticator: 'okta_verify', methodType: 'push' });
    clock.advance(600_000);
    const late = await sdk.idx.poll();
    expect(late.status).toBe(IdxStatus.TERMINAL);
    expect(messageKeys(late)).toEqual(['idx.session.expired']);
    expect((await admin(idp, 'push/push-mfa@example.com/approve', { method: 'POST' })).status).toBe(404);
  });

  it('the outbox is per run and bounded to the newest messages', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now, resendCooldownSeconds: 0 });
    const { sdk } = await signIn(idp, 'email-mfa@example.com');
    const challenge = await sdk.idx.proceed({ authenticator: 'okta_email' });
    const stateHandle = challenge.context?.stateHandle;
    for (let i = 0; i < 505; i++) await fetch(`${idp.origin}/idp/idx/challenge/resend`, idxPost({ stateHandle }));
    expect(idp.outbox()).toHaveLength(500);
    expect((await sdk.idx.proceed({ verificationCode: lastCode(idp, 'email-mfa@example.com') })).status).toBe(IdxStatus.SUCCESS);
  });
});

describe('the log', () => {
  it('never holds a code, answer, secret or link token, though the outbox does', async () => {
    const lines: string[] = [];
    const clock = testClock();
    const idp = await idpWith({ now: clock.now, log: (line) => lines.push(line) });
    const secrets: string[] = [];

    const email = await signIn(idp, 'email-mfa@example.com');
    await email.sdk.idx.proceed({ authenticator: 'okta_email' });
    const mail = lastMessage(idp, 'email-mfa@example.com');
    secrets.push(mail.code ?? '', new URL(mail.link ?? '').searchParams.get('token') ?? '');
    await email.sdk.idx.proceed({ verificationCode: mail.code });

    const sms = await signIn(idp, 'sms-mfa@example.com');
    await sms.sdk.idx.proceed({ authenticator: 'phone_number', methodType: 'sms' });
    secrets.push(lastCode(idp, 'sms-mfa@example.com'));
    await sms.sdk.idx.proceed({ verificationCode: lastCode(idp, 'sms-mfa@example.com') });

    const totp = await signIn(idp, 'enroll-totp@example.com');
    const shown = await totp.sdk.idx.proceed({ authenticator: 'google_otp' });
    const secret = shown.nextStep?.authenticator?.contextualData?.sharedSecret ?? '';
    secrets.push(secret, totpCode(secret, clock.now()));
    await totp.sdk.idx.proceed({ verificationCode: totpCode(secret, clock.now()) });

    const question = await signIn(idp, 'question-mfa@example.com');
    await question.sdk.idx.proceed({ authenticator: 'security_question' });
    await question.sdk.idx.proceed({ answer: 'Brussels sprouts' });
    secrets.push('Brussels sprouts', 'brussels sprouts');

    const ov = await signIn(idp, 'enroll-ov@example.com');
    await ov.sdk.idx.proceed({ authenticator: 'okta_verify' });
    const qr = lastMessage(idp, 'enroll-ov@example.com', 'qrcode');
    const activated = await openLink(idp, qr);
    secrets.push(String(activated.body.secret), new URL(qr.link ?? '').searchParams.get('token') ?? '');
    expect((await ov.sdk.idx.poll()).status).toBe(IdxStatus.SUCCESS);

    const log = lines.join('\n');
    expect(log).toMatch(/email code sent to email-mfa@example\.com/);
    expect(log).toMatch(/okta_verify enrolled for enroll-ov@example\.com/);
    for (const value of secrets) {
      expect(value.length).toBeGreaterThanOrEqual(6);
      expect(log).not.toContain(value);
    }
  });
});
