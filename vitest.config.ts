import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'idp/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Vitest allows .only outside CI by default; a stray one must fail the run everywhere.
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Processed by Vitest (not loaded by Node directly), so a test's vi.mock('electron') stand-in
    // reaches electron-store's own `import electron from 'electron'` too.
    server: { deps: { inline: ['electron-store'] } },
  },
});
