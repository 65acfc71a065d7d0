/**
 * Emulator capacity: complete password sign-ins per second with 16 concurrent raw HTTP clients
 * (interact -> introspect -> identify -> token with PKCE, the emulator tests' own raw-flow helper,
 * then userinfo with the access token), and the emulator's heap after GC before the run, during
 * it, right after it, and once its short TTLs have passed and the sweeper has run, to show
 * finished transactions and tokens leave nothing behind. The emulator is in its own process.
 */
import type { RunningIdp } from '../idp/index';
import { rawTokens } from '../idp/test/raw-flow';
import { startIdpProcess, type IdpInfo, type IdpProcess } from './idp-process';
import { round, sleep, type Row } from './stats';

const TTL_SECONDS = 2;
const SWEEP_MS = 250;
/** Heap left after the sweep, per finished flow, above which we call it a leak. */
const LEAK_BYTES_PER_FLOW = 100;
const TARGET_FLOWS_PER_SECOND = 200;

const mb = (bytes: number) => round(bytes / 2 ** 20, 2);

/** One full sign-in as the app makes it, minus discovery: the four flow requests, then userinfo. */
async function fullSignIn(info: IdpInfo): Promise<void> {
  // raw-flow reads only issuer, origin, clientId and redirectUri of the RunningIdp it is given.
  const tokens = await rawTokens(info as unknown as RunningIdp, info.demoPassword);
  const res = await fetch(`${info.issuer}/v1/userinfo`, { headers: { Authorization: `Bearer ${tokens['access_token']}` } });
  if (res.status !== 200) throw new Error(`userinfo answered ${res.status}`);
  await res.arrayBuffer();
}

/**
 * `flows` sign-ins spread over `clients` loops; each loop stops by itself when none are left.
 * With `progressEvery`, prints progress and samples the emulator's heap after GC that often.
 */
async function runFlows(idp: IdpProcess, flows: number, clients: number, progressEvery = 0): Promise<{ ms: number; failures: number; heapSamples: number[] }> {
  let next = 0;
  let done = 0;
  let failures = 0;
  const heapSamples: number[] = [];
  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < flows) {
        next++;
        await fullSignIn(idp.info).catch(() => failures++);
        done++;
        if (progressEvery && done % progressEvery === 0 && done < flows) {
          const seconds = (performance.now() - start) / 1000;
          const at = done;
          pending.push(
            idp.heap().then(({ heapUsed }) => {
              heapSamples.push(heapUsed);
              console.log(`  capacity: ${at}/${flows} flows in ${round(seconds, 1)} s (${round(at / seconds, 1)}/s, ${failures} failed), emulator heap after GC ${mb(heapUsed)} MiB`);
            }),
          );
        }
      }
    }),
  );
  const ms = performance.now() - start;
  await Promise.all(pending);
  return { ms, failures, heapSamples };
}

export async function benchCapacity(opts: { flows: number; clients: number; warmupFlows: number }): Promise<Row[]> {
  const idp = await startIdpProcess({ ttlSeconds: TTL_SECONDS, sweepMs: SWEEP_MS });
  try {
    const settle = () => sleep(TTL_SECONDS * 1000 + 3 * SWEEP_MS);
    await runFlows(idp, opts.warmupFlows, opts.clients);
    await settle();
    const before = await idp.heap();
    const clientCpu = process.cpuUsage();
    const run = await runFlows(idp, opts.flows, opts.clients, Math.max(100, Math.round(opts.flows / 10)));
    const after = await idp.heap();
    const { user, system } = process.cpuUsage(clientCpu);
    await settle();
    const swept = await idp.heap();
    const tokenRequests = (swept.counts['token'] ?? 0) - (before.counts['token'] ?? 0);
    const userinfoRequests = (swept.counts['userinfo'] ?? 0) - (before.counts['userinfo'] ?? 0);
    const perSecond = (opts.flows / run.ms) * 1000;
    const leftPerFlow = (swept.heapUsed - before.heapUsed) / opts.flows;
    const section = `emulator capacity (${opts.clients} raw HTTP clients, own process)`;
    const allDone = run.failures === 0 && tokenRequests === opts.flows && userinfoRequests === opts.flows;
    return [
      {
        section,
        metric: `full sign-ins/s, ${opts.flows} in ${round(run.ms / 1000, 1)} s (${run.failures} failed, ${tokenRequests} token and ${userinfoRequests} userinfo calls)`,
        value: round(perSecond, 1),
        unit: 'flows/s',
        target: `>= ${TARGET_FLOWS_PER_SECOND}, all succeed`,
        met: allDone && perSecond >= TARGET_FLOWS_PER_SECOND,
      },
      { section, metric: 'CPU per sign-in: emulator process / clients process', value: `${round((after.cpuMs - before.cpuMs) / opts.flows)} / ${round((user + system) / 1000 / opts.flows)}`, unit: 'ms' },
      { section, metric: 'heapUsed after GC: before run', value: mb(before.heapUsed), unit: 'MiB' },
      { section, metric: `heapUsed after GC: highest of ${run.heapSamples.length} samples during the run`, value: mb(Math.max(...run.heapSamples, 0)), unit: 'MiB' },
      { section, metric: `heapUsed after GC: right after ${opts.flows} flows (TTL ${TTL_SECONDS} s not yet passed)`, value: mb(after.heapUsed), unit: 'MiB' },
      { section, metric: `heapUsed after GC: after TTL + sweep (every ${SWEEP_MS} ms)`, value: mb(swept.heapUsed), unit: 'MiB' },
      { section, metric: 'heap left behind per finished flow', value: round(leftPerFlow, 1), unit: 'bytes', target: `< ${LEAK_BYTES_PER_FLOW}`, met: leftPerFlow < LEAK_BYTES_PER_FLOW },
    ];
  } finally {
    idp.close();
  }
}
