/**
 * abortCall: the person stops a sign-in the org is slow to answer. The request in flight is
 * aborted, the SDK sends nothing more for it, and the form comes back; the emulator holds the
 * request with a latency fault released by the test (no sleeps).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { credentials, startHarness, type AppHarness } from '../testing/idp-harness';
import { ABORTED_MESSAGE } from './sign-in-flow';

const open: AppHarness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A harness whose fetch records every URL the app sends. */
async function watched() {
  const sent: string[] = [];
  const h = await startHarness({
    wrapFetch: (inner) =>
      ((url: string, init: RequestInit) => {
        sent.push(String(url));
        return inner(url, init);
      }) as typeof fetch,
  });
  open.push(h);
  return { h, sent };
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

  it('with nothing in flight it changes nothing and answers the current view', async () => {
    const { h } = await watched();
    const pending = await h.view(CHANNELS.signIn, credentials('expired@example.com'));
    expect(await h.call(CHANNELS.abortCall)).toEqual({ ok: true, value: pending });
    expect(await h.view(CHANNELS.getState)).toEqual(pending);
  });
});
