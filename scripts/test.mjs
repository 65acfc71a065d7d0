#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in one run, with one closing line that counts them
 * all: `N passed, N failed, N skipped`.
 *
 * Steps: typecheck (both TypeScript projects), the electron-vite build, Vitest (unit and
 * integration tests in Node against the emulator), Playwright in Chromium (full-stack browser
 * journeys), Playwright `_electron` (runs only where an Electron binary exists; otherwise its
 * specs report themselves skipped with the reason).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { countShortfall, minimumFor } from './test-minimums.ts';

const resultsDir = resolve('test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, note?: string }} StepResult */
/** @type {StepResult[]} */
const results = [];

const minimums = JSON.parse(readFileSync(resolve('scripts/test-minimums.json'), 'utf8'));

/**
 * Pushes a runner's result, failing it once more when it counted too few tests (zero, or far
 * below scripts/test-minimums.json): a stray `.only` or a file that stopped collecting.
 * @param {StepResult} result
 * @param {string} runner key in test-minimums.json
 * @param {boolean} [allSkipped] every test of this runner is expected to skip here
 */
function pushCounted(result, runner, allSkipped = false) {
  const shortfall = countShortfall(result, { minimum: minimumFor(minimums, runner), allSkipped });
  if (shortfall) {
    result.failed += 1;
    result.note = [result.note, `too few tests: ${shortfall}`].filter(Boolean).join('; ');
  }
  results.push(result);
}

function run(command, args, env = {}) {
  console.log(`\n▶ ${[command, ...args].join(' ')}`);
  // npx is a .cmd script on Windows, which only a shell can start.
  const child = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  if (child.error) console.error(`Could not run ${command}: ${child.error.message}`);
  return child.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A step that is one check: passes when its command exits 0. */
function checkStep(name, command, args) {
  const ok = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

function vitestStep() {
  const report = resolve(resultsDir, 'unit.json');
  const ok = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const json = readJson(report);
  if (!json) {
    results.push({ name: 'vitest', passed: 0, failed: 1, skipped: 0, note: 'no report: the runner crashed' });
    return;
  }
  const failed = json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1);
  // Each skipping file prints its reason in the run above; the summary names the files.
  const skippedFiles = json.testResults
    .filter((file) => file.assertionResults.some((test) => test.status === 'skipped' || test.status === 'pending'))
    .map((file) => file.name.replace(`${process.cwd()}/`, ''));
  pushCounted(
    {
      name: 'vitest (unit + integration)',
      passed: json.numPassedTests,
      failed,
      skipped: json.numPendingTests + json.numTodoTests,
      ...(skippedFiles.length > 0 && { note: `skipped in ${skippedFiles.join(', ')}: see the reason printed above` }),
    },
    'vitest',
  );
}

function playwrightStep(name, runner, config, report, { wrapper = [], allSkipped = false } = {}) {
  const [command, ...args] = [...wrapper, 'npx', 'playwright', 'test', '--config', config];
  const ok = run(command, args);
  const json = readJson(report);
  if (!json?.stats) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: 'no report: the runner crashed' });
    return;
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = json.stats;
  const errors = Array.isArray(json.errors) ? json.errors.length : 0;
  // A non-zero exit with nothing counted as failing is still a failure (e.g. a broken config).
  const failed = unexpected + flaky + errors + (ok || unexpected + flaky + errors > 0 ? 0 : 1);
  pushCounted({ name, passed: expected, failed, skipped }, runner, allSkipped);
}

function electronBinaryPresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  return existsSync(resolve('node_modules/electron/path.txt'));
}

checkStep('typecheck (main, preload, idp, e2e, scripts)', 'npx', ['tsc', '-p', 'tsconfig.node.json']);
checkStep('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json']);
checkStep('build (electron-vite)', 'npx', ['electron-vite', 'build']);
// Security lint of the sources and the fresh build (see SECURITY.md); one check, like the typechecks.
checkStep('electronegativity (Electron security lint)', 'node', ['scripts/electronegativity.mjs']);
vitestStep();
playwrightStep('playwright (Chromium journeys)', 'chromium', 'e2e/playwright.config.ts', resolve(resultsDir, 'browser.json'));

// Electron needs a display: use Xvfb where there is none.
const hasElectron = electronBinaryPresent();
const needsXvfb = hasElectron && !process.env.DISPLAY && existsSync('/usr/bin/xvfb-run');
playwrightStep('playwright (Electron journeys)', 'electron', 'e2e/electron/playwright.config.ts', resolve(resultsDir, 'electron.json'), {
  wrapper: needsXvfb ? ['xvfb-run', '-a'] : [],
  // With no binary the journeys skip themselves; then they must all have reported skipped.
  allSkipped: !hasElectron,
});
if (!hasElectron) {
  results.at(-1).note = [
    'skipped: no Electron binary here; set ELECTRON_OVERRIDE_DIST_PATH to a folder with the electron executable',
    results.at(-1).note,
  ]
    .filter(Boolean)
    .join('; ');
}

const total = results.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);

console.log('\nSummary');
for (const r of results) {
  const mark = r.failed > 0 ? '✗' : '✓';
  console.log(`  ${mark} ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ''}`);
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
