import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCapturingLogger } from '../log/logger';
import { createMemoryStore } from '../session/store';
import { checkLogo, FETCH_TIMEOUT_MS, imageTypeOf, loadLogo, LOGO_CACHE_KEY, LOGO_FRESH_MS, MAX_LOGO_BYTES } from './logo';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const bytes = (text: string) => new TextEncoder().encode(text);
const URL_SOURCE = { kind: 'url', url: 'https://cdn.example.com/logo.png' } as const;

function deps(answer: (init: RequestInit) => Promise<Response>, now = 1_000_000) {
  const asked: string[] = [];
  const inits: RequestInit[] = [];
  const store = createMemoryStore();
  const log = createCapturingLogger();
  let clock = now;
  return {
    asked,
    inits,
    store,
    log,
    tick: (ms: number) => void (clock += ms),
    deps: {
      fetch: (async (url: string, init: RequestInit) => {
        asked.push(url);
        inits.push(init);
        return answer(init);
      }) as unknown as typeof fetch,
      store,
      log,
      clock: () => clock,
    },
  };
}

describe('imageTypeOf', () => {
  it('knows each allowed image by its bytes, and nothing else', () => {
    expect(imageTypeOf(PNG)).toBe('image/png');
    expect(imageTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageTypeOf(bytes('GIF89a...'))).toBe('image/gif');
    expect(imageTypeOf(bytes('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
    expect(imageTypeOf(bytes('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBeUndefined();
    expect(imageTypeOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe('image/svg+xml');
    expect(imageTypeOf(bytes('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg>'))).toBe('image/svg+xml');
    expect(imageTypeOf(bytes('<html><svg></svg></html>'))).toBeUndefined();
    expect(imageTypeOf(bytes('<svgfoo>'))).toBeUndefined();
    expect(imageTypeOf(bytes('%PDF-1.7'))).toBeUndefined();
  });

  it('takes WEBP only inside a RIFF container', () => {
    expect(imageTypeOf(bytes('RIFX\u0000\u0000\u0000\u0000WEBPVP8 '))).toBeUndefined();
    expect(imageTypeOf(bytes('\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000WEBPVP8 '))).toBeUndefined();
  });

  it('knows an SVG after an XML declaration, comments and a doctype, with any whitespace or none between them', () => {
    const doctype = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">';
    for (const svg of [
      '<?xml version="1.0"?><svg>',
      '<?xml version="1.0" encoding="UTF-8"?>\r\n\r\n<svg>',
      '<!-- one --><!-- two -->\n\n<svg>',
      `${doctype}<svg>`,
      `${doctype}\n\n<svg>`,
      `<?xml version="1.0"?>\n<!-- made by hand -->\n${doctype}\n<svg xmlns="http://www.w3.org/2000/svg">`,
    ]) {
      expect(imageTypeOf(bytes(svg)), svg).toBe('image/svg+xml');
    }
  });

  it('skips byte order marks only at the start, and reads bytes that are not UTF-8 without throwing', () => {
    expect(imageTypeOf(bytes('\uFEFF\uFEFF<svg>'))).toBe('image/svg+xml');
    expect(imageTypeOf(bytes('<s\uFEFFvg></svg>'))).toBeUndefined();
    expect(imageTypeOf(Uint8Array.from([0xff, 0xfe, 0xfd, 0x3c, 0x73, 0x76, 0x67, 0x3e]))).toBeUndefined();
    // Its first 1024 bytes end inside a two-byte character.
    const cut = bytes(`<svg>${'é'.repeat(600)}</svg>`);
    expect(cut[1023]).toBe(0xc3);
    expect(imageTypeOf(cut)).toBe('image/svg+xml');
  });
});

describe('checkLogo', () => {
  it('gives a data: URL of the right type, and refuses empty, too large and non-images', () => {
    expect(checkLogo(PNG)).toEqual({ ok: true, dataUrl: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` });
    expect(checkLogo(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(PNG);
    expect(checkLogo(big)).toEqual({ ok: false, reason: 'too-large' });
    expect(checkLogo(big.subarray(0, MAX_LOGO_BYTES)).ok).toBe(true);
    expect(checkLogo(bytes('hello'))).toEqual({ ok: false, reason: 'not-an-image' });
  });
});

describe('loadLogo', () => {
  it('nothing configured: no logo, nothing asked', async () => {
    const d = deps(async () => new Response(PNG));
    expect(await loadLogo(undefined, d.deps)).toBeUndefined();
    expect(d.asked).toEqual([]);
  });

  it('fetches an https logo once, caches it, and uses the cache while fresh', async () => {
    const d = deps(async () => new Response(PNG, { status: 200 }));
    const first = await loadLogo(URL_SOURCE, d.deps);
    expect(first).toMatch(/^data:image\/png;base64,/);
    expect(d.store.get(LOGO_CACHE_KEY)).toEqual({ url: URL_SOURCE.url, dataUrl: first, fetchedAt: 1_000_000 });
    d.tick(LOGO_FRESH_MS - 1);
    expect(await loadLogo(URL_SOURCE, d.deps)).toBe(first);
    expect(d.asked).toEqual([URL_SOURCE.url]);
    d.tick(1);
    await loadLogo(URL_SOURCE, d.deps);
    expect(d.asked).toHaveLength(2);
  });

  it('keeps a stale copy when the server fails, and has none to give for another URL', async () => {
    let status = 200;
    const d = deps(async () => new Response(PNG, { status }));
    const cached = await loadLogo(URL_SOURCE, d.deps);
    d.tick(LOGO_FRESH_MS);
    status = 503;
    expect(await loadLogo(URL_SOURCE, d.deps)).toBe(cached);
    expect(d.log.entries.at(-1)).toMatchObject({ level: 'warn', event: 'branding.logo-refused', fields: { source: 'url', reason: 'http-503', cached: true } });
    expect(await loadLogo({ kind: 'url', url: 'https://cdn.example.com/other.png' }, d.deps)).toBeUndefined();
  });

  it('ignores a cached copy that is not a whole logo entry (a data:image/ URL and when it was fetched), even with the server down', async () => {
    const dataUrl = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
    const fetchedAt = 1_000_000;
    for (const entry of [
      null,
      dataUrl,
      { url: URL_SOURCE.url, fetchedAt },
      { url: URL_SOURCE.url, dataUrl: 42, fetchedAt },
      { url: URL_SOURCE.url, dataUrl: 'javascript:alert(1)', fetchedAt },
      { url: URL_SOURCE.url, dataUrl: 'data:text/html,<script>alert(1)</script>', fetchedAt },
      { url: URL_SOURCE.url, dataUrl },
      { url: URL_SOURCE.url, dataUrl, fetchedAt: 'yesterday' },
    ]) {
      const d = deps(async () => new Response('down', { status: 503 }));
      d.store.set(LOGO_CACHE_KEY, entry);
      expect(await loadLogo(URL_SOURCE, d.deps), JSON.stringify(entry)).toBeUndefined();
      expect(d.asked).toEqual([URL_SOURCE.url]);
      expect(d.log.entries, JSON.stringify(entry)).toMatchObject([{ level: 'warn', event: 'branding.logo-refused', fields: { source: 'url', reason: 'http-503', cached: false } }]);
    }
    // The same entry whole is used, without asking.
    const d = deps(async () => new Response('down', { status: 503 }));
    d.store.set(LOGO_CACHE_KEY, { url: URL_SOURCE.url, dataUrl, fetchedAt });
    expect(await loadLogo(URL_SOURCE, d.deps)).toBe(dataUrl);
    expect(d.asked).toEqual([]);
  });

  it('asks without cookies, refusing redirects, for an image, with a signal of its own', async () => {
    const d = deps(async () => new Response(PNG));
    await loadLogo(URL_SOURCE, d.deps);
    expect(d.inits).toEqual([{ headers: { Accept: 'image/*' }, credentials: 'omit', redirect: 'error', signal: expect.any(AbortSignal) }]);
  });

  it('refuses an answer that is not an image, and a server that cannot be reached', async () => {
    expect(await loadLogo(URL_SOURCE, deps(async () => new Response('<html>')).deps)).toBeUndefined();
    const down = deps(() => Promise.reject(new TypeError('fetch failed')));
    expect(await loadLogo(URL_SOURCE, down.deps)).toBeUndefined();
    expect(down.log.entries.at(-1)).toMatchObject({ fields: { reason: 'unreachable', cached: false } });
  });

  it('reads a too large answer only just past MAX_LOGO_BYTES, then refuses it', async () => {
    const chunk = 16 * 1024;
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const bytes = new Uint8Array(chunk);
          if (pulled === 0) bytes.set(PNG);
          pulled += chunk;
          controller.enqueue(bytes);
        },
      },
      { highWaterMark: 0 },
    );
    const d = deps(async () => new Response(endless));
    expect(await loadLogo(URL_SOURCE, d.deps)).toBeUndefined();
    expect(pulled).toBe(MAX_LOGO_BYTES + chunk);
    expect(d.log.entries.at(-1)).toMatchObject({ fields: { source: 'url', reason: 'too-large', cached: false } });
  });

  describe('gives up after FETCH_TIMEOUT_MS (10 s), the body included', () => {
    afterEach(() => vi.useRealTimers());

    const settledAt = async (d: ReturnType<typeof deps>) => {
      vi.useFakeTimers();
      let done = false;
      const loading = loadLogo(URL_SOURCE, d.deps).finally(() => (done = true));
      await vi.advanceTimersByTimeAsync(FETCH_TIMEOUT_MS - 1);
      const early = done;
      await vi.advanceTimersByTimeAsync(1);
      return { early, logo: await loading, done };
    };

    it('a server that never answers: the request is aborted at 10 s', async () => {
      expect(FETCH_TIMEOUT_MS).toBe(10_000);
      const d = deps((init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
      expect(await settledAt(d)).toEqual({ early: false, logo: undefined, done: true });
      expect(d.log.entries.at(-1)).toMatchObject({ fields: { source: 'url', reason: 'timeout' } });
    });

    it('a server that sends its headers and then stalls', async () => {
      const stalled = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(PNG), pull: () => new Promise<void>(() => undefined) });
      const d = deps(async () => new Response(stalled));
      expect(await settledAt(d)).toEqual({ early: false, logo: undefined, done: true });
      expect(d.log.entries.at(-1)).toMatchObject({ fields: { source: 'url', reason: 'timeout' } });
    });
  });

  it('reads a logo file, and refuses a missing, wrong, too large or endless one without reading it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logo-'));
    try {
      const d = deps(async () => new Response(PNG));
      const at = (name: string, content?: Uint8Array) => {
        const path = join(dir, name);
        if (content) writeFileSync(path, content);
        return { kind: 'file', path } as const;
      };
      const big = new Uint8Array(MAX_LOGO_BYTES + 1);
      big.set(PNG);
      expect(await loadLogo(at('logo.png', PNG), d.deps)).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
      expect(await loadLogo(at('notes.txt', bytes('hi')), d.deps)).toBeUndefined();
      expect(await loadLogo(at('gone.png'), d.deps)).toBeUndefined();
      expect(await loadLogo(at('big.png', big), d.deps)).toBeUndefined();
      expect(await loadLogo({ kind: 'file', path: dir }, d.deps)).toBeUndefined();
      const reasons = ['not-an-image', 'ENOENT', 'too-large', 'not-a-file'];
      if (process.platform !== 'win32') {
        // A FIFO nobody writes to: readFile would wait for ever.
        execFileSync('mkfifo', [join(dir, 'logo.fifo')]);
        expect(await loadLogo(at('logo.fifo'), d.deps)).toBeUndefined();
        reasons.push('not-a-file');
      } else console.info('logo.test: no FIFO case on Windows');
      expect(d.log.entries.map((e) => e.fields)).toEqual(reasons.map((reason) => ({ source: 'file', reason })));
      expect(d.log.entries.map((e) => [e.level, e.event])).toEqual(reasons.map(() => ['warn', 'branding.logo-refused']));
      expect(d.asked).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
