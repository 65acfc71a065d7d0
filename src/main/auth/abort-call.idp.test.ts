/**
 * abortCall: the person stops a sign-in the org is slow to answer. The request in flight is
 * aborted, the SDK sends nothing more for it, and the form comes back; the emulator holds the
 * request with a latency fault released by the test (no sleeps).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { createManualScheduler } from '../session/scheduler';
import { credentials, startHarness, type AppHarness, type HarnessOptions } from '../testing/idp-harness';
import { ABORTED_MESSAGE } from './sign-in-flow';

const open: AppHarness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A harness whose fetch records every URL the app sends. */
async function watched(options: HarnessOptions = {}) {
  const sent: string[] = [];
  const signals: AbortSignal[] = [];
  const h = await startHarness({
    ...options,
    wrapFetch: (inner) =>
      ((url: string, init: RequestInit) => {
        sent.push(String(url));
        signals.push(init.signal!);
        return inner(url, init);
      }) as typeof fetch,
  });
  open.push(h);
  return { h, sent, signals };
}

describe('abortCall', () => {
  it('stops a sign-in held at the org: the form comes back saying so, and nothing more is sent for it', async () => {
    const { h, sent } = await watched();
    h.idp.faults.set('identify', { kind: 'latency', ms: 120_000, times: 1 });

    const signingIn = h.call(CHANNELS.signIn, credentials('alice@example.com'));
    await h.idp.faults.holding();
    const sentBefore = sent.length;
    const aborted = await h.call(CHANNELS.abortCall);

    const expected = { status: 'signed-out', messages: [ABORTED_MESSAGE] };
    expect(aborted).toEqual({ ok: true, value: expected });
    expect(await signingIn).toEqual({ ok: true, value: expected });
    expect(sent.length).toBe(sentBefore);

    // The org answers the held request now; nobody is listening. The next sign-in is a new one.
    h.idp.faults.release();
    expect(await h.view(CHANNELS.signIn, credentials('alice@example.com'))).toMatchObject({ status: 'signed-in' });
    expect(h.idp.counts().token).toBe(1);
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.aborted')).toEqual([
      expect.objectContaining({ level: 'info', fields: { action: 'sign-in' } }),
    ]);
  });

  it('stops an answer to a step the same way', async () => {
    const { h, sent } = await watched();
    expect(await h.view(CHANNELS.signIn, credentials('expired@example.com'))).toMatchObject({ status: 'pending' });
    h.idp.faults.set('challenge-answer', { kind: 'latency', ms: 120_000, times: 1 });
    const answering = h.call(CHANNELS.proceed, { step: 'reenroll-authenticator', values: { newPassword: 'Brand-New-Passw0rd' } });
    await h.idp.faults.holding();
    const sentBefore = sent.length;
    expect(await h.call(CHANNELS.abortCall)).toEqual({ ok: true, value: { status: 'signed-out', messages: [ABORTED_MESSAGE] } });
    expect(await answering).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    expect(sent.length).toBe(sentBefore);
    h.idp.faults.release();
  });

  it('stops an answer that waits for a poll the org holds: the poll is cut, the answer never sent', async () => {
    const scheduler = createManualScheduler();
    // Longer than the test may take: only the Stop can end the held poll.
    const { h, sent, signals } = await watched({ scheduler, requestTimeoutMs: 60_000 });
    await h.view(CHANNELS.signIn, credentials('email-mfa@example.com'));
    expect(await h.view(CHANNELS.proceed, { step: 'select-authenticator-authenticate', values: { authenticator: 'okta_email' } })).toMatchObject({
      status: 'pending',
      step: { name: 'challenge-authenticator' },
    });
    // The email's poll is due and the org holds it; the person answers meanwhile, then presses Stop.
    h.idp.faults.set('challenge-poll', { kind: 'latency', ms: 120_000, times: 1 });
    const polling = scheduler.runDue();
    await h.idp.faults.holding();
    const poll = signals.at(-1)!;
    expect(sent.at(-1)).toMatch(/\/idp\/idx\/challenge\/poll$/);
    const counts = h.idp.counts();
    const answering = h.call(CHANNELS.proceed, { step: 'challenge-authenticator', values: { verificationCode: '123456' } });
    const sentBefore = sent.length;

    const expected = { status: 'signed-out', messages: [ABORTED_MESSAGE] };
    expect(await h.call(CHANNELS.abortCall)).toEqual({ ok: true, value: expected });
    expect(poll.aborted).toBe(true);
    expect(await answering).toEqual({ ok: true, value: expected });
    await polling;
    expect(sent.length).toBe(sentBefore);
    h.idp.faults.release();
    expect(h.idp.counts()).toEqual(counts);
    expect(scheduler.pending()).toEqual([]);
    expect(await h.state()).toEqual(expected);
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.aborted')).toEqual([
      expect.objectContaining({ level: 'info', fields: { action: 'proceed' } }),
    ]);
    expect(h.log.entries.filter((entry) => entry.event === 'sign-in.poll-stopped')).toHaveLength(1);
  });

  it('leaves a poll alone when no action waits for it', async () => {
    const scheduler = createManualScheduler();
    const { h } = await watched({ scheduler });
    await h.view(CHANNELS.signIn, credentials('email-mfa@example.com'));
    const pending = await h.view(CHANNELS.proceed, { step: 'select-authenticator-authenticate', values: { authenticator: 'okta_email' } });
    h.idp.faults.set('challenge-poll', { kind: 'latency', ms: 120_000, times: 1 });
    const polling = scheduler.runDue();
    await h.idp.faults.holding();
    expect(await h.call(CHANNELS.abortCall)).toEqual({ ok: true, value: pending });
    h.idp.faults.release();
    await polling;
    expect(await h.state()).toEqual(pending);
    expect(scheduler.pending()).toEqual([4000]);
    expect(h.log.entries.some((entry) => entry.event === 'sign-in.poll-stopped')).toBe(false);
  });

  it('with nothing in flight it changes nothing and answers the current view', async () => {
    const { h } = await watched();
    const pending = await h.view(CHANNELS.signIn, credentials('expired@example.com'));
    expect(await h.call(CHANNELS.abortCall)).toEqual({ ok: true, value: pending });
    expect(await h.view(CHANNELS.getState)).toEqual(pending);
  });
});
