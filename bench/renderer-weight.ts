/**
 * Weight of the sign-in window: builds the app with electron-vite into a private folder (so it
 * never races another build of `out/`) and sums the renderer's JS and CSS, raw and gzip.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type Row } from './stats';

const TARGET_GZIP_JS_KB = 80;
/** Strings the okta-auth-js bundle cannot avoid containing; none may reach the renderer. */
const SDK_MARKERS = ['okta-auth-js', 'OktaAuth', '/idp/idx/', 'interaction_handle'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Positive control: every marker must occur in the SDK's own build, or the search proves nothing. */
function checkMarkers(root: string): void {
  const sdk = readFileSync(join(root, 'node_modules/@okta/okta-auth-js/dist/okta-auth-js.min.js'));
  const missing = SDK_MARKERS.filter((marker) => !sdk.includes(marker));
  if (missing.length) throw new Error(`okta-auth-js build no longer contains ${missing.join(', ')}; pick other markers`);
}

export function benchRendererWeight(root: string): Row[] {
  checkMarkers(root);
  const outDir = join(root, '.bench', 'out');
  rmSync(outDir, { recursive: true, force: true });
  execFileSync('npx', ['electron-vite', 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const totals = { js: { raw: 0, gzip: 0, count: 0 }, css: { raw: 0, gzip: 0, count: 0 } };
  const found = new Set<string>();
  for (const file of files(join(outDir, 'renderer'))) {
    const kind = ({ '.js': 'js', '.mjs': 'js', '.css': 'css' } as const)[extname(file)];
    if (!kind) continue;
    const bytes = readFileSync(file);
    totals[kind].raw += bytes.length;
    totals[kind].gzip += gzipSync(bytes).length;
    totals[kind].count++;
    if (kind === 'js') for (const marker of SDK_MARKERS) if (bytes.includes(marker)) found.add(marker);
  }
  const kb = (bytes: number) => round(bytes / 1024, 1);
  const section = 'renderer weight (built sign-in window)';
  return [
    { section, metric: `JS raw (${totals.js.count} files)`, value: kb(totals.js.raw), unit: 'KiB' },
    { section, metric: 'JS gzip', value: kb(totals.js.gzip), unit: 'KiB', target: `<= ${TARGET_GZIP_JS_KB}`, met: totals.js.gzip <= TARGET_GZIP_JS_KB * 1024 },
    { section, metric: `CSS raw (${totals.css.count} files)`, value: kb(totals.css.raw), unit: 'KiB' },
    { section, metric: 'CSS gzip', value: kb(totals.css.gzip), unit: 'KiB' },
    {
      section,
      metric: `okta-auth-js markers in renderer JS (${SDK_MARKERS.join(', ')})`,
      value: found.size ? [...found].join(', ') : 'none',
      unit: '',
      target: 'none',
      met: found.size === 0,
    },
  ];
}
