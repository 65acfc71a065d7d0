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
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import config from '../electron-builder';
import { parseDistArgs, type DistOptions, type DistPlatform } from './dist-args';
import { electronDistKind, electronDistMismatch, targetPlan, type ExecutableKind } from './electron-dist';
import { electronViteCommand } from './electron-vite-cli';

const PLATFORMS: Record<DistPlatform, Platform> = { linux: Platform.LINUX, win: Platform.WINDOWS, mac: Platform.MAC };

/** The OS and architecture of the local Electron; throws a printable message when it cannot be used. */
function localElectron(options: DistOptions): ExecutableKind | undefined {
  if (!options.electronDist) return undefined;
  const dir = resolve(options.electronDist);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${options.electronDistSource} is set to ${dir}, which is not a folder.`);
  const kind = electronDistKind(dir);
  const mismatch = electronDistMismatch(dir, kind, options.platforms);
  if (mismatch) throw new Error(mismatch);
  return kind;
}

const configuredTargets = (platform: DistPlatform): string[] =>
  [config[platform]?.target ?? []].flat().map((target) => (typeof target === 'string' ? target : target.target));

async function dist(argv: ReadonlyArray<string>): Promise<string[]> {
  // `npm install` leaves path.txt beside the binary it downloaded into node_modules/electron/dist.
  const installed = existsSync('node_modules/electron/path.txt') ? resolve('node_modules/electron/dist') : undefined;
  const options = parseDistArgs(argv, process.env, process.platform, installed);
  const kind = localElectron(options);
  if (options.electronDist && kind) {
    console.log(`Using the Electron in ${resolve(options.electronDist)} (from ${options.electronDistSource}): ${kind.platform} ${kind.arch}.`);
    if (kind.arch !== 'universal') console.log(`Building ${kind.arch} only; other architectures need an Electron built for them.`);
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
    const plan = targetPlan(name, kind, options.dirOnly, { linux: configuredTargets('linux'), win: configuredTargets('win'), mac: configuredTargets('mac') });
    for (const [platform, archs] of PLATFORMS[name].createTarget(plan.types, ...plan.archs.map((arch) => Arch[arch]))) targets.set(platform, archs);
  }
  console.log(`\n▶ electron-builder ${options.platforms.map((p) => `--${p}`).join(' ')}${options.dirOnly ? ' --dir' : ''}`);
  // publish: never: releases are uploaded by whoever signs them, not by a local build.
  // electron-builder loads electron-builder.ts itself; `config` here is merged over it.
  const dir = options.electronDist ? resolve(options.electronDist) : undefined;
  const overrides: Configuration = {
    // A hook, not a path: electron-builder asks per architecture, and a mismatch must stop the build.
    ...(dir && kind
      ? {
          electronDist: ({ arch }: { arch: string }) => {
            if (kind.arch !== 'universal' && arch !== kind.arch) throw new Error(`The Electron in ${dir} is ${kind.arch}; it cannot be packed as ${arch}.`);
            return dir;
          },
        }
      : {}),
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
