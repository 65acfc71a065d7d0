/**
 * Email as a second factor through the whole app (AuthApp, real okta-auth-js, the emulator over
 * HTTP): the choice, the code step with what the renderer needs, a wrong then a right code,
 * "send again", "verify with something else", and the email's link completing the sign-in while
 * main polls. Timers are a manual scheduler, so nothing sleeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type AuthView } from '../../shared/contract';
import { createManualScheduler } from '../session/scheduler';
import { startHarness, credentials, withoutRefresh, type AppHarness, type HarnessOptions } from '../testing/idp-harness';
import { inEnglish } from '../testing/in-english';
import { DEFAULT_POLL_MS } from './sign-in-flow';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function atEmailCode(login = 'email-mfa@example.com', { idp, wrapFetch }: Pick<HarnessOptions, 'idp' | 'wrapFetch'> = {}) {
  const scheduler = createManualScheduler();
  // The org's clock, moved by tests (code expiry, resend cooldown).
  const orgClock = { offsetMs: 0 };
  const h = await startHarness({ scheduler, idp: { now: () => Date.now() + orgClock.offsetMs, ...idp }, wrapFetch });
  cleanup.push(() => h.close());
  const choice = await h.view(CHANNELS.signIn, credentials(login));
  expect(choice).toMatchObject({ status: 'pending', step: { name: 'select-authenticator-authenticate', kind: 'choice' } });
  const options = choice.status === 'pending' ? choice.step.inputs[0]?.options : undefined;
  expect(options).toContainEqual({ label: 'Email', value: 'okta_email' });
  const code = await h.view(CHANNELS.proceed, { step: 'select-authenticator-authenticate', values: { authenticator: 'okta_email' } });
  return { h, scheduler, code, orgClock };
}

const lastCode = (h: AppHarness, login: string) => h.idp.outbox(login).filter((m) => m.code).at(-1)!.code!;
// As a person reads it: the catalog's messages in English.
const stepOf = (view: AuthView) => (view.status === 'pending' ? (inEnglish(view.step) as typeof view.step) : undefined);

describe('email as a second factor', () => {
  it('shows a code step that says where the code went, and signs in with the emailed code', async () => {
    const { h, code } = await atEmailCode();
    expect(stepOf(code)).toMatchObject({
      name: 'challenge-authenticator',
      kind: 'code',
      title: 'Check your email',
      authenticator: { key: 'okta_email' },
      canResend: true,
      inputs: [{ name: 'verificationCode', secret: true, autocomplete: 'one-time-code' }],
    });
    expect(stepOf(code)?.description).toMatch(/We sent a code to e\S*@example\.com/);
    const signedIn = await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: lastCode(h, 'email-mfa@example.com') } });
    expect(signedIn).toMatchObject({ status: 'signed-in', profile: { email: 'email-mfa@example.com' } });
    // No word of a password change: the code step set none.
    expect(signedIn.status === 'signed-in' && signedIn.messages).toEqual([]);
  });

  it('a wrong code keeps the step with the org\'s message; the right one still works', async () => {
    const { h } = await atEmailCode();
    const wrong = await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: '000000' } });
    expect(wrong).toMatchObject({ status: 'pending', step: { name: 'challenge-authenticator', kind: 'code' } });
    expect(wrong.status === 'pending' && wrong.messages[0]?.level).toBe('error');
    expect(await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: lastCode(h, 'email-mfa@example.com') } })).toMatchObject({
      status: 'signed-in',
    });
  });

  it('"send again" sends a new code and the old one stops working', async () => {
    const { h, orgClock } = await atEmailCode();
    const first = lastCode(h, 'email-mfa@example.com');
    // The org's cooldown is 30 s: a resend before that sends nothing and says so.
    const early = await h.view(CHANNELS.resend);
    expect(early.status === 'pending' && early.messages[0]?.text).toMatch(/wait/i);
    expect(lastCode(h, 'email-mfa@example.com')).toBe(first);
    orgClock.offsetMs = 31_000;
    const again = await h.view(CHANNELS.resend);
    expect(again).toMatchObject({ status: 'pending', step: { name: 'challenge-authenticator' } });
    const second = lastCode(h, 'email-mfa@example.com');
    expect(second).not.toBe(first);
    const old = await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: first } });
    expect(old.status).toBe('pending');
    expect(await h.view(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: second } })).toMatchObject({ status: 'signed-in' });
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.result').map((entry) => entry.fields['action'])).toEqual(['sign-in', 'proceed', 'resend', 'resend', 'proceed', 'proceed']);
  });

  it('completes when the email\'s link is opened elsewhere: main polls and pushes the signed-in view', async () => {
    const { h, scheduler } = await atEmailCode();
    expect(scheduler.pending()).toEqual([4000]);
    await scheduler.runDue();
    expect((await h.state()).status).toBe('pending');
    const link = h.idp.outbox('email-mfa@example.com').filter((m) => m.link).at(-1)!.link!;
    expect((await fetch(link)).ok).toBe(true);
    await scheduler.runDue();
    expect(h.events.at(-1)).toMatchObject({ status: 'signed-in', profile: { email: 'email-mfa@example.com' } });
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.result' && entry.fields['action'] === 'poll')).toEqual([
      { level: 'info', event: 'sign-in.result', fields: { action: 'poll', status: 'SUCCESS' } },
    ]);
    // No more polling; what is left is the session's own renewal ahead of expiry.
    expect(scheduler.pending()).toHaveLength(1);
    expect(scheduler.pending()[0]).toBeGreaterThan(3_000_000);
  });

  it("polls the email's link at the interval the org's challenge gives, no faster than once a second", async () => {
    expect((await atEmailCode('email-mfa@example.com', { idp: { pollRefreshMs: 2500 } })).scheduler.pending()).toEqual([2500]);
    expect((await atEmailCode('email-mfa@example.com', { idp: { pollRefreshMs: 100 } })).scheduler.pending()).toEqual([1000]);
  });

  it("polls at Okta's default interval when the org's challenge gives none", async () => {
    expect((await atEmailCode('email-mfa@example.com', { idp: { pollRefreshMs: 2500 }, wrapFetch: withoutRefresh })).scheduler.pending()).toEqual([DEFAULT_POLL_MS]);
  });

  it('a poll that finds nothing new pushes no view and keeps polling', async () => {
    const { h, scheduler } = await atEmailCode();
    const events = h.events.length;
    await scheduler.runDue();
    await scheduler.runDue();
    expect(h.events.length).toBe(events);
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.result' && entry.fields['action'] === 'poll')).toEqual([]);
    expect(scheduler.pending()).toEqual([4000]);
  });

  it.each([
    ['a 500', { kind: 'status', status: 500, times: 1 }],
    ['a dropped connection', { kind: 'drop', times: 1 }],
  ] as const)('a poll answered with %s keeps the step and polls again later', async (_name, fault) => {
    const { h, scheduler } = await atEmailCode();
    const events = h.events.length;
    h.idp.faults.set('challenge-poll', fault);
    await scheduler.runDue();
    expect(h.events.length).toBe(events);
    // Twice the org's interval: a busy or unreachable org is asked less often.
    expect(scheduler.pending()).toEqual([8000]);
    expect((await h.state()).status).toBe('pending');
    expect(h.log.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('stops polling when the user cancels', async () => {
    const { h, scheduler } = await atEmailCode();
    expect(scheduler.pending()).toHaveLength(1);
    expect(await h.view(CHANNELS.cancel)).toEqual({ status: 'signed-out', messages: [] });
    expect(scheduler.pending()).toEqual([]);
  });
});
