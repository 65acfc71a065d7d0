/**
 * Sign-in overhead of the app against the sample-style baseline, and HTTP round trips per
 * sign-in and per launch, both against one in-process emulator.
 */
import { DEMO_PASSWORD, startIdp, type IdpEndpoint, type RunningIdp } from '../idp/index';
import { CHANNELS } from '../src/shared/contract';
import { createAuthApp, createMemoryStore, createTestCipher, loadConfig, silentLogger, type AppConfig, type AuthApp, type Cipher, type KeyValueStore } from '../src/main/node';
import { baselineSignIn } from './baseline';
import { round, summarize, timed, type Row } from './stats';

const USER = 'alice@example.com';
const TARGET_RATIO = 1.05;

async function launchApp(config: ReturnType<typeof loadConfig>, store: KeyValueStore = createMemoryStore(), cipher: Cipher = createTestCipher()): Promise<AuthApp> {
  return createAuthApp({ config, cipher, store, log: silentLogger });
}

async function appSignIn(app: AuthApp): Promise<void> {
  const result = await app.invoke(CHANNELS.signIn, { username: USER, password: DEMO_PASSWORD });
  if (!result.ok || result.value.status !== 'signed-in') throw new Error(`app sign-in failed: ${JSON.stringify(result)}`);
}

async function appSignOut(app: AuthApp): Promise<void> {
  const result = await app.invoke(CHANNELS.signOut, undefined);
  if (!result.ok || result.value.status !== 'signed-out') throw new Error(`app sign-out failed: ${JSON.stringify(result)}`);
}

/** Runs both paths `iterations` times, alternating which goes first so machine noise hits both. */
async function interleaved(iterations: number, warmup: number, app: () => Promise<number>, baseline: () => Promise<number>): Promise<{ app: number[]; baseline: number[] }> {
  const samples = { app: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < warmup + iterations; i++) {
    const order = i % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const);
    for (const path of order) {
      const ms = await (path === 'app' ? app() : baseline());
      if (i >= warmup) samples[path].push(ms);
    }
  }
  return samples;
}

function overheadRows(label: string, samples: { app: number[]; baseline: number[] }): Row[] {
  const a = summarize(samples.app);
  const b = summarize(samples.baseline);
  const ratio = a.median / b.median;
  const section = `sign-in overhead (${label})`;
  return [
    { section, metric: `app median / p95 (n=${a.n})`, value: `${round(a.median)} / ${round(a.p95)}`, unit: 'ms' },
    { section, metric: `baseline median / p95 (n=${b.n})`, value: `${round(b.median)} / ${round(b.p95)}`, unit: 'ms' },
    { section, metric: 'ratio app/baseline (medians)', value: round(ratio, 3), unit: 'x', target: `<= ${TARGET_RATIO}`, met: ratio <= TARGET_RATIO },
  ];
}

async function countsOf(idp: RunningIdp, work: () => Promise<unknown>): Promise<Partial<Record<IdpEndpoint, number>>> {
  idp.resetCounts();
  await work();
  return Object.fromEntries(Object.entries(idp.counts()).filter(([, n]) => n > 0));
}

function tripRow(metric: string, counts: Partial<Record<IdpEndpoint, number>>, minimum: ReadonlyArray<IdpEndpoint>): Row {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const detail = Object.entries(counts).map(([endpoint, n]) => (n === 1 ? endpoint : `${endpoint} x${n}`)).join(', ') || 'none';
  const minimumText = minimum.length ? `${minimum.length} (${minimum.join(', ')})` : '0';
  return { section: 'round trips', metric, value: `${total}: ${detail}`, unit: 'requests', target: `= ${minimumText}`, met: total <= minimum.length };
}

const WARM_MINIMUM: IdpEndpoint[] = ['interact', 'introspect', 'identify', 'token', 'userinfo'];
const COLD_MINIMUM: IdpEndpoint[] = ['well-known', 'keys', ...WARM_MINIMUM];

async function roundTrips(idp: RunningIdp, config: ReturnType<typeof loadConfig> & { ok: true }): Promise<Row[]> {
  const store = createMemoryStore();
  const cipher = createTestCipher();
  let first: AuthApp | undefined;
  const launch = await countsOf(idp, async () => (first = await launchApp(config, store, cipher)));
  const app = first!;
  const cold = await countsOf(idp, () => appSignIn(app));
  const signOut = await countsOf(idp, () => appSignOut(app));
  const warm = await countsOf(idp, () => appSignIn(app));
  // A second launch over the same (still signed-in) store and cipher, as after an app restart.
  let restoredStatus = '';
  const restored = await countsOf(idp, async () => {
    const second = await launchApp(config, store, cipher);
    const state = await second.invoke(CHANNELS.getState, undefined);
    restoredStatus = state.ok ? state.value.status : state.error.code;
    await second.dispose();
  });
  await app.dispose();
  await baselineSignIn(config.config, USER, DEMO_PASSWORD); // fills the SDK's process-wide cache, as the sample's first request does
  const baseline = await countsOf(idp, () => baselineSignIn(config.config, USER, DEMO_PASSWORD));
  return [
    tripRow('app launch, empty store', launch, []),
    tripRow('app first sign-in after launch', cold, COLD_MINIMUM),
    tripRow('app sign-in (discovery cached)', warm, WARM_MINIMUM),
    tripRow(`app launch with valid session -> home (${restoredStatus})`, restored, []),
    { ...tripRow('app sign-out (not timed in the overhead rows)', signOut, []), target: undefined, met: undefined },
    tripRow('baseline sign-in (shared SDK cache warm)', baseline, WARM_MINIMUM),
  ].map((row) => (row.metric.includes('->') && restoredStatus !== 'signed-in' ? { ...row, met: false } : row));
}

export async function benchSignIn(opts: { iterations: number; coldIterations: number; warmup: number }): Promise<Row[]> {
  const idp = await startIdp();
  try {
    const config = loadConfig({ OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri });
    if (!config.ok) throw new Error(`emulator config rejected: ${config.problems.join('; ')}`);
    const appConfig: AppConfig = config.config;
    const rows = await roundTrips(idp, config);

    // Warm: one running app signed out between iterations (sign-out not timed) against one
    // new OktaAuth per request with the SDK's shared cache; neither fetches well-known or keys.
    const app = await launchApp(config);
    const warm = await interleaved(
      opts.iterations,
      opts.warmup,
      async () => {
        const { ms } = await timed(() => appSignIn(app));
        await appSignOut(app);
        return ms;
      },
      async () => (await timed(() => baselineSignIn(appConfig, USER, DEMO_PASSWORD))).ms,
    );
    await app.dispose();

    // Cold: a fresh app per iteration (what a launch then sign-in costs) against a baseline
    // whose instance has its own cache; both fetch well-known and keys every time.
    const cold = await interleaved(
      opts.coldIterations,
      opts.warmup,
      async () =>
        (
          await timed(async () => {
            const fresh = await launchApp(config);
            await appSignIn(fresh);
            await fresh.dispose();
          })
        ).ms,
      async () => (await timed(() => baselineSignIn(appConfig, USER, DEMO_PASSWORD, { coldCache: true }))).ms,
    );
    return [...overheadRows('warm: discovery cached', warm), ...overheadRows('cold: launch + sign-in', cold), ...rows];
  } finally {
    await idp.close();
  }
}
