/**
 * Node module hooks for the start-up smoke test: every `import 'electron'` (the built main
 * bundle's and electron-store's) resolves to the Electron stand-in instead of the npm package,
 * whose index.js would try to download a binary. Loaded with `node --import tsx --import <this>`.
 */
import { register } from 'node:module';

const standin = new URL('../../src/main/testing/electron-standin.ts', import.meta.url).href;

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === 'electron') return { url: ${JSON.stringify(standin)}, shortCircuit: true };
      return next(specifier, context);
    }`)}`,
);
