/**
 * What the app owes its listeners and what dispose() ends, through the whole app (AuthApp, the
 * real okta-auth-js, the emulator over HTTP): a listener that throws costs the others nothing,
 * one that left hears nothing more, and a disposed app polls no more and pushes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type AuthView } from '../shared/contract';
import { createCapturingLogger } from './log/logger';
import { createManualScheduler, type Scheduler } from './session/scheduler';
import { credentials, holdNext, startHarness, type AppHarness } from './testing/idp-harness';

const open: AppHarness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<AppHarness> {
  const h = await startHarness(options);
  open.push(h);
  return h;
}

describe('listeners', () => {
  it('one that throws is logged by the error’s name; the others and the action carry on', async () => {
    const h = await harness();
    const after: AuthView[] = [];
    h.app.onStateChanged(() => {
      throw new RangeError('listener bug with a secret: hunter2');
    });
    h.app.onStateChanged((view) => after.push(view));
    const view = await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(view.status).toBe('signed-in');
    expect(after.at(-1)).toStrictEqual(view);
    const failures = h.log.entries.filter((e) => e.event === 'app.listener-failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toStrictEqual({ level: 'error', event: 'app.listener-failed', fields: { error: 'RangeError' } });
    expect(JSON.stringify(h.log.entries)).not.toContain('hunter2');
  });

  it('one that left hears nothing more; the others still do', async () => {
    const h = await harness();
    const left: AuthView[] = [];
    const leave = h.app.onStateChanged((view) => left.push(view));
    leave();
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    expect(left).toStrictEqual([]);
    expect(h.events.at(-1)?.status).toBe('signed-in');
  });
});

/** Signed in as far as Okta Verify's push: the app polls, on `scheduler`'s timers. */
async function waitingForPush(scheduler: Scheduler = createManualScheduler()) {
  const h = await harness({ scheduler });
  const choose = await h.view(CHANNELS.signIn, credentials('push-mfa@example.com'));
  if (choose.status !== 'pending') throw new Error(`expected a step, got ${choose.status}`);
  let step = await h.view(CHANNELS.proceed, { step: choose.step.name, values: { authenticator: 'okta_verify' } });
  if (step.status === 'pending' && step.step.name === 'authenticator-verification-data') {
    step = await h.view(CHANNELS.proceed, { step: step.step.name, values: { methodType: 'push' } });
  }
  expect(step).toMatchObject({ status: 'pending', step: { kind: 'poll' } });
  return h;
}

/** The phone approves the newest push of push-mfa@ (the emulator's push control). */
async function approvePush(h: AppHarness): Promise<void> {
  const answered = await fetch(`${h.idp.origin}/__admin/push/${encodeURIComponent('push-mfa@example.com')}/approve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${h.idp.adminToken}` },
  });
  expect(answered.ok).toBe(true);
}

describe('dispose()', () => {

  it('stops the poll that was waiting: no timer left, no request to the org, no view pushed', async () => {
    const scheduler = createManualScheduler();
    const h = await waitingForPush(scheduler);
    expect(scheduler.pending().length).toBeGreaterThan(0);
    const events = h.events.length;
    const polls = h.idp.counts()['challenge-poll'];
    await h.app.dispose();
    expect(scheduler.pending()).toStrictEqual([]);
    await scheduler.runDue();
    expect(h.idp.counts()['challenge-poll']).toBe(polls);
    expect(h.events.length).toBe(events);
  });

  it('pushes nothing to the listeners it had, even when the org answers later', async () => {
    const scheduler = createManualScheduler();
    const h = await waitingForPush(scheduler);
    const heard: AuthView[] = [];
    h.app.onStateChanged((view) => heard.push(view));
    await h.app.dispose();
    await approvePush(h);
    await scheduler.runDue();
    expect(heard).toStrictEqual([]);
  });

  it('pushes nothing to its listeners from an action that was under way when it was disposed', async () => {
    const h = await harness();
    const heard: AuthView[] = [];
    h.app.onStateChanged((view) => heard.push(view));
    let signingIn: Promise<unknown> | undefined;
    await holdNext(h, 'identify', () => (signingIn = h.call(CHANNELS.signIn, credentials('alice@example.com'))));
    await h.app.dispose();
    h.idp.faults.release();
    await signingIn;
    expect(heard).toStrictEqual([]);
  });
});

describe('a restore that fails for a reason nobody foresaw', () => {
  it('is logged by the error’s name, and the app starts signed out with nothing said', async () => {
    const h = await harness();
    await h.view(CHANNELS.signIn, credentials('alice@example.com'));
    const log = createCapturingLogger();
    const broken = {
      set: () => {
        throw new RangeError('no timers left');
      },
    };
    const next = await h.launch({ scheduler: broken, log });
    expect(await next.state()).toStrictEqual({ status: 'signed-out', messages: [] });
    expect(log.entries.filter((e) => e.event === 'app.restore-failed')).toStrictEqual([{ level: 'error', event: 'app.restore-failed', fields: { error: 'RangeError' } }]);
  });
});

/**
 * A scheduler that runs polls by hand but throws when the new session schedules its renewal (the
 * one long delay): what no org answer can cause, so each of the app's last-resort catches is seen.
 */
function failingRenewal() {
  const manual = createManualScheduler();
  return {
    manual,
    scheduler: {
      set: (task: () => Promise<void> | void, delayMs: number) => {
        if (delayMs > 60_000) throw new RangeError('no timers left');
        return manual.set(task, delayMs);
      },
    },
  };
}

describe('a failure nobody foresaw, while a session starts', () => {
  it('in an action: a generic internal error, logged with the action and the error’s name', async () => {
    const { scheduler } = failingRenewal();
    const h = await harness({ scheduler });
    expect(await h.call(CHANNELS.signIn, credentials('alice@example.com'))).toStrictEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong. Please try again.' },
    });
    expect(h.log.entries.filter((e) => e.event === 'app.unexpected-error')).toStrictEqual([
      { level: 'error', event: 'app.unexpected-error', fields: { method: 'signIn', error: 'RangeError' } },
    ]);
  });

  it('in a poll: logged by the error’s name', async () => {
    const { scheduler, manual } = failingRenewal();
    const h = await waitingForPush(scheduler);
    expect(manual.pending()).toStrictEqual([4000]);
    await approvePush(h);
    await manual.runDue();
    expect(h.log.entries.filter((e) => e.event === 'sign-in.poll-failed')).toStrictEqual([{ level: 'error', event: 'sign-in.poll-failed', fields: { error: 'RangeError' } }]);
  });
});
