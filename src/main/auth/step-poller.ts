/**
 * One poller for the sign-in transaction: while the current step waits for something that happens
 * elsewhere (an Okta Verify push approved, the email's link opened, Okta Verify set up), it asks
 * at the org's interval. It runs one poll at a time, never while a user action is running, stops
 * as soon as the step no longer waits (cancel, sign-out, terminal, success, app quit), and waits
 * longer after each answer the IdP could not give (unreachable, 429, 5xx).
 */
import type { Scheduler } from '../session/scheduler';

/** What one poll asks for next: the same interval, a longer one, or nothing more. */
export type PollNext = 'again' | 'backoff' | 'stop';

export interface StepPollerDeps {
  readonly scheduler: Scheduler;
  /** The interval the current step asks for, or undefined when it waits for nothing. */
  intervalMs(): number | undefined;
  /** False while something else talks to the IdP; the poll is tried again one interval later. */
  canRun(): boolean;
  pollOnce(): Promise<PollNext>;
  onError(error: unknown): void;
}

export interface StepPoller {
  /** Polls the current step if it waits for something; safe to call after every action. */
  start(): void;
  stop(): void;
  /**
   * Resolves once no poll is running. A person's action waits for it rather than being refused as
   * "busy": the poll is the app's own background work, not a second click.
   */
  settled(): Promise<void>;
}

/** After this many failed polls in a row the delay stops growing. */
const MAX_BACKOFF_STEPS = 4;
const MAX_DELAY_MS = 60_000;

export function createStepPoller(deps: StepPollerDeps): StepPoller {
  let cancel: (() => void) | undefined;
  let failures = 0;
  let running: Promise<PollNext> | undefined;

  function stop(): void {
    cancel?.();
    cancel = undefined;
  }

  function schedule(): void {
    stop();
    const interval = deps.intervalMs();
    if (interval === undefined) {
      failures = 0;
      return;
    }
    const delay = Math.min(MAX_DELAY_MS, interval * 2 ** Math.min(failures, MAX_BACKOFF_STEPS));
    cancel = deps.scheduler.set(tick, delay);
  }

  async function tick(): Promise<void> {
    cancel = undefined;
    // No second tick can start while one runs: only a finished tick, or start() when none runs, schedules.
    if (!deps.canRun()) {
      schedule();
      return;
    }
    running = deps.pollOnce().catch((error: unknown) => {
      deps.onError(error);
      return 'backoff' as const;
    });
    let next: PollNext;
    try {
      next = await running;
    } finally {
      running = undefined;
    }
    failures = next === 'backoff' ? failures + 1 : 0;
    // A user action may have started and scheduled its own poll meanwhile.
    if (next !== 'stop' && !cancel) schedule();
  }

  return {
    start() {
      failures = 0;
      if (!running) schedule();
    },
    stop,
    async settled() {
      await running;
    },
  };
}
