/**
 * Main-process start cost in Node: one fresh process per sample (module caches are per process),
 * timing the import of src/main/node.ts and the creation of the auth client inside the child,
 * and the whole process from spawn to exit outside it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { round, summarize, timed, type Row } from './stats';

interface Sample {
  importMs: number;
  createMs: number;
  sinceProcessStartMs: number;
}

/** The SDK alone, plain Node without tsx: the share of the import no app code can remove. */
const SDK_ONLY = "const t = performance.now(); await import('@okta/okta-auth-js'); console.log(JSON.stringify({ importMs: performance.now() - t }));";

export async function benchStartCost(opts: { samples: number; warmup: number }): Promise<Row[]> {
  const child = fileURLToPath(new URL('./start-child.ts', import.meta.url));
  const runs: Array<Sample & { processMs: number }> = [];
  const sdkOnly: number[] = [];
  const lastLine = (out: string) => JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  for (let i = 0; i < opts.warmup + opts.samples; i++) {
    // The first runs also fill tsx's on-disk transform cache; they are dropped as warm-up.
    const { ms, result } = await timed(async () => execFileSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8' }));
    const sdk = execFileSync(process.execPath, ['--input-type=module', '-e', SDK_ONLY], { encoding: 'utf8' });
    if (i < opts.warmup) continue;
    runs.push({ ...(lastLine(result) as unknown as Sample), processMs: ms });
    sdkOnly.push(lastLine(sdk)['importMs']!);
  }
  const section = `main-process start (Node ${process.version}, ${opts.samples} fresh processes)`;
  const line = (metric: string, values: number[]): Row => {
    const s = summarize(values);
    return { section, metric: `${metric} median / p95`, value: `${round(s.median, 1)} / ${round(s.p95, 1)}`, unit: 'ms' };
  };
  return [
    line('import src/main/node.ts (tsx, transform cache warm)', runs.map((r) => r.importMs)),
    line('of which: import @okta/okta-auth-js alone (plain node)', sdkOnly),
    line('createAuthApp (config, OktaAuth, vault restore)', runs.map((r) => r.createMs)),
    line('process start to client ready (incl. tsx loader)', runs.map((r) => r.sinceProcessStartMs)),
    line('spawn to exit', runs.map((r) => r.processMs)),
  ];
}
