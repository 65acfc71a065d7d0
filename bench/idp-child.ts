/**
 * The emulator in a process of its own, so the bench process measures only the client side (its
 * CPU time is the app's or the SDK's, never the emulator's) and the capacity run's heap is the
 * emulator's alone. Started by idp-process.ts with `--expose-gc`. Messages: `heap` (heapUsed
 * after a full collection, the counts and the CPU time used so far), `counts`, `reset-counts`, `close`.
 */
import { startIdp } from '../idp/index';

const ttl = process.env['BENCH_IDP_TTL_SECONDS'];
const ttlSeconds = ttl === undefined ? undefined : Number(ttl);
const sweep = process.env['BENCH_IDP_SWEEP_MS'];

const idp = await startIdp({
  transactionTtlSeconds: ttlSeconds,
  interactionCodeTtlSeconds: ttlSeconds,
  accessTokenTtlSeconds: ttlSeconds,
  idTokenTtlSeconds: ttlSeconds,
  refreshTokenTtlSeconds: ttlSeconds,
  sweepIntervalMs: sweep === undefined ? undefined : Number(sweep),
});

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('idp-child needs --expose-gc');

process.on('message', (message: { type: string }) => {
  switch (message.type) {
    case 'heap':
      // Twice: the first pass can leave objects that only become garbage after finalizers run.
      gc();
      gc();
      process.send!({ type: 'heap', heapUsed: process.memoryUsage().heapUsed, counts: idp.counts(), cpuMs: cpuMs() });
      break;
    case 'counts':
      process.send!({ type: 'counts', counts: idp.counts() });
      break;
    case 'reset-counts':
      idp.resetCounts();
      process.send!({ type: 'reset-counts' });
      break;
    case 'close':
      void idp.close().then(() => process.exit(0));
      break;
  }
});
// The parent's end is ours too: never outlive it.
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', issuer: idp.issuer, origin: idp.origin, clientId: idp.clientId, redirectUri: idp.redirectUri, demoPassword: idp.demoPassword });
