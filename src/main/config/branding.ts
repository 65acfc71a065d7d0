/**
 * The org's look, set beside the issuer (.env in development, config.json in a released build):
 * its name, logo and accent colour, and where people get help. All optional; without them the
 * app has its own look. Validated here like the OKTA_* settings (a typo is a problem on the
 * settings screen, not a silent default); the logo's bytes are checked when loaded (logo.ts).
 */
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import type { MessageId } from '../../shared/i18n/text';

export const BRANDING_KEYS = ['OKTA_ORG_NAME', 'OKTA_ORG_LOGO', 'OKTA_ORG_ACCENT_COLOR', 'OKTA_ORG_HELP_URL'] as const;

export type LogoSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'url'; readonly url: string };

export interface BrandingSettings {
  readonly orgName?: string;
  readonly logo?: LogoSource;
  /** `#rrggbb`, lower case. */
  readonly accentColor?: string;
  readonly helpUrl?: string;
}

// Controls, format characters and separators would let a name spoof the window title or break it.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
export const MAX_ORG_NAME = 64;

/** An https URL with a host and no credentials: what the app may fetch or hand to the browser. */
function httpsUrl(value: string): URL | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? url : undefined;
}

/** A zod message that is a catalog id (as in okta-config.ts), so the problem is shown in the person's language. */
const problem = (id: MessageId): MessageId => id;

const orgName = z
  .string()
  .trim()
  .max(MAX_ORG_NAME, problem('config.orgName.tooLong'))
  .refine((value) => !INVISIBLE.test(value), problem('config.orgName.invalid'));

const logo = z
  .string()
  .trim()
  .transform((value, ctx): LogoSource => {
    const url = httpsUrl(value);
    if (url) return { kind: 'url', url: url.href };
    // \\host\share, //host/share (and \\?\UNC\…): Windows would open SMB to that host, and may
    // send the signed-in user's NTLM credentials with it.
    if (/^[\\/]{2}/.test(value)) {
      ctx.addIssue({ code: 'custom', message: problem('config.logo.networkPath') });
      return z.NEVER;
    }
    if (posix.isAbsolute(value) || win32.isAbsolute(value)) return { kind: 'file', path: value };
    ctx.addIssue({ code: 'custom', message: problem('config.logo.invalid') });
    return z.NEVER;
  });

const accentColor = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, problem('config.accentColor.invalid'))
  .transform((value) => (value.length === 4 ? `#${[...value.slice(1)].map((c) => c + c).join('')}` : value).toLowerCase());

const helpUrl = z
  .string()
  .trim()
  .refine((value) => httpsUrl(value) !== undefined, problem('config.helpUrl.invalid'))
  .transform((value) => httpsUrl(value)!.href);

export const brandingSchema = z.object({
  OKTA_ORG_NAME: orgName.optional(),
  OKTA_ORG_LOGO: logo.optional(),
  OKTA_ORG_ACCENT_COLOR: accentColor.optional(),
  OKTA_ORG_HELP_URL: helpUrl.optional(),
});

/** The branding values of an environment: blank ones count as not set. */
export function brandingInput(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(BRANDING_KEYS.flatMap((key) => (env[key]?.trim() ? [[key, env[key]]] : [])));
}

export function toBranding(parsed: z.output<typeof brandingSchema>): BrandingSettings {
  return {
    ...(parsed.OKTA_ORG_NAME !== undefined && { orgName: parsed.OKTA_ORG_NAME }),
    ...(parsed.OKTA_ORG_LOGO !== undefined && { logo: parsed.OKTA_ORG_LOGO }),
    ...(parsed.OKTA_ORG_ACCENT_COLOR !== undefined && { accentColor: parsed.OKTA_ORG_ACCENT_COLOR }),
    ...(parsed.OKTA_ORG_HELP_URL !== undefined && { helpUrl: parsed.OKTA_ORG_HELP_URL }),
  };
}
