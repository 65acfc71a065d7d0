/**
 * Electron fuses: switches compiled into the Electron binary that turn off ways to run code in
 * the app's process from outside (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) and make it
 * load only the signed, integrity-checked app.asar. This table is the one source of truth:
 * `electronBuilderFuses()` feeds electron-builder's `electronFuses` option, `flipFusesOf()` (and
 * `tsx scripts/fuses.ts <binary> [--test]`) writes them into a binary directly.
 *
 * Test builds differ in exactly one fuse: Playwright's `_electron.launch()` attaches through the
 * Node inspector (it starts the app with `--inspect=0`), so EnableNodeCliInspectArguments stays on
 * in a build made for the Electron journeys. Such a build must never be shipped.
 */
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

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

export type BuildKind = 'release' | 'test';

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

/** Fuses of a build: release, or test (the inspector left on for Playwright, nothing else). */
export function fuseSettings(kind: BuildKind): Readonly<Record<FuseName, boolean>> {
  return kind === 'release' ? RELEASE_FUSES : { ...RELEASE_FUSES, enableNodeCliInspectArguments: true };
}

const toOption = (name: FuseName): FuseV1Options => FuseV1Options[(name[0]!.toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];

/** The `@electron/fuses` config for `flipFuses`. */
export function fuseConfig(kind: BuildKind, platform: NodeJS.Platform = process.platform): FuseV1Config {
  const settings = fuseSettings(kind);
  const wire = Object.fromEntries(Object.entries(settings).map(([name, on]) => [toOption(name as FuseName), on])) as Record<FuseV1Options, boolean>;
  // Flipping fuses invalidates an ad-hoc signature on Apple silicon; re-sign so the binary still starts.
  return { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: platform === 'darwin', ...wire };
}

/** electron-builder's `electronFuses` option (it has no key for wasmTrapHandlers; its default is kept). */
export function electronBuilderFuses(kind: BuildKind = 'release'): Omit<Record<FuseName, boolean>, 'wasmTrapHandlers'> {
  const { wasmTrapHandlers: _default, ...rest } = fuseSettings(kind);
  return rest;
}

/** Writes the fuses of `kind` into an Electron executable (or a macOS .app). */
export async function flipFusesOf(executable: string, kind: BuildKind): Promise<void> {
  await flipFuses(executable, fuseConfig(kind));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [executable, flag] = process.argv.slice(2);
  if (!executable || (flag && flag !== '--test')) {
    console.error('usage: tsx scripts/fuses.ts <electron-executable-or-.app> [--test]');
    process.exit(2);
  }
  const kind: BuildKind = flag === '--test' ? 'test' : 'release';
  await flipFusesOf(executable, kind);
  console.log(`fuses set for a ${kind} build: ${executable}`);
}
