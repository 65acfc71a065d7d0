import { describe, expect, it } from 'vitest';
import { parseDistArgs } from './dist-args';

describe('parseDistArgs', () => {
  it('builds for the host OS when no platform is named', () => {
    expect(parseDistArgs([], {}, 'linux')).toEqual({ platforms: ['linux'], dirOnly: false, electronDist: undefined, electronDistSource: undefined, output: undefined });
    expect(parseDistArgs([], {}, 'win32').platforms).toEqual(['win']);
    expect(parseDistArgs([], {}, 'darwin').platforms).toEqual(['mac']);
  });

  it('builds for the named OSes', () => {
    expect(parseDistArgs(['--linux', '--win'], {}, 'linux').platforms).toEqual(['linux', 'win']);
    expect(parseDistArgs(['--mac', '--dir'], {}, 'darwin')).toMatchObject({ platforms: ['mac'], dirOnly: true });
  });

  it('takes a local Electron from --electron-dist before ELECTRON_OVERRIDE_DIST_PATH', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron-env' };
    expect(parseDistArgs(['--electron-dist', '/opt/electron-flag'], env, 'linux')).toMatchObject({
      electronDist: '/opt/electron-flag',
      electronDistSource: '--electron-dist',
    });
    expect(parseDistArgs([], env, 'linux')).toMatchObject({ electronDist: '/opt/electron-env', electronDistSource: 'ELECTRON_OVERRIDE_DIST_PATH' });
    expect(parseDistArgs([], { ELECTRON_OVERRIDE_DIST_PATH: ' ' }, 'linux').electronDist).toBeUndefined();
  });

  it('falls back to the Electron npm installed, only for builds for this OS', () => {
    const installed = '/repo/node_modules/electron/dist';
    expect(parseDistArgs([], {}, 'linux', installed)).toMatchObject({ electronDist: installed, electronDistSource: 'node_modules/electron' });
    expect(parseDistArgs(['--linux', '--win'], {}, 'linux', installed).electronDist).toBeUndefined();
    expect(parseDistArgs([], { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, 'linux', installed).electronDist).toBe('/opt/e');
  });

  it('rejects unknown options, stray words, an empty --electron-dist, --mac off a Mac and unknown hosts', () => {
    expect(() => parseDistArgs(['--linx'], {}, 'linux')).toThrow(/Unknown option '--linx'[\s\S]*Usage: npm run dist/);
    expect(() => parseDistArgs(['linux'], {}, 'linux')).toThrow(/Usage/);
    expect(() => parseDistArgs(['--electron-dist', ''], {}, 'linux')).toThrow('--electron-dist needs a folder.');
    expect(() => parseDistArgs(['--output', ' '], {}, 'linux')).toThrow('--output needs a folder.');
    expect(parseDistArgs(['--output', '/tmp/r'], {}, 'linux').output).toBe('/tmp/r');
    expect(() => parseDistArgs(['--mac'], {}, 'linux')).toThrow(/only be signed and packaged as a dmg on macOS/);
    expect(() => parseDistArgs([], {}, 'freebsd')).toThrow('No installer target for freebsd; pass --linux, --win or --mac.');
    expect(parseDistArgs(['--linux'], {}, 'freebsd').platforms).toEqual(['linux']);
  });
});
