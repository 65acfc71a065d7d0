/**
 * `npm run dist`: builds the bundles (electron-vite) then the installers (electron-builder, with
 * the configuration in electron-builder.ts). Options: see scripts/dist-args.ts.
 *
 * Offline: electron-builder downloads Electron unless it is given one. Pass `--electron-dist DIR`
 * or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an unpacked Electron of the version in
 * package.json, built for the target OS. For a build for this OS, the Electron `npm install`
 * downloaded (node_modules/electron/dist) is used when present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, Platform, type Arch } from 'electron-builder';
import { parseDistArgs, type DistOptions, type DistPlatform } from './dist-args';
import { electronViteCommand } from './electron-vite-cli';

const PLATFORMS: Record<DistPlatform, Platform> = { linux: Platform.LINUX, win: Platform.WINDOWS, mac: Platform.MAC };

function electronDistProblem(options: DistOptions): string | undefined {
  if (!options.electronDist) return undefined;
  const dir = resolve(options.electronDist);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `${options.electronDistSource} is set to ${dir}, which is not a folder.`;
  return undefined;
}

async function dist(argv: ReadonlyArray<string>): Promise<string[]> {
  // `npm install` leaves path.txt beside the binary it downloaded into node_modules/electron/dist.
  const installed = existsSync('node_modules/electron/path.txt') ? resolve('node_modules/electron/dist') : undefined;
  const options = parseDistArgs(argv, process.env, process.platform, installed);
  const problem = electronDistProblem(options);
  if (problem) throw new Error(problem);
  if (options.electronDist) {
    console.log(`Using the Electron in ${resolve(options.electronDist)} (from ${options.electronDistSource}).`);
  } else {
    console.log(
      'No local Electron given (--electron-dist DIR or ELECTRON_OVERRIDE_DIST_PATH): electron-builder will try to download it.\n' +
        'Offline, that fails; point one of those at an unpacked Electron for the target OS.',
    );
  }

  console.log('\n▶ electron-vite build');
  const built = spawnSync(...electronViteCommand('build'), { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('electron-vite build failed.');

  const targets = new Map<Platform, Map<Arch, string[]>>();
  for (const name of options.platforms) {
    // null: the targets and archs configured in electron-builder.ts; 'dir': an unpacked folder only.
    for (const [platform, archs] of PLATFORMS[name].createTarget(options.dirOnly ? 'dir' : null)) targets.set(platform, archs);
  }
  console.log(`\n▶ electron-builder ${options.platforms.map((p) => `--${p}`).join(' ')}${options.dirOnly ? ' --dir' : ''}`);
  // publish: never: releases are uploaded by whoever signs them, not by a local build.
  // electron-builder loads electron-builder.ts itself; `config` here is merged over it.
  const overrides = {
    ...(options.electronDist ? { electronDist: resolve(options.electronDist) } : {}),
    ...(options.output ? { directories: { output: resolve(options.output) } } : {}),
  };
  return build({ targets, config: overrides, publish: 'never' });
}

try {
  const artifacts = await dist(process.argv.slice(2));
  console.log(`\nBuilt:\n${artifacts.map((a) => `  ${a}`).join('\n')}`);
} catch (error) {
  const message = (error as Error).message;
  const download = /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|github\.com/.test(message);
  console.error(`\nnpm run dist failed: ${message}`);
  if (download) console.error('electron-builder could not download what it needs (Electron, or NSIS/AppImage tools). Offline, pass --electron-dist DIR.');
  process.exit(1);
}
