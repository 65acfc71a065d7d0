/**
 * Phone and Google Authenticator, to sign in and to enrol, through the whole app (AuthApp, the
 * real okta-auth-js, the emulator over HTTP). Codes come from the emulator's outbox, or are
 * computed from the shared secret as a phone's authenticator app would (otpauth).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import { CHANNELS, type AuthView, type NextStep } from '../../shared/contract';
import { createManualScheduler } from '../session/scheduler';
import { startHarness, credentials, withoutRefresh, type AppHarness, type HarnessOptions } from '../testing/idp-harness';
import { inEnglish } from '../testing/in-english';
import { DEFAULT_POLL_MS } from './sign-in-flow';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function signedInTo(login: string): Promise<{ h: AppHarness; view: AuthView }> {
  const h = await startHarness({ scheduler: createManualScheduler() });
  cleanup.push(() => h.close());
  return { h, view: await h.view(CHANNELS.signIn, credentials(login)) };
}

function stepOf(view: AuthView): NextStep {
  if (view.status !== 'pending') throw new Error(`expected a step, got ${view.status}`);
  // As a person reads it: the catalog's messages in English.
  return inEnglish(view.step) as NextStep;
}

const proceed = (h: AppHarness, step: string, values: Record<string, string>) => h.view(CHANNELS.proceed, { step, values });
const lastCode = (h: AppHarness, login: string) => h.idp.outbox(login).filter((m) => m.code).at(-1)!.code!;
const totp = (secret: string) => new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate();

describe('phone', () => {
  it('signs in with a texted code: choose phone, choose SMS, enter the code', async () => {
    const { h, view } = await signedInTo('sms-mfa@example.com');
    const choose = stepOf(view);
    expect(choose.inputs[0]?.options).toContainEqual({ label: expect.stringMatching(/phone/i), value: 'phone_number' });
    const method = stepOf(await proceed(h, choose.name, { authenticator: 'phone_number' }));
    expect(method).toMatchObject({ name: 'authenticator-verification-data', kind: 'choice', authenticator: { key: 'phone_number' } });
    expect(method.inputs[0]?.options?.map((o) => o.value)).toEqual(['sms', 'voice']);
    const code = stepOf(await proceed(h, method.name, { methodType: 'sms' }));
    expect(code).toMatchObject({ name: 'challenge-authenticator', kind: 'code', canResend: true });
    expect(code.description).toMatch(/XXX/);
    expect(await proceed(h, code.name, { verificationCode: lastCode(h, 'sms-mfa@example.com') })).toMatchObject({ status: 'signed-in' });
  });

  it('enrols a phone: the number (a bad one gets the org\'s message), then the code', async () => {
    const { h, view } = await signedInTo('enroll-phone@example.com');
    const choose = stepOf(view);
    expect(choose).toMatchObject({ name: 'select-authenticator-enroll', kind: 'choice' });
    const phone = stepOf(await proceed(h, choose.name, { authenticator: 'phone_number' }));
    expect(phone).toMatchObject({ name: 'authenticator-enrollment-data', kind: 'phone' });
    expect(phone.inputs.map((i) => [i.name, i.type])).toEqual([
      ['methodType', 'select'],
      ['phoneNumber', 'tel'],
    ]);
    const bad = await proceed(h, phone.name, { methodType: 'sms', phoneNumber: '12' });
    expect(bad).toMatchObject({ status: 'pending', step: { name: 'authenticator-enrollment-data' }, messages: [{ level: 'error' }] });
    const code = stepOf(await proceed(h, phone.name, { methodType: 'sms', phoneNumber: '+1 555 010 0099' }));
    expect(code).toMatchObject({ name: 'enroll-authenticator', kind: 'code' });
    expect(await proceed(h, code.name, { verificationCode: lastCode(h, 'enroll-phone@example.com') })).toMatchObject({ status: 'signed-in' });
  });
});

describe('secret answers in the log', () => {
  it('while an answer is sent, a careless log line of it has the code masked and the phone number (not secret) as typed', async () => {
    // Logs, on the app's own logger, every string a request to the org carries, as free text.
    let log: AppHarness['log'] | undefined;
    const leaves = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [];
    const echoing = (inner: typeof fetch): typeof fetch =>
      (async (url: string, init: RequestInit) => {
        if (typeof init.body === 'string' && init.body.startsWith('{')) log?.warn('careless.request', { message: `sent ${leaves(JSON.parse(init.body)).join(' ')}` });
        return inner(url, init);
      }) as typeof fetch;
    const h = await startHarness({ scheduler: createManualScheduler(), wrapFetch: echoing });
    cleanup.push(() => h.close());
    log = h.log;
    const choose = stepOf(await h.view(CHANNELS.signIn, credentials('enroll-phone@example.com')));
    const phone = stepOf(await proceed(h, choose.name, { authenticator: 'phone_number' }));
    const code = stepOf(await proceed(h, phone.name, { methodType: 'sms', phoneNumber: '+1 555 010 0099' }));
    const sent = lastCode(h, 'enroll-phone@example.com');
    expect(await proceed(h, code.name, { verificationCode: sent })).toMatchObject({ status: 'signed-in' });
    const echoed = h.log.entries.filter((entry) => entry.event === 'careless.request').map((entry) => String(entry.fields['message']));
    expect(echoed.filter((line) => line.includes('+1 555 010 0099'))).toHaveLength(1);
    expect(echoed.filter((line) => line.includes(sent))).toEqual([]);
  });
});

describe('Google Authenticator', () => {
  it('signs in with the app\'s current code; the same code again is refused', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const { h, view } = await signedInTo('totp-mfa@example.com');
    const first = stepOf(view);
    const challenge = first.kind === 'choice' ? stepOf(await proceed(h, first.name, { authenticator: 'google_otp' })) : first;
    expect(challenge).toMatchObject({ name: 'challenge-authenticator', kind: 'code', authenticator: { key: 'google_otp' } });
    expect(challenge.canResend).toBeUndefined();
    const code = totp(secret);
    expect(await proceed(h, challenge.name, { verificationCode: code })).toMatchObject({ status: 'signed-in' });

    // A second sign-in with the code just used: refused with the org's message.
    await h.view(CHANNELS.signOut);
    const again = stepOf(await h.view(CHANNELS.signIn, credentials('totp-mfa@example.com')));
    const step = again.kind === 'choice' ? stepOf(await proceed(h, again.name, { authenticator: 'google_otp' })) : again;
    const used = await proceed(h, step.name, { verificationCode: code });
    expect(used).toMatchObject({ status: 'pending', messages: [{ level: 'error' }] });
  });

  it('enrols from the QR code and setup key, which reach the renderer only on that step', async () => {
    const { h, view } = await signedInTo('enroll-totp@example.com');
    const choose = stepOf(view);
    const setup = stepOf(await proceed(h, choose.name, { authenticator: 'google_otp' }));
    expect(setup).toMatchObject({ name: 'enroll-authenticator', kind: 'qr-enrollment', inputs: [{ name: 'verificationCode' }] });
    expect(setup.enrollment?.qrCode).toMatch(/^data:image\/png;base64,/);
    const key = setup.enrollment!.setupKey!;
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);
    const done = await proceed(h, setup.name, { verificationCode: totp(key) });
    expect(done).toMatchObject({ status: 'signed-in' });
    // Gone from the view and from everything main logged.
    expect(JSON.stringify(await h.state())).not.toContain(key);
    expect(JSON.stringify(h.log.entries)).not.toContain(key);
  });
});

describe('security question', () => {
  it('signs in with the answer to the enrolled question, shown as the field\'s label; a wrong answer keeps the step', async () => {
    const { h, view } = await signedInTo('question-mfa@example.com');
    const first = stepOf(view);
    const question = first.kind === 'choice' ? stepOf(await proceed(h, first.name, { authenticator: 'security_question' })) : first;
    expect(question).toMatchObject({ kind: 'question', inputs: [{ name: 'answer', secret: true, type: 'password' }] });
    expect(question.inputs[0]?.label).toMatch(/food/i);
    expect(await proceed(h, question.name, { answer: 'broccoli' })).toMatchObject({ status: 'pending', messages: [{ level: 'error' }] });
    expect(await proceed(h, question.name, { answer: 'brussels sprouts' })).toMatchObject({ status: 'signed-in' });
  });

  it('enrols with one\'s own question (questionKey custom), and refuses a too-short answer with the org\'s message', async () => {
    const { h, view } = await signedInTo('enroll-question@example.com');
    const enroll = stepOf(await proceed(h, stepOf(view).name, { authenticator: 'security_question' }));
    expect(enroll).toMatchObject({ name: 'enroll-authenticator', kind: 'question' });
    const keys = enroll.inputs.find((i) => i.name === 'questionKey')?.options?.map((o) => o.value);
    expect(keys).toContain('custom');
    expect(keys!.length).toBeGreaterThan(1);
    const short = await proceed(h, enroll.name, { questionKey: keys![0]!, answer: 'ab' });
    expect(short).toMatchObject({ status: 'pending', messages: [{ level: 'error' }] });
    expect(await proceed(h, enroll.name, { questionKey: 'custom', question: 'Name of my first robot?', answer: 'Robbie the robot' })).toMatchObject({ status: 'signed-in' });
  });
});

/** The phone's answer to the newest push (the emulator's push control). */
async function answerPush(h: AppHarness, login: string, answer: 'approve' | 'deny', number?: string) {
  const response = await fetch(`${h.idp.origin}/__admin/push/${encodeURIComponent(login)}/${answer}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${h.idp.adminToken}`, 'Content-Type': 'application/json' },
    body: number === undefined ? '' : JSON.stringify({ number: Number(number) }),
  });
  expect(response.ok).toBe(true);
}

async function pollStep(login: string, options: Pick<HarnessOptions, 'idp' | 'wrapFetch'> = {}) {
  const scheduler = createManualScheduler();
  const h = await startHarness({ scheduler, ...options });
  cleanup.push(() => h.close());
  const choose = stepOf(await h.view(CHANNELS.signIn, credentials(login)));
  let step = stepOf(await proceed(h, choose.name, { authenticator: 'okta_verify' }));
  if (step.name === 'authenticator-verification-data') step = stepOf(await proceed(h, step.name, { methodType: 'push' }));
  return { h, scheduler, step };
}

describe('Okta Verify', () => {
  it('push: a poll step; main polls at the org\'s interval and signs in once the phone approves', async () => {
    const { h, scheduler, step } = await pollStep('push-mfa@example.com');
    expect(step).toMatchObject({ name: 'challenge-poll', kind: 'poll', polling: true, authenticator: { key: 'okta_verify' } });
    expect(step.numberChallenge).toBeUndefined();
    expect(scheduler.pending()).toEqual([4000]);
    await scheduler.runDue();
    expect((await h.state()).status).toBe('pending');
    await answerPush(h, 'push-mfa@example.com', 'approve');
    await scheduler.runDue();
    expect(h.events.at(-1)).toMatchObject({ status: 'signed-in' });
  });

  it("push: polled at the interval of the org's poll step, or Okta's default when it gives none", async () => {
    expect((await pollStep('push-mfa@example.com', { idp: { pollRefreshMs: 2500 } })).scheduler.pending()).toEqual([2500]);
    expect((await pollStep('push-mfa@example.com', { idp: { pollRefreshMs: 2500 }, wrapFetch: withoutRefresh })).scheduler.pending()).toEqual([DEFAULT_POLL_MS]);
  });

  it('number challenge: the number reaches the renderer, and the right number approves', async () => {
    const { h, scheduler, step } = await pollStep('push-number@example.com');
    expect(step.numberChallenge).toMatch(/^\d+$/);
    await answerPush(h, 'push-number@example.com', 'approve', step.numberChallenge);
    await scheduler.runDue();
    expect(h.events.at(-1)).toMatchObject({ status: 'signed-in' });
  });

  it('a denied push shows the org\'s message with the other ways to verify, and polling stops', async () => {
    const { h, scheduler } = await pollStep('push-mfa@example.com');
    await answerPush(h, 'push-mfa@example.com', 'deny');
    await scheduler.runDue();
    expect(h.events.at(-1)).toMatchObject({ status: 'pending', step: { kind: 'choice' }, messages: [{ level: 'error' }] });
    expect(scheduler.pending()).toEqual([]);
  });

  it('its code: choose "Enter a code", then the TOTP from the app', async () => {
    const h = await startHarness({ scheduler: createManualScheduler() });
    cleanup.push(() => h.close());
    const choose = stepOf(await h.view(CHANNELS.signIn, credentials('push-mfa@example.com')));
    const method = stepOf(await proceed(h, choose.name, { authenticator: 'okta_verify' }));
    expect(method.inputs[0]?.options?.map((o) => o.value)).toEqual(['push', 'totp']);
    const code = stepOf(await proceed(h, method.name, { methodType: 'totp' }));
    expect(code).toMatchObject({ name: 'challenge-authenticator', kind: 'code' });
    expect(await proceed(h, code.name, { verificationCode: totp('KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF') })).toMatchObject({ status: 'signed-in' });
  });

  it('enrolment: a QR step that waits; "get a setup link" offers email or SMS instead of the QR code', async () => {
    const scheduler = createManualScheduler();
    const h = await startHarness({ scheduler });
    cleanup.push(() => h.close());
    const choose = stepOf(await h.view(CHANNELS.signIn, credentials('enroll-ov@example.com')));
    const qr = stepOf(await proceed(h, choose.name, { authenticator: 'okta_verify' }));
    expect(qr).toMatchObject({ name: 'enroll-poll', kind: 'qr-enrollment', polling: true, canChooseAnother: true, inputs: [] });
    expect(qr.enrollment?.qrCode).toMatch(/^data:image\/png;base64,/);
    const other = await h.view(CHANNELS.chooseAnother);
    // No word from the org: the choice came with the QR code, nothing was asked.
    expect(other).toMatchObject({ status: 'pending', messages: [] });
    const channels = stepOf(other);
    expect(channels).toMatchObject({ name: 'select-enrollment-channel', kind: 'choice' });
    expect(channels.inputs[0]?.options?.map((o) => o.value).sort()).toEqual(['email', 'sms']);
    const address = stepOf(await proceed(h, channels.name, { channel: 'email' }));
    expect(address).toMatchObject({ name: 'enrollment-channel-data', kind: 'form', inputs: [{ name: 'email' }] });
    const waiting = stepOf(await proceed(h, address.name, { email: 'me@example.com' }));
    expect(waiting).toMatchObject({ name: 'enroll-poll', polling: true });
    // The phone opens the activation link from the email.
    const link = h.idp.outbox('enroll-ov@example.com').filter((m) => m.link).at(-1)!.link!;
    expect((await fetch(link, { method: 'POST' })).ok || (await fetch(link)).ok).toBe(true);
    await scheduler.runDue();
    expect(h.events.at(-1)).toMatchObject({ status: 'signed-in' });
  });
});

describe('optional enrolment', () => {
  it('offers "set up later" (skip), which signs in without enrolling', async () => {
    const { h, view } = await signedInTo('optional-enroll@example.com');
    expect(view).toMatchObject({ status: 'pending', step: { name: 'select-authenticator-enroll', kind: 'choice', canSkip: true } });
    expect(await h.view(CHANNELS.skip)).toMatchObject({ status: 'signed-in' });
  });
});

describe('a person acting while main polls', () => {
  it('waits for the poll in flight instead of being refused as busy ("Can’t scan? Get a setup link" during a poll)', async () => {
    const scheduler = createManualScheduler();
    const h = await startHarness({ scheduler });
    cleanup.push(() => h.close());
    const choose = stepOf(await h.view(CHANNELS.signIn, credentials('enroll-ov@example.com')));
    await proceed(h, choose.name, { authenticator: 'okta_verify' });
    // The next poll is held at the IdP until the person has clicked.
    h.idp.faults.set('challenge-poll', { kind: 'latency', ms: 60_000 });
    const before = h.idp.counts()['challenge-poll'];
    const polling = scheduler.runDue();
    // The poll has reached the IdP (and is held there) before the person clicks.
    for (let i = 0; i < 400 && h.idp.counts()['challenge-poll'] === before; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(h.idp.counts()['challenge-poll']).toBe(before + 1);
    const clicked = h.call(CHANNELS.chooseAnother);
    h.idp.faults.release();
    await polling;
    expect(await clicked).toMatchObject({ ok: true, value: { status: 'pending', step: { name: 'select-enrollment-channel' } } });
  });
});
