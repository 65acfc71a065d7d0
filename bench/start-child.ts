/**
 * One sample of main-process start cost, run in a fresh Node process by start-cost.ts: how long
 * importing the Node entry of the main process takes, then creating the auth client (an AuthApp
 * over an empty store, which makes no network request). Prints one JSON line.
 */
export {}; // a module, for top-level await

const t0 = performance.now();
const main = await import('../src/main/node');
const t1 = performance.now();
const config = main.loadConfig({ OKTA_ISSUER: 'http://127.0.0.1:9/oauth2/default', OKTA_CLIENT_ID: 'bench-client', OKTA_REDIRECT_URI: 'com.example.desktop:/callback' });
const app = await main.createAuthApp({ config, cipher: main.createTestCipher(), store: main.createMemoryStore(), log: main.silentLogger });
const t2 = performance.now();
await app.dispose();
console.log(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1, sinceProcessStartMs: t2 }));
