import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import browserConfig from '../e2e/playwright.config';
import electronConfig from '../e2e/electron/playwright.config';
import vitestConfig from '../vitest.config';
import { countShortfall, minimumFor } from './test-minimums';

describe('countShortfall', () => {
  it('accepts a run at or above the minimum', () => {
    expect(countShortfall({ passed: 26, failed: 0, skipped: 0 }, { minimum: 26 })).toBeUndefined();
    expect(countShortfall({ passed: 20, failed: 7, skipped: 0 }, { minimum: 26 })).toBeUndefined();
  });

  it('fails a run with no tests', () => {
    expect(countShortfall({ passed: 0, failed: 0, skipped: 0 }, { minimum: 1 })).toBe('no tests ran');
    // Skipped tests did not run: a suite of only skips is still "no tests".
    expect(countShortfall({ passed: 0, failed: 0, skipped: 40 }, { minimum: 1 })).toBe('no tests ran');
  });

  it('fails a run below the minimum, e.g. one test left by a stray .only', () => {
    expect(countShortfall({ passed: 1, failed: 0, skipped: 0 }, { minimum: 550 })).toBe(
      'only 1 tests ran, expected at least 550 (see scripts/test-minimums.json)',
    );
    expect(countShortfall({ passed: 549, failed: 0, skipped: 30 }, { minimum: 550 })).toMatch(/^only 549 tests ran/);
  });

  it('when all are expected to skip, wants that many skipped and none run', () => {
    expect(countShortfall({ passed: 0, failed: 0, skipped: 4 }, { minimum: 4, allSkipped: true })).toBeUndefined();
    expect(countShortfall({ passed: 0, failed: 0, skipped: 3 }, { minimum: 4, allSkipped: true })).toBe(
      'only 3 skipped, expected at least 4 (see scripts/test-minimums.json)',
    );
    expect(countShortfall({ passed: 0, failed: 0, skipped: 0 }, { minimum: 4, allSkipped: true })).toMatch(/^only 0 skipped/);
    expect(countShortfall({ passed: 1, failed: 0, skipped: 3 }, { minimum: 4, allSkipped: true })).toBe(
      'expected every test to skip, but 1 ran',
    );
  });
});

describe('minimumFor', () => {
  it('reads a positive integer and refuses a missing or zero entry', () => {
    expect(minimumFor({ vitest: 5 }, 'vitest')).toBe(5);
    expect(() => minimumFor({}, 'vitest')).toThrow('"vitest" must be a positive integer');
    expect(() => minimumFor({ vitest: 0 }, 'vitest')).toThrow();
    expect(() => minimumFor({ vitest: '5' }, 'vitest')).toThrow();
  });

  it('the committed file has an entry for every runner scripts/test.mjs counts', () => {
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, 'test-minimums.json'), 'utf8'));
    for (const runner of ['vitest', 'chromium', 'electron']) expect(minimumFor(committed, runner)).toBeGreaterThan(0);
  });
});

describe('a stray .only fails the run', () => {
  it('is forbidden by both Playwright configs and by Vitest', () => {
    expect(browserConfig.forbidOnly).toBe(true);
    expect(electronConfig.forbidOnly).toBe(true);
    expect(vitestConfig.test?.allowOnly).toBe(false);
  });
});
