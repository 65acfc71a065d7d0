/**
 * The `OKTA_*` values present when the app was built (`OKTA_ISSUER=… npm run dist`), injected by
 * electron.vite.config.ts as `__OKTA_BUILD_DEFAULTS__`. A released build uses them when no
 * config.json or environment overrides them (see release-config.ts). Empty when not bundled.
 */
declare const __OKTA_BUILD_DEFAULTS__: Readonly<Record<string, string>> | undefined;

export const BUILD_DEFAULTS: Readonly<Record<string, string>> = typeof __OKTA_BUILD_DEFAULTS__ === 'undefined' ? {} : __OKTA_BUILD_DEFAULTS__;
