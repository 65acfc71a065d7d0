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
  readonly electronDistSource: '--electron-dist' | 'ELECTRON_OVERRIDE_DIST_PATH' | undefined;
  readonly output: string | undefined;
}

export const PLATFORM_OF: Readonly<Partial<Record<NodeJS.Platform, DistPlatform>>> = { linux: 'linux', win32: 'win', darwin: 'mac' };

/** Throws an Error whose message is fit to print on bad arguments. */
export function parseDistArgs(argv: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>>, hostPlatform: NodeJS.Platform): DistOptions {
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
  return {
    platforms: named.length > 0 ? named : [host!],
    dirOnly: values.dir,
    electronDist: fromFlag || fromEnv || undefined,
    electronDistSource: fromFlag ? '--electron-dist' : fromEnv ? 'ELECTRON_OVERRIDE_DIST_PATH' : undefined,
    output: values.output?.trim() || undefined,
  };
}
