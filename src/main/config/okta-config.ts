/**
 * The app's Okta settings, read from environment variables and validated once at startup.
 *
 * Problems are returned as sentences for the `needs-configuration` screen, never thrown: a
 * misconfigured app should tell the user (or the admin) what to fix, not crash.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

export interface AppConfig {
  /** Without a trailing slash, e.g. `https://example.okta.com/oauth2/default`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: ReadonlyArray<string>;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: AppConfig }
  | { readonly ok: false; readonly problems: ReadonlyArray<string> };

export type EnvSource = Readonly<Record<string, string | undefined>>;

export const DEFAULT_SCOPES = 'openid profile email offline_access';

export interface ConfigOptions {
  /** Accept an http issuer on loopback (the emulator). Default true; a packaged app passes false. */
  readonly allowLoopbackHttp?: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parseUrl(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/** `allowLoopbackHttp`: plain http to 127.0.0.1/localhost/[::1] (the emulator); never in a packaged app. */
const issuerSchema = (allowLoopbackHttp: boolean) =>
  z
    .string({ error: 'OKTA_ISSUER is not set. Set it to your Okta authorization server URL.' })
    .trim()
    .min(1, 'OKTA_ISSUER is not set. Set it to your Okta authorization server URL.')
    .transform((value) => value.replace(/\/+$/, ''))
    .superRefine((value, ctx) => {
      const url = parseUrl(value);
      if (!url) {
        ctx.addIssue({ code: 'custom', message: 'OKTA_ISSUER must be an absolute URL, e.g. https://example.okta.com/oauth2/default.' });
        return;
      }
      // Plain http would expose the password and tokens on the wire; loopback is only for the emulator.
      const httpAllowed = allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
      if (url.protocol !== 'https:' && !httpAllowed) {
        ctx.addIssue({
          code: 'custom',
          message: allowLoopbackHttp ? 'OKTA_ISSUER must use https (http is allowed only for localhost).' : 'OKTA_ISSUER must use https.',
        });
      }
      if (url.search || url.hash || url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: 'OKTA_ISSUER must not contain a query, fragment or credentials.' });
      }
    });

const clientIdSchema = z
  .string({ error: 'OKTA_CLIENT_ID is not set. Copy it from your Okta app integration.' })
  .trim()
  .min(1, 'OKTA_CLIENT_ID is not set. Copy it from your Okta app integration.')
  .regex(/^[A-Za-z0-9_-]{4,128}$/, 'OKTA_CLIENT_ID does not look like an Okta client ID (letters, digits, - and _ only).');

const redirectUriSchema = z
  .string({ error: 'OKTA_REDIRECT_URI is not set. Use a sign-in redirect URI registered for your app.' })
  .trim()
  .min(1, 'OKTA_REDIRECT_URI is not set. Use a sign-in redirect URI registered for your app.')
  .refine((value) => parseUrl(value) !== undefined && !value.includes('#'), 'OKTA_REDIRECT_URI must be an absolute URI without a fragment, e.g. com.example.app:/callback.');

const scopesSchema = z
  .string()
  .trim()
  .transform((value) => [...new Set(value.split(/\s+/).filter(Boolean))])
  .refine((scopes) => scopes.includes('openid'), 'OKTA_SCOPES must include openid.')
  .refine((scopes) => scopes.every((scope) => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)), 'OKTA_SCOPES contains a character that is not allowed in a scope.');

const envSchema = (options: Required<ConfigOptions>) =>
  z.object({
    OKTA_ISSUER: issuerSchema(options.allowLoopbackHttp),
    OKTA_CLIENT_ID: clientIdSchema,
    OKTA_REDIRECT_URI: redirectUriSchema,
    OKTA_SCOPES: scopesSchema,
  });

/** Validates the `OKTA_*` variables of `env`; other variables are ignored. */
export function loadConfig(env: EnvSource, options: ConfigOptions = {}): ConfigResult {
  const scopes = env['OKTA_SCOPES']?.trim() ? env['OKTA_SCOPES'] : DEFAULT_SCOPES;
  const parsed = envSchema({ allowLoopbackHttp: options.allowLoopbackHttp ?? true }).safeParse({
    OKTA_ISSUER: env['OKTA_ISSUER'],
    OKTA_CLIENT_ID: env['OKTA_CLIENT_ID'],
    OKTA_REDIRECT_URI: env['OKTA_REDIRECT_URI'],
    OKTA_SCOPES: scopes,
  });
  if (!parsed.success) {
    return { ok: false, problems: [...new Set(parsed.error.issues.map((issue) => issue.message))] };
  }
  const { OKTA_ISSUER, OKTA_CLIENT_ID, OKTA_REDIRECT_URI, OKTA_SCOPES } = parsed.data;
  return {
    ok: true,
    config: { issuer: OKTA_ISSUER, clientId: OKTA_CLIENT_ID, redirectUri: OKTA_REDIRECT_URI, scopes: OKTA_SCOPES },
  };
}

/**
 * A settings file's text, or undefined when it does not exist. Other read errors (permissions, a
 * directory) are thrown so they are not silently ignored.
 */
export function readTextIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads a `.env` file for development; a missing file is an empty environment. */
export function loadDotEnv(path: string): Record<string, string> {
  const text = readTextIfPresent(path);
  return text === undefined ? {} : (parseEnv(text) as Record<string, string>);
}
