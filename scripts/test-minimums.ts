/**
 * The floor under each runner's test count in `npm test` (scripts/test.mjs): a run that reports
 * zero tests, or far fewer than the committed minimum in test-minimums.json, fails even if
 * everything it did run passed. That is what a stray `.only`, a mistyped include glob or a spec
 * file that stops collecting look like from the outside.
 *
 * Plain TypeScript with no imports, so test.mjs can load it under Node's type stripping.
 */

export interface RunnerCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface CountCheck {
  /** At least this many tests must have run (passed + failed). */
  minimum: number;
  /**
   * The runner's tests are all expected to skip here (e.g. the Electron journeys with no
   * Electron binary): then none may run and at least `minimum` must report skipped, so a
   * journey that silently vanished still shows.
   */
  allSkipped?: boolean;
}

/** Why the counts fall short, or undefined when they are enough. */
export function countShortfall(counts: RunnerCounts, check: CountCheck): string | undefined {
  const ran = counts.passed + counts.failed;
  if (check.allSkipped) {
    if (ran > 0) return `expected every test to skip, but ${ran} ran`;
    if (counts.skipped < check.minimum) {
      return `only ${counts.skipped} skipped, expected at least ${check.minimum} (see scripts/test-minimums.json)`;
    }
    return undefined;
  }
  if (ran === 0) return 'no tests ran';
  if (ran < check.minimum) {
    return `only ${ran} tests ran, expected at least ${check.minimum} (see scripts/test-minimums.json)`;
  }
  return undefined;
}

/** Reads a runner's minimum from the parsed test-minimums.json; a missing entry is an error, not 0. */
export function minimumFor(minimums: Record<string, unknown>, runner: string): number {
  const value = minimums[runner];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`scripts/test-minimums.json: "${runner}" must be a positive integer`);
  }
  return value;
}
