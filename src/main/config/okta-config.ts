/**
 * The app's Okta settings, read from environment variables and validated once at startup.
 *
 * Problems are returned as catalog messages for the `needs-configuration` screen, never thrown: a
 * misconfigured app should tell the user (or the admin) what to fix, not crash.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { message, type Message, type MessageId } from '../../shared/i18n/text';
import { brandingInput, brandingSchema, toBranding, type BrandingSettings } from './branding';

export interface AppConfig {
  /** Without a trailing slash, e.g. `https://example.okta.com/oauth2/default`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: ReadonlyArray<string>;
  /**
   * Your API that accepts this org's access tokens (`OKTA_API_URL`), without a trailing slash; the
   * home screen's panel reads its tasks at `${apiUrl}/api/tasks`. Absent: no API, no panel.
   */
  readonly apiUrl?: string;
  /** The org's name, logo, accent colour and help page (OKTA_ORG_*, branding.ts), all optional. */
  readonly branding: BrandingSettings;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: AppConfig }
  | { readonly ok: false; readonly problems: ReadonlyArray<Message> };

export type EnvSource = Readonly<Record<string, string | undefined>>;

export const DEFAULT_SCOPES = 'openid profile email offline_access';

export interface ConfigOptions {
  /** Accept an http issuer on loopback (the emulator). Default true; a packaged app passes false. */
  readonly allowLoopbackHttp?: boolean;
}

/** A zod message that is a catalog id, so the problem reaches the screen in the person's language. */
const problem = (id: MessageId): MessageId => id;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parseUrl(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/**
 * An absolute https URL without query, fragment or credentials, trailing slashes dropped;
 * `allowLoopbackHttp`: plain http to 127.0.0.1/localhost/[::1] (the emulator), never in a packaged app.
 * `setting` names the catalog's messages for it (`config.issuer.*`, `config.apiUrl.*`).
 */
const serverUrlSchema = (setting: 'config.issuer' | 'config.apiUrl', missing: MessageId, allowLoopbackHttp: boolean) =>
  z
    .string({ error: problem(missing) })
    .trim()
    .min(1, problem(missing))
    .transform((value) => value.replace(/\/+$/, ''))
    .superRefine((value, ctx) => {
      const url = parseUrl(value);
      if (!url) {
        ctx.addIssue({ code: 'custom', message: problem(`${setting}.notUrl`) });
        return;
      }
      // Plain http would expose the password and tokens on the wire; loopback is only for the emulator.
      const httpAllowed = allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
      if (url.protocol !== 'https:' && !httpAllowed) {
        ctx.addIssue({
          code: 'custom',
          message: problem(allowLoopbackHttp ? `${setting}.httpsOrLocalhost` : `${setting}.https`),
        });
      }
      if (url.search || url.hash || url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: problem(`${setting}.extras`) });
      }
    });

/** An Admin Console address (acme-admin.okta.com): often pasted from the browser, never an issuer. */
const ADMIN_CONSOLE_HOST = /-admin\.(okta|oktapreview|okta-emea)\.com$/i;

const issuerSchema = (allowLoopbackHttp: boolean) =>
  serverUrlSchema('config.issuer', 'config.issuer.missing', allowLoopbackHttp).refine(
    (value) => !ADMIN_CONSOLE_HOST.test(parseUrl(value)?.hostname ?? ''),
    problem('config.issuer.admin'),
  );

// Optional: a blank value is no API (see loadConfig) and never reaches this schema, so it has no "missing" message.
const apiUrlSchema = (allowLoopbackHttp: boolean) => serverUrlSchema('config.apiUrl', 'config.apiUrl.notUrl', allowLoopbackHttp).optional();

const clientIdSchema = z
  .string({ error: problem('config.clientId.missing') })
  .trim()
  .min(1, problem('config.clientId.missing'))
  .regex(/^[A-Za-z0-9_-]{4,128}$/, problem('config.clientId.invalid'));

const redirectUriSchema = z
  .string({ error: problem('config.redirectUri.missing') })
  .trim()
  .min(1, problem('config.redirectUri.missing'))
  .refine((value) => parseUrl(value) !== undefined && !value.includes('#'), problem('config.redirectUri.invalid'));

const scopesSchema = z
  .string()
  .trim()
  .transform((value) => [...new Set(value.split(/\s+/).filter(Boolean))])
  .refine((scopes) => scopes.includes('openid'), problem('config.scopes.openid'))
  .refine((scopes) => scopes.every((scope) => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)), problem('config.scopes.character'));

const envSchema = (options: Required<ConfigOptions>) =>
  z.object({
    OKTA_ISSUER: issuerSchema(options.allowLoopbackHttp),
    OKTA_CLIENT_ID: clientIdSchema,
    OKTA_REDIRECT_URI: redirectUriSchema,
    OKTA_SCOPES: scopesSchema,
    OKTA_API_URL: apiUrlSchema(options.allowLoopbackHttp),
    ...brandingSchema.shape,
  });

/** Validates the `OKTA_*` variables of `env`; other variables are ignored. */
export function loadConfig(env: EnvSource, options: ConfigOptions = {}): ConfigResult {
  const scopes = env['OKTA_SCOPES']?.trim() ? env['OKTA_SCOPES'] : DEFAULT_SCOPES;
  const parsed = envSchema({ allowLoopbackHttp: options.allowLoopbackHttp ?? true }).safeParse({
    OKTA_ISSUER: env['OKTA_ISSUER'],
    OKTA_CLIENT_ID: env['OKTA_CLIENT_ID'],
    OKTA_REDIRECT_URI: env['OKTA_REDIRECT_URI'],
    OKTA_SCOPES: scopes,
    OKTA_API_URL: env['OKTA_API_URL']?.trim() ? env['OKTA_API_URL'] : undefined,
    ...brandingInput(env),
  });
  if (!parsed.success) {
    // Each issue's message is a catalog id (problem() below); zod's own would be English.
    return { ok: false, problems: [...new Set(parsed.error.issues.map((issue) => issue.message))].map((id) => message(id as MessageId)) };
  }
  const { OKTA_ISSUER, OKTA_CLIENT_ID, OKTA_REDIRECT_URI, OKTA_SCOPES, OKTA_API_URL, ...branding } = parsed.data;
  return {
    ok: true,
    config: {
      issuer: OKTA_ISSUER,
      clientId: OKTA_CLIENT_ID,
      redirectUri: OKTA_REDIRECT_URI,
      scopes: OKTA_SCOPES,
      ...(OKTA_API_URL !== undefined ? { apiUrl: OKTA_API_URL } : {}),
      branding: toBranding(branding),
    },
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
