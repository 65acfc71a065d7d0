/**
 * A stand-in for the `electron` module: exactly the APIs this app's Electron layer calls
 * (src/main/index.ts, src/main/electron/*, src/preload/index.ts, and electron-store), each
 * behaving as Electron 45 documents it, with the lifecycle rules enforced so wrong wiring throws.
 *
 * It checks our wiring against Electron's contract. It does not prove the app runs in Electron:
 * the Playwright `_electron` journeys and the packaged-app test do that where a binary exists.
 *
 * Used two ways: unit tests `vi.mock('electron', () => import('…/electron-standin'))`, and the
 * start-up smoke test (scripts/main-startup.test.ts) loads the built out/main/index.js in Node
 * with 'electron' resolved here (scripts/test-support/electron-loader.mjs).
 *
 * Sources, from Electron's docs (docs/api/*.md) and source (lib/, shell/) at v45:
 * - app.md: `enableSandbox`, `setDesktopName`: "can only be called before app is ready".
 * - protocol.md: `registerSchemesAsPrivileged` "can only be used before the ready event … and can
 *   be called only once"; every other method "can only be used after the ready event".
 * - browser-window.md, screen.md, session.md: not usable until `ready`.
 * - lib/browser/ipc-main-impl.ts: a second `handle` for a channel throws
 *   "Attempted to register a second handler for '<channel>'".
 * - shell/browser/api/electron_api_safe_storage.cc: the async methods reject before `ready`
 *   ("safeStorage cannot be used before app is ready"); decrypt rejects with "… is temporarily
 *   unavailable. Please try again." when the keychain is locked and "Error while decrypting the
 *   ciphertext provided to safeStorage.decryptStringAsync." when it cannot decrypt; on Linux the
 *   ciphertext starts with `v11` when the key came from the keyring and `v10` when Chromium fell
 *   back to its hard-coded key (and `isAsyncEncryptionAvailable()` still resolves true then).
 * - app.md: `setAsDefaultProtocolClient(protocol)` returns a boolean (whether the call
 *   succeeded); `open-url` (macOS) passes `(event, url)` and is handled with preventDefault();
 *   `second-instance` passes `(event, argv, workingDirectory)`; `focus({ steal })` brings the app forward.
 * - lib/common/api/net-client-request.ts: `net.fetch` rejects any redirect when `redirect` is
 *   'error' ("Attempted to redirect, but redirect policy was 'error'") and also when it is
 *   'manual' ("Redirect was cancelled"), unlike WHATWG fetch; a missing file: URL rejects
 *   (net::ERR_FILE_NOT_FOUND) instead of answering 404.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type Listener = (...args: any[]) => unknown;

export interface StandinOptions {
  platform?: NodeJS.Platform;
  isPackaged?: boolean;
  userData?: string;
  appPath?: string;
  /** Linux only: what `getSelectedStorageBackend()` names. */
  linuxBackend?: string;
  /** What the OS encryptor does: `keyring` (v11 on Linux, v10 elsewhere), `posix-fallback` (v10 on Linux), `locked`, `none`. */
  keychain?: 'keyring' | 'posix-fallback' | 'locked' | 'none';
  /** Another instance holds the single-instance lock. */
  otherInstance?: boolean;
  /** Makes the next `loadURL` reject like Chromium does for an aborted load. */
  loadUrlError?: string;
  /** The real network behind `net.fetch` (Node's fetch by default). */
  fetch?: typeof fetch;
  /** What `setAsDefaultProtocolClient` answers (the OS refused the registration when false). Default true. */
  protocolClientAccepted?: boolean;
  /** What `app.getPreferredSystemLanguages()` answers, most preferred first. Default `['en-US']`. */
  systemLanguages?: string[];
  /** What `shell.openPath` answers for a path that exists when the OS cannot show it (no file manager). Default: it can. */
  openPathFailure?: string;
}

class LifecycleError extends Error {
  override name = 'ElectronLifecycleError';
}

const state = {
  options: {} as Required<Omit<StandinOptions, 'fetch' | 'loadUrlError' | 'openPathFailure'>> & Pick<StandinOptions, 'fetch' | 'loadUrlError' | 'openPathFailure'>,
  protocolClients: [] as string[],
  appFocused: 0,
  /** The options of each `app.focus()` call, in order. */
  appFocusOptions: [] as unknown[],
  ready: false,
  readyWaiters: [] as Array<() => void>,
  privilegedSchemes: undefined as unknown[] | undefined,
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  ipcHandlers: new Map<string, Listener>(),
  windows: [] as StandinBrowserWindow[],
  exitCode: undefined as number | undefined,
  quit: false,
  menu: undefined as unknown,
  desktopName: undefined as string | undefined,
  sandboxEnabled: false,
  permissionRequestHandler: undefined as Listener | undefined,
  permissionCheckHandler: undefined as Listener | undefined,
  openedExternally: [] as string[],
  openedPaths: [] as string[],
  exposed: new Map<string, unknown>(),
  calls: [] as string[],
};

function requireReady(api: string): void {
  if (!state.ready) throw new LifecycleError(`${api} cannot be used before the app is ready`);
}
function requireNotReady(api: string): void {
  if (state.ready) throw new LifecycleError(`${api} can only be called before the app is ready`);
}

const appEvents = new EventEmitter();
const ipcMainEvents = new EventEmitter();
const rendererEvents = new EventEmitter();
const powerEvents = new EventEmitter();

export const app = {
  get isPackaged() {
    return state.options.isPackaged;
  },
  get name() {
    return 'Okta Desktop Sign-In';
  },
  enableSandbox() {
    requireNotReady('app.enableSandbox()');
    state.sandboxEnabled = true;
  },
  setDesktopName(name: string) {
    requireNotReady('app.setDesktopName()');
    state.desktopName = name;
  },
  isReady: () => state.ready,
  whenReady: () => (state.ready ? Promise.resolve() : new Promise<void>((resolve) => state.readyWaiters.push(resolve))),
  getPath(name: string) {
    if (name === 'userData') return state.options.userData;
    // Electron's default logs folder sits in userData on Linux and Windows.
    if (name === 'logs') return `${state.options.userData}/logs`;
    if (name === 'exe') return '/opt/Okta Desktop Sign-In/okta-desktop-signin';
    throw new Error(`stand-in: getPath('${name}') is not used by the app`);
  },
  getAppPath: () => state.options.appPath,
  getVersion: () => '0.1.0',
  requestSingleInstanceLock: () => !state.options.otherInstance,
  // Electron: the user's preferred system languages, most preferred first, with country codes if
  // applicable (GlobalizationPreferences on Windows, NSLocale on macOS, g_get_language_names on
  // Linux, which also gives POSIX names such as de_DE.UTF-8 and C).
  getPreferredSystemLanguages: (): string[] => [...state.options.systemLanguages],
  setAsDefaultProtocolClient(protocol: string) {
    if (!state.options.protocolClientAccepted) return false;
    state.protocolClients.push(protocol);
    return true;
  },
  focus(options?: unknown) {
    state.appFocused += 1;
    state.appFocusOptions.push(options);
  },
  on(event: string, listener: Listener) {
    appEvents.on(event, listener);
    return app;
  },
  exit(code = 0) {
    state.exitCode = code;
  },
  quit() {
    state.quit = true;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    requireNotReady('protocol.registerSchemesAsPrivileged()');
    if (state.privilegedSchemes) throw new LifecycleError('protocol.registerSchemesAsPrivileged() can be called only once');
    state.privilegedSchemes = schemes;
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    requireReady('protocol.handle()');
    if (state.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    state.protocolHandlers.set(scheme, handler);
  },
};

/** net.fetch's redirect rules (see the header), on top of a real fetch. */
async function netFetch(input: string | Request, init?: RequestInit): Promise<Response> {
  requireReady('net.fetch()');
  const url = typeof input === 'string' ? input : input.url;
  if (url.startsWith('file:')) {
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200 });
    } catch {
      throw new Error('net::ERR_FILE_NOT_FOUND');
    }
  }
  const policy = init?.redirect ?? 'follow';
  const real = state.options.fetch ?? globalThis.fetch;
  const response = await real(input, { ...init, redirect: policy === 'follow' ? 'follow' : 'manual' });
  if (policy !== 'follow' && response.status >= 300 && response.status < 400 && response.headers.has('location')) {
    await response.body?.cancel();
    throw new Error(policy === 'error' ? "Attempted to redirect, but redirect policy was 'error'" : 'Redirect was cancelled');
  }
  return response;
}
export const net = { fetch: netFetch };

export const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    state.ipcHandlers.delete(channel);
  },
  on(channel: string, listener: Listener) {
    ipcMainEvents.on(channel, listener);
    return ipcMain;
  },
};

class StandinFrame {
  constructor(public url: string) {}
}

class StandinWebContents extends EventEmitter {
  readonly mainFrame: StandinFrame;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  private destroyed = false;
  constructor() {
    super();
    this.mainFrame = new StandinFrame('about:blank');
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload: structuredClone(payload) });
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  /** Emits `event` with a preventable event object; true when a listener prevented it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => void (prevented = true) }, ...args);
    return prevented;
  }
}

class StandinBrowserWindow extends EventEmitter {
  readonly webContents = new StandinWebContents();
  readonly loadedUrls: string[] = [];
  shown = false;
  maximized = false;
  minimized = false;
  focused = false;
  /** How often `restore()` was called (Electron's restore also un-maximizes on Windows). */
  restored = 0;
  private destroyed = false;
  constructor(readonly options: Record<string, any>) {
    super();
    requireReady('new BrowserWindow()');
    state.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
    const error = state.options.loadUrlError;
    state.options.loadUrlError = undefined;
    return error ? Promise.reject(Object.assign(new Error(`${error} loading '${url}'`), { code: error, url })) : Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
    this.shown = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.restored += 1;
    this.minimized = false;
  }
  focus() {
    this.focused = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    const { x = 100, y = 100, width, height } = this.options;
    return { x, y, width, height };
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}
export const BrowserWindow = StandinBrowserWindow;

export const session = {
  get defaultSession() {
    requireReady('session.defaultSession');
    return {
      setPermissionRequestHandler: (handler: Listener) => void (state.permissionRequestHandler = handler),
      setPermissionCheckHandler: (handler: Listener) => void (state.permissionCheckHandler = handler),
    };
  },
};

export const shell = {
  openExternal: async (url: string) => void state.openedExternally.push(url),
  // Electron resolves with the OS's error message, never rejects; a path that does not exist fails ("Failed to open path" on Linux).
  openPath: async (path: string) => {
    state.openedPaths.push(path);
    if (!existsSync(path)) return 'Failed to open path';
    return state.options.openPathFailure ?? '';
  },
};

export const screen = {
  getAllDisplays() {
    requireReady('screen.getAllDisplays()');
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu: (menu: unknown) => void (state.menu = menu),
};

export const powerMonitor = {
  on(event: string, listener: Listener) {
    requireReady('powerMonitor');
    powerEvents.on(event, listener);
    return powerMonitor;
  },
};

/** Ciphertext as os_crypt writes it: a 3-byte version prefix, then the (here: reversible) body. */
function seal(prefix: 'v10' | 'v11', plain: string): Buffer {
  return Buffer.concat([Buffer.from(prefix), Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)]);
}

export const safeStorage = {
  getSelectedStorageBackend() {
    if (state.options.platform !== 'linux') throw new Error('getSelectedStorageBackend is only available on Linux');
    return state.ready ? state.options.linuxBackend : 'unknown';
  },
  async isAsyncEncryptionAvailable() {
    if (!state.ready) return false;
    // Chromium's async encryptor always ends up with some key: the POSIX fallback counts as available.
    return state.options.keychain !== 'none';
  },
  async encryptStringAsync(plain: string) {
    if (!state.ready) throw new Error('safeStorage cannot be used before app is ready');
    const { keychain, platform } = state.options;
    if (keychain === 'none' || keychain === 'locked') throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
    return seal(platform === 'linux' && keychain === 'keyring' ? 'v11' : 'v10', plain);
  },
  async decryptStringAsync(data: Buffer) {
    if (!state.ready) throw new Error('safeStorage cannot be used before app is ready');
    if (!Buffer.isBuffer(data)) throw new Error('Expected the first argument of decryptStringAsync() to be a buffer');
    if (data.length === 0) return { result: '', shouldReEncrypt: false };
    if (state.options.keychain === 'locked') throw new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.');
    const prefix = data.subarray(0, 3).toString();
    if (prefix !== 'v10' && prefix !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
    return { result: Buffer.from(data.subarray(3).map((byte) => byte ^ 0x5a)).toString('utf8'), shouldReEncrypt: false };
  },
};

// Renderer side, for the preload.
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    if (state.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    state.exposed.set(key, api);
  },
};

export const ipcRenderer = {
  invokeHandler: undefined as ((channel: string, payload: unknown) => Promise<unknown>) | undefined,
  invoke(channel: string, payload: unknown) {
    state.calls.push(`invoke:${channel}`);
    return ipcRenderer.invokeHandler ? ipcRenderer.invokeHandler(channel, payload) : Promise.resolve(undefined);
  },
  on(channel: string, listener: Listener) {
    rendererEvents.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: Listener) {
    rendererEvents.removeListener(channel, listener);
    return ipcRenderer;
  },
};

/** Test controls: not part of Electron. */
export const standin = {
  state,
  reset(options: StandinOptions = {}) {
    state.options = {
      platform: options.platform ?? 'linux',
      isPackaged: options.isPackaged ?? false,
      userData: options.userData ?? '/nonexistent/userData',
      appPath: options.appPath ?? '/nonexistent/app',
      linuxBackend: options.linuxBackend ?? 'gnome_libsecret',
      keychain: options.keychain ?? 'keyring',
      otherInstance: options.otherInstance ?? false,
      loadUrlError: options.loadUrlError,
      fetch: options.fetch,
      protocolClientAccepted: options.protocolClientAccepted ?? true,
      systemLanguages: options.systemLanguages ?? ['en-US'],
      openPathFailure: options.openPathFailure,
    };
    state.protocolClients = [];
    state.appFocused = 0;
    state.appFocusOptions = [];
    state.ready = false;
    state.readyWaiters = [];
    state.privilegedSchemes = undefined;
    state.protocolHandlers.clear();
    state.ipcHandlers.clear();
    state.windows = [];
    state.exitCode = undefined;
    state.quit = false;
    state.menu = undefined;
    state.desktopName = undefined;
    state.sandboxEnabled = false;
    state.permissionRequestHandler = undefined;
    state.permissionCheckHandler = undefined;
    state.openedExternally = [];
    state.openedPaths = [];
    state.exposed.clear();
    state.calls = [];
    ipcRenderer.invokeHandler = undefined;
    for (const emitter of [appEvents, ipcMainEvents, rendererEvents, powerEvents]) emitter.removeAllListeners();
  },
  /** Emits app `ready` (Electron does this once the platform is up). */
  becomeReady() {
    state.ready = true;
    for (const resolve of state.readyWaiters.splice(0)) resolve();
    appEvents.emit('ready');
  },
  /** Changes the OS keychain's state mid-run (e.g. the user unlocks it). */
  setKeychain(keychain: StandinOptions['keychain']) {
    state.options.keychain = keychain ?? 'keyring';
  },
  emitApp: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
  /** Emits an app event with a preventable event object first (`open-url`); true when a listener prevented it. */
  emitAppPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    appEvents.emit(event, { preventDefault: () => void (prevented = true) }, ...args);
    return prevented;
  },
  emitPower: (event: string, ...args: unknown[]) => powerEvents.emit(event, ...args),
  emitToRenderer: (channel: string, payload: unknown) => rendererEvents.emit(channel, { sender: 'ipc-renderer-event' }, payload),
  /** Calls the `ipcMain.handle` handler of `channel` as Electron would for a message from `sender`/`frame`. */
  invokeMain(channel: string, payload: unknown, from: { sender: unknown; senderFrame: { url: string } | null }) {
    const handler = state.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return Promise.resolve(handler(from, payload));
  },
  /** Serves a request through the registered `protocol.handle` handler. */
  async request(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = state.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`No handler for ${scheme}:`);
    return handler(new Request(url));
  },
  sealForTest: seal,
  frame: (url: string) => new StandinFrame(url),
};
standin.reset();

const electron = { app, protocol, net, ipcMain, BrowserWindow, session, shell, screen, Menu, powerMonitor, safeStorage, contextBridge, ipcRenderer };
export default electron;
