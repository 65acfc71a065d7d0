/**
 * The emulator in a process of its own for the capacity benchmark, so the heap it reports is
 * the emulator's alone and the clients do not share its event loop. Started by capacity.ts with
 * `--expose-gc`; answers `{ type: 'heap' }` with heapUsed after a full collection.
 */
import { startIdp } from '../idp/index';

const ttlSeconds = Number(process.env['BENCH_IDP_TTL_SECONDS'] ?? '2');
const sweepIntervalMs = Number(process.env['BENCH_IDP_SWEEP_MS'] ?? '250');

const idp = await startIdp({
  transactionTtlSeconds: ttlSeconds,
  interactionCodeTtlSeconds: ttlSeconds,
  accessTokenTtlSeconds: ttlSeconds,
  idTokenTtlSeconds: ttlSeconds,
  refreshTokenTtlSeconds: ttlSeconds,
  sweepIntervalMs,
});

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('idp-child needs --expose-gc');

process.on('message', (message: { type: string }) => {
  if (message.type === 'heap') {
    // Twice: the first pass can leave objects that only become garbage after finalizers run.
    gc();
    gc();
    process.send!({ type: 'heap', heapUsed: process.memoryUsage().heapUsed, counts: idp.counts() });
  } else if (message.type === 'close') {
    void idp.close().then(() => process.exit(0));
  }
});
// The parent's end is ours too: never outlive it.
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', issuer: idp.issuer, origin: idp.origin, clientId: idp.clientId, redirectUri: idp.redirectUri, demoPassword: idp.demoPassword });
