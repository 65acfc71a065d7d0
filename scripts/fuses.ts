/**
 * Electron fuses: switches compiled into the Electron binary that turn off ways to run code in
 * the app's process from outside (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) and make it
 * load only the signed, integrity-checked app.asar. This table is the one source of truth:
 * `electronBuilderFuses()` feeds electron-builder's `electronFuses` option, and
 * scripts/packaged-app.test.ts reads the fuses back out of the packaged executable.
 *
 * There is no fused test build: Playwright's `_electron.launch()` attaches through the Node
 * inspector, which a release build turns off, so the Electron journeys run the built out/ on
 * Electron's stock binary, and the packaged-app test checks the fuses of the real package.
 */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export type FuseName =
  | 'runAsNode'
  | 'enableCookieEncryption'
  | 'enableNodeOptionsEnvironmentVariable'
  | 'enableNodeCliInspectArguments'
  | 'enableEmbeddedAsarIntegrityValidation'
  | 'onlyLoadAppFromAsar'
  | 'loadBrowserProcessSpecificV8Snapshot'
  | 'grantFileProtocolExtraPrivileges'
  | 'wasmTrapHandlers';

/** Every fuse Electron 45 has, set explicitly (flipFuses is told to refuse a missing one). */
export const RELEASE_FUSES: Readonly<Record<FuseName, boolean>> = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
  runAsNode: false,
  // Cookies on disk encrypted with the OS keychain key (the app keeps none, but the IdP may set some).
  enableCookieEncryption: true,
  // NODE_OPTIONS=--require=evil.js would run code in the main process, with access to the tokens.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk / SIGUSR1 would open a debugger into the main process.
  enableNodeCliInspectArguments: false,
  // macOS and Windows check app.asar against the hash in the signed binary (ignored on Linux).
  enableEmbeddedAsarIntegrityValidation: true,
  // No loose `app/` folder next to app.asar can replace the code.
  onlyLoadAppFromAsar: true,
  // Not used by this app: keep Electron's default.
  loadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, file:// needs no extra powers.
  grantFileProtocolExtraPrivileges: false,
  // Electron's default: WebAssembly bounds checks through trap handlers.
  wasmTrapHandlers: true,
};

const toOption = (name: FuseName): FuseV1Options => FuseV1Options[(name[0]!.toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];

/** The `@electron/fuses` config of a release build (what the packaged-app test expects to read back). */
export function fuseConfig(platform: NodeJS.Platform = process.platform): FuseV1Config {
  const wire = Object.fromEntries(Object.entries(RELEASE_FUSES).map(([name, on]) => [toOption(name as FuseName), on])) as Record<FuseV1Options, boolean>;
  return { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: platform === 'darwin', ...wire };
}

/**
 * electron-builder's `electronFuses` option (it has no key for wasmTrapHandlers; its default is
 * kept). `resetAdHocDarwinSignature`: flipping fuses breaks the ad-hoc signature an arm64 macOS
 * binary needs to start at all, so an unsigned build (no Developer ID) must be re-signed ad hoc;
 * @electron/fuses does that only for a .app, so it changes nothing for Windows or Linux builds.
 */
export function electronBuilderFuses(): Omit<Record<FuseName, boolean>, 'wasmTrapHandlers'> & { resetAdHocDarwinSignature: true } {
  const { wasmTrapHandlers: _default, ...rest } = RELEASE_FUSES;
  return { ...rest, resetAdHocDarwinSignature: true };
}
