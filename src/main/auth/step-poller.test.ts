import { describe, expect, it, vi } from 'vitest';
import { createManualScheduler } from '../session/scheduler';
import { createStepPoller, type PollNext } from './step-poller';

function setUp(options: { interval?: number | undefined; answers?: PollNext[]; canRun?: () => boolean } = {}) {
  const scheduler = createManualScheduler();
  const state = { interval: 'interval' in options ? options.interval : 4000, polls: 0 };
  const answers = [...(options.answers ?? [])];
  const onError = vi.fn();
  const poller = createStepPoller({
    scheduler,
    intervalMs: () => state.interval,
    canRun: options.canRun ?? (() => true),
    pollOnce: async () => {
      state.polls += 1;
      const next = answers.shift() ?? 'again';
      if ((next as string) === 'throw') throw new Error('boom');
      return next;
    },
    onError,
  });
  return { scheduler, state, poller, onError };
}

describe('step poller', () => {
  it('does nothing for a step that waits for nothing', () => {
    const { scheduler, poller } = setUp({ interval: undefined });
    poller.start();
    expect(scheduler.pending()).toEqual([]);
  });

  it('polls at the step\'s interval, one poll per tick, until the step stops waiting', async () => {
    const { scheduler, state, poller } = setUp({ answers: ['again', 'again'] });
    poller.start();
    poller.start();
    expect(scheduler.pending()).toEqual([4000]);
    await scheduler.runDue();
    await scheduler.runDue();
    expect(state.polls).toBe(2);
    expect(scheduler.pending()).toEqual([4000]);
    state.interval = undefined;
    await scheduler.runDue();
    expect(scheduler.pending()).toEqual([]);
  });

  it('stops when a poll says so, and on stop()', async () => {
    const { scheduler, poller } = setUp({ answers: ['stop'] });
    poller.start();
    await scheduler.runDue();
    expect(scheduler.pending()).toEqual([]);
    poller.start();
    poller.stop();
    expect(scheduler.pending()).toEqual([]);
  });

  it('backs off after failed polls (doubling, capped at a minute) and returns to the interval after a good one', async () => {
    const { scheduler, poller } = setUp({ answers: ['backoff', 'backoff', 'backoff', 'backoff', 'backoff', 'again'] });
    poller.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      delays.push(scheduler.pending()[0]!);
      await scheduler.runDue();
    }
    delays.push(scheduler.pending()[0]!);
    expect(delays).toEqual([4000, 8000, 16000, 32000, 60000, 60000, 4000]);
  });

  it('counts an exception as a failed poll and reports it', async () => {
    const { scheduler, poller, onError } = setUp({ answers: ['throw' as PollNext] });
    poller.start();
    await scheduler.runDue();
    expect(onError).toHaveBeenCalledOnce();
    expect(scheduler.pending()).toEqual([8000]);
  });

  it('waits a turn while a user action runs instead of polling beside it', async () => {
    let busy = true;
    const { scheduler, state, poller } = setUp({ canRun: () => !busy });
    poller.start();
    await scheduler.runDue();
    expect(state.polls).toBe(0);
    expect(scheduler.pending()).toEqual([4000]);
    busy = false;
    await scheduler.runDue();
    expect(state.polls).toBe(1);
  });
});

describe('step poller settled()', () => {
  it('resolves at once when idle, and only after the poll in flight when one runs', async () => {
    const scheduler = createManualScheduler();
    let finish: (next: PollNext) => void = () => {};
    const poller = createStepPoller({
      scheduler,
      intervalMs: () => 4000,
      canRun: () => true,
      pollOnce: () => new Promise<PollNext>((resolve) => (finish = resolve)),
      onError: () => {},
    });
    await poller.settled();
    poller.start();
    const tick = scheduler.runDue();
    let settled = false;
    const waiting = poller.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish('again');
    await waiting;
    await tick;
    expect(settled).toBe(true);
  });
});
