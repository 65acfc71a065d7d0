import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './support/chromium';

const repo = resolve(import.meta.dirname, '..');

// Browser journeys against the web preview: each test gets its own emulator and preview server.
export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '*.spec.ts',
  testIgnore: 'electron/**',
  // A stray test.only fails the run instead of quietly running one test.
  forbidOnly: true,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Not test-results itself: Playwright empties outputDir, and other reports live there.
  outputDir: resolve(repo, 'test-results/browser-output'),
  reporter: [['list'], ['json', { outputFile: resolve(repo, 'test-results/browser.json') }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 900, height: 700 },
    launchOptions: CHROMIUM_LAUNCH,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
