/// <reference types="chrome" />
/**
 * The overlay on every supported site, served at the real hosts' URLs: the adapter finds the account keys, the
 * background matches them against the imported portfolio, and the card shows the right account with its value,
 * patterns and talking points. Screenshots of each go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_FIXTURES } from '../fixtures/sites/fixtures.ts';
import { routeSiteFixtures } from './site-routes.ts';
import { expect, overlay, portfolioTest, ROOT } from './harness.ts';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

routeSiteFixtures();

/** The account each fixture page must show first. */
const EXPECTED: Record<string, string> = {
  'salesforce-account.html': 'Müller Maschinenbau',
  'hubspot-company.html': 'Kraft Logistik',
  'dynamics-account.html': 'Nordlicht Energie',
  'pipedrive-organization.html': 'Bäckerei Straßer',
  'zoho-account.html': 'Alpenglanz Hotels',
  'gmail-threads.html': 'Müller Maschinenbau',
  'outlook-mail.html': 'Kraft Logistik',
  'generic-webmail.html': 'Alpenglanz Hotels',
  'google-calendar-event.html': 'Müller Maschinenbau',
  'outlook-calendar-event.html': 'Alpenglanz Hotels',
};

const test = portfolioTest;

test.describe('overlay on each site', () => {
  for (const fixture of SITE_FIXTURES.filter((f) => EXPECTED[f.file])) {
    test(`${fixture.adapter}: ${fixture.file} shows ${EXPECTED[fixture.file]}`, async ({ shared }) => {
      const page = await shared.newPage();
      await page.goto(fixture.url);
      const card = await overlay(page);
      await expect(card.getByTestId('account-name').first()).toContainText(EXPECTED[fixture.file]!);
      await expect(card.getByTestId('value-score').first()).toHaveText(/\d+/);
      await expect(card.getByTestId('talking-points').locator('li').first()).toBeVisible();
      await page.screenshot({ path: join(SCREENSHOTS, `overlay-${fixture.file.replace('.html', '')}.png`) });
      await page.close();
    });
  }
});
