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

/** One timed run: wall-clock time, and the CPU time this process spent meanwhile (user + system, all threads). */
export interface Cost {
  readonly wallMs: number;
  readonly cpuMs: number;
}

const cpuMsNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export async function measured(work: () => Promise<unknown>): Promise<Cost> {
  const cpu = cpuMsNow();
  const wall = performance.now();
  await work();
  return { wallMs: performance.now() - wall, cpuMs: cpuMsNow() - cpu };
}

/** Spends `ms` of this process's CPU time (not wall time, so a busy machine does not shorten it). */
export function burnCpu(ms: number): void {
  const until = cpuMsNow() + ms;
  let x = 0;
  while (cpuMsNow() < until) for (let i = 0; i < 1000; i++) x = (x * 31 + i) % 1_000_003;
  if (x < 0) throw new Error('unreachable'); // keeps the loop from being optimised away
}

export interface RatioEstimate {
  readonly n: number;
  /** trimmedMean(app) / trimmedMean(baseline). */
  readonly ratio: number;
  /** 95% confidence interval (paired bootstrap, percentile method). */
  readonly low: number;
  readonly high: number;
  /** Half the interval's width relative to the ratio: 0.02 means ±2%. */
  readonly relativeHalfWidth: number;
}

/** A small seeded PRNG (mulberry32), so a rerun on the same samples gives the same interval. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean of the values left after dropping the lowest and the highest `trim` share of them. */
export function trimmedMean(values: ArrayLike<number>, trim: number): number {
  const sorted = Float64Array.from(values).sort();
  const k = Math.floor(sorted.length * trim);
  let sum = 0;
  for (let i = k; i < sorted.length - k; i++) sum += sorted[i]!;
  return sum / (sorted.length - 2 * k);
}

/**
 * Ratio of trimmed means of paired samples (app[i] and baseline[i] were taken back to back),
 * with a bootstrap 95% interval that resamples pairs, so noise both paths shared cancels out.
 * `trim` 0 is the plain ratio of means.
 */
export function ratioEstimate(app: ReadonlyArray<number>, baseline: ReadonlyArray<number>, opts: { trim: number; resamples?: number }): RatioEstimate {
  const n = Math.min(app.length, baseline.length);
  const { trim, resamples = 2000 } = opts;
  const ratio = trimmedMean(app.slice(0, n), trim) / trimmedMean(baseline.slice(0, n), trim);
  const random = prng(n);
  const ratios: number[] = [];
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      a[i] = app[k]!;
      b[i] = baseline[k]!;
    }
    ratios.push(trimmedMean(a, trim) / trimmedMean(b, trim));
  }
  const low = percentile(ratios, 2.5);
  const high = percentile(ratios, 97.5);
  return { n, ratio, low, high, relativeHalfWidth: (high - low) / 2 / ratio };
}

export const formatInterval = (e: RatioEstimate): string => `${round(e.ratio, 3)} [95% CI ${round(e.low, 3)}, ${round(e.high, 3)}]`;
