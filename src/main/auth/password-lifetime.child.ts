/**
 * Child process of password-lifetime.test.ts (run with --expose-gc): signs in through the whole
 * AuthApp, as the renderer's IPC call would, then takes a heap snapshot and reports which of the
 * passwords it was given are still in it. Separate from the test process so the snapshot holds
 * only the app (no emulator, no test runner), and the passwords come on stdin, not in argv.
 *
 * argv: issuer clientId redirectUri snapshotPath login...; stdin: JSON array of probes, one per
 * login. Each password is `${probe}Z`, built here by JSON.parse like an IPC payload, so the only
 * string equal to it is the one the app was handed and its copies.
 */
import { readFileSync, rmSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { CHANNELS } from '../../shared/contract';
import { createAuthApp } from '../app';
import { loadConfig } from '../config/okta-config';
import { silentLogger } from '../log/logger';
import { createTestCipher } from '../session/cipher';
import { createMemoryStore } from '../session/store';

/**
 * A fetch that keeps its request reachable from the signal for as long as the signal lives, as
 * Electron's net.fetch does (its abort listener closes over the Request and is never removed).
 * Node's own fetch happens to hold the body only weakly; the client must not rely on that.
 */
const signalHoldingFetch: typeof fetch = (input, init) => {
  init?.signal?.addEventListener('abort', () => void init.body, { once: true });
  return fetch(input, init);
};

const [issuer, clientId, redirectUri, snapshotPath, ...logins] = process.argv.slice(2);
const config = loadConfig({ OKTA_ISSUER: issuer, OKTA_CLIENT_ID: clientId, OKTA_REDIRECT_URI: redirectUri });
let stdin = '';
for await (const chunk of process.stdin) stdin += String(chunk);
const probes = JSON.parse(stdin) as string[];

const statuses: string[] = [];
const apps = [];
for (const [index, login] of logins.entries()) {
  const fetchFn = index % 2 === 0 ? globalThis.fetch : signalHoldingFetch;
  const app = await createAuthApp({ config, cipher: createTestCipher(), store: createMemoryStore(), log: silentLogger, fetch: fetchFn });
  apps.push(app);
  const result = await app.invoke(CHANNELS.signIn, JSON.parse(`{"username":${JSON.stringify(login)},"password":"${probes[index]}Z"}`));
  statuses.push(result.ok ? result.value.status : result.error.code);
}
// Proves the search below finds a live string: this one is kept on purpose.
const canary = JSON.parse(`"${probes[0]}-canary"`) as string;
(globalThis as { keptCanary?: string }).keptCanary = canary;

// "Shortly after the answer": a few turns of the event loop with full collections between them
// (a collection frees what is unreachable; FinalizationRegistry cleanups, which Node's fetch
// uses for signals, run on a later turn and release what they held).
for (let round = 0; round < 3; round += 1) {
  await new Promise((resolve) => setImmediate(resolve));
  (globalThis as { gc?: () => void }).gc?.();
}
const file = writeHeapSnapshot(snapshotPath);
const snapshot = readFileSync(file, 'utf8');
rmSync(file);
const found = probes.map((probe) => snapshot.includes(`${probe}Z`));
console.log(JSON.stringify({ statuses, found, canaryFound: snapshot.includes(canary) }));
for (const app of apps) await app.dispose();
// Keep-alive sockets and the session's renewal timer would keep the process up.
process.exit(0);
