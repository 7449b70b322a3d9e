/**
 * The overlay in German and on dark pages: every string through the extension's i18n, numbers, dates and currency
 * formatted per locale, and legible in the browser's dark colour scheme.
 */
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { enableSites, expect, importSnapshot, launchWithExtension, overlay, ROOT, setProfile } from './harness.ts';
import { routeSiteFixtures } from './site-routes.ts';

routeSiteFixtures();
const test = base;
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

test('German UI: the overlay speaks German and formats numbers and money the German way', async () => {
  const context = await launchWithExtension({ locale: 'de' }); // Chrome's German UI locale is `de`;
  try {
    await setProfile(context, 'Lena Vogt', 'lena.vogt@hansen-industriebedarf.de');
    await enableSites(context, ['salesforce']);
    await importSnapshot(context);
    const page = await context.newPage();
    await page.goto('https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view');
    const card = await overlay(page);
    await expect(card.getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
    await expect(card.getByTestId('talking-points')).toContainText(/Nachbestellung|Biete|Angebot|Umsatz/);
    await expect(card.getByTestId('clv-revenue')).toHaveText(/\d[\d.]*\s?€/);
    await expect(card.getByTestId('not-this-account')).toHaveText('Falscher Kunde?');
    await page.screenshot({ path: join(SCREENSHOTS, 'overlay-salesforce-de.png') });
  } finally {
    await context.close();
  }
});

test('dark colour scheme: the overlay follows it', async () => {
  const context = await launchWithExtension({ colorScheme: 'dark' });
  try {
    await enableSites(context, ['hubspot']);
    await importSnapshot(context);
    const page = await context.newPage();
    await page.goto('https://app-eu1.hubspot.com/contacts/26012345/record/0-2/9876543210');
    const card = (await overlay(page)).getByTestId('accountlens-overlay');
    await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Kraft Logistik');
    const background = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(200); // a dark card
    await page.screenshot({ path: join(SCREENSHOTS, 'overlay-hubspot-dark.png') });
  } finally {
    await context.close();
  }
});
