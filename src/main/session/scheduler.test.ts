/** The timers behind the session's background work: real ones (clamped, unref'd, cancellable) and the manual ones tests drive. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, createManualScheduler, realScheduler } from './scheduler';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('realScheduler', () => {
  it('runs the task once after its delay, not before', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    realScheduler.set(task, 1_000);
    vi.advanceTimersByTime(999);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs a negative delay at once', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    realScheduler.set(task, -5_000);
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('caps a delay past setTimeout’s limit (2^31-1 ms) instead of letting it fire at once', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    realScheduler.set(task, 30 * 24 * 3600 * 1000); // 30 days: a refresh token's renewal
    vi.advanceTimersByTime(2 ** 31 - 2);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('cancels', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    const cancel = realScheduler.set(task, 1_000);
    cancel();
    vi.advanceTimersByTime(5_000);
    expect(task).not.toHaveBeenCalled();
  });

  it('does not keep the process alive: the timer is unref’d', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const cancel = realScheduler.set(() => {}, 60_000);
    const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    cancel();
  });
});

describe('createManualScheduler', () => {
  it('runs what is due once, and a task set meanwhile waits for the next call', async () => {
    const scheduler = createManualScheduler();
    const order: string[] = [];
    scheduler.set(() => void order.push('a'), 5);
    const cancelB = scheduler.set(() => void order.push('b'), 7);
    scheduler.set(() => {
      order.push('c');
      scheduler.set(() => void order.push('d'), 1);
    }, 9);
    expect(scheduler.pending()).toEqual([5, 7, 9]);
    cancelB();
    expect(scheduler.pending()).toEqual([5, 9]);
    await scheduler.runDue();
    expect(order).toEqual(['a', 'c']);
    expect(scheduler.pending()).toEqual([1]);
    await scheduler.runDue();
    expect(order).toEqual(['a', 'c', 'd']);
    expect(scheduler.pending()).toEqual([]);
  });
});

describe('backoffMs', () => {
  it('doubles from 5 s and stops at 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 6, 7, 20].map(backoffMs)).toEqual([5_000, 5_000, 10_000, 20_000, 40_000, 160_000, 300_000, 300_000]);
  });
});
