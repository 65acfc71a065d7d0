/**
 * The web preview server: the built renderer on 127.0.0.1, joined to the real main-process
 * handlers running in this Node process. For development and browser tests only; it is not part
 * of any release build. One in-memory session per server.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveDevOrg } from '../../../scripts/dev-org';
import type { RunningIdp } from '../../../idp/index';
import { resolve } from 'node:path';
import { createAuthApp, createMemoryStore, createTestCipher, developmentSettings, fixedSettings, loadConfig, releaseSettings, type AuthApp, type SettingsSource } from '../../main/node';
import { BRIDGE_PATHS, BRIDGE_TOKEN_PARAM } from '../http-transport';
import { handleEvents, handleInvoke } from './bridge-routes';
import { buildPreviewBundle, type PreviewBundle } from './build-preview';
import { pickLocale, PSEUDO_LOCALE, type Locale } from '../../shared/i18n/locales';

export interface PreviewServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** OKTA_* settings; without OKTA_ISSUER a local emulator is started (see scripts/dev-org.ts). */
  env?: NodeJS.ProcessEnv;
  /** Defaults to `.env` in the working directory; tests pass a path that does not exist. */
  dotEnvPath?: string;
  log?: (line: string) => void;
  /** False imitates a machine without OS encryption: the session is kept in memory only. */
  encryptionAvailable?: boolean;
  /**
   * The "system browser" of a browser sign-in: called with the org's sign-in page (the browser
   * journeys open it in a second page). Default: print it for the person running the preview.
   */
  openExternal?: (url: string) => Promise<void> | void;
  /** Per-request timeout towards the org (default the app's); a journey that holds a request past it sets it longer. */
  requestTimeoutMs?: number;
  /**
   * The language main speaks to the org (Accept-Language), as the desktop app's system or menu
   * language would be, until the page says its own: every call carries the language the page
   * draws in (its `?lang=`, else the browser's), and from then on main speaks that one, as the
   * desktop app speaks the one its window shows. Default English.
   */
  language?: Locale;
  /**
   * Read the settings as a released build does (release-config.ts): these config.json paths, the
   * person's own first, then `env`'s OKTA_* over them; no .env and no emulator. For the
   * needs-configuration journeys of a released build.
   */
  released?: { readonly files: ReadonlyArray<string> };
  /** "Open configuration folder" in the preview: default, print the folder for the person running it. */
  openFolder?: (folder: string) => Promise<boolean> | boolean;
}

export interface PreviewServer {
  /** The page to open, with this run's bridge token in its fragment (`/#bridge-token=…`). */
  readonly url: string;
  /** The emulator, when this server started one because no org was configured. */
  readonly idp?: RunningIdp;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startPreviewServer({
  port = 0,
  env = process.env,
  dotEnvPath,
  log = console.log,
  encryptionAvailable = true,
  openExternal = (url) => log(`Finish signing in in your browser: ${url}`),
  requestTimeoutMs,
  language = 'en',
  released,
  openFolder = (folder) => (log(`Configuration folder: ${folder}`), true),
}: PreviewServerOptions = {}): Promise<PreviewServer> {
  const bundle = await buildPreviewBundle();
  // Per run, and only ever in the URL handed to whoever started the server (see http-transport.ts).
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  let app: AuthApp | undefined;
  // The language the page last said it draws in (the pseudo-locale is English to the org).
  let pageLanguage: Locale | undefined;
  const hearPageLanguage = (tag: string) => {
    const locale = pickLocale([tag]);
    pageLanguage = locale === PSEUDO_LOCALE ? 'en' : locale;
  };
  const server = createServer((request, response) => {
    if (!app) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' }).end('Starting…');
      return;
    }
    route(request, response, bundle, app, origin, token, hearPageLanguage).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Internal error');
    });
  });
  // The port first: a port in use must fail before an emulator is started and announced.
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, HOST, () => resolveListen());
  });
  origin = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  let org: Awaited<ReturnType<typeof resolveDevOrg>>;
  try {
    org = released ? { env, close: async () => {} } : await resolveDevOrg(env, { ...(dotEnvPath !== undefined ? { dotEnvPath } : {}), log });
  } catch (error) {
    await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    throw error;
  }
  // "Check again" reads what this run reads: config.json for a released build, else .env and the
  // environment (an emulator this server started is already a usable configuration).
  const settings: SettingsSource = released
    ? releaseSettings({ files: released.files, env, buildDefaults: {}, platform: process.platform })
    : org.idp
      ? fixedSettings(loadConfig(org.env))
      : developmentSettings(dotEnvPath ?? resolve('.env'), env);
  app = await createAuthApp({
    config: settings.read(),
    settings,
    openConfigurationFolder: async (folder) => openFolder(folder),
    cipher: createTestCipher({ available: encryptionAvailable }),
    store: createMemoryStore(),
    openExternal: async (url) => void (await openExternal(url)),
    discoverOffers: true,
    ...(requestTimeoutMs !== undefined && { requestTimeoutMs }),
    language: () => pageLanguage ?? language,
  });
  const running = app;

  return {
    url: `${origin}/#${new URLSearchParams({ [BRIDGE_TOKEN_PARAM]: token })}`,
    ...(org.idp !== undefined ? { idp: org.idp } : {}),
    async close() {
      // Event streams never end on their own; cut them so close() does not hang.
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await running.dispose();
      await org.close();
    },
  };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  bundle: PreviewBundle,
  app: Parameters<typeof handleInvoke>[2],
  origin: string,
  token: string,
  onPageLanguage: (tag: string) => void,
): Promise<void> {
  const path = new URL(request.url ?? '/', origin).pathname;
  if (path === BRIDGE_PATHS.invoke && request.method === 'POST') return handleInvoke(request, response, app, origin, token, onPageLanguage);
  if (path === BRIDGE_PATHS.events && request.method === 'GET') return handleEvents(request, response, app, origin, token);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  if (request.headers.host !== new URL(origin).host) {
    response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Open ${origin}/ instead.`);
    return;
  }
  const file = bundle.files.get(path === '/' ? '/index.html' : path);
  if (file === undefined) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Security-Policy': `${bundle.csp}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}
