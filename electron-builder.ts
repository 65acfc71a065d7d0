/**
 * electron-builder configuration for the installers: AppImage + deb (Linux), NSIS (Windows),
 * dmg (macOS, hardened runtime, notarised by build/notarize.cjs when Apple credentials are set).
 *
 * electron-builder finds this file by name (`npx electron-builder` and `npm run dist` both use it);
 * scripts/electron-builder-config.test.ts and scripts/packaged-app.test.ts check it.
 * Icons: build/icon.png (1024 px, converted to .icns/.ico by electron-builder) and build/icons/
 * (Linux sizes), both made from build/icon.svg by `npm run icons`.
 */
import type { Configuration } from 'electron-builder';
import { electronBuilderFuses } from './scripts/fuses';
import { PRIVATE_USE_SCHEME } from './src/main/config/redirect-scheme';

/**
 * What goes into app.asar besides production node_modules (which electron-builder adds itself,
 * from `dependencies` only). The built bundles only: never src/, idp/, e2e/, scripts/, the web
 * preview bundle, source maps or env files. Negations also apply inside node_modules.
 */
export const APP_FILES = [
  'out/main/**/*',
  'out/preload/**/*',
  'out/renderer/**/*',
  'package.json',
  '!**/*.map',
  '!**/.env*',
  '!**/*.{test,spec}.{js,cjs,mjs,ts}',
] as const;

export const APP_ID = 'com.example.oktadesktopsignin';

const config: Configuration = {
  appId: APP_ID,
  productName: 'Okta Desktop Sign-In',
  copyright: 'Copyright © 2025 Example Corp',
  directories: { output: 'release/${version}', buildResources: 'build' },
  files: [...APP_FILES],
  asar: true,
  // No native modules among the dependencies: nothing to rebuild for Electron's ABI.
  npmRebuild: false,
  // The security settings of the Electron binary: one table, in scripts/fuses.ts.
  electronFuses: electronBuilderFuses(),
  afterSign: './build/notarize.cjs',
  // The browser sign-in's private-use redirect (RFC 8252 §7.1): Info.plist CFBundleURLTypes on
  // macOS, the .desktop file's MimeType x-scheme-handler on Linux, the registry on Windows (NSIS).
  protocols: [{ name: 'Okta Desktop Sign-In sign-in', schemes: [PRIVATE_USE_SCHEME] }],
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Network',
    executableName: 'okta-desktop-signin',
    // The installed .desktop file is named after package.json's desktopName, which Electron also
    // reports as the window's app_id / WM_CLASS: Wayland and docks then match the window to it.
    syncDesktopName: true,
    maintainer: 'Example Corp IT <it@example.com>',
    vendor: 'Example Corp',
    synopsis: 'Sign in to Okta from the desktop',
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.png',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Notarisation is build/notarize.cjs (afterSign), driven by APPLE_* variables; not both.
    notarize: false,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
};

export default config;
