import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { electronBuilderFuses, fuseConfig, fuseSettings } from './fuses';

describe('Electron fuses', () => {
  it('release builds close every way to run code in the app from outside', () => {
    const config = fuseConfig('release', 'linux');
    expect(config).toMatchObject({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('sets every fuse the installed @electron/fuses knows, none left to defaults', () => {
    const known = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    const config = fuseConfig('release', 'linux') as unknown as Record<number, unknown>;
    for (const option of known) expect(typeof config[option], FuseV1Options[option]).toBe('boolean');
  });

  it('test builds differ only by the inspector Playwright needs', () => {
    const release = fuseSettings('release');
    const test = fuseSettings('test');
    const changed = Object.keys(release).filter((k) => release[k as keyof typeof release] !== test[k as keyof typeof test]);
    expect(changed).toEqual(['enableNodeCliInspectArguments']);
    expect(test.enableNodeCliInspectArguments).toBe(true);
  });

  it('re-signs ad hoc only on macOS', () => {
    expect(fuseConfig('release', 'darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('release', 'win32').resetAdHocDarwinSignature).toBe(false);
  });

  it('gives electron-builder the same settings', () => {
    expect(electronBuilderFuses()).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
