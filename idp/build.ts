/**
 * Builds the emulator as its own package (idp/package.json): `dist/cli.js` (the `okta-idx-emulator`
 * bin) and `dist/index.js` (startIdp and friends), plain JavaScript for Node, so it runs without
 * tsx or this repository. Its dependencies (jose, zod, otpauth, qrcode) are bundled in, so
 * installing the packed tarball needs no registry; their licenses go to dist/THIRD-PARTY-LICENSES.txt.
 * Run by `npm pack` (prepack) or `npm run build` in idp/; uses the repository's esbuild.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: join(here, 'cli.ts'), index: join(here, 'index.ts') },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  metafile: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  // qrcode is CommonJS and calls require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// users.ts finds the demo users beside its own module, which lands in the shared chunk.
mkdirSync(join(dist, 'chunks'), { recursive: true });
copyFileSync(join(here, 'org', 'users.demo.json'), join(dist, 'chunks', 'users.demo.json'));

const cli = join(dist, 'cli.js');
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`, { mode: 0o755 });

/** The packages whose code went into the bundle, each with its license text. */
const packages = new Map<string, string>();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match || packages.has(match[1]!)) continue;
  const root = input.slice(0, match.index + match[0].length);
  const licenseFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license'].map((name) => join(root, name)).find((path) => existsSync(path));
  const { version, license } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; license?: string };
  packages.set(match[1]!, `${match[1]}@${version} (${license ?? 'see its package'})\n\n${licenseFile ? readFileSync(licenseFile, 'utf8').trim() : '(no license file in the package)'}`);
}
writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), `Bundled into this package:\n\n${[...packages.values()].join('\n\n---\n\n')}\n`);
console.log(`okta-idx-emulator: built dist/ (${packages.size} bundled packages: ${[...packages.keys()].join(', ')})`);
