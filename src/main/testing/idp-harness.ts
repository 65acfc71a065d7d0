/**
 * Test support: an AuthApp wired to a fresh in-process Okta emulator, a memory store, a test
 * cipher and a capturing logger, recording everything the renderer would ever see (every invoke
 * result and every state-change event). `launch()` starts the app again on the same store, as the
 * next launch would. Used by the end-to-end, session, security and fault-tolerance tests.
 */
import { DEMO_PASSWORD, startIdp, type IdpEndpoint, type IdpOptions, type RunningIdp } from '../../../idp/index';
import { CHANNELS, type ApiTasksView, type AuthView, type BridgeResponse, type BridgeResult } from '../../shared/contract';
import { createAuthApp, type AuthApp, type AuthAppDeps } from '../app';
import type { RequestTimeout } from '../auth/http-client';
import { DEFAULT_SCOPES, loadConfig, type ConfigResult } from '../config/okta-config';
import { createCapturingLogger, silentLogger } from '../log/logger';
import { createTestCipher } from '../session/cipher';
import { createMemoryStore } from '../session/store';
import { createTokenVault } from '../session/vault';

export { DEMO_PASSWORD };

export interface StoredTokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
}

/** One running AuthApp and everything it returned or pushed. */
export interface LaunchedApp {
  app: AuthApp;
  /** Every result `call`/`view`/`tasks` returned, in order (successes and BridgeErrors). */
  results: Array<BridgeResult<BridgeResponse>>;
  /** Every view pushed through onStateChanged. */
  events: AuthView[];
  call(channel: string, payload?: unknown): Promise<BridgeResult<AuthView>>;
  /** `call` that must succeed; returns the view. */
  view(channel: string, payload?: unknown): Promise<AuthView>;
  state(): Promise<AuthView>;
  /** getTasks, recorded like `call`. */
  tasks(): Promise<BridgeResult<ApiTasksView>>;
}

export interface AppHarness extends LaunchedApp {
  idp: RunningIdp;
  store: ReturnType<typeof createMemoryStore>;
  cipher: ReturnType<typeof createTestCipher>;
  log: ReturnType<typeof createCapturingLogger>;
  /** The app's configuration for this emulator. */
  config: ConfigResult;
  /** A deep copy of the store's entries, to compare before/after. */
  snapshotStore(): Array<[string, unknown]>;
  storedTokens(): Promise<StoredTokens | undefined>;
  /**
   * `view` with the stored access token's expiry. After a renewal the SDK counts the new token's
   * expiry from the second it arrived (its own clock), which may be a second later than the
   * sign-in's: comparing with the sign-in's view alone fails whenever a second boundary falls between.
   */
  withStoredExpiry(view: AuthView): Promise<AuthView>;
  /**
   * Another AuthApp on the same emulator, store and cipher, as the next launch of the app would
   * be; disposed by `close()`. `deps` replaces any of its dependencies (default logger: silent).
   */
  launch(deps?: Partial<AuthAppDeps>): Promise<LaunchedApp>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  idp?: IdpOptions;
  requestTimeoutMs?: RequestTimeout;
  /** Wraps the app's fetch, e.g. to watch the wire. */
  wrapFetch?: (inner: typeof fetch) => typeof fetch;
  /** False: the cipher is unavailable, so the session is memory-only. Default true. */
  encryption?: boolean;
  /** Passed through to the app: move time and run timers by hand. */
  clock?: AuthAppDeps['clock'];
  scheduler?: AuthAppDeps['scheduler'];
  /** More of the app's dependencies (the browser opener, its timeout…). */
  app?: Partial<AuthAppDeps>;
  /** Configure the emulator's demo API (OKTA_API_URL) and ask for its scope. Default false. */
  api?: boolean;
}

function recording(app: AuthApp): LaunchedApp {
  const results: Array<BridgeResult<BridgeResponse>> = [];
  const events: AuthView[] = [];
  app.onStateChanged((v) => events.push(v));
  async function record<T extends BridgeResponse>(channel: string, payload: unknown): Promise<BridgeResult<T>> {
    const result = await app.invoke(channel, payload);
    results.push(result);
    // Each channel answers with its method's response (app.ts); the harness names which it called.
    return result as BridgeResult<T>;
  }
  // Every channel but getTasks answers an AuthView.
  const call = (channel: string, payload?: unknown) => record<AuthView>(channel, payload);
  return {
    app,
    results,
    events,
    call,
    async view(channel, payload) {
      const result = await call(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async state() {
      const result = await app.invoke(CHANNELS.getState, undefined);
      if (!result.ok) throw new Error('getState failed');
      return result.value as AuthView;
    },
    tasks: () => record<ApiTasksView>(CHANNELS.getTasks, undefined),
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<AppHarness> {
  const idp = await startIdp(options.idp ?? {});
  const store = createMemoryStore();
  const cipher = createTestCipher({ available: options.encryption ?? true });
  const log = createCapturingLogger();
  const api = options.api && idp.api ? { OKTA_API_URL: idp.api.origin, OKTA_SCOPES: `${DEFAULT_SCOPES} ${idp.api.requiredScope}` } : {};
  const config = loadConfig({ OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri, ...api });
  const fetchFn = options.wrapFetch ? options.wrapFetch(globalThis.fetch) : globalThis.fetch;
  const { requestTimeoutMs, clock, scheduler } = options;
  const first = recording(await createAuthApp({ config, cipher, store, log, fetch: fetchFn, requestTimeoutMs, clock, scheduler, ...options.app }));
  const apps: AuthApp[] = [first.app];

  return {
    ...first,
    idp,
    store,
    cipher,
    log,
    config,
    snapshotStore: () => structuredClone([...store.entries]),
    async storedTokens() {
      const { session } = await createTokenVault(cipher, store, silentLogger).load();
      if (!session) return undefined;
      return {
        accessToken: session.tokens.accessToken!.accessToken,
        idToken: session.tokens.idToken!.idToken,
        refreshToken: session.tokens.refreshToken?.refreshToken,
      };
    },
    async withStoredExpiry(view) {
      const { session } = await createTokenVault(cipher, store, silentLogger).load();
      const expiresAt = session?.tokens.accessToken?.expiresAt;
      if (view.status !== 'signed-in' || expiresAt === undefined) throw new Error('no signed-in view or no stored access token');
      return { ...view, times: { ...view.times, accessTokenExpiresAt: expiresAt } };
    },
    async launch(deps = {}) {
      const app = await createAuthApp({ config, cipher, store, log: silentLogger, ...deps });
      apps.push(app);
      return recording(app);
    },
    async close() {
      for (const app of apps) await app.dispose();
      await idp.close().catch(() => {});
    },
  };
}

/** The org's documents with every poll `refresh` left out, as an org that gives no interval sends
 * them (a `wrapFetch`). */
export const withoutRefresh = (inner: typeof fetch): typeof fetch =>
  (async (url: string, init: RequestInit) => {
    const response = await inner(url, init);
    if (!String(url).includes('/idp/idx/')) return response;
    const doc: unknown = JSON.parse(await response.text(), (key, value: unknown) => (key === 'refresh' ? undefined : value));
    return new Response(JSON.stringify(doc), { status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' } });
  }) as typeof fetch;

export const credentials = (username: string, password = DEMO_PASSWORD) => ({ username, password });

/**
 * Holds the next request to `endpoint` at the emulator (a latency fault, let go with
 * `idp.faults.release()`); resolves once `start` has sent it and it is held.
 */
export async function holdNext(harness: Pick<AppHarness, 'idp'>, endpoint: IdpEndpoint, start: () => unknown): Promise<void> {
  harness.idp.faults.set(endpoint, { kind: 'latency', ms: 120_000, times: 1 });
  const seen = harness.idp.counts()[endpoint];
  start();
  while (harness.idp.counts()[endpoint] === seen) await new Promise((resolve) => setImmediate(resolve));
}
