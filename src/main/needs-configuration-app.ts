/**
 * The app while its Okta settings are missing or invalid: it answers the needs-configuration view
 * (the problems, and where this build reads its settings), opens the configuration folder, and on
 * "Check again" reads the settings again. Once they are valid it builds the configured app and
 * hands it every call and event from then on, so fixing a file needs no restart.
 */
import { CHANNELS, type AuthView, type BridgeResponse, type BridgeResult, type Message } from '../shared/contract';
import { message } from '../shared/i18n/text';
import type { AuthApp } from './app';
import type { AppConfig, ConfigResult } from './config/okta-config';
import type { SettingsSource } from './config/settings-source';
import { BUSY, ok, SHUTTING_DOWN, WRONG_STATE } from './ipc/results';
import { parseRequest } from './ipc/schemas';
import { errorName, type Logger } from './log/logger';

export interface NeedsConfigurationDeps {
  /** What was wrong with the settings at launch. */
  readonly problems: ReadonlyArray<Message>;
  readonly settings: SettingsSource;
  readonly log: Logger;
  /** Shows a folder in the file manager; true when it could. */
  readonly openFolder?: (folder: string) => Promise<boolean>;
  /** Builds the app on valid settings. */
  readonly configure: (config: AppConfig) => Promise<AuthApp>;
  /** Valid settings were found: the caller sets up what it derives from them, before the sign-in form shows. */
  readonly onConfigured?: (config: AppConfig) => void;
}

export function createNeedsConfigurationApp(deps: NeedsConfigurationDeps): AuthApp {
  const { settings, log } = deps;
  const listeners = new Set<(view: AuthView) => void>();
  const needs = (problems: ReadonlyArray<Message>): AuthView => ({ status: 'needs-configuration', problems, location: settings.location });
  let view = needs(deps.problems);
  let configured: AuthApp | undefined;
  let checking = false;
  let disposed = false;

  /** The settings as they are now; a file that cannot be read (a folder, no permission) is a problem to show, not a crash. */
  function read(): ConfigResult {
    try {
      return settings.read();
    } catch (error) {
      const path = settings.location.kind === 'packaged' ? settings.location.file : settings.location.envFile;
      return { ok: false, problems: [message('config.file.unreadable', { path, detail: (error as Error).message })] };
    }
  }

  async function checkAgain(): Promise<BridgeResult<AuthView>> {
    const result = read();
    if (!result.ok) {
      log.warn('app.needs-configuration', { problems: result.problems.length });
      view = needs(result.problems);
      return ok(view);
    }
    const app = await deps.configure(result.config);
    if (disposed) {
      await app.dispose();
      return SHUTTING_DOWN();
    }
    log.info('app.configured');
    deps.onConfigured?.(result.config);
    configured = app;
    app.onStateChanged((next) => {
      for (const listener of listeners) listener(next);
    });
    return app.invoke(CHANNELS.getState, undefined);
  }

  async function openFolder(): Promise<boolean> {
    const { location } = settings;
    if (location.kind !== 'packaged' || deps.openFolder === undefined) return false;
    try {
      return await deps.openFolder(location.folder);
    } catch (error) {
      log.warn('app.open-folder-failed', { error: errorName(error) });
      return false;
    }
  }

  return {
    invoke: (async (channel: string, payload: unknown): Promise<BridgeResult<BridgeResponse>> => {
      if (configured) return configured.invoke(channel, payload);
      const parsed = parseRequest(channel, payload);
      if (!parsed.ok) return parsed;
      switch (parsed.method) {
        case 'getState':
          return ok(view);
        // No org yet, so no look of its own: the app's.
        case 'getBranding':
          return ok({});
        case 'openConfigurationFolder':
          return ok({ opened: await openFolder() });
        case 'checkConfiguration': {
          if (disposed) return SHUTTING_DOWN();
          // One check at a time: a double click must not build two apps.
          if (checking) return BUSY();
          checking = true;
          try {
            return await checkAgain();
          } finally {
            checking = false;
          }
        }
        default:
          return WRONG_STATE('do that until the app is configured');
      }
    }) as AuthApp['invoke'],
    onStateChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get offersKnown() {
      return configured?.offersKnown ?? Promise.resolve();
    },
    handleSystemResume: () => configured?.handleSystemResume() ?? Promise.resolve(),
    handleRedirect: (url) => configured?.handleRedirect(url) ?? false,
    async dispose() {
      disposed = true;
      listeners.clear();
      await configured?.dispose();
    },
  };
}
