/**
 * Which `redirect_uri` an authorize request may name, as Okta decides for a native app: the exact
 * text of a registered URI, or, for a registered loopback URI without a port
 * (`http://127.0.0.1/callback`, `http://[::1]/callback`), the same URI with any port: the app
 * listens on an ephemeral port it cannot know in advance (RFC 8252 §7.3, and §8.3: loopback IP
 * literals, not `localhost`).
 */

const LOOPBACK_LITERALS = new Set(['127.0.0.1', '[::1]']);

function parse(uri: string): URL | undefined {
  return URL.canParse(uri) ? new URL(uri) : undefined;
}

/** A registered http URI on a loopback IP literal with no port: it matches any port. */
function isPortlessLoopback(registered: string): boolean {
  const url = parse(registered);
  return url !== undefined && url.protocol === 'http:' && LOOPBACK_LITERALS.has(url.hostname) && url.port === '' && !/:\d+\//.test(registered);
}

export function redirectUriAllowed(registered: ReadonlyArray<string>, requested: string): boolean {
  if (requested.length > 2048 || requested.includes('#')) return false;
  if (registered.includes(requested)) return true;
  const url = parse(requested);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_LITERALS.has(url.hostname) || url.username || url.password) return false;
  // Only the port may differ: scheme, host, path and query are compared as registered.
  const portless = new URL(url);
  portless.port = '';
  return registered.some((r) => isPortlessLoopback(r) && portless.toString() === new URL(r).toString());
}
