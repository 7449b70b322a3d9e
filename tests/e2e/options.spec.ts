/// <reference types="chrome" />
/**
 * The options page in the built extension: switching sites on and off (and the overlay registration that follows),
 * imports through the Web Worker (German CSV exports, a bad file's error report, a snapshot JSON), custom sites,
 * and exporting, importing and erasing insights.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { buildSnapshot } from '../../lib/engine/build-snapshot.ts';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import { routeSiteFixtures } from './site-routes.ts';
import {
  EXTENSION_DIR,
  expect,
  importSnapshot,
  launchWithExtension,
  overlay,
  openExtensionPage,
  screenshot,
  serviceWorker,
  test,
} from './harness.ts';

routeSiteFixtures();

const dir = mkdtempSync(join(tmpdir(), 'accountlens-options-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// 50 accounts with 30 order lines each: big enough for the scoring to have patterns, small enough to be quick.
const dataset = generateDataset({ accounts: 50, seed: 11, linesPerAccount: 30 });
const csv = datasetToCsv(dataset, 'de');

async function registeredMatches(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () =>
    (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []),
  );
}

async function openOptions(context: BrowserContext): Promise<Page> {
  const page = await openExtensionPage(context, 'options');
  await expect(page.getByTestId('snapshot-meta')).not.toContainText('Loading');
  return page;
}

async function importCsv(page: Page, accounts: string, orders: string) {
  await page.getByTestId('file-accounts').setInputFiles(accounts);
  await page.getByTestId('file-orders').setInputFiles(orders);
  await page.getByTestId('import-start').click();
}

test('switching Salesforce on registers the overlay, switching it off unregisters it; other sites and never-show', async ({
  context,
}) => {
  const worker = await serviceWorker(context);
  const page = await openOptions(context);
  expect(await registeredMatches(worker)).toEqual([]);

  await page.getByLabel('Salesforce Lightning').check();
  await expect.poll(() => registeredMatches(worker)).toEqual(['https://*.lightning.force.com/*']);
  await expect(page.locator('#sites li', { hasText: 'Salesforce Lightning' })).toContainText('Active');

  // The generic adapter's origins: a clear error for a non-address, then one added and listed.
  const origin = page.getByTestId('origin-input');
  await origin.fill('not a host/');
  await origin.press('Enter');
  await expect(page.locator('#sites [role=alert]')).toContainText('“not a host/” is not a web address');
  await expect(origin).toHaveAttribute('aria-invalid', 'true');
  await origin.fill('crm.example.com');
  await page.getByRole('button', { name: 'Add site' }).click();
  await expect(page.getByTestId('origin-list')).toContainText('crm.example.com');
  await expect
    .poll(async () => (await registeredMatches(worker)).sort())
    .toEqual(['https://*.lightning.force.com/*', 'https://crm.example.com/*']);

  await page.getByLabel('Salesforce Lightning').uncheck();
  await expect.poll(() => registeredMatches(worker)).toEqual(['https://crm.example.com/*']);
  await page.getByRole('button', { name: 'Remove crm.example.com' }).click();
  await expect.poll(() => registeredMatches(worker)).toEqual([]);
  expect(await worker.evaluate(() => chrome.storage.local.get('sites'))).toEqual({
    sites: { builtIn: [], origins: [] },
  });

  // Never-show domains are normalised from a pasted address.
  await page.getByTestId('never-input').fill('https://www.Intranet.example.com/start');
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByTestId('never-list')).toContainText('intranet.example.com');
  expect(await worker.evaluate(() => chrome.storage.local.get('neverShowDomains'))).toEqual({
    neverShowDomains: ['intranet.example.com'],
  });

  await page.getByLabel('Name', { exact: true }).first().fill('Jana Berger');
  await page.getByLabel('Email', { exact: true }).fill('jana.berger@example');
  await page.locator('#profile').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#profile [role=alert]')).toContainText('is not an email address');
  await page.getByLabel('Email', { exact: true }).fill('jana.berger@example.com');
  await page.locator('#profile').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#profile')).toContainText('Saved');
  expect(await worker.evaluate(() => chrome.storage.local.get('profile'))).toEqual({
    profile: { name: 'Jana Berger', email: 'jana.berger@example.com' },
  });
  await page.getByLabel('Salesforce Lightning').check();
  await expect(page.locator('#sites li', { hasText: 'Salesforce Lightning' })).toContainText('Active');
  await screenshot(page, 'options-sites');
});

test('a German CSV pair imports in the worker; a bad file shows the full report and keeps the data', async ({
  context,
}) => {
  // The worker is bundled as its own file of the build.
  expect(readdirSync(join(EXTENSION_DIR, 'assets')).some((f) => /^import\.worker-.*\.js$/.test(f))).toBe(true);
  const accounts = write('Kunden.csv', csv.accounts);
  const orders = write('Auftraege.csv', csv.orders);
  const page = await openOptions(context);
  await expect(page.getByTestId('snapshot-meta')).toContainText('No data imported yet.');

  await importCsv(page, accounts, orders);
  await expect(page.getByTestId('import-done')).toContainText('Imported 50 accounts', { timeout: 30_000 });
  await expect(page.getByTestId('account-count')).toHaveText('50');
  await expect(page.getByTestId('snapshot-meta')).toContainText('Kunden.csv + Auftraege.csv');

  // Which column was read as what; one mapped away by hand and imported again.
  const accountColumns = page.getByTestId('columns-accounts');
  await expect(accountColumns.getByLabel('Read column "Kundennummer" as')).toHaveValue('account_id');
  const region = accountColumns
    .locator('tbody tr')
    .filter({ hasText: /Gebiet|Region/ })
    .first()
    .locator('select');
  await expect(region).toHaveValue('region');
  await region.selectOption('');
  await page.getByTestId('import-remapped').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 50 accounts', { timeout: 30_000 });
  await expect(page.getByTestId('columns-accounts').locator('tbody tr.opt-column-unused')).not.toHaveCount(0);
  await expect(page.getByTestId('accepted-columns')).toContainText('Kundennummer');

  // A quantity that is not a number, in a line without quoted cells (so splitting at ';' is safe).
  const lines = csv.orders.split('\r\n');
  const index = lines.findIndex((l, i) => i > 0 && l !== '' && !l.includes('"'));
  const cells = lines[index]!.split(';');
  cells[6] = 'zwei';
  lines[index] = cells.join(';');
  const bad = write('Auftraege-kaputt.csv', lines.join('\r\n'));
  await importCsv(page, accounts, bad);
  const report = page.getByTestId('import-errors');
  await expect(report).toContainText('Nothing was imported', { timeout: 30_000 });
  const row = report.locator('tbody tr', { hasText: 'zwei' });
  await expect(row.locator('td')).toHaveText([
    'Auftraege-kaputt.csv',
    String(index + 1),
    'Menge',
    'zwei',
    'not a number',
  ]);
  await expect(page.getByTestId('account-count')).toHaveText('50');
  await expect(page.getByTestId('snapshot-meta')).toContainText('Kunden.csv + Auftraege.csv');
  await page.locator('#data').scrollIntoViewIfNeeded();
  await screenshot(page, 'options-import-errors');

  // A missing orders file is named before anything runs.
  await page.getByLabel('Snapshot JSON').check();
  await page.getByTestId('import-start').click();
  await expect(page.locator('#data [role=alert]')).toHaveText('Choose a snapshot file.');
});

test('a snapshot JSON imports; insights export, import idempotently and erase with confirmation', async ({
  context,
}) => {
  const small = generateDataset({ accounts: 30, seed: 5, linesPerAccount: 30 });
  const snapshot = buildSnapshot(small);
  const page = await openOptions(context);
  await page.getByLabel('Snapshot JSON').check();
  await page.getByTestId('file-snapshot').setInputFiles(write('snapshot.json', JSON.stringify(snapshot)));
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 30 accounts');
  await expect(page.getByTestId('account-count')).toHaveText('30');

  const [first, second] = snapshot.accounts;
  const now = new Date().toISOString();
  const insight = (accountId: string, title: string) => ({
    id: ulid(),
    accountId,
    author: 'jana.berger@example.com',
    createdAt: now,
    updatedAt: now,
    type: 'need',
    title,
  });
  const exportFile = write(
    'insights.json',
    JSON.stringify({
      schemaVersion: 1,
      exportedAt: now,
      accountId: null,
      insights: [insight(first!.id, 'Needs a second press line'), insight(second!.id, 'Budget for Q3 approved')],
    }),
  );
  await page.getByTestId('insights-import').setInputFiles(exportFile);
  await expect(page.getByTestId('insights-import-report')).toHaveText('2 added, 0 updated, 0 already up to date.');
  await expect(page.getByTestId('insight-count')).toHaveText('2');
  await page.getByTestId('insights-import').setInputFiles(exportFile);
  await expect(page.getByTestId('insights-import-report')).toHaveText('0 added, 0 updated, 2 already up to date.');
  await expect(page.getByTestId('insight-count')).toHaveText('2');

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^accountlens-insights-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csvText.split('\r\n')[0]).toBe(
    '\uFEFFid,accountId,author,createdAt,updatedAt,type,title,body,sentiment,products,tags,followUpAt,sourceKind,sourceUrl,visibility,status,outcome,talkingPoints,rev,deletedAt',
  );
  expect(csvText).toContain('Needs a second press line');
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const exported = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as { insights: { title: string }[] };
  expect(exported.insights.map((i) => i.title).sort()).toEqual(['Budget for Q3 approved', 'Needs a second press line']);
  // The CSV export imports back as "already up to date".
  await page.getByTestId('insights-import').setInputFiles(write('insights.csv', csvText));
  await expect(page.getByTestId('insights-import-report')).toHaveText('0 added, 0 updated, 2 already up to date.');

  // Erase one account, picked by name: Cancel keeps it, confirming erases its account record and insights.
  await page.getByTestId('erase-account-input').fill(first!.name);
  await page.getByTestId('erase-account').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(`Erase ${first!.name} (${first!.id})?`);
  await screenshot(page, 'options-erase-dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('insight-count')).toHaveText('2');
  await page.getByTestId('erase-account').click();
  await dialog.getByRole('button', { name: 'Erase account' }).click();
  await expect(page.getByTestId('erase-done')).toHaveText(`${first!.name} (${first!.id}) erased (insights: 1).`);
  await expect(page.getByTestId('insight-count')).toHaveText('1');

  await page.getByTestId('erase-all').click();
  await dialog.getByRole('button', { name: 'Erase everything' }).click();
  await expect(page.getByTestId('snapshot-meta')).toHaveText('No data imported yet.');
  await expect(page.getByTestId('insight-count')).toHaveText('0');
});

test('custom sites: field errors, switching on registers the origin, export and import with named field errors', async ({
  context,
}) => {
  const worker = await serviceWorker(context);
  const page = await openOptions(context);
  const editor = page.getByTestId('adapter-editor');
  await editor.getByLabel('Name', { exact: true }).fill('Hansen CRM');
  await editor.getByLabel('URL pattern').fill('crm.hansen.example/accounts/{id}');
  await editor.getByLabel('Name selector').fill('h1[');
  await editor.getByRole('button', { name: 'Add custom site' }).click();
  await expect(editor.getByLabel('URL pattern')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor).toContainText('Start with http://, https:// or *:// and a host');
  await expect(editor).toContainText('This is not a valid CSS selector.');
  await expect(editor.getByLabel('URL pattern')).toBeFocused();

  await editor.getByLabel('URL pattern').fill('https://crm.hansen.example/accounts/{id}');
  await editor.getByLabel('Name selector').fill('h1.account-name');

  await editor.getByRole('button', { name: 'Add custom site' }).click();
  await expect(page.getByTestId('adapter-list')).toContainText('Hansen CRM');
  await expect(page.getByLabel('Hansen CRM active')).toBeChecked();
  await expect.poll(() => registeredMatches(worker)).toEqual(['https://crm.hansen.example/*']);
  await expect(page.getByTestId('origin-list')).toContainText('Custom site: Hansen CRM');

  // The selector tester: what the definition reads on an open tab right now, and what it would match.
  await importSnapshot(context);
  const crm = await context.newPage();
  await crm.goto('https://crm.hansen.example/accounts/4711');
  await expect((await overlay(crm)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  await page.bringToFront();
  await editor.getByLabel('Name', { exact: true }).fill('Hansen CRM test');
  await editor.getByLabel('URL pattern').fill('https://crm.hansen.example/accounts/{id}');
  await editor.getByLabel('Name selector').fill('h1.account-name');
  await editor.getByTestId('tester-tab').focus();
  const option = editor.getByTestId('tester-tab').locator('option', { hasText: 'crm.hansen.example/accounts/4711' });
  await expect(option).toHaveCount(1);
  await editor.getByTestId('tester-tab').selectOption((await option.getAttribute('value')) ?? '');
  await editor.getByTestId('tester-run').click();
  const tested = editor.getByTestId('tester-result');
  await expect(tested).toContainText('The URL pattern matches https://crm.hansen.example/accounts/4711');
  await expect(tested.getByTestId('tester-nameSelector')).toHaveText('Müller Maschinenbau GmbH & Co. KG');
  await expect(tested.getByTestId('tester-account')).toContainText('Müller Maschinenbau');
  await screenshot(page, 'options-selector-tester');
  await crm.close();

  await page.locator('#custom').scrollIntoViewIfNeeded();
  await screenshot(page, 'options-custom-sites');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as JSON' }).first().click(),
  ]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { adapters: unknown[] };
  expect(exported).toEqual({
    format: 'accountlens-site-adapters',
    version: 1,
    adapters: [
      {
        id: 'hansen-crm',
        name: 'Hansen CRM',
        urlPattern: 'https://crm.hansen.example/accounts/{id}',
        nameSelector: 'h1.account-name',
      },
    ],
  });

  const broken = { ...exported, adapters: [{ id: 'x', name: '', urlPattern: 'ftp://nope' }] };
  await page.getByTestId('adapter-import').setInputFiles(write('sites.json', JSON.stringify(broken)));
  const notice = page.getByTestId('adapter-notice');
  await expect(notice).toContainText('sites.json was not imported');
  await expect(notice).toContainText('adapters[0].name: must not be empty');
  await expect(notice).toContainText('adapters[0].urlPattern: must start with http://');

  await page.getByLabel('Hansen CRM active').uncheck();
  await expect.poll(() => registeredMatches(worker)).toEqual([]);
  await page.getByRole('button', { name: 'Remove Hansen CRM' }).click();
  await expect(page.locator('#custom')).toContainText('No custom sites yet.');
  await page.getByTestId('adapter-import').setInputFiles(write('sites-ok.json', JSON.stringify(exported)));
  await expect(notice).toContainText('Custom sites imported: 1.');
  await expect(page.getByTestId('adapter-list')).toContainText('Hansen CRM');
});

test('dark mode: the page follows the colour scheme; an impossible date is reported at its cell', async () => {
  const context = await launchWithExtension({ colorScheme: 'dark' });
  try {
    const page = await openExtensionPage(context, 'options');
    await expect(page.getByTestId('snapshot-meta')).toHaveText('No data imported yet.');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(30, 35, 45)');
    const lines = csv.orders.split('\r\n');
    lines[1] = lines[1]!.replace(/;\d{2}\.\d{2}\.\d{4};/, ';31.02.2025;');
    await page.getByTestId('file-accounts').setInputFiles(write('Kunden.csv', csv.accounts));
    await page.getByTestId('file-orders').setInputFiles(write('Auftraege-datum.csv', lines.join('\r\n')));
    await page.getByTestId('import-start').click();
    const row = page.getByTestId('import-errors').locator('tbody tr').first();
    await expect(row.locator('td')).toHaveText([
      'Auftraege-datum.csv',
      '2',
      'Belegdatum',
      '31.02.2025',
      'no such calendar date',
    ]);
    await page.locator('#data').scrollIntoViewIfNeeded();
    await screenshot(page, 'options-dark');
  } finally {
    await context.close();
  }
});
