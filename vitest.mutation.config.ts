/**
 * The Vitest config Stryker runs (stryker.config.mjs): the project's, less the one test that
 * reads source text rather than running it. scripts/reuse-guide.test.ts checks that docs/reuse.md
 * quotes only lines src/main/app.ts has; instrumented by Stryker, app.ts has none of them, so
 * the initial run failed and app.ts could not be measured at all.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, 'scripts/reuse-guide.test.ts'] } }));
