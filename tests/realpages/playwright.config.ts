import { defineConfig } from '@playwright/test';

/**
 * The real-page test bed: the e2e build (.output-e2e/chrome-mv3) in Debian's Chromium against real applications
 * started from Debian packages on loopback (tests/realpages/apps; global setup brings them up and down).
 * `npm run test:realpages`; REALPAGES_REUSE=1 keeps running apps, REALPAGES_APPS=horde,tryton picks some.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  timeout: 180_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/realpages',
});
