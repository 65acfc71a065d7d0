/**
 * Arguments of `npm run dist` (scripts/dist.ts), parsed without side effects so they are tested.
 *
 *   npm run dist                      installers for the OS this runs on
 *   npm run dist -- --linux --win     for the named OSes (--mac builds only on macOS)
 *   npm run dist -- --dir             an unpacked app folder instead of installers (quick checks)
 *   npm run dist -- --electron-dist D use the Electron build in D instead of downloading one
 *   npm run dist -- --output D        write to D instead of release/<version> (tests use a temp folder)
 */
import { parseArgs } from 'node:util';

export type DistPlatform = 'linux' | 'win' | 'mac';

export interface DistOptions {
  readonly platforms: ReadonlyArray<DistPlatform>;
  readonly dirOnly: boolean;
  /** A folder holding an unpacked Electron (what ELECTRON_OVERRIDE_DIST_PATH points at). */
  readonly electronDist: string | undefined;
  /** Where electronDist came from, for the message. */
  readonly electronDistSource: '--electron-dist' | 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules/electron' | undefined;
  readonly output: string | undefined;
}

export const PLATFORM_OF: Readonly<Partial<Record<NodeJS.Platform, DistPlatform>>> = { linux: 'linux', win32: 'win', darwin: 'mac' };

/**
 * Throws an Error whose message is fit to print on bad arguments. `installedElectron`: the
 * node_modules/electron/dist folder when `npm install` downloaded the binary; it fits only
 * builds for this OS, so it is used only for those.
 */
export function parseDistArgs(
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
  hostPlatform: NodeJS.Platform,
  installedElectron?: string,
): DistOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        linux: { type: 'boolean', default: false },
        win: { type: 'boolean', default: false },
        mac: { type: 'boolean', default: false },
        dir: { type: 'boolean', default: false },
        'electron-dist': { type: 'string' },
        output: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\nUsage: npm run dist -- [--linux] [--win] [--mac] [--dir] [--electron-dist DIR] [--output DIR]`);
  }
  const named = (['linux', 'win', 'mac'] as const).filter((p) => values[p]);
  const host = PLATFORM_OF[hostPlatform];
  if (named.length === 0 && !host) throw new Error(`No installer target for ${hostPlatform}; pass --linux, --win or --mac.`);
  if (named.includes('mac') && hostPlatform !== 'darwin') {
    throw new Error('macOS apps can only be signed and packaged as a dmg on macOS; run --mac on a Mac.');
  }
  const fromFlag = values['electron-dist']?.trim();
  const fromEnv = env['ELECTRON_OVERRIDE_DIST_PATH']?.trim();
  if (values['electron-dist'] !== undefined && !fromFlag) throw new Error('--electron-dist needs a folder.');
  if (values.output !== undefined && !values.output.trim()) throw new Error('--output needs a folder.');
  const platforms = named.length > 0 ? named : [host!];
  const installed = !fromFlag && !fromEnv && installedElectron && platforms.every((p) => p === host) ? installedElectron : undefined;
  return {
    platforms,
    dirOnly: values.dir,
    electronDist: fromFlag || fromEnv || installed,
    electronDistSource: fromFlag ? '--electron-dist' : fromEnv ? 'ELECTRON_OVERRIDE_DIST_PATH' : installed ? 'node_modules/electron' : undefined,
    output: values.output?.trim() || undefined,
  };
}
