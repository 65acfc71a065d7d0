/** The bench's side of idp-child.ts: fork the emulator into its own process and talk to it. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IdpEndpoint, RunningIdp } from '../idp/index';

export type IdpInfo = Pick<RunningIdp, 'issuer' | 'origin' | 'clientId' | 'redirectUri'> & { demoPassword: string };
export type Counts = Record<IdpEndpoint, number>;

export interface IdpProcess {
  readonly info: IdpInfo;
  /** heapUsed after two full collections in the emulator process, its counts and its CPU time so far. */
  heap(): Promise<{ heapUsed: number; counts: Counts; cpuMs: number }>;
  counts(): Promise<Counts>;
  resetCounts(): Promise<void>;
  close(): void;
}

function request<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`emulator process exited (${code}) before answering ${type}`));
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (type !== 'ready') child.send({ type });
  });
}

export async function startIdpProcess(opts: { ttlSeconds?: number; sweepMs?: number } = {}): Promise<IdpProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (opts.ttlSeconds !== undefined) env['BENCH_IDP_TTL_SECONDS'] = String(opts.ttlSeconds);
  if (opts.sweepMs !== undefined) env['BENCH_IDP_SWEEP_MS'] = String(opts.sweepMs);
  const child = fork(fileURLToPath(new URL('./idp-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await request<IdpInfo>(child, 'ready');
  return {
    info,
    heap: () => request(child, 'heap'),
    counts: async () => (await request<{ counts: Counts }>(child, 'counts')).counts,
    resetCounts: async () => void (await request(child, 'reset-counts')),
    close() {
      if (!child.connected) return;
      child.send({ type: 'close' });
      child.disconnect();
    },
  };
}
