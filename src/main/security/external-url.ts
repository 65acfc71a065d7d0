/**
 * Which links may leave the app for the system browser (`shell.openExternal`). Opening an
 * arbitrary URL can launch any registered protocol handler (file:, smb:, custom schemes), so only
 * https pages of origins the app already trusts (the configured Okta org) are allowed.
 */
import { originOf } from '../ipc/sender-check';

/** The origins `isAllowedExternalUrl` accepts: the https origin of each URL given, others dropped. */
export function externalOrigins(urls: ReadonlyArray<string>): ReadonlyArray<string> {
  return urls.flatMap((url) => (URL.canParse(url) && new URL(url).protocol === 'https:' ? [new URL(url).origin] : []));
}

export function isAllowedExternalUrl(url: unknown, allowedOrigins: ReadonlyArray<string>): boolean {
  if (typeof url !== 'string' || url.length > 2048 || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  // Credentials in a URL are a phishing trick (https://okta.com@evil.example) and never needed here.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const origin = originOf(url);
  return origin !== undefined && allowedOrigins.includes(origin);
}
