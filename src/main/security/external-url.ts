/**
 * Which links may leave the app for the system browser (`shell.openExternal`). Opening an
 * arbitrary URL can launch any registered protocol handler (file:, smb:, custom schemes), so only
 * https pages of origins the app already trusts (the configured Okta org) are allowed.
 */
import type { AppConfig } from '../config/okta-config';
import { originOf } from '../ipc/sender-check';

/** The origins `isAllowedExternalUrl` accepts: the https origin of each URL given, others dropped. */
export function externalOrigins(urls: ReadonlyArray<string>): ReadonlyArray<string> {
  return urls.flatMap((url) => (URL.canParse(url) && new URL(url).protocol === 'https:' ? [new URL(url).origin] : []));
}

/** The origins the app's links may open: the org's (its issuer) and its help page's; none before it is configured. */
export function linkOrigins(config: Pick<AppConfig, 'issuer' | 'branding'> | undefined): ReadonlyArray<string> {
  return externalOrigins(config ? [config.issuer, ...(config.branding.helpUrl ? [config.branding.helpUrl] : [])] : []);
}

export function isAllowedExternalUrl(url: unknown, allowedOrigins: ReadonlyArray<string>): boolean {
  if (typeof url !== 'string' || url.length > 2048 || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  // Credentials in a URL are a phishing trick (https://okta.com@evil.example) and never needed here.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const origin = originOf(url);
  return origin !== undefined && allowedOrigins.includes(origin);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The one page a browser sign-in may open: the org's authorize endpoint (`<issuer>/v1/authorize`
 * for an authorization server, `<org>/oauth2/v1/authorize` for the org's own, as okta-auth-js
 * builds it), over https; plain http only for a loopback issuer in development (the emulator).
 */
export function isAllowedSignInPageUrl(url: unknown, issuer: string, { allowLoopbackHttp }: { allowLoopbackHttp: boolean }): boolean {
  if (typeof url !== 'string' || url.length > 4096 || !URL.canParse(url) || !URL.canParse(issuer)) return false;
  const page = new URL(url);
  const org = new URL(issuer);
  if (page.username || page.password || page.hash) return false;
  const httpAllowed = allowLoopbackHttp && page.protocol === 'http:' && LOOPBACK.has(page.hostname);
  if (page.protocol !== 'https:' && !httpAllowed) return false;
  const base = org.pathname.replace(/\/+$/, '');
  const authorizePath = `${base.includes('/oauth2') ? base : `${base}/oauth2`}/v1/authorize`;
  return page.origin === org.origin && page.pathname === authorizePath;
}
