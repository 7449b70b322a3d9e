/**
 * One Chromium with the e2e build per worker, set up as a new rep would: profile (their own address), the
 * test bed's host switched on as an "other site" (http://127.0.0.1/*; match patterns have no port), and our
 * accounts, orders and contacts imported as CSV through the options page.
 */
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { join } from 'node:path';
import { enableSites, launchWithExtension, openExtensionPage, setProfile } from '../e2e/harness.ts';
import { REALPAGES_DIR, REP } from './apps.ts';

export const DATA_DIR = join(REALPAGES_DIR, 'data');
export const TEST_BED_ORIGIN = 'http://127.0.0.1/*';

/** Imports tests/realpages/data/*.csv through the options page and waits until the import is done. */
export async function importTestBedData(context: BrowserContext) {
  const options = await openExtensionPage(context, 'options');
  await options.locator('input[name="import-kind"][value="csv"]').check();
  await options.getByTestId('file-accounts').setInputFiles(join(DATA_DIR, 'accounts.csv'));
  await options.getByTestId('file-orders').setInputFiles(join(DATA_DIR, 'orders.csv'));
  await options.getByTestId('file-contacts').setInputFiles(join(DATA_DIR, 'contacts.csv'));
  await options.getByTestId('import-start').click();
  await options.getByTestId('import-done').waitFor({ timeout: 60_000 });
  await options.close();
}

export async function launchTestBedBrowser(): Promise<BrowserContext> {
  const context = await launchWithExtension();
  await setProfile(context, REP.name, REP.email);
  await enableSites(context, [], [TEST_BED_ORIGIN]);
  await importTestBedData(context);
  return context;
}

export const test = base.extend<{ page: Page }, { lens: BrowserContext }>({
  lens: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const context = await launchTestBedBrowser();
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ lens }, use) => {
    const page = await lens.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await use(page);
    await page.close();
  },
});
export const expect = test.expect;

export const SCREENSHOT_DIR = join(REALPAGES_DIR, '..', '..', 'docs', 'screenshots', 'realpages');
export const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
