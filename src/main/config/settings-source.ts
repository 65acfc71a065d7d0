/**
 * Where the app's Okta settings come from, read as often as asked: at launch, and again on the
 * needs-configuration screen's "Check again", so fixing a file needs no restart. The location is
 * data for that screen (its steps name the real file). Electron-free: index.ts and the web preview
 * pass in the paths and environments.
 */
import { posix, win32 } from 'node:path';
import type { SettingsLocation } from '../../shared/contract';
import type { Logger } from '../log/logger';
import { loadConfig, loadDotEnv, type ConfigResult, type EnvSource } from './okta-config';
import { loadReleaseConfig, type ReleaseConfigInput } from './release-config';

export interface SettingsSource {
  readonly location: SettingsLocation;
  /** Reads the settings from disk and the environment now. */
  read(): ConfigResult;
}

/** Development: `.env` at `envFile`, with the real environment winning over it (as dotenv does). */
export function developmentSettings(envFile: string, env: EnvSource): SettingsSource {
  return {
    location: { kind: 'development', envFile },
    read: () => loadConfig({ ...loadDotEnv(envFile), ...env }),
  };
}

export interface ReleaseSettingsInput extends ReleaseConfigInput {
  /** The files' platform, for their folder's name (configFileCandidates builds them in its flavour). */
  readonly platform: NodeJS.Platform;
  readonly log?: Logger;
}

/**
 * A released build: release-config.ts's sources. `files` are configFileCandidates' (the person's
 * own config.json first, then the machine-wide one beside the app).
 */
export function releaseSettings({ platform, log, ...input }: ReleaseSettingsInput): SettingsSource {
  const [file, machineFile] = input.files;
  if (file === undefined) throw new Error('A released build needs the path of its config.json.');
  const folderOf = platform === 'win32' ? win32.dirname : posix.dirname;
  return {
    location: { kind: 'packaged', file, folder: folderOf(file), ...(machineFile !== undefined && { machineFile }) },
    read() {
      const result = loadReleaseConfig(input);
      log?.info('app.config-source', { source: result.source ?? 'none' });
      return result;
    },
  };
}

/** A source that always gives the same settings (tests, and callers that never read again). */
export function fixedSettings(config: ConfigResult, envFile = '.env'): SettingsSource {
  return { location: { kind: 'development', envFile }, read: () => config };
}

