/**
 * Where a released (packaged) build gets its Okta settings, without rebuilding it.
 *
 * Sources, highest precedence first:
 *   1. `OKTA_*` variables in the environment the app was started with (an admin testing a change);
 *   2. `config.json` in the user-data folder (per user; writable on every OS and install type);
 *   3. `config.json` beside the installed app (machine-wide, placed by an admin or MDM/GPO);
 *   4. the `OKTA_*` values present when the build was made (baked into the main bundle).
 *
 * The first source that sets any `OKTA_*` value is used ALONE: settings are never mixed across
 * sources, so an issuer from one org is never paired with a client id from another. Keys it omits
 * get `loadConfig`'s own defaults (only the scopes have one). Validation is `loadConfig`'s, with
 * https required: a packaged app never accepts the emulator's plain-http loopback issuer.
 * Electron-free: index.ts passes in the paths and environments.
 */
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import { BRANDING_KEYS } from './branding';
import { message, type Message, type MessageValue } from '../../shared/i18n/text';
import { loadConfig, readTextIfPresent, type ConfigResult, type EnvSource } from './okta-config';

export const CONFIG_FILE_NAME = 'config.json';

/** The org's settings, then its look (branding.ts): one source supplies all of them. */
export const OKTA_KEYS = ['OKTA_ISSUER', 'OKTA_CLIENT_ID', 'OKTA_REDIRECT_URI', 'OKTA_SCOPES', 'OKTA_API_URL', ...BRANDING_KEYS] as const;

/** A config.json holds the same keys as `.env`; anything else is a typo the admin should hear about. */
const fileSchema = z.strictObject(
  Object.fromEntries(OKTA_KEYS.map((key) => [key, z.string({ error: `${key} must be a string.` }).optional()])) as Record<
    (typeof OKTA_KEYS)[number],
    z.ZodOptional<z.ZodString>
  >,
);

export interface ReleaseConfigInput {
  /** config.json paths, highest precedence first (see `configFileCandidates`). */
  readonly files: ReadonlyArray<string>;
  /** The runtime environment (process.env). */
  readonly env: EnvSource;
  /** The `OKTA_*` values captured at build time. */
  readonly buildDefaults: EnvSource;
  /** Injected for tests; returns undefined when the file does not exist. */
  readonly readFile?: (path: string) => string | undefined;
}

export type ReleaseConfigResult = ConfigResult & {
  /** Which source supplied the settings, for logs and problem messages; undefined when none did. */
  readonly source: string | undefined;
};

/** The non-blank `OKTA_*` values of `env`; also what the build injects as defaults. */
export function oktaOnly(env: EnvSource): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of OKTA_KEYS) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') picked[key] = value;
  }
  return picked;
}

type Layer = { readonly source: string; readonly values: Record<string, string> } | { readonly source: string; readonly problems: Message[] };

function readFileLayer(path: string, readFile: (path: string) => string | undefined): Layer | undefined {
  let text: string | undefined;
  try {
    text = readFile(path);
  } catch (error) {
    return { source: path, problems: [message('config.file.unreadable', { path, detail: (error as Error).message })] };
  }
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { source: path, problems: [message('config.file.notJson', { path, detail: (error as Error).message })] };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? message('config.file.unknownKeys', { path, keys: issue.keys.join(', '), allowed: OKTA_KEYS.join(', ') })
        : issue.path.length === 0
          ? message('config.file.notObject', { path })
          : // zod's own words for a wrong type (e.g. "OKTA_CLIENT_ID must be a string."), as a value.
            message('config.file.problem', { path, problem: issue.message }),
    );
    return { source: path, problems };
  }
  return { source: path, values: oktaOnly(parsed.data) };
}

const ENVIRONMENT = 'the environment';
const BUILD = 'the build';

/** Where settings came from, as a person reads it: a file's path, or the environment or the build, in their words. */
function sourceText(source: string): MessageValue {
  if (source === ENVIRONMENT) return message('config.source.environment');
  if (source === BUILD) return message('config.source.build');
  return source;
}

export function loadReleaseConfig(input: ReleaseConfigInput): ReleaseConfigResult {
  // A read error other than a missing file becomes a problem to show (readFileLayer), not swallowed.
  const readFile = input.readFile ?? readTextIfPresent;
  const layers: Array<() => Layer | undefined> = [
    () => ({ source: ENVIRONMENT, values: oktaOnly(input.env) }),
    ...input.files.map((path) => () => readFileLayer(path, readFile)),
    () => ({ source: BUILD, values: oktaOnly(input.buildDefaults) }),
  ];
  for (const next of layers) {
    const layer = next();
    if (!layer) continue;
    // A broken file stops the search: falling back would silently use settings the admin replaced.
    if ('problems' in layer) return { ok: false, problems: layer.problems, source: layer.source };
    if (Object.keys(layer.values).length === 0) continue;
    // A released build talks to a real org: https only, whatever the source says.
    const result = loadConfig(layer.values, { allowLoopbackHttp: false });
    return result.ok
      ? { ...result, source: layer.source }
      : { ok: false, problems: result.problems.map((problem) => message('config.problemFrom', { problem, source: sourceText(layer.source) })), source: layer.source };
  }
  return {
    ok: false,
    source: undefined,
    // Short: the screen's steps below it name each file and what to put in it.
    problems: [message('config.none', { file: CONFIG_FILE_NAME })],
  };
}

export interface InstallLocation {
  readonly userDataDir: string;
  /** `app.getPath('exe')`. */
  readonly exePath: string;
  readonly platform: NodeJS.Platform;
  /** `process.env.APPIMAGE`: the AppImage file, since the executable itself runs from a read-only mount. */
  readonly appImagePath?: string | undefined;
}

/** The config.json paths for a packaged app, highest precedence first. */
export function configFileCandidates(location: InstallLocation): string[] {
  // The path flavour follows the target platform, so this is testable for every OS on any OS.
  const { dirname, join } = location.platform === 'win32' ? win32 : posix;
  let installDir = dirname(location.exePath);
  if (location.platform === 'darwin') {
    // …/Foo.app/Contents/MacOS/Foo: the folder holding Foo.app, since editing the bundle breaks its signature.
    // `s`: a folder name may hold a line break, which `.` alone would not match.
    const bundle = location.exePath.match(/^(.*?\.app)\/Contents\/MacOS\//s)?.[1];
    if (bundle) installDir = dirname(bundle);
  } else if (location.platform === 'linux' && location.appImagePath) {
    installDir = dirname(location.appImagePath);
  }
  return [join(location.userDataDir, CONFIG_FILE_NAME), join(installDir, CONFIG_FILE_NAME)];
}
