import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { oktaOnly } from './src/main/config/release-config';
import { devServerCsp } from './scripts/dev-server-csp';

// Layout follows the electron-vite react-ts template: one entry per process.
export default defineConfig(({ command }) => ({
  main: {
    // A released build falls back to the OKTA_* values of the environment it was built in
    // (src/main/config/build-defaults.ts); .env is not read, so a developer's settings never ship.
    // Only `build` bakes them in: `npm start` sets OKTA_* to the emulator's plain-http issuer, and a
    // dev run must not leave that in out/main for a later `npx electron-builder` to ship.
    define: { __OKTA_BUILD_DEFAULTS__: JSON.stringify(command === 'build' ? oktaOnly(process.env) : {}) },
    build: {
      rolldownOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ES modules or require anything but a few
      // Electron built-ins, so it must be one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // electron-vite leaves minification off; the window's weight is a tracked benchmark.
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react(), devServerCsp()],
  },
}));
