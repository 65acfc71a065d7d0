import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

const repo = resolve(import.meta.dirname, '../..');

// Electron journeys: the built app (out/) against an in-process emulator. Needs an Electron binary.
export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '*.spec.ts',
  globalSetup: resolve(import.meta.dirname, 'global-setup.ts'),
  // A stray test.only fails the run instead of quietly running one test.
  forbidOnly: true,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: resolve(repo, 'test-results/electron-output'),
  reporter: [['list'], ['json', { outputFile: resolve(repo, 'test-results/electron.json') }]],
  use: { trace: 'retain-on-failure' },
});
