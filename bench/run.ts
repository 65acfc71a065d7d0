/**
 * `npm run bench`: every benchmark in one run, printed as a Markdown table and written to
 * .bench/results.json (ignored by git; the numbers that are kept live in docs/benchmarks.md).
 * Targets are checked here, never in the timed test suites. Each long section prints progress.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCapacity } from './capacity';
import { benchRendererWeight } from './renderer-weight';
import { describeMachine, formatTable, writeResults } from './report';
import { benchSignIn } from './sign-in';
import { benchStartCost } from './start-cost';
import { round, type Row } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const flows = Number(process.env['BENCH_FLOWS'] ?? '10000');
/** The whole run's budget on an idle 2-core machine; the sign-in sections stop at their own budgets. */
const BUDGET_SECONDS = 180;

const machine = describeMachine();
const startedAt = new Date().toISOString();
const start = performance.now();
console.log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverageAtStart}`);
console.log(`budget: ${BUDGET_SECONDS} s`);

/** `BENCH_ONLY=sign-in,capacity` runs only those sections (weight, start, sign-in, capacity); default all. */
const only = process.env['BENCH_ONLY']?.split(',').map((name) => name.trim());
const rows: Row[] = [];
const section = async (key: string, name: string, run: () => Row[] | Promise<Row[]>) => {
  if (only && !only.includes(key)) return;
  const t = performance.now();
  console.log(`${name}...`);
  rows.push(...(await run()));
  const total = round((performance.now() - start) / 1000, 1);
  console.log(`  done in ${round((performance.now() - t) / 1000, 1)} s (${total} s of ${BUDGET_SECONDS} s so far)`);
};

await section('weight', 'renderer weight (electron-vite build)', () => benchRendererWeight(root));
await section('start', 'main-process start (17 fresh processes)', () => benchStartCost({ samples: 15, warmup: 2 }));
// Stops each comparison once the ratio's 95% interval is within ±2%, or at its budget.
await section('sign-in', 'sign-in overhead and round trips (emulator in its own process)', () =>
  benchSignIn(root, {
    warm: { warmup: 20, batch: 50, minPairs: 200, maxPairs: 3000, budgetMs: 35_000 },
    selfCheck: { warmup: 5, batch: 50, minPairs: 100, maxPairs: 400, budgetMs: 12_000 },
    cold: { warmup: 10, batch: 50, minPairs: 200, maxPairs: 1500, budgetMs: 25_000 },
  }),
);
await section('capacity', `emulator capacity (${flows} full sign-ins, emulator in its own process)`, () => benchCapacity({ flows, clients: 16, warmupFlows: 200 }));

const durationSeconds = round((performance.now() - start) / 1000, 1);
rows.push({ section: 'this run', metric: `whole npm run bench (${flows} capacity flows)`, value: durationSeconds, unit: 's', target: `<= ${BUDGET_SECONDS}`, met: durationSeconds <= BUDGET_SECONDS });
console.log(`\n${formatTable(rows)}\n\ntotal ${durationSeconds} s`);
writeResults(join(root, '.bench', 'results.json'), { machine, startedAt, durationSeconds, rows });
const missed = rows.filter((row) => row.met === false).length;
console.log(`${missed} target(s) missed; results in .bench/results.json`);
if (process.env['BENCH_DEBUG_HANDLES']) console.log(process.getActiveResourcesInfo());
// Hundreds of timers left by the sign-in paths (list them with BENCH_DEBUG_HANDLES=1) would keep
// the process alive for a while after the last benchmark; end it explicitly.
process.exit(0);
