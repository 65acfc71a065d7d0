/**
 * The app:// handler on stand-ins of `protocol` and `net.fetch` that follow Electron 45's rules
 * (registerSchemesAsPrivileged once and before ready, handle after; net.fetch rejects a missing
 * file: see src/main/testing/electron-standin.ts). Checks our wiring, not Electron itself.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME } from '../renderer-host/app-protocol';
import { net, standin } from '../testing/electron-standin';
import { registerAppScheme, serveRenderer } from './app-protocol';

vi.mock('electron', () => import('../testing/electron-standin'));

const base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The policy the page itself declares (src/renderer/index.html), which the header must repeat. */
function pagePolicy(): string {
  const html = readFileSync('src/renderer/index.html', 'utf8');
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!policy) throw new Error('index.html has no CSP meta tag');
  return policy;
}

beforeEach(() => standin.reset());

describe('registerAppScheme', () => {
  it('registers app:// as a standard, secure scheme before ready, once', () => {
    registerAppScheme();
    expect(standin.state.privilegedSchemes).toEqual([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(() => registerAppScheme()).toThrow(/only once/);
  });

  it('cannot be called after ready (Electron refuses)', () => {
    standin.becomeReady();
    expect(() => registerAppScheme()).toThrow(/before the app is ready/);
  });
});

describe('serveRenderer', () => {
  beforeEach(() => {
    standin.becomeReady();
    serveRenderer(root);
  });

  it('serves the page with the page\'s own CSP plus frame-ancestors, nosniff and its content type', async () => {
    const response = await standin.request(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
    expect(response.headers.get('content-security-policy')).toBe(`${pagePolicy()}; frame-ancestors 'none'`);
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await standin.request('app://bundle/assets/index-1.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file (net.fetch rejects it) instead of failing the load', async () => {
    const response = await standin.request('app://bundle/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Not found');
  });

  it('answers 404, not the body, when reading the file answers other than OK', async () => {
    const read = vi.spyOn(net, 'fetch').mockResolvedValueOnce(new Response('denied', { status: 403 }));
    try {
      const response = await standin.request(APP_ENTRY_URL);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found');
    } finally {
      read.mockRestore();
    }
  });

  it('answers 404 for paths that would leave the renderer folder and for other hosts', async () => {
    for (const url of ['app://bundle/..%2fsecret.txt', 'app://bundle/a%5c..%5c..%5csecret.txt', 'app://bundle/%00', 'app://other/index.html']) {
      const response = await standin.request(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the renderer folder');
    }
  });
});
