/**
 * Per-test world for the browser journeys: a fresh emulator (so faults and lockouts never leak
 * between tests), a preview server wired to the real main-process handlers, and a page that
 * records every bridge response so tests can check that no token ever reaches the renderer.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { startIdp, type IdpOptions, type RunningIdp } from '../../idp/index';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server/preview-server';
import { BRIDGE_PATHS } from '../../src/preview/http-transport';
import { DEFAULT_SCOPES } from '../../src/main/config/okta-config';
import type { Locale } from '../../src/shared/i18n/locales';

export interface BridgeRecorder {
  /** Resolves once every response seen so far has been read. */
  responses(): Promise<string[]>;
}

/**
 * The system browser of a browser sign-in: the app's "open in browser" lands here, in a context
 * of its own (another browser, no shared storage with the app's page). `prepare` runs on each new
 * page before it loads the URL (a virtual security key, for example).
 */
export interface SystemBrowser {
  /** Every URL the app asked to open. */
  readonly opened: string[];
  /** The page the app opens next (or already opened and not yet taken). */
  nextPage(): Promise<Page>;
  prepare(setUp: (page: Page) => Promise<void>): void;
  /** What the preview server calls to open a URL "in the browser". */
  open(url: string): Promise<void>;
}

interface Fixtures {
  /** Options for this test's emulator; set with `test.use({ idpOptions: {...} })`. */
  idpOptions: Omit<IdpOptions, 'port'>;
  /** Whether the preview's main process can encrypt tokens; set with `test.use(...)`. */
  encryptionAvailable: boolean;
  /** The app calls the emulator's demo API (OKTA_API_URL, its scope): home shows the tasks panel. Default off. */
  withApi: boolean;
  /** The preview's per-request timeout towards the org; set longer where a journey holds a request a while. */
  requestTimeoutMs: number | undefined;
  /** More settings for the preview's configuration, e.g. the org's branding (OKTA_ORG_*). */
  extraEnv: Record<string, string>;
  /** The language main asks the org for (Accept-Language), as the desktop app's would be. Default English. */
  orgLanguage: Locale;
  idp: RunningIdp;
  preview: PreviewServer;
  /** Every `/__bridge/invoke` response body the page has received. */
  bridge: BridgeRecorder;
  /** The page, already showing the app's first screen. */
  app: Page;
  systemBrowser: SystemBrowser;
}

export const test = base.extend<Fixtures>({
  idpOptions: [{}, { option: true }],
  encryptionAvailable: [true, { option: true }],
  withApi: [false, { option: true }],
  requestTimeoutMs: [undefined, { option: true }],
  extraEnv: [{}, { option: true }],
  orgLanguage: ['en', { option: true }],
  idp: async ({ idpOptions }, use) => {
    const idp = await startIdp({ ...idpOptions, port: 0 });
    await use(idp);
    await idp.close();
  },
  systemBrowser: async ({ browser }, use) => {
    let context: BrowserContext | undefined;
    const opened: string[] = [];
    const pages: Page[] = [];
    const waiting: Array<(page: Page) => void> = [];
    let setUp: (page: Page) => Promise<void> = async () => {};
    await use({
      opened,
      prepare: (fn) => void (setUp = fn),
      nextPage: () => new Promise((resolve) => (pages.length > 0 ? resolve(pages.shift()!) : waiting.push(resolve))),
      async open(url) {
        opened.push(url);
        context ??= await browser.newContext({ viewport: { width: 900, height: 760 } });
        const page = await context.newPage();
        await setUp(page);
        await page.goto(url);
        const taker = waiting.shift();
        if (taker) taker(page);
        else pages.push(page);
      },
    });
    await context?.close();
  },
  preview: async ({ idp, encryptionAvailable, requestTimeoutMs, extraEnv, systemBrowser, withApi, orgLanguage }, use) => {
    const api = withApi && idp.api ? { OKTA_API_URL: idp.api.origin, OKTA_SCOPES: `${DEFAULT_SCOPES} ${idp.api.requiredScope}` } : {};
    const preview = await startPreviewServer({
      port: 0,
      env: { OKTA_ISSUER: idp.issuer, OKTA_CLIENT_ID: idp.clientId, OKTA_REDIRECT_URI: idp.redirectUri, ...api, ...extraEnv },
      // Hermetic: a developer's own .env must not change what the tests talk to.
      dotEnvPath: '/nonexistent/.env',
      log: () => {},
      encryptionAvailable,
      openExternal: (url) => systemBrowser.open(url),
      ...(requestTimeoutMs !== undefined && { requestTimeoutMs }),
      language: orgLanguage,
    });
    await use(preview);
    await preview.close();
  },
  bridge: async ({ page }, use) => {
    // Every answer of the bridge passes through here before the page gets it, so each body is
    // read even when the page reloads while a call is in flight (a 'response' listener's
    // response.text() then fails: the body of a navigated-away response is gone).
    const bodies: string[] = [];
    await page.route(
      (url) => url.pathname === BRIDGE_PATHS.invoke,
      async (route) => {
        // No timeout: journeys hold calls at the emulator for as long as they need.
        const response = await route.fetch({ timeout: 0 }).catch(() => undefined);
        // The preview server closed (a background call at the test's end): the page sees a failed call.
        if (!response) return route.abort().catch(() => {});
        bodies.push(await response.text());
        // The page may have navigated away meanwhile; the body was still recorded above.
        await route.fulfill({ response }).catch(() => {});
      },
    );
    await use({ responses: async () => [...bodies] });
  },
  app: async ({ page, preview, bridge: _recording }, use) => {
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await use(page);
  },
});

export { expect };
