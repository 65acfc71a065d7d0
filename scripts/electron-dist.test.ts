import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronDistKind, electronDistMismatch, electronVersion, executableKind, findElectronBinary, targetPlan } from './electron-dist';

/** The first bytes of an executable of each format, as their specs lay them out. */
function elf(machine: number): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header.writeUInt16LE(machine, 18);
  return header;
}
function pe(machine: number): Buffer {
  const header = Buffer.alloc(0x100);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('PE\0\0', 0x80, 'latin1');
  header.writeUInt16LE(machine, 0x84);
  return header;
}
function macho(cpu: number): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(cpu, 4);
  return header;
}

const base = mkdtempSync(join(tmpdir(), 'electron-dist-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('executableKind', () => {
  it('reads the OS and architecture of ELF, PE and Mach-O executables', () => {
    expect(executableKind(elf(0x3e))).toEqual({ platform: 'linux', arch: 'x64' });
    expect(executableKind(elf(0xb7))).toEqual({ platform: 'linux', arch: 'arm64' });
    expect(executableKind(pe(0x8664))).toEqual({ platform: 'win', arch: 'x64' });
    expect(executableKind(pe(0xaa64))).toEqual({ platform: 'win', arch: 'arm64' });
    expect(executableKind(macho(0x01000007))).toEqual({ platform: 'mac', arch: 'x64' });
    expect(executableKind(macho(0x0100000c))).toEqual({ platform: 'mac', arch: 'arm64' });
    const fat = Buffer.alloc(8);
    fat.writeUInt32BE(0xcafebabe, 0);
    expect(executableKind(fat)).toEqual({ platform: 'mac', arch: 'universal' });
  });

  it('knows when it does not know', () => {
    expect(executableKind(Buffer.from('#!/bin/sh\necho hi\n'))).toBeUndefined();
    expect(executableKind(elf(0x9999))).toBeUndefined();
    expect(executableKind(Buffer.from('MZ'))).toBeUndefined();
    expect(executableKind(Buffer.alloc(0))).toBeUndefined();
  });

  it("reads this machine's Node binary as this machine's architecture", () => {
    const kind = electronDistKind(withExecutable('node-as-electron', process.platform === 'win32' ? 'electron.exe' : 'electron', process.execPath));
    if (process.platform === 'linux') expect(kind).toEqual({ platform: 'linux', arch: process.arch });
  });
});

function withExecutable(name: string, file: string, copyFrom?: string, bytes?: Buffer): string {
  const dir = join(base, name);
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), bytes ?? readFileSync(copyFrom!));
  return dir;
}

describe('electronDistMismatch', () => {
  it('accepts an Electron for the OS being built, whatever it holds for other folders', () => {
    const dir = withExecutable('mac-arm', 'Electron.app/Contents/MacOS/Electron', undefined, macho(0x0100000c));
    expect(electronDistKind(dir)).toEqual({ platform: 'mac', arch: 'arm64' });
    expect(electronDistMismatch(dir, electronDistKind(dir), ['mac'])).toBeUndefined();
  });

  it('refuses an Electron of another OS, and a folder without a readable one', () => {
    const dir = withExecutable('linux-x64', 'electron', undefined, elf(0x3e));
    expect(electronDistMismatch(dir, electronDistKind(dir), ['linux', 'win'])).toBe(`The Electron in ${dir} is for linux (x64); it cannot build --win.`);
    const empty = join(base, 'empty');
    mkdirSync(empty);
    expect(electronDistMismatch(empty, electronDistKind(empty), ['linux'])).toMatch(/holds no Electron executable/);
  });
});

describe('targetPlan', () => {
  const configured = { linux: ['AppImage', 'deb'], win: ['nsis'], mac: ['dmg'] };

  it('without a local Electron: the targets and architectures electron-builder.ts configures', () => {
    expect(targetPlan('mac', undefined, false, configured)).toEqual({ types: null, archs: [] });
    expect(targetPlan('linux', undefined, true, configured)).toEqual({ types: 'dir', archs: [] });
  });

  it("with a local Electron: only that Electron's architecture, naming the targets so a configured arch list cannot add another", () => {
    expect(targetPlan('mac', { platform: 'mac', arch: 'arm64' }, false, configured)).toEqual({ types: ['dmg'], archs: ['arm64'] });
    expect(targetPlan('win', { platform: 'win', arch: 'x64' }, true, configured)).toEqual({ types: 'dir', archs: ['x64'] });
  });

  it('a universal macOS Electron serves every configured architecture', () => {
    expect(targetPlan('mac', { platform: 'mac', arch: 'universal' }, false, configured)).toEqual({ types: null, archs: [] });
  });
});

describe('npm run dist with a local Electron of the wrong OS', () => {
  it('stops before building, saying why', () => {
    const windows = withExecutable('win-x64', 'electron.exe', undefined, pe(0x8664));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dist.ts', '--linux', '--dir', '--electron-dist', windows], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`The Electron in ${windows} is for win (x64); it cannot build --linux.`);
    expect(result.stdout).not.toContain('electron-vite build');
  });
});

describe('findElectronBinary', () => {
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'node_modules/electron'), { recursive: true });
  writeFileSync(join(repo, 'node_modules/electron/package.json'), JSON.stringify({ version: '45.5.0' }));

  it('finds the executable of each OS in ELECTRON_OVERRIDE_DIST_PATH (the .app on macOS)', () => {
    const mac = withExecutable('override-mac', 'Electron.app/Contents/MacOS/Electron', undefined, macho(0x0100000c));
    expect(findElectronBinary(repo, { ELECTRON_OVERRIDE_DIST_PATH: mac }, 'darwin')).toEqual({ path: join(mac, 'Electron.app/Contents/MacOS/Electron') });
    const win = withExecutable('override-win', 'electron.exe', undefined, pe(0x8664));
    expect(findElectronBinary(repo, { ELECTRON_OVERRIDE_DIST_PATH: win }, 'win32')).toEqual({ path: join(win, 'electron.exe') });
  });

  it('says so, with the version needed, when the override holds no executable; never falls back', () => {
    const result = findElectronBinary(repo, { ELECTRON_OVERRIDE_DIST_PATH: join(base, 'nowhere') }, 'linux');
    expect(result).toEqual({ problem: `ELECTRON_OVERRIDE_DIST_PATH is ${join(base, 'nowhere')}, which has no electron. It must hold an unpacked Electron 45.5.0 for this OS.` });
  });

  it('uses the binary npm installed, and names the version when there is none', () => {
    expect(findElectronBinary(repo, {}, 'linux')).toMatchObject({ problem: expect.stringContaining('The Electron 45.5.0 binary is not installed') });
    writeFileSync(join(repo, 'node_modules/electron/path.txt'), 'electron');
    expect(findElectronBinary(repo, {}, 'linux')).toMatchObject({ problem: expect.any(String) });
    mkdirSync(join(repo, 'node_modules/electron/dist'), { recursive: true });
    writeFileSync(join(repo, 'node_modules/electron/dist/electron'), elf(0x3e));
    expect(findElectronBinary(repo, {}, 'linux')).toEqual({ path: join(repo, 'node_modules/electron/dist/electron') });
  });

  it('reads the version of the electron package', () => {
    expect(electronVersion(repo)).toBe('45.5.0');
    expect(electronVersion(join(base, 'no-repo'))).toBe('(see package.json)');
  });
});
