/** The bench's own arithmetic: the ratio interval, the trimmed mean, the CPU burner, the round-trip comparison. */
import { describe, expect, it } from 'vitest';
import { COLD_MINIMUM, WARM_MINIMUM, tripRow } from './round-trips';
import { burnCpu, ratioEstimate, trimmedMean } from './stats';

/** Deterministic noisy samples around `level`: a spread of ±20% and one long outlier in fifty. */
const noisy = (n: number, level: number, seed: number) =>
  Array.from({ length: n }, (_, i) => {
    const u = ((i * 7919 + seed * 104729) % 1000) / 1000;
    return level * (0.8 + 0.4 * u) + (i % 50 === seed % 50 ? level * 8 : 0);
  });

describe('trimmedMean', () => {
  it('drops the given share at each end', () => {
    expect(trimmedMean([1, 2, 3, 4, 100], 0.2)).toBe(3);
    expect(trimmedMean([1, 2, 3, 4, 100], 0)).toBe(22);
  });
});

describe('ratioEstimate', () => {
  it('finds a 5% difference and its interval excludes 1 with enough pairs', () => {
    const e = ratioEstimate(noisy(2000, 5.25, 3), noisy(2000, 5, 11), { trim: 0.1 });
    expect(e.ratio).toBeGreaterThan(1.03);
    expect(e.ratio).toBeLessThan(1.07);
    expect(e.low).toBeGreaterThan(1);
    expect(e.low).toBeLessThan(e.ratio);
    expect(e.high).toBeGreaterThan(e.ratio);
    expect(e.relativeHalfWidth).toBeLessThan(0.02);
  });

  it('an A/A comparison is near 1 with an interval around it; few pairs give a wide one', () => {
    const e = ratioEstimate(noisy(2000, 5, 3), noisy(2000, 5, 11), { trim: 0.1 });
    expect(e.low).toBeLessThan(1);
    expect(e.high).toBeGreaterThan(1);
    expect(ratioEstimate(noisy(20, 5, 3), noisy(20, 5, 11), { trim: 0.1 }).relativeHalfWidth).toBeGreaterThan(e.relativeHalfWidth * 3);
  });

  it('is repeatable: the bootstrap is seeded', () => {
    const [a, b] = [noisy(300, 5, 1), noisy(300, 5, 2)];
    expect(ratioEstimate(a, b, { trim: 0.1 })).toEqual(ratioEstimate(a, b, { trim: 0.1 }));
  });
});

describe('burnCpu', () => {
  it('spends at least the CPU time asked for', () => {
    const before = process.cpuUsage();
    burnCpu(2);
    const { user, system } = process.cpuUsage(before);
    expect((user + system) / 1000).toBeGreaterThanOrEqual(2);
  });
});

describe('tripRow', () => {
  const counts = (list: string[]) => {
    const out: Record<string, number> = {};
    for (const endpoint of list) out[endpoint] = (out[endpoint] ?? 0) + 1;
    return out;
  };

  it('is met only by exactly the protocol minimum, in any order', () => {
    expect(tripRow('x', counts([...WARM_MINIMUM].reverse()), WARM_MINIMUM).met).toBe(true);
    expect(tripRow('x', counts(COLD_MINIMUM), COLD_MINIMUM).met).toBe(true);
    expect(tripRow('x', {}, []).met).toBe(true);
  });

  it('misses a swap with the same count, a repeat and a missing request, and names them', () => {
    // Five requests, as many as the minimum, but keys instead of userinfo: a count would pass this.
    const swapped = tripRow('x', counts(['interact', 'introspect', 'identify', 'token', 'keys']), WARM_MINIMUM);
    expect(swapped).toMatchObject({ met: false, value: expect.stringContaining('(extra: keys; missing: userinfo)') });
    expect(tripRow('x', counts([...WARM_MINIMUM, 'token']), WARM_MINIMUM)).toMatchObject({ met: false, value: expect.stringContaining('extra: token') });
    expect(tripRow('x', counts(WARM_MINIMUM.slice(1)), WARM_MINIMUM)).toMatchObject({ met: false, value: expect.stringContaining('missing: interact') });
  });

  it('a row without a minimum only reports', () => {
    const row = tripRow('sign-out', counts(['revoke', 'revoke', 'logout']), undefined);
    expect(row).toEqual({ section: 'round trips', metric: 'sign-out', value: '3: revoke x2, logout', unit: 'requests' });
  });
});
