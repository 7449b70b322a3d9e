/**
 * `npm run demo`: builds the extension, makes the demo portfolio (German ERP exports of a generated B2B portfolio),
 * and opens Chromium with AccountLens on a demo CRM page and a demo webmail page served at their real-looking URLs.
 * The portfolio goes in the way a rep would do it: the German CSV files, imported on the options page.
 * With a display it leaves the browser open; without one (or with --headless) it runs headless and writes
 * screenshots to demo-output/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { chromiumPath, launchWithExtension, openExtensionPage, overlay, ROOT, serviceWorker } from '../tests/e2e/harness.ts';
import { routeSiteFixtures } from '../tests/e2e/site-routes.ts';
import { REP } from '../tests/fixtures/portfolio.ts';
import { makePortfolio } from './make-portfolio.ts';

const OUT = join(ROOT, 'demo-output');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY || Boolean(process.env.CI);

function step(text: string) {
  console.log(`demo: ${text}`);
}

function findBrowser(): string {
  try {
    return chromiumPath();
  } catch {
    console.error(
      'demo: no Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome)\n' +
        '      or point CHROMIUM_PATH at a Chromium or Chrome binary, then run npm run demo again.',
    );
    process.exit(1);
  }
}

async function shoot(page: Page, name: string) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  step(`  wrote ${path}`);
}

async function importPortfolio(context: BrowserContext, dir: string) {
  const options = await openExtensionPage(context, 'options');
  await options.getByTestId('file-accounts').setInputFiles(join(dir, 'kunden.csv'));
  await options.getByTestId('file-orders').setInputFiles(join(dir, 'auftraege.csv'));
  await options.getByTestId('file-products').setInputFiles(join(dir, 'artikel.csv'));
  await options.getByTestId('file-contacts').setInputFiles(join(dir, 'kontakte.csv'));
  await options.getByTestId('import-start').click();
  await options.getByTestId('import-done').waitFor({ timeout: 120_000 });
  return options;
}

async function main() {
  const browserPath = findBrowser();
  process.env.CHROMIUM_PATH = browserPath;
  step('building the extension …');
  const build = spawnSync('npm', ['run', '-s', 'build:e2e'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);

  step('generating the demo portfolio (German ERP exports) …');
  const portfolio = makePortfolio(join(ROOT, '.cache', 'demo'), 400);
  step(`  ${portfolio.accounts} accounts, ${portfolio.orders} order lines, as of ${portfolio.asOf}`);

  mkdirSync(OUT, { recursive: true });
  routeSiteFixtures();
  step(`starting ${execFileSync(browserPath, ['--version'], { encoding: 'utf8' }).trim()}${headless ? ' (headless)' : ''} …`);
  const context = await launchWithExtension({ headless });
  const worker = await serviceWorker(context);
  await worker.evaluate(
    async (rep) => {
      await chrome.storage.local.set({
        profile: rep,
        sites: {
          builtIn: ['salesforce', 'hubspot', 'dynamics', 'pipedrive', 'zoho', 'gmail', 'outlook', 'google-calendar'],
          origins: ['https://webmail.example-hoster.de/*'],
        },
      });
    },
    { name: REP.name, email: REP.email },
  );

  step('importing the CSV exports on the options page …');
  const options = await importPortfolio(context, portfolio.dir);
  await shoot(options, '1-options-import');

  const crm = await context.newPage();
  await crm.goto('https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view');
  await overlay(crm).getByTestId('account-name').first().waitFor();
  await shoot(crm, '2-crm-salesforce-overlay');

  const mail = await context.newPage();
  await mail.goto('https://mail.google.com/mail/u/0/#inbox/18c2f0a9b7d4e6f1');
  await overlay(mail).getByTestId('account-name').first().waitFor();
  await shoot(mail, '3-webmail-gmail-overlay');

  const sidepanel = await openExtensionPage(context, 'sidepanel');
  await sidepanel.setViewportSize({ width: 420, height: 800 });
  await shoot(sidepanel, '4-sidepanel-workshop');

  const popup = await openExtensionPage(context, 'popup');
  await popup.setViewportSize({ width: 400, height: 600 });
  await shoot(popup, '5-popup');

  if (headless) {
    await context.close();
    step(`done: screenshots in ${OUT}`);
    return;
  }
  await crm.bringToFront();
  step('the browser stays open: a Salesforce record and a Gmail thread with the overlay. Close it to end the demo.');
  await new Promise<void>((resolve) => context.once('close', () => resolve()));
}

main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exit(1);
});
