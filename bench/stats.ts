/** Small statistics and result-row helpers shared by every benchmark section. */

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
}

/** Nearest-rank percentile: robust and exact for the sample sizes used here. */
export function percentile(values: ReadonlyArray<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(values: ReadonlyArray<number>): Summary {
  return { n: values.length, median: percentile(values, 50), p95: percentile(values, 95) };
}

/** One line of the results table. `met` is absent when the row has no target. */
export interface Row {
  readonly section: string;
  readonly metric: string;
  readonly value: number | string;
  readonly unit: string;
  readonly target?: string;
  readonly met?: boolean;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
