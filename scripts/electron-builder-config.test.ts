/**
 * Checks electron-builder.ts without Electron: electron-builder's own schema validation, and its
 * own file matcher applied to our `files` patterns over the built out/ tree and over paths that
 * must never ship. (The packaged app.asar itself is checked in scripts/packaged-app.test.ts when an
 * Electron binary is available.)
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import config, { APP_FILES, APP_ID } from '../electron-builder';
import { PRIVATE_USE_SCHEME } from '../src/main/config/redirect-scheme';
import { ensureBuilt } from './test-support/ensure-built';

const root = resolve('.');
const fileStat = { isDirectory: () => false } as never;

/** electron-builder's filter for our `files` patterns; true means the file would be packaged. */
function packaged(): (relativePath: string) => boolean {
  const filter = new FileMatcher(root, '', (pattern) => pattern, [...APP_FILES]).createFilter();
  return (relativePath) => filter(join(root, relativePath), fileStat);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(root, path).split('\\').join('/')];
  });
}

describe('electron-builder.ts', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it("passes electron-builder's own configuration validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects a broken configuration (the validation is real)', async () => {
    await expect(validateConfiguration({ ...config, nsis: { oneClick: 'no' } } as never, new DebugLogger(false))).rejects.toThrow(/oneClick/);
  });

  it('packages the entry points of every process and package.json', () => {
    const isPackaged = packaged();
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    for (const path of ['package.json', pkg.main.replace(/^\.\//, ''), 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(existsSync(path), `${path} exists after the build`).toBe(true);
      expect(isPackaged(path), path).toBe(true);
    }
  });

  it('packages every built file of main, preload and renderer except source maps, and nothing else from the project', () => {
    const isPackaged = packaged();
    const files = ['out', 'src', 'idp', 'e2e', 'scripts', 'build', 'docs'].filter((d) => existsSync(d)).flatMap((d) => walk(resolve(d)));
    const selected = files.filter(isPackaged);
    const expected = files.filter((f) => /^out\/(main|preload|renderer)\//.test(f) && !f.endsWith('.map'));
    expect(selected.sort()).toEqual(expected.sort());
    expect(selected.length).toBeGreaterThan(3);
  });

  it('never packages sources, the emulator, tests, scripts, the web preview, source maps or env files', () => {
    const isPackaged = packaged();
    const forbidden = [
      'src/main/index.ts',
      'idp/index.ts',
      'idp/cli.ts',
      'e2e/sign-in.spec.ts',
      'scripts/dist.ts',
      'out/preview/index.html',
      'out/preview/assets/index.js',
      'out/main/index.js.map',
      'out/renderer/assets/index.js.map',
      '.env',
      '.env.production',
      'out/main/.env',
      'out/main/app.test.js',
      'out/renderer/bridge.spec.js',
      'electron-builder.ts',
      'release/0.1.0/linux-unpacked/resources/app.asar',
      'tsconfig.json',
      'vitest.config.ts',
    ];
    expect(forbidden.filter(isPackaged)).toEqual([]);
  });

  it('keeps dependencies for production only: the renderer libraries are bundled, not shipped as modules', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    // electron-builder copies `dependencies` (and their dependencies) into node_modules, never devDependencies.
    for (const devOnly of ['electron', 'react', 'react-dom', 'vite', 'electron-builder', 'playwright']) {
      expect(pkg.dependencies[devOnly], devOnly).toBeUndefined();
      expect(pkg.devDependencies[devOnly], devOnly).toBeDefined();
    }
  });

  it('names the Linux .desktop file after desktopName, so Wayland matches the window to it', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { desktopName?: string };
    // Electron sets the window's app_id from package.json's desktopName (lib/browser/init.ts).
    expect(pkg.desktopName).toBe(`${config.linux!.executableName}.desktop`);
    expect(config.linux!.syncDesktopName).toBe(true);
  });

  it("registers the browser sign-in's private-use scheme (the app id, RFC 8252 §7.1) with every installer", () => {
    expect(PRIVATE_USE_SCHEME).toBe(APP_ID);
    const protocols = [config.protocols].flat();
    expect(protocols).toEqual([{ name: expect.any(String), schemes: [PRIVATE_USE_SCHEME] }]);
    // Not overridden (or dropped) per platform.
    for (const platform of [config.mac, config.win, config.linux]) expect((platform as { protocols?: unknown } | undefined)?.protocols).toBeUndefined();
  });
});
