/**
 * The packaged app, as `npm run dist -- --dir` makes it: what app.asar holds and which fuses the
 * executable has. Packaging needs an Electron binary: this runs when ELECTRON_OVERRIDE_DIST_PATH
 * points at one, or npm installed one (used as electron-builder's electronDist, so nothing is
 * downloaded), and is reported as skipped, with that reason, otherwise. The same `files` rules are checked without
 * Electron in electron-builder-config.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseState, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../electron-builder';
import { fuseConfig } from './fuses';

// The same Electron the rest of the suite uses: the override, or the one `npm install` downloaded.
const electronDist =
  process.env['ELECTRON_OVERRIDE_DIST_PATH']?.trim() || (existsSync('node_modules/electron/path.txt') ? resolve('node_modules/electron/dist') : undefined);
const skipReason = electronDist
  ? undefined
  : 'skipped: packaging needs an Electron binary; set ELECTRON_OVERRIDE_DIST_PATH to a folder with the electron executable';
if (skipReason) console.log(`scripts/packaged-app.test.ts ${skipReason}`);

interface Packaged {
  readonly asar: string;
  readonly executable: string;
}

/** The unpacked app electron-builder wrote for this OS under `output`. */
function findPackaged(output: string): Packaged {
  const unpacked = readdirSync(output).find((name) => /^(linux|win)(-[a-z0-9]+)?-unpacked$|^mac(-[a-z0-9]+)?$/.test(name));
  if (!unpacked) throw new Error(`no unpacked app in ${output}: ${readdirSync(output).join(', ')}`);
  const dir = join(output, unpacked);
  const product = config.productName!;
  if (process.platform === 'darwin') {
    const app = join(dir, `${product}.app`);
    return { asar: join(app, 'Contents/Resources/app.asar'), executable: app };
  }
  const executable = process.platform === 'win32' ? join(dir, `${product}.exe`) : join(dir, config.linux!.executableName!);
  return { asar: join(dir, 'resources/app.asar'), executable };
}

describe.skipIf(skipReason !== undefined)(skipReason ?? 'packaged app (npm run dist -- --dir)', () => {
  const output = mkdtempSync(join(tmpdir(), 'okta-desktop-dist-'));
  let packaged: Packaged;
  let entries: string[];

  beforeAll(() => {
    // This Node with tsx's loader, not `npx` (npx.cmd on Windows, which spawn cannot start without a shell).
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dist.ts', '--dir', '--output', output, '--electron-dist', electronDist!], {
      stdio: 'inherit',
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    });
    if (result.status !== 0) throw new Error(`npm run dist -- --dir failed (exit ${result.status})`);
    packaged = findPackaged(output);
    entries = listPackage(packaged.asar, { isPack: false }).map((entry) => entry.split('\\').join('/'));
  }, 600_000);

  afterAll(() => rmSync(output, { recursive: true, force: true }));

  it('holds the built main, preload and renderer and package.json', () => {
    for (const entry of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(entries).toContain(entry);
    expect(existsSync(packaged.executable)).toBe(true);
  });

  it('holds no sources, emulator, tests, scripts, web preview, source maps or env files', () => {
    const forbidden = entries.filter((entry) =>
      /^\/(src|idp|e2e|scripts|build|docs|bench|test-results)(\/|$)|^\/out\/preview|\.map$|\/\.env|\.(test|spec)\.[cm]?[jt]s$|\/tsconfig|electron-builder\./.test(entry),
    );
    expect(forbidden).toEqual([]);
  });

  it('holds production dependencies only', () => {
    const modules = new Set(entries.filter((e) => /^\/node_modules\/(@[^/]+\/)?[^/]+$/.test(e)).map((e) => e.slice('/node_modules/'.length)));
    for (const dependency of ['@okta/okta-auth-js', 'electron-log', 'electron-store', 'zod']) expect(modules.has(dependency), dependency).toBe(true);
    for (const devOnly of ['electron', 'react', 'react-dom', 'vite', 'electron-vite', 'electron-builder', 'playwright', 'vitest', 'typescript', 'tsx', '@electron/fuses', 'jose']) {
      expect(modules.has(devOnly), devOnly).toBe(false);
    }
  });

  it('has the release fuses burnt into the executable', async () => {
    const wire = (await getCurrentFuseWire(packaged.executable)) as unknown as Record<number, number>;
    const expected = fuseConfig() as unknown as Record<string, unknown>;
    for (const [option, on] of Object.entries(expected)) {
      if (!/^\d+$/.test(option)) continue; // version, strictlyRequireAllFuses, resetAdHocDarwinSignature
      // electron-builder leaves fuses it has no option for (wasmTrapHandlers) at Electron's default.
      if (wire[Number(option)] === FuseState.INHERIT) continue;
      expect(wire[Number(option)], `fuse ${option}`).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });
});
