/**
 * `npm run demo`: the whole product on demo data. Builds the extension, makes the demo portfolio (German ERP exports
 * of a generated B2B portfolio), starts a team hub on 127.0.0.1 (PGlite in a temp folder) and publishes the portfolio
 * to it, and opens Chromium with AccountLens: the CSVs imported on the options page, the overlay on a demo CRM page
 * and a demo webmail page served at their real-looking URLs, a workshop note captured in the side panel, the meeting
 * brief, the popup connected to the hub, and the leader's review on the hub.
 * With a display it leaves the browser open; without one (or with --headless) it runs headless and writes
 * screenshots to demo-output/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../server/test/postgres.ts';
import { runHubCommand, startHubProcess, type HubProcess } from '../server/test/process.ts';
import type { BrowserContext, Page } from '@playwright/test';
import {
  chromiumPath,
  launchWithExtension,
  openExtensionPage,
  overlay,
  ROOT,
  serviceWorker,
} from '../tests/e2e/harness.ts';
import { routeSiteFixtures } from '../tests/e2e/site-routes.ts';
import { addMember, publishPortfolio, TEAM } from '../tests/e2e/team-hub.ts';
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

async function shoot(page: Page, name: string, fullPage = false) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage });
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

/** A hub with a team (an admin, the rep, a leader), the portfolio published with `lens publish`. */
async function startDemoHub(portfolioDir: string) {
  const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'accountlens-demo-hub-')) };
  await runHubCommand(env, ['team', 'add', TEAM]);
  const admin = await addMember(env, 'ops@hansen-industriebedarf.de', 'Sales Ops', 'admin');
  const rep = await addMember(env, REP.email, REP.name, 'rep');
  const leader = await addMember(env, 'petra.kuehn@hansen-industriebedarf.de', 'Petra Kühn', 'leader');
  const hub: HubProcess = await startHubProcess(env, await freePort());
  const published = await publishPortfolio(hub.url, admin, portfolioDir);
  if (published.code !== 0) throw new Error(`lens publish failed: ${published.out}`);
  return { hub, rep, leader };
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

  step('starting the team hub and publishing the portfolio to it (lens publish) …');
  const { hub, rep, leader } = await startDemoHub(portfolio.dir);
  step(`  hub at ${hub.url}`);
  process.once('exit', () => hub.child.kill('SIGTERM'));

  mkdirSync(OUT, { recursive: true });
  routeSiteFixtures();
  step(
    `starting ${execFileSync(browserPath, ['--version'], { encoding: 'utf8' }).trim()}${headless ? ' (headless)' : ''} …`,
  );
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
  await (await overlay(crm)).getByTestId('account-name').first().waitFor();
  await shoot(crm, '2-crm-salesforce-overlay');

  const mail = await context.newPage();
  await mail.goto('https://mail.google.com/mail/u/0/#inbox/18c2f0a9b7d4e6f1');
  await (await overlay(mail)).getByTestId('account-name').first().waitFor();
  await shoot(mail, '3-webmail-gmail-overlay');

  const sidepanel = await openExtensionPage(context, 'sidepanel');
  await sidepanel.setViewportSize({ width: 420, height: 900 });
  await sidepanel.getByTestId('field-account').selectOption('K-4711');
  await sidepanel.getByTestId('type-chips').getByText('Competitor').click();
  await sidepanel.getByTestId('field-title').fill('Hoffmann Industrie quotes presses 8 % below us');
  await sidepanel
    .getByTestId('field-body')
    .fill('Workshop on the second press line: purchasing compares our offer with Hoffmann Industrie.');
  await sidepanel.getByTestId('submit').click();
  await sidepanel.getByTestId('form-status').filter({ hasText: 'Saved' }).waitFor();
  await shoot(sidepanel, '4-sidepanel-workshop-note', true);

  const brief = await openExtensionPage(context, 'brief', '?account=K-4711');
  await brief.getByText('Meeting brief').first().waitFor();
  await shoot(brief, '5-meeting-brief', true);

  step('connecting the rep to the hub in the popup and syncing …');
  const popup = await openExtensionPage(context, 'popup');
  await popup.setViewportSize({ width: 400, height: 800 });
  const sync = popup.getByTestId('sync-section');
  await sync.getByTestId('hub-url').fill(hub.url);
  await sync.getByTestId('hub-token').fill(rep);
  await sync.getByTestId('hub-connect').click();
  await sync.getByTestId('sync-hub').filter({ hasText: 'Connected' }).waitFor();
  await sync
    .getByTestId('sync-last')
    .filter({ hasText: /^Last synced/ })
    .waitFor({ timeout: 60_000 });
  await shoot(popup, '6-popup-synced');

  const review = await context.newPage();
  await review.goto(`${hub.url}/review`);
  await review.locator('#token').fill(leader);
  await review.getByRole('button', { name: 'Sign in' }).click();
  await review.locator('#rows tr', { hasText: 'Hoffmann Industrie' }).waitFor({ timeout: 60_000 });
  await shoot(review, '7-hub-review');

  if (headless) {
    await context.close();
    hub.child.kill('SIGTERM');
    step(`done: screenshots in ${OUT}`);
    return;
  }
  await crm.bringToFront();
  step(`the browser stays open (hub at ${hub.url}; leader token ${leader}). Close it to end the demo.`);
  await new Promise<void>((resolve) => context.once('close', () => resolve()));
  hub.child.kill('SIGTERM');
}

main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exit(1);
});
