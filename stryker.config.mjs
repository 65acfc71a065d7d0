// @ts-check
/**
 * Mutation testing (`npm run mutation`; docs/testing.md has how to run it and the last result).
 * Not part of `npm test`: a full run takes hours on two cores. Incremental, so a rerun only
 * tests the mutants whose code or covering tests changed since the last run.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Each mutant runs only the tests that cover it.
  coverageAnalysis: 'perTest',
  mutate: [
    'src/main/**/*.ts',
    'src/preload/**/*.ts',
    'src/shared/**/*.ts',
    'idp/**/*.ts',
    // Tests and test helpers are what measures; mutating them measures nothing.
    '!**/*.test.ts',
    '!**/*.child.ts',
    '!src/main/testing/**',
    '!idp/test/**',
    // The emulator package's build script (run by npm pack), not code the tests import.
    '!idp/build.ts',
    // One module-level line that Vite's `define` fills in at build time; instrumented, the
    // placeholder survives into the bundle and scripts/main-bundle.test.ts fails the initial run.
    '!src/main/config/build-defaults.ts',
  ],
  // Static mutants (module-level code: constants, zod schemas, message tables) run at import, so
  // Stryker cannot tell which tests cover them and runs every related test for each: here 43% of
  // the mutants and 95% of the time (hours on two cores). Skipped by default; measure them with
  // `npm run mutation -- --ignoreStatic false` (see docs/testing.md).
  ignoreStatic: true,
  incremental: true,
  // Ignored by git (.gitignore): a per-mutant cache keyed to exact file contents, rewritten on
  // every run and merged badly when several people change code at once. What is kept is the
  // summary in docs/testing.md.
  incrementalFile: '.stryker/incremental.json',
  tempDirName: '.stryker/tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.stryker/report/mutation.html' },
  jsonReporter: { fileName: '.stryker/report/mutation.json' },
  // Two shared cores: two test processes at a time.
  concurrency: 2,
  // Integration tests start an emulator per file; give a slow machine room before calling a mutant a timeout.
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 85, break: null },
};
