/**
 * The org's logo, for the renderer as a `data:` URL (the only image source its CSP allows besides
 * the app itself). From a file, or from an https URL fetched by main (never by the renderer),
 * checked (an image by its bytes, at most MAX_LOGO_BYTES) and cached in the store, so it shows
 * offline and the org is asked at most once a day. Anything wrong is logged and the app keeps
 * its own look: a logo never stops anyone signing in.
 */
import type { LogoSource } from '../config/branding';
import { BodyTooLargeError, DeadlineExceededError, fetchBounded } from '../http/bounded-fetch';
import type { Logger } from '../log/logger';
import type { KeyValueStore } from '../session/store';
import { readLogoFile } from './logo-file';

export const MAX_LOGO_BYTES = 256 * 1024;
export const LOGO_CACHE_KEY = 'branding.logo';
/** A cached copy younger than this is used without asking the org's server again. */
export const LOGO_FRESH_MS = 24 * 60 * 60 * 1000;
/** For the whole fetch, the body included (SECURITY.md). */
export const FETCH_TIMEOUT_MS = 10_000;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';

const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number>, at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);

/** What image the bytes are, by their signature (never by a name or a header, which can lie). */
export function imageTypeOf(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  // SVG is text: an optional XML declaration, comments or doctype, then the svg element.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

export type LogoCheck = { readonly ok: true; readonly dataUrl: string } | { readonly ok: false; readonly reason: string };

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  if (bytes.byteLength > MAX_LOGO_BYTES) return { ok: false, reason: 'too-large' };
  const type = imageTypeOf(bytes);
  if (!type) return { ok: false, reason: 'not-an-image' };
  return { ok: true, dataUrl: `data:${type};base64,${Buffer.from(bytes).toString('base64')}` };
}

export interface LogoDeps {
  readonly fetch: typeof fetch;
  readonly store: KeyValueStore;
  readonly log: Logger;
  readonly clock: () => number;
}

interface CachedLogo {
  readonly url: string;
  readonly dataUrl: string;
  readonly fetchedAt: number;
}

function cachedFor(store: KeyValueStore, url: string): CachedLogo | undefined {
  const entry = store.get(LOGO_CACHE_KEY) as Partial<CachedLogo> | undefined;
  const valid =
    typeof entry === 'object' && entry !== null && entry.url === url && typeof entry.dataUrl === 'string' && entry.dataUrl.startsWith('data:image/') && typeof entry.fetchedAt === 'number';
  return valid ? (entry as CachedLogo) : undefined;
}

async function fetchLogo(url: string, fetchFn: typeof fetch): Promise<LogoCheck> {
  try {
    const response = await fetchBounded(fetchFn, url, { headers: { Accept: 'image/*' } }, { timeoutMs: FETCH_TIMEOUT_MS, maxBodyBytes: MAX_LOGO_BYTES });
    return response.ok ? checkLogo(response.body) : { ok: false, reason: `http-${response.status}` };
  } catch (error) {
    if (error instanceof DeadlineExceededError) return { ok: false, reason: 'timeout' };
    return { ok: false, reason: error instanceof BodyTooLargeError ? 'too-large' : 'unreachable' };
  }
}

/** The logo as a data: URL, or undefined (no logo configured, or none usable). Never throws. */
export async function loadLogo(source: LogoSource | undefined, deps: LogoDeps): Promise<string | undefined> {
  if (source === undefined) return undefined;
  if (source.kind === 'file') {
    const read = await readLogoFile(source.path, MAX_LOGO_BYTES);
    const checked = read.ok ? checkLogo(read.bytes) : read;
    if (checked.ok) return checked.dataUrl;
    deps.log.warn('branding.logo-refused', { source: 'file', reason: checked.reason });
    return undefined;
  }
  const cached = cachedFor(deps.store, source.url);
  if (cached && deps.clock() - cached.fetchedAt < LOGO_FRESH_MS) return cached.dataUrl;
  const fetched = await fetchLogo(source.url, deps.fetch);
  if (fetched.ok) {
    deps.store.set(LOGO_CACHE_KEY, { url: source.url, dataUrl: fetched.dataUrl, fetchedAt: deps.clock() } satisfies CachedLogo);
    return fetched.dataUrl;
  }
  deps.log.warn('branding.logo-refused', { source: 'url', reason: fetched.reason, cached: cached !== undefined });
  // An old copy is better than none (offline, or the org's server is down).
  return cached?.dataUrl;
}
