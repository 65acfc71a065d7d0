/**
 * Sign-in overhead of the app against the sample-style baseline (raw okta-auth-js), and HTTP
 * round trips per sign-in and per launch. The emulator runs in its own process, so what is timed
 * here is the client side alone: this process's CPU time per sign-in (`process.cpuUsage`, the
 * figure the 5% target is about) and the wall time. App and baseline alternate, pair after pair,
 * until the 95% intervals of both ratios are within ±2% or the section's time budget is spent.
 * A self-check adds a known 2 ms of CPU to the app path and must come out as a miss.
 */
import type { AppConfig, AuthApp, Cipher, ConfigResult, KeyValueStore } from '../src/main/node';
import type { IdpEndpoint } from '../idp/index';
import { compileForBench, type Compiled } from './compiled';
import { COLD_MINIMUM, WARM_MINIMUM, tripRow } from './round-trips';
import { startIdpProcess, type IdpProcess } from './idp-process';
import { burnCpu, formatInterval, measured, ratioEstimate, round, summarize, trimmedMean, type Cost, type RatioEstimate, type Row } from './stats';

const USER = 'alice@example.com';
const TARGET_RATIO = 1.05;
/** The ratio's 95% interval must be within ±2% for a 5% target to mean anything. */
const PRECISION = 0.02;
const INJECTED_CPU_MS = 2;
/**
 * Share of samples dropped at each end before averaging. A few samples in a hundred take 5-10
 * times the median (a major GC, a JIT tier-up, a scheduler hiccup on a shared machine) and would
 * alone need ten thousand pairs for a ±2% interval; the 10% trimmed mean ignores them, for both
 * paths alike. An overhead that shows only in rare long sign-ins would be missed by this figure,
 * which is why the untrimmed ratio of means is printed beside it.
 */
const TRIM = 0.1;
/** Bootstrap resamples for the look after each batch (cheap) and for the reported interval. */
const INTERIM_RESAMPLES = 400;

type Config = ConfigResult & { ok: true };

/** The app's steps, run from the compiled build (compiled.ts says why). */
function appSteps({ app: lib, contract: { CHANNELS } }: Compiled) {
  /**
   * A launch: each gets its own logger, as each app process does, at the app's default level
   * (info), its lines formatted and then dropped instead of written.
   */
  const launch = (config: Config, store: KeyValueStore = lib.createMemoryStore(), cipher: Cipher = lib.createTestCipher()): Promise<AuthApp> =>
    lib.createAuthApp({ config, cipher, store, log: lib.createLineLogger('info', [() => {}]) });
  return {
    launch,
    async signIn(app: AuthApp, password: string): Promise<void> {
      const result = await app.invoke(CHANNELS.signIn, { username: USER, password });
      if (!result.ok || result.value.status !== 'signed-in') throw new Error(`app sign-in failed: ${JSON.stringify(result)}`);
    },
    async signOut(app: AuthApp): Promise<void> {
      const result = await app.invoke(CHANNELS.signOut, undefined);
      if (!result.ok || result.value.status !== 'signed-out') throw new Error(`app sign-out failed: ${JSON.stringify(result)}`);
    },
    getState: (app: AuthApp) => app.invoke(CHANNELS.getState, undefined),
  };
}
type AppSteps = ReturnType<typeof appSteps>;

interface Paths {
  readonly app: () => Promise<Cost>;
  readonly baseline: () => Promise<Cost>;
}

interface Budget {
  readonly warmup: number;
  /** Pairs between two looks at the intervals. */
  readonly batch: number;
  readonly minPairs: number;
  readonly maxPairs: number;
  readonly budgetMs: number;
}

interface Comparison {
  readonly app: Cost[];
  readonly baseline: Cost[];
  readonly cpu: RatioEstimate;
  readonly wall: RatioEstimate;
  /** The plain ratio of mean CPU times, rare long samples included. */
  readonly cpuUntrimmed: RatioEstimate;
  /** Both intervals within ±PRECISION when it stopped. */
  readonly precise: boolean;
}

const estimate = (app: Cost[], baseline: Cost[], resamples?: number) => ({
  cpu: ratioEstimate(app.map((c) => c.cpuMs), baseline.map((c) => c.cpuMs), { trim: TRIM, resamples }),
  wall: ratioEstimate(app.map((c) => c.wallMs), baseline.map((c) => c.wallMs), { trim: TRIM, resamples }),
});
const isPrecise = (e: { cpu: RatioEstimate; wall: RatioEstimate }) => e.cpu.relativeHalfWidth <= PRECISION && e.wall.relativeHalfWidth <= PRECISION;

/** Interleaved pairs (alternating which path goes first) in batches, printing progress after each. */
async function compare(label: string, paths: Paths, budget: Budget, needPrecision = true): Promise<Comparison> {
  const samples = { app: [] as Cost[], baseline: [] as Cost[] };
  const start = performance.now();
  for (let i = 0; ; i++) {
    const order = i % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const);
    for (const path of order) {
      const cost = await paths[path]();
      if (i >= budget.warmup) samples[path].push(cost);
    }
    const n = samples.app.length;
    if (n === 0 || n % budget.batch !== 0) continue;
    const interim = estimate(samples.app, samples.baseline, INTERIM_RESAMPLES);
    const elapsed = performance.now() - start;
    console.log(`  ${label}: ${n} pairs, ${round(elapsed / 1000, 1)} s: CPU ratio ${formatInterval(interim.cpu)}, wall ratio ${formatInterval(interim.wall)}`);
    const enough = n >= budget.minPairs && (isPrecise(interim) || !needPrecision);
    if (enough || n >= budget.maxPairs || elapsed >= budget.budgetMs) {
      const final = estimate(samples.app, samples.baseline);
      const cpuUntrimmed = ratioEstimate(samples.app.map((c) => c.cpuMs), samples.baseline.map((c) => c.cpuMs), { trim: 0 });
      return { ...samples, ...final, cpuUntrimmed, precise: isPrecise(final) };
    }
  }
}

const pct = (e: RatioEstimate) => `±${round(e.relativeHalfWidth * 100, 1)}%`;
const cpuOf = (costs: Cost[]) => trimmedMean(costs.map((x) => x.cpuMs), TRIM);

function comparisonRows(label: string, c: Comparison): Row[] {
  const section = `sign-in overhead (${label})`;
  const wall = (costs: Cost[]) => summarize(costs.map((x) => x.wallMs));
  const [aw, bw] = [wall(c.app), wall(c.baseline)];
  const trimmed = `${TRIM * 100}% trimmed means`;
  return [
    { section, metric: `client CPU per sign-in (${trimmed}): app / baseline (n=${c.cpu.n} pairs)`, value: `${round(cpuOf(c.app))} / ${round(cpuOf(c.baseline))}`, unit: 'ms' },
    { section, metric: 'wall time median / p95: app', value: `${round(aw.median)} / ${round(aw.p95)}`, unit: 'ms' },
    { section, metric: 'wall time median / p95: baseline', value: `${round(bw.median)} / ${round(bw.p95)}`, unit: 'ms' },
    { section, metric: `client CPU ratio app/baseline (${trimmed})`, value: formatInterval(c.cpu), unit: 'x', target: `<= ${TARGET_RATIO}`, met: c.cpu.ratio <= TARGET_RATIO },
    { section, metric: `wall time ratio app/baseline (${trimmed})`, value: formatInterval(c.wall), unit: 'x', target: `<= ${TARGET_RATIO}`, met: c.wall.ratio <= TARGET_RATIO },
    { section, metric: '95% CI half-width: CPU / wall ratio', value: `${pct(c.cpu)} / ${pct(c.wall)}`, unit: '', target: `<= ±${PRECISION * 100}%`, met: c.precise },
    { section, metric: 'client CPU ratio, plain means (rare long samples included)', value: formatInterval(c.cpuUntrimmed), unit: 'x' },
  ];
}

async function countsOf(idp: IdpProcess, work: () => Promise<unknown>): Promise<Partial<Record<IdpEndpoint, number>>> {
  await idp.resetCounts();
  await work();
  return Object.fromEntries(Object.entries(await idp.counts()).filter(([, n]) => n > 0));
}

async function roundTrips(idp: IdpProcess, steps: AppSteps, lib: Compiled, config: Config, password: string): Promise<Row[]> {
  const store = lib.app.createMemoryStore();
  const cipher = lib.app.createTestCipher();
  let first: AuthApp | undefined;
  const launch = await countsOf(idp, async () => (first = await steps.launch(config, store, cipher)));
  const app = first!;
  const cold = await countsOf(idp, () => steps.signIn(app, password));
  const signOut = await countsOf(idp, () => steps.signOut(app));
  const warm = await countsOf(idp, () => steps.signIn(app, password));
  // A second launch over the same (still signed-in) store and cipher, as after an app restart.
  let restoredStatus = '';
  const restored = await countsOf(idp, async () => {
    const second = await steps.launch(config, store, cipher);
    const state = await steps.getState(second);
    restoredStatus = state.ok ? state.value.status : state.error.code;
    await second.dispose();
  });
  await app.dispose();
  const { baselineSignIn } = lib.baseline;
  await baselineSignIn(config.config, USER, password); // fills the SDK's process-wide cache, as the sample's first request does
  const baseline = await countsOf(idp, () => baselineSignIn(config.config, USER, password));
  return [
    tripRow('app launch, empty store', launch, []),
    tripRow('app first sign-in after launch', cold, COLD_MINIMUM),
    tripRow('app sign-in (discovery cached)', warm, WARM_MINIMUM),
    tripRow(`app launch with valid session -> home (${restoredStatus})`, restored, []),
    tripRow('app sign-out (not timed in the overhead rows)', signOut, undefined),
    tripRow('baseline sign-in (shared SDK cache warm)', baseline, WARM_MINIMUM),
  ].map((row) => (row.metric.includes('->') && restoredStatus !== 'signed-in' ? { ...row, met: false } : row));
}

export interface SignInBenchOptions {
  readonly warm: Budget;
  readonly cold: Budget;
  readonly selfCheck: Budget;
}

export async function benchSignIn(root: string, opts: SignInBenchOptions): Promise<Row[]> {
  const lib = await compileForBench(root);
  const steps = appSteps(lib);
  const { baselineSignIn } = lib.baseline;
  const idp = await startIdpProcess();
  try {
    const { issuer, clientId, redirectUri, demoPassword: password } = idp.info;
    const config = lib.app.loadConfig({ OKTA_ISSUER: issuer, OKTA_CLIENT_ID: clientId, OKTA_REDIRECT_URI: redirectUri });
    if (!config.ok) throw new Error(`emulator config rejected: ${config.problems.join('; ')}`);
    const appConfig: AppConfig = config.config;
    const trips = await roundTrips(idp, steps, lib, config, password);

    // Warm: one running app signed out between iterations (sign-out not timed) against one
    // new OktaAuth per request with the SDK's shared cache; neither fetches well-known or keys.
    const app = await steps.launch(config);
    const warmApp = (extraCpuMs = 0) => async () => {
      const cost = await measured(async () => {
        await steps.signIn(app, password);
        if (extraCpuMs) burnCpu(extraCpuMs);
      });
      await steps.signOut(app);
      return cost;
    };
    const warmBaseline = () => measured(() => baselineSignIn(appConfig, USER, password));
    const warm = await compare('warm', { app: warmApp(), baseline: warmBaseline }, opts.warm);
    // Self-check: the same comparison with 2 ms of CPU added to each app sign-in. If this does
    // not come out as a miss, the bench cannot resolve its own 5% target.
    const injected = await compare(`self-check (+${INJECTED_CPU_MS} ms CPU)`, { app: warmApp(INJECTED_CPU_MS), baseline: warmBaseline }, opts.selfCheck, false);
    await app.dispose();

    // Cold: a fresh app per iteration (what a launch then sign-in costs) against a baseline
    // whose instance has its own cache; both fetch well-known and keys every time.
    const cold = await compare(
      'cold',
      {
        app: () =>
          measured(async () => {
            const fresh = await steps.launch(config);
            await steps.signIn(fresh, password);
            await fresh.dispose();
          }),
        baseline: () => measured(() => baselineSignIn(appConfig, USER, password, { coldCache: true })),
      },
      opts.cold,
    );

    const selfSection = `sign-in overhead self-check (+${INJECTED_CPU_MS} ms CPU in the app path, warm)`;
    // What the ratio says was added, in ms: against this run's own baseline and the warm ratio.
    const added = (injected.cpu.ratio - warm.cpu.ratio) * cpuOf(injected.baseline);
    return [
      ...comparisonRows('warm: discovery cached', warm),
      ...comparisonRows('cold: launch + sign-in', cold),
      { section: selfSection, metric: `client CPU ratio app/baseline (${TRIM * 100}% trimmed means, n=${injected.cpu.n} pairs; +${round(added)} ms CPU per app sign-in seen)`, value: formatInterval(injected.cpu), unit: 'x', target: `<= ${TARGET_RATIO}`, met: injected.cpu.ratio <= TARGET_RATIO },
      { section: selfSection, metric: 'the injected 2 ms shows as a miss', value: injected.cpu.ratio > TARGET_RATIO ? 'yes' : 'no', unit: '', target: 'yes', met: injected.cpu.ratio > TARGET_RATIO },
      ...trips,
    ];
  } finally {
    idp.close();
  }
}
