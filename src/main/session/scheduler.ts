/**
 * Time for the session's background work (refresh ahead of expiry, retries with backoff), behind
 * an interface so tests drive it by hand instead of sleeping.
 */

/** A background task; the promise lets tests wait for the work a timer started. */
export type Task = () => Promise<void> | void;

export interface Scheduler {
  /** Runs `task` once after `delayMs`; the returned function cancels it. */
  set(task: Task, delayMs: number): () => void;
}

export type Clock = () => number;

// setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days).
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Real timers, unref()ed so a pending refresh never keeps the process alive. */
export const realScheduler: Scheduler = {
  set(task, delayMs) {
    const timer = setTimeout(() => void task(), Math.min(Math.max(0, delayMs), MAX_DELAY_MS));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface ManualScheduler extends Scheduler {
  /** Delays of the tasks still waiting, in the order they were set. */
  pending(): number[];
  /** Runs every task waiting now (not those they set in turn) and waits for them. */
  runDue(): Promise<void>;
}

/** For tests: nothing runs until `runDue()` is called. */
export function createManualScheduler(): ManualScheduler {
  let next = 0;
  const tasks = new Map<number, { task: Task; delayMs: number }>();
  return {
    set(task, delayMs) {
      const id = next++;
      tasks.set(id, { task, delayMs });
      return () => void tasks.delete(id);
    },
    pending: () => [...tasks.values()].map((t) => t.delayMs),
    async runDue() {
      const due = [...tasks.entries()];
      tasks.clear();
      await Promise.all(due.map(([, t]) => t.task()));
    },
  };
}

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Delay before retry number `attempt` (1-based): 5 s, 10 s, 20 s, ... capped at 5 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
}
