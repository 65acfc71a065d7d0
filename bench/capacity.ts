/**
 * Emulator capacity: complete password flows per second with 16 concurrent raw HTTP clients
 * (interact -> introspect -> identify -> token with PKCE, the emulator tests' own raw-flow helper),
 * and the emulator's heap after GC before the run, right after it, and once its short TTLs have
 * passed and the sweeper has run, to show finished transactions and tokens leave nothing behind.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningIdp } from '../idp/index';
import { rawTokens } from '../idp/test/raw-flow';
import { round, sleep, type Row } from './stats';

const TTL_SECONDS = 2;
const SWEEP_MS = 250;
/** Heap left after the sweep, per finished flow, above which we call it a leak. */
const LEAK_BYTES_PER_FLOW = 100;

type Ready = Pick<RunningIdp, 'issuer' | 'origin' | 'clientId' | 'redirectUri'> & { demoPassword: string };
interface Heap {
  heapUsed: number;
  counts: Record<string, number>;
}

function request<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    if (type !== 'ready') child.send({ type });
  });
}

/** `flows` sign-ins spread over `clients` loops; each loop stops by itself when none are left. */
async function runFlows(idp: Ready, flows: number, clients: number): Promise<{ ms: number; failures: number }> {
  let next = 0;
  let failures = 0;
  // raw-flow reads only issuer, origin, clientId and redirectUri of the RunningIdp it is given.
  const target = idp as unknown as RunningIdp;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < flows) {
        next++;
        await rawTokens(target, idp.demoPassword).catch(() => failures++);
      }
    }),
  );
  return { ms: performance.now() - start, failures };
}

export async function benchCapacity(opts: { flows: number; clients: number; warmupFlows: number }): Promise<Row[]> {
  const child = fork(fileURLToPath(new URL('./idp-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_IDP_TTL_SECONDS: String(TTL_SECONDS), BENCH_IDP_SWEEP_MS: String(SWEEP_MS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const idp = await request<Ready>(child, 'ready');
    const settle = () => sleep(TTL_SECONDS * 1000 + 3 * SWEEP_MS);
    await runFlows(idp, opts.warmupFlows, opts.clients);
    await settle();
    const before = await request<Heap>(child, 'heap');
    const run = await runFlows(idp, opts.flows, opts.clients);
    const after = await request<Heap>(child, 'heap');
    await settle();
    const swept = await request<Heap>(child, 'heap');
    const tokenRequests = (swept.counts['token'] ?? 0) - (before.counts['token'] ?? 0);
    const perSecond = (opts.flows / run.ms) * 1000;
    const mb = (bytes: number) => round(bytes / 2 ** 20, 2);
    const leftPerFlow = (swept.heapUsed - before.heapUsed) / opts.flows;
    const section = `emulator capacity (${opts.clients} raw HTTP clients)`;
    return [
      { section, metric: `flows/s, ${opts.flows} flows in ${round(run.ms / 1000, 1)} s (${run.failures} failed, ${tokenRequests} token calls)`, value: round(perSecond, 1), unit: 'flows/s', target: 'all flows succeed', met: run.failures === 0 && tokenRequests === opts.flows },
      { section, metric: `heapUsed after GC: before run`, value: mb(before.heapUsed), unit: 'MiB' },
      { section, metric: `heapUsed after GC: right after ${opts.flows} flows (TTL ${TTL_SECONDS} s not yet passed)`, value: mb(after.heapUsed), unit: 'MiB' },
      { section, metric: `heapUsed after GC: after TTL + sweep (every ${SWEEP_MS} ms)`, value: mb(swept.heapUsed), unit: 'MiB' },
      { section, metric: 'heap left behind per finished flow', value: round(leftPerFlow, 1), unit: 'bytes', target: `< ${LEAK_BYTES_PER_FLOW}`, met: leftPerFlow < LEAK_BYTES_PER_FLOW },
    ];
  } finally {
    child.send({ type: 'close' });
    child.disconnect();
  }
}
