import { defineConfig } from '@playwright/test';

/** E2E tests load the built extension (.output-e2e/chrome-mv3, built by `npm run build:e2e`) into Debian's Chromium. */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
