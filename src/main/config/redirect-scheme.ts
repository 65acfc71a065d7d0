/**
 * The private-use URI scheme a packaged build registers with the OS (RFC 8252 §7.1: the app's
 * reverse domain name, here its app id), so a browser sign-in can come back to the app by
 * `com.example.oktadesktopsignin:/callback`. electron-builder.ts declares it for the installers
 * (`protocols`); src/main/electron/redirect-scheme.ts registers it at run time.
 */
export const PRIVATE_USE_SCHEME = 'com.example.oktadesktopsignin';

/**
 * The configured redirect URI, when it is on this app's private-use scheme: then the browser
 * sign-in comes back through the OS; otherwise through the loopback listener.
 */
export function privateUseRedirect(redirectUri: string, scheme = PRIVATE_USE_SCHEME): string | undefined {
  return URL.canParse(redirectUri) && new URL(redirectUri).protocol === `${scheme}:` ? redirectUri : undefined;
}
