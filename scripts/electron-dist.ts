/**
 * What a local Electron folder (`--electron-dist`, ELECTRON_OVERRIDE_DIST_PATH or
 * node_modules/electron/dist) was built for, read from its executable's header, so `npm run dist`
 * never packs one architecture's Electron into another's installer (an Intel dmg built on Apple
 * silicon would otherwise hold arm64 Electron).
 *
 * Headers: ELF e_machine at byte 18 (0x3e x86-64, 0xb7 AArch64, 0x03 i386, 0x28 ARM); PE: the
 * COFF Machine field after "PE\0\0" at the offset stored at 0x3c (0x8664 x64, 0xaa64 arm64,
 * 0x14c i386); Mach-O 64-bit: cputype after the magic (0x01000007 x86_64, 0x0100000c arm64); a
 * fat (universal) Mach-O starts with 0xcafebabe.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DistPlatform } from './dist-args';

export type ElectronArch = 'x64' | 'arm64' | 'ia32' | 'armv7l' | 'universal';

export interface ExecutableKind {
  readonly platform: DistPlatform;
  readonly arch: ElectronArch;
}

const ELF_MACHINES: Readonly<Record<number, ElectronArch>> = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' };
const PE_MACHINES: Readonly<Record<number, ElectronArch>> = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' };
const MACHO_CPUS: Readonly<Record<number, ElectronArch>> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

/** The OS and architecture of an executable from its first bytes; undefined when unknown. */
export function executableKind(header: Buffer): ExecutableKind | undefined {
  if (header.length >= 20 && header.readUInt32BE(0) === 0x7f454c46) {
    const arch = ELF_MACHINES[header.readUInt16LE(18)];
    return arch && { platform: 'linux', arch };
  }
  if (header.length >= 0x40 && header.toString('latin1', 0, 2) === 'MZ') {
    const pe = header.readUInt32LE(0x3c);
    if (pe + 6 > header.length || header.toString('latin1', pe, pe + 4) !== 'PE\0\0') return undefined;
    const arch = PE_MACHINES[header.readUInt16LE(pe + 4)];
    return arch && { platform: 'win', arch };
  }
  if (header.length >= 8 && header.readUInt32BE(0) === 0xcafebabe) return { platform: 'mac', arch: 'universal' };
  if (header.length >= 8 && header.readUInt32LE(0) === 0xfeedfacf) {
    const arch = MACHO_CPUS[header.readUInt32LE(4)];
    return arch && { platform: 'mac', arch };
  }
  return undefined;
}

/** Where the executable sits in an unpacked Electron folder, per OS. */
export const EXECUTABLE_IN_DIST: Readonly<Partial<Record<NodeJS.Platform, string>>> = {
  linux: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};
const EXECUTABLES: ReadonlyArray<string> = Object.values(EXECUTABLE_IN_DIST);

export type ElectronBinary = { readonly path: string } | { readonly problem: string };

/**
 * The Electron executable this machine can run, without touching the `electron` package's
 * index.js (which starts a download when its binary is missing): ELECTRON_OVERRIDE_DIST_PATH if
 * set (and then only it), else the binary `npm install` put in node_modules/electron/dist.
 */
export function findElectronBinary(repo: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): ElectronBinary {
  const version = electronVersion(repo);
  const executable = EXECUTABLE_IN_DIST[platform] ?? 'electron';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH']?.trim();
  if (override) {
    const candidate = join(override, executable);
    if (existsSync(candidate)) return { path: candidate };
    return { problem: `ELECTRON_OVERRIDE_DIST_PATH is ${override}, which has no ${executable}. It must hold an unpacked Electron ${version} for this OS.` };
  }
  const pathFile = join(repo, 'node_modules/electron/path.txt');
  const installed = existsSync(pathFile) ? join(repo, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
  if (installed && existsSync(installed)) return { path: installed };
  return {
    problem:
      `The Electron ${version} binary is not installed (the electron package downloads it on first use).\n` +
      'Install it with `node node_modules/electron/install.js`, or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an\n' +
      `unpacked Electron ${version} for this OS.`,
  };
}

/** The version of the `electron` package, which a local Electron must match. */
export function electronVersion(repo: string): string {
  try {
    return (JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '(see package.json)';
  }
}

/** Reads the Electron executable in `dir`; undefined when there is none or its format is unknown. */
export function electronDistKind(dir: string): ExecutableKind | undefined {
  for (const name of EXECUTABLES) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const header = Buffer.alloc(4096);
    const fd = openSync(path, 'r');
    try {
      const read = readSync(fd, header, 0, header.length, 0);
      return executableKind(header.subarray(0, read));
    } finally {
      closeSync(fd);
    }
  }
  return undefined;
}

/**
 * The problem with packing `kind`'s Electron for `platforms`, or undefined. A local Electron fits
 * one OS and one architecture (a universal macOS one fits both Mac architectures).
 */
export function electronDistMismatch(dir: string, kind: ExecutableKind | undefined, platforms: ReadonlyArray<DistPlatform>): string | undefined {
  if (!kind) return `${dir} holds no Electron executable this script can read (electron, electron.exe or Electron.app).`;
  const others = platforms.filter((platform) => platform !== kind.platform);
  if (others.length > 0) return `The Electron in ${dir} is for ${kind.platform} (${kind.arch}); it cannot build --${others.join(' --')}.`;
  return undefined;
}

export interface TargetPlan {
  /** Target names for electron-builder's `createTarget`; null: those electron-builder.ts configures. */
  readonly types: string | string[] | null;
  /** Architectures; empty: those electron-builder.ts configures. */
  readonly archs: ReadonlyArray<ElectronArch>;
}

/**
 * What to build for `platform`. With a local Electron of one architecture, only that one: the
 * targets are named explicitly, because a target with an `arch` list in electron-builder.ts
 * (win, mac: x64 + arm64) would otherwise bring the other architecture back, with this Electron.
 */
export function targetPlan(
  platform: DistPlatform,
  kind: ExecutableKind | undefined,
  dirOnly: boolean,
  configuredTargets: Readonly<Record<DistPlatform, ReadonlyArray<string>>>,
): TargetPlan {
  const oneArch = kind !== undefined && kind.arch !== 'universal';
  const types = dirOnly ? 'dir' : oneArch ? [...configuredTargets[platform]] : null;
  return { types, archs: oneArch ? [kind.arch] : [] };
}
