/**
 * Builds the web preview (the renderer's own index.html, with src/preview/main.ts as its entry:
 * the renderer app on the HTTP bridge) with vite's build API, in memory. Nothing is written to
 * disk, so parallel test workers cannot trip over each other's output, and the Electron renderer
 * bundle never contains preview code. One page, so the preview's CSP is the renderer's.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { contentTypeFor } from '../../main/renderer-host/app-protocol';

export interface PreviewFile {
  readonly body: Uint8Array | string;
  readonly contentType: string;
}

export interface PreviewBundle {
  /** Keyed by URL path, e.g. `/index.html`, `/assets/main-abc123.js`. */
  readonly files: ReadonlyMap<string, PreviewFile>;
  /** The Content-Security-Policy of the built page, sent as a header as well. */
  readonly csp: string;
}

const RENDERER_ROOT = fileURLToPath(new URL('../../renderer', import.meta.url));
const RENDERER_ENTRY = 'src="./src/main.tsx"';
const PREVIEW_ENTRY = 'src="../preview/main.ts"';

/** Swaps the renderer page's entry script for the preview's, which installs the bridge first. */
export function usePreviewEntry(html: string): string {
  if (!html.includes(RENDERER_ENTRY)) throw new Error(`The renderer's index.html no longer loads ${RENDERER_ENTRY}`);
  return html.replace(RENDERER_ENTRY, PREVIEW_ENTRY).replace(/<title>([^<]*)<\/title>/, '<title>$1 (web preview)</title>');
}

const previewEntry: Plugin = { name: 'preview-entry', transformIndexHtml: { order: 'pre', handler: usePreviewEntry } };

let cached: Promise<PreviewBundle> | null = null;

/** Built once per process; later calls share the result (a failed build is retried). */
export function buildPreviewBundle(): Promise<PreviewBundle> {
  cached ??= buildOnce().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function buildOnce(): Promise<PreviewBundle> {
  const result = await build({
    configFile: false,
    root: RENDERER_ROOT,
    base: '/',
    logLevel: 'warn',
    plugins: [previewEntry, react()],
    build: { write: false, sourcemap: false, emptyOutDir: false, reportCompressedSize: false },
  });
  if (!Array.isArray(result) && !('output' in result)) throw new Error('vite build returned a watcher');
  const outputs = Array.isArray(result) ? result : [result];
  const files = new Map<string, PreviewFile>();
  for (const output of outputs) {
    for (const item of output.output) {
      const body = item.type === 'chunk' ? item.code : item.source;
      files.set(`/${item.fileName}`, { body, contentType: contentTypeFor(item.fileName) });
    }
  }
  const html = files.get('/index.html');
  if (html === undefined) throw new Error('The preview build produced no index.html');
  return { files, csp: readCsp(String(html.body)) };
}

/** The policy in the page's CSP meta tag: one source of truth for the meta tag and the header. */
export function readCsp(html: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (match?.[1] === undefined) throw new Error('The page has no Content-Security-Policy meta tag');
  return match[1];
}
