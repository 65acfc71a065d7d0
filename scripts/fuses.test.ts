import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import config from '../electron-builder';
import { electronBuilderFuses, fuseConfig } from './fuses';

describe('Electron fuses', () => {
  it('release builds close every way to run code in the app from outside', () => {
    const config = fuseConfig('linux');
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
    const config = fuseConfig('linux') as unknown as Record<number, unknown>;
    for (const option of known) expect(typeof config[option], FuseV1Options[option]).toBe('boolean');
  });

  it('re-signs ad hoc only on macOS', () => {
    expect(fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('win32').resetAdHocDarwinSignature).toBe(false);
  });

  it('gives electron-builder the same settings, and the ad-hoc re-signing an unsigned arm64 Mac build needs', () => {
    expect(electronBuilderFuses()).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it("reaches @electron/fuses through electron-builder's own translation with nothing dropped", async () => {
    // The function electron-builder runs on `electronFuses` before it flips them (platformPackager.js).
    const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<Record<string | number, unknown>> }).generateFuseConfig;
    const wire = await generate.call({}, config.electronFuses);
    const expected = fuseConfig('darwin') as unknown as Record<string | number, unknown>;
    expect(wire['resetAdHocDarwinSignature']).toBe(true);
    for (const [option, on] of Object.entries(expected)) {
      // electron-builder has no option for wasmTrapHandlers: Electron's default (on) is kept.
      if (/^\d+$/.test(option) && Number(option) !== FuseV1Options.WasmTrapHandlers) expect(wire[option], FuseV1Options[Number(option)]).toBe(on);
    }
  });
});
