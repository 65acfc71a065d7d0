/**
 * Composition root of the main process, free of Electron: validates every call from the
 * renderer, runs one action at a time, keeps the current view and tells listeners when it changes.
 * Electron (src/main/electron) and the web preview only forward `(channel, payload)` here.
 */
import type { ApiTasksView, AuthView, BridgeMethod, BridgeMethods, BridgeResponse, BridgeResult, SelfServiceOffers, Branding, ResponseOf } from '../shared/contract';
import { loadBranding } from './branding/load-branding';
import { createAuthorizedFetch } from './api/authorized-fetch';
import { loadTasks } from './api/tasks';
import { BROWSER_MESSAGES, createBrowserSignIn } from './auth/browser-sign-in';
import { DEFAULT_TIMEOUT_MS, createIdpTransport, type RequestTimeout } from './auth/http-client';
import { acceptLanguage } from './i18n/accept-language';
import type { Locale } from '../shared/i18n/locales';
import { createOktaClient } from './auth/okta-client';
import { createSignInFlow, type FlowOutcome, type FlowResult } from './auth/sign-in-flow';
import { createStepPoller } from './auth/step-poller';
import type { AppConfig, ConfigResult } from './config/okta-config';
import { fixedSettings, type SettingsSource } from './config/settings-source';
import { BUSY, fail, ok, SHUTTING_DOWN, WRONG_STATE } from './ipc/results';
import { parseRequest, type ParsedRequestOf } from './ipc/schemas';
import { createNeedsConfigurationApp } from './needs-configuration-app';
import { createConsoleLogger, errorName, type Logger } from './log/logger';
import type { Cipher } from './session/cipher';
import { createRevocations } from './session/revocation';
import { realScheduler, type Clock, type Scheduler } from './session/scheduler';
import { createSealedStore } from './session/sealed-store';
import { createSession, type Session } from './session/session';
import type { KeyValueStore } from './session/store';
import { createTokenVault } from './session/vault';

export interface AuthAppDeps {
  /** The settings as read at launch. */
  config: ConfigResult;
  /**
   * Where they come from, read again by "Check again" while they are not usable; its location is
   * what the needs-configuration screen names. Default: `config` again, as a development run.
   */
  settings?: SettingsSource;
  /** Shows a folder in the file manager (Electron: shell.openPath); true when it could. Without it the folder is not opened. */
  openConfigurationFolder?: (folder: string) => Promise<boolean>;
  /**
   * "Check again" found usable settings: called before the sign-in form is shown, so the caller
   * can set up what it derives from them (the links that may open in the browser, the org's sign-in page).
   */
  onConfigured?: (config: AppConfig) => void;
  cipher: Cipher;
  store: KeyValueStore;
  fetch?: typeof fetch;
  log?: Logger;
  /** Per-request timeout towards the IdP (and, when a number, the API); default DEFAULT_TIMEOUT_MS. Tests set it small. */
  requestTimeoutMs?: RequestTimeout;
  /** Epoch milliseconds; tests move time without waiting. Default `Date.now`. */
  clock?: Clock;
  /** Timers for refresh and retries; tests run them by hand. Default: real, unref()ed timers. */
  scheduler?: Scheduler;
  /**
   * Ask the org once, in the background, what it offers besides signing in ("Forgot password?"),
   * so the sign-in screen can offer it before any sign-in starts. The app turns it on; tests that
   * do not look at it leave it off (it costs an interact and an introspect).
   */
  discoverOffers?: boolean;
  /**
   * Opens the system browser at the org's sign-in page (Electron: shell.openExternal, for the
   * org's URL only; the web preview: a function its caller gives). Without it the browser
   * sign-in says the browser could not be opened.
   */
  openExternal?: (url: string) => Promise<void>;
  /** A browser sign-in came back signed in: bring the window to the front. */
  onBrowserReturn?: () => void;
  /** How long a browser sign-in waits for the browser; default 5 minutes. */
  browserTimeoutMs?: number;
  /**
   * A packaged build's private-use redirect URI for these settings (when their redirect URI is on
   * the scheme the OS registered), answered through `handleRedirect`; otherwise a loopback listener.
   */
  privateUseRedirect?: (config: AppConfig) => string | undefined;
  /** The loopback listener's port; default 0 (the OS picks). Tests name a busy one. */
  loopbackPort?: number;
  /**
   * The person's language now (the system's, or their choice in the Language menu): sent to the
   * org as Accept-Language, so its own messages come in it, and used for the browser's return
   * page. Read at each request. Default English.
   */
  language?: () => Locale;
}

export interface AuthApp {
  /** Validates, routes, never throws. Every method answers an AuthView but getTasks (ApiTasksView), getBranding (Branding) and openConfigurationFolder (FolderOpened). */
  invoke<C extends string>(channel: C, payload: unknown): Promise<BridgeResult<ResponseOf<C>>>;
  /** Called with every new view (after actions and on changes main makes itself). */
  onStateChanged(listener: (view: AuthView) => void): () => void;
  /** Settles once the org's self-service offers are known (or `discoverOffers` is off); for tests. */
  offersKnown?: Promise<void>;
  /** After the computer wakes: refresh if due, reconnect if offline, retry pending revocations. */
  handleSystemResume(): Promise<void>;
  /** A URL the OS opened the app with (private-use scheme): true when it answered the browser sign-in in progress. */
  handleRedirect(url: string): boolean;
  dispose(): Promise<void>;
}

/**
 * Every method that acts, one at a time. The others are answered first, beside them: getState and
 * getBranding only read (the view, the org's look); getTasks reads the API (it must not make a
 * profile refresh or a sign-out "busy"); abortCall stops the action in progress, so it cannot wait
 * for it; checkConfiguration and openConfigurationFolder are refused (the settings are in use).
 */
type Action = Exclude<BridgeMethod, 'getState' | 'getTasks' | 'abortCall' | 'getBranding' | 'checkConfiguration' | 'openConfigurationFolder'>;
type Handlers = { [M in Action]: (request: BridgeMethods[M]['request']) => Promise<BridgeResult<AuthView>> };

export async function createAuthApp(deps: AuthAppDeps): Promise<AuthApp> {
  const log = deps.log ?? createConsoleLogger();
  if (deps.config.ok) return createConfiguredApp(deps, deps.config.config, log);
  log.warn('app.needs-configuration', { problems: deps.config.problems.length });
  return createNeedsConfigurationApp({
    problems: deps.config.problems,
    settings: deps.settings ?? fixedSettings(deps.config),
    log,
    ...(deps.openConfigurationFolder !== undefined && { openFolder: deps.openConfigurationFolder }),
    configure: (config) => createConfiguredApp(deps, config, log),
    ...(deps.onConfigured !== undefined && { onConfigured: deps.onConfigured }),
  });
}

/** The app on usable settings: everything derived from them (client, branding, API, browser sign-in) is built here. */
async function createConfiguredApp(deps: AuthAppDeps, orgConfig: AppConfig, log: Logger): Promise<AuthApp> {
  const listeners = new Set<(view: AuthView) => void>();
  let view: AuthView;
  let busy = false;
  let disposed = false;

  // What the org offers on the sign-in screen, once known; every signed-out view carries it.
  let offers: SelfServiceOffers | undefined;
  function setView(shown: AuthView): AuthView {
    // Signed out (the sign-in form's links) and terminal (a locked-out person may unlock) carry them.
    const carries = shown.status === 'signed-out' || shown.status === 'terminal';
    const next: AuthView = carries && offers && Object.keys(offers).length > 0 ? { ...shown, offers } : shown;
    view = next;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (error) {
        log.error('app.listener-failed', { error: errorName(error) });
      }
    }
    return next;
  }
  function onStateChanged(listener: (view: AuthView) => void): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  const language = deps.language ?? (() => 'en' as const);
  const orgLanguage = () => acceptLanguage(language());
  /**
   * A client of the org with a transport of its own. The sign-in's actions run one at a time on
   * theirs; work that may run beside them gets its own, so that stopping a sign-in never cuts it
   * and its failures never reach the sign-in's (`takeFailure`), nor the sign-in's reach it.
   */
  const ownClient = () => {
    const own = createIdpTransport(deps.fetch ?? globalThis.fetch, deps.requestTimeoutMs, orgLanguage);
    return { transport: own, oktaAuth: createOktaClient(orgConfig, own) };
  };
  const { transport, oktaAuth } = ownClient();
  // Loaded once (the logo may be fetched); getBranding waits for it, nothing else does.
  const branding: Promise<Branding> = loadBranding(orgConfig.branding, { fetch: deps.fetch ?? globalThis.fetch, store: deps.store, log, clock: deps.clock ?? Date.now });
  const flow = createSignInFlow(oktaAuth, transport, log);
  const clock = deps.clock ?? Date.now;
  const scheduler = deps.scheduler ?? realScheduler;
  // Retried in the background (a timer, a nudge after any IdP call, resume), so beside a sign-in too.
  const revoking = ownClient();
  const revocations = createRevocations(revoking.oktaAuth, revoking.transport, createSealedStore(deps.cipher, deps.store, log), scheduler, clock, log);
  const session: Session = createSession({
    oktaAuth,
    transport,
    vault: createTokenVault(deps.cipher, deps.store, log),
    revocations,
    log,
    clock,
    scheduler,
    // Background changes (refresh ended the session, offline, reconnected) reach the renderer as events.
    onChange: showIfChanged,
  });
  function showIfChanged(next: AuthView): void {
    if (!disposed && JSON.stringify(next) !== JSON.stringify(view)) setView(next);
  }
  const { apiUrl } = orgConfig;
  // A renewal on the way (a 401, an expired token) may end the session: that reaches the renderer as an event.
  const authorizedFetch =
    apiUrl === undefined
      ? undefined
      : createAuthorizedFetch({ session, fetch: deps.fetch ?? globalThis.fetch, apiUrl, timeoutMs: typeof deps.requestTimeoutMs === 'number' ? deps.requestTimeoutMs : DEFAULT_TIMEOUT_MS, log, onView: showIfChanged });
  async function tasks(): Promise<BridgeResult<ApiTasksView>> {
    if (!isSignedIn()) return WRONG_STATE('load your tasks while not signed in');
    if (!authorizedFetch) return ok({ status: 'not-configured' });
    return ok(await loadTasks(authorizedFetch));
  }
  // Restoring may refresh an expired token (one request, up to the request timeout): the window
  // must not wait for it, so calls wait instead and the renderer shows its loading state meanwhile.
  view = { status: 'signed-out', messages: [] };
  const restored = session.restore().then(
    (restoredView) => void (view = restoredView),
    (error: unknown) => log.error('app.restore-failed', { error: errorName(error) }),
  );

  // Asked once: an org's self-service policy does not change while the app runs. A failure (offline)
  // leaves the links off until the next launch rather than guessing. Its own client and transport,
  // so it neither blocks a sign-in the person starts meanwhile nor touches that transaction.
  const offersKnown =
    deps.discoverOffers === true
      ? restored.then(async () => {
          const probe = ownClient();
          offers = await createSignInFlow(probe.oktaAuth, probe.transport, log).discoverOffers();
          if (!disposed && view.status === 'signed-out' && offers && Object.keys(offers).length > 0) setView(view);
        })
      : Promise.resolve();

  async function fromFlow(outcome: FlowOutcome): Promise<AuthView> {
    return outcome.kind === 'success' ? session.complete(outcome.tokens, outcome.messages) : outcome.view;
  }
  async function fromFlowResult(result: FlowResult): Promise<BridgeResult<AuthView>> {
    return result.ok ? ok(setView(await fromFlow(result.outcome))) : result;
  }

  // The poll running now: a Stop pressed while an action waits for it cuts it short.
  let pollStop: AbortController | undefined;
  // One poller for the transaction: while the current step waits for something that happens
  // elsewhere (a push approved, the email's link), main asks the IdP at the org's interval and
  // pushes what changed. It stops with the step (cancel, sign-out, terminal, success) and on dispose.
  const poller = createStepPoller({
    scheduler,
    intervalMs: () => (!disposed && view.status === 'pending' ? flow.pollIntervalMs() : undefined),
    // A user action runs its own call: the poll waits for the next turn.
    canRun: () => !busy,
    async pollOnce() {
      const stop = new AbortController();
      const polled = flow.poll(stop.signal);
      if (!polled) return 'stop';
      busy = true;
      pollStop = stop;
      try {
        const outcome = await polled;
        // Stopped for an action that waited for it (abortCall): that action says what follows.
        if (outcome.kind === 'stopped') return 'stop';
        if (outcome.kind === 'wait') return outcome.backoff ? 'backoff' : 'again';
        if (!disposed) setView(await fromFlow(outcome));
        return 'again';
      } finally {
        busy = false;
        pollStop = undefined;
      }
    },
    onError: (error) => log.error('sign-in.poll-failed', { error: errorName(error) }),
  });

  const isSignedIn = () => view.status === 'signed-in';

  const privateUseRedirect = deps.privateUseRedirect?.(orgConfig);
  const browser = createBrowserSignIn({
    oktaAuth,
    config: orgConfig,
    transport,
    log,
    scheduler,
    open: deps.openExternal ?? (() => Promise.reject(new Error('No browser to open.'))),
    language,
    ...(deps.browserTimeoutMs !== undefined ? { timeoutMs: deps.browserTimeoutMs } : {}),
    ...(privateUseRedirect !== undefined ? { privateUseRedirect } : {}),
    ...(deps.loopbackPort !== undefined ? { loopbackPort: deps.loopbackPort } : {}),
  });
  // Bumped by every start and cancel: an answer from a browser sign-in that was cancelled or
  // replaced is dropped, its tokens never stored.
  let browserRun = 0;
  const idleTasks: Array<() => Promise<void>> = [];
  // The actions under way, waiting for a poll or running: abortCall waits for them to end.
  const actions = new Set<Promise<unknown>>();
  // The actions still waiting for a poll to settle: an abortCall meanwhile is kept for each.
  const waiting = new Set<{ aborted: boolean }>();
  function whenIdle(task: () => Promise<void>): void {
    if (busy) idleTasks.push(task);
    else void task();
  }
  function cancelBrowser(): void {
    browserRun += 1;
    browser.cancel();
  }
  /** The browser answered (or the wait ended): the same session path as an embedded sign-in. */
  async function completeBrowser(run: number, outcome: FlowOutcome): Promise<void> {
    if (disposed || run !== browserRun) return;
    busy = true;
    let next: AuthView;
    try {
      next = await fromFlow(outcome);
    } catch (error) {
      log.error('browser-sign-in.complete-failed', { error: errorName(error) });
      next = { status: 'signed-out', messages: [BROWSER_MESSAGES.refused] };
    } finally {
      busy = false;
    }
    if (disposed) return;
    setView(next);
    if (next.status !== 'signed-in') return;
    // Bringing the window forward is a courtesy: its failure must not undo a sign-in that took.
    try {
      deps.onBrowserReturn?.();
    } catch (error) {
      log.warn('browser-sign-in.focus-failed', { error: errorName(error) });
    }
  }
  async function startBrowser(request: BridgeMethods['signInWithBrowser']['request']): Promise<BridgeResult<AuthView>> {
    cancelBrowser();
    // The embedded sign-in that could not go on is ended at the IdP first; the browser starts afresh.
    await flow.cancel();
    const run = browserRun;
    const started = await browser.start(request);
    if (!started.ok) return ok(setView(await fromFlow(started.outcome)));
    started.outcome.then(
      (outcome) => whenIdle(() => completeBrowser(run, outcome)),
      (error: unknown) => log.error('browser-sign-in.failed', { error: errorName(error) }),
    );
    return ok(setView({ status: 'browser', messages: started.opened ? [] : [BROWSER_MESSAGES.notOpened] }));
  }

  const handlers: Handlers = {
    // Signing in here, or starting a self-service flow, replaces a browser sign-in left waiting:
    // its late answer must not sign the person in halfway through another transaction.
    signIn: async (request) => {
      if (isSignedIn()) return WRONG_STATE('sign in while already signed in');
      cancelBrowser();
      return fromFlowResult(await flow.signIn(request));
    },
    signInWithBrowser: async (request) => {
      if (isSignedIn()) return WRONG_STATE('sign in while already signed in');
      return startBrowser(request);
    },
    reopenBrowser: async () => {
      if (view.status !== 'browser') return WRONG_STATE('open the sign-in page again');
      const opened = await browser.reopen();
      return ok(setView({ status: 'browser', messages: opened ? [] : [BROWSER_MESSAGES.notOpened] }));
    },
    proceed: async (request) => {
      if (view.status !== 'pending') return WRONG_STATE('continue sign-in');
      return fromFlowResult(await flow.proceed(request));
    },
    skip: async () => {
      if (view.status !== 'pending') return WRONG_STATE('skip a step');
      return fromFlowResult(await flow.skip());
    },
    resend: async () => {
      if (view.status !== 'pending') return WRONG_STATE('send a code again');
      return fromFlowResult(await flow.resend());
    },
    chooseAnother: async () => {
      if (view.status !== 'pending') return WRONG_STATE('choose another way to verify');
      return fromFlowResult(flow.chooseAnother());
    },
    recoverPassword: async (request) => {
      if (isSignedIn()) return WRONG_STATE('reset your password while signed in');
      cancelBrowser();
      return fromFlowResult(await flow.recoverPassword(request));
    },
    unlockAccount: async (request) => {
      if (isSignedIn()) return WRONG_STATE('unlock an account while signed in');
      cancelBrowser();
      return fromFlowResult(await flow.unlockAccount(request));
    },
    register: async () => {
      if (isSignedIn()) return WRONG_STATE('sign up while signed in');
      cancelBrowser();
      return fromFlowResult(await flow.register());
    },
    cancel: async () => {
      if (isSignedIn()) return WRONG_STATE('cancel while signed in; sign out instead');
      cancelBrowser();
      return ok(setView(await fromFlow(await flow.cancel())));
    },
    signOut: async () => {
      if (!isSignedIn()) return WRONG_STATE('sign out while not signed in');
      return ok(setView(await session.signOut()));
    },
    refreshProfile: async () => {
      if (!isSignedIn()) return WRONG_STATE('refresh the profile while not signed in');
      return ok(setView(await session.refreshProfile()));
    },
  };
  // Generic so the request's type follows its method: no cast between them.
  const dispatch = <M extends Action>(parsed: ParsedRequestOf<M>) => handlers[parsed.method](parsed.request);

  /** An action, once any poll in flight has settled: one at a time, never beside a poll. */
  async function act<M extends Action>(parsed: ParsedRequestOf<M>): Promise<BridgeResult<AuthView>> {
    // A background poll is not the person's doing: their action waits for it instead of failing.
    const queued = { aborted: false };
    waiting.add(queued);
    try {
      await poller.settled();
    } finally {
      waiting.delete(queued);
    }
    if (disposed) return SHUTTING_DOWN();
    // Stopped while it waited: nothing was sent for it, and the sign-in ends as any stopped action
    // does; unless the poll signed the person in first, which a Stop does not undo.
    if (queued.aborted) return ok(isSignedIn() ? view : setView(await fromFlow(flow.abandon(parsed.method))));
    // One action at a time: a double submit must not start a second transaction.
    if (busy) return BUSY();
    busy = true;
    poller.stop();
    try {
      return await dispatch(parsed);
    } catch (error) {
      log.error('app.unexpected-error', { method: parsed.method, error: errorName(error) });
      return fail('internal', 'Something went wrong. Please try again.');
    } finally {
      busy = false;
      // The step the action led to may wait for something: poll it (a no-op otherwise).
      poller.start();
      // A browser answer that arrived during the action.
      void idleTasks.shift()?.();
    }
  }

  return {
    // Each channel answers its method's response (ResponseOf): the routing below keeps to it.
    invoke: (async (channel: string, payload: unknown): Promise<BridgeResult<BridgeResponse>> => {
      const parsed = parseRequest(channel, payload);
      if (!parsed.ok) return parsed;
      if (parsed.method === 'getBranding') return ok(await branding);
      // The settings are in use: there is nothing to check again or to open (Help -> Open Configuration Folder is the menu's).
      if (parsed.method === 'checkConfiguration' || parsed.method === 'openConfigurationFolder') return WRONG_STATE('change the settings while they are in use');
      await restored;
      if (parsed.method === 'getState') return ok(view);
      // Not an action of its own: it stops the one in flight, so it must not wait for it to end first.
      if (parsed.method === 'abortCall') {
        // An action still waiting for a poll has sent nothing yet: it is told to end there, and the
        // poll it waits for is cut short. A poll nobody waits for is the app's own and goes on.
        if (waiting.size > 0) {
          for (const queued of waiting) queued.aborted = true;
          pollStop?.abort();
        }
        flow.abort();
        await Promise.allSettled([...actions]);
        return ok(view);
      }
      if (disposed) return SHUTTING_DOWN();
      if (parsed.method === 'getTasks') return tasks();
      const running = act(parsed);
      actions.add(running);
      try {
        return await running;
      } finally {
        actions.delete(running);
      }
    }) as AuthApp['invoke'],
    onStateChanged,
    offersKnown,
    handleSystemResume: () => (disposed ? Promise.resolve() : session.handleResume()),
    handleRedirect: (url) => !disposed && browser.handleRedirect(url),
    async dispose() {
      disposed = true;
      cancelBrowser();
      poller.stop();
      listeners.clear();
      session.dispose();
      flow.reset();
    },
  };
}
