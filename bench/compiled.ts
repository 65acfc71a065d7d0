/**
 * The app's main-process code and the baseline, compiled the way the shipped app is: one Vite
 * (Rolldown) build for Node, dependencies left to node_modules, no minification, as electron-vite
 * builds out/main. The sign-in comparison runs these, not the TypeScript sources through tsx:
 * tsx compiles with esbuild's `keepNames`, which wraps every function the app creates (each
 * closure of each launch) in a `__name()` call the shipped build does not have. That cost (about
 * 0.1 ms per launch here) fell on the app alone, the baseline having few closures of its own.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

export type AppModule = typeof import('../src/main/node');
export type BaselineModule = typeof import('./baseline');
export type ContractModule = typeof import('../src/shared/contract');

export interface Compiled {
  readonly app: AppModule;
  readonly baseline: BaselineModule;
  readonly contract: ContractModule;
}

export async function compileForBench(root: string): Promise<Compiled> {
  const outDir = join(root, '.bench', 'compiled');
  rmSync(outDir, { recursive: true, force: true });
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    // The app's build-time defaults (electron.vite.config.ts): none, as in a dev build.
    define: { __OKTA_BUILD_DEFAULTS__: '{}' },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: {
        input: { app: join(root, 'src/main/node.ts'), baseline: join(root, 'bench/baseline.ts'), contract: join(root, 'src/shared/contract.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  const load = (name: string) => import(pathToFileURL(join(outDir, `${name}.mjs`)).href);
  const [app, baseline, contract] = await Promise.all([load('app'), load('baseline'), load('contract')]);
  return { app: app as AppModule, baseline: baseline as BaselineModule, contract: contract as ContractModule };
}
