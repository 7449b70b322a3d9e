/// <reference types="chrome" />
/**
 * Team sync end to end: the hub as a child process on 127.0.0.1 (PGlite in a temp DATA_DIR), a team made with
 * the hub's admin command, the demo portfolio published with `lens publish`, and two browser profiles (rep A and
 * rep B) connected through the popup. Rep A captures an insight while the hub is stopped; the outbox keeps it and
 * the popup says why; the hub comes back, "Sync now" drains the outbox, rep B pulls and sees the insight on the
 * CRM page, the hub's re-score changed the account's value score and talking points for both reps, and the
 * leader marks the insight reviewed on the hub's /review page.
 */
import { test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/test/postgres.ts';
import { runHubCommand, startHubProcess, type HubProcess } from '../../server/test/process.ts';
import { SITE_FIXTURES } from '../fixtures/sites/fixtures.ts';
import {
  enableSites,
  expect,
  fixtureRoute,
  launchWithExtension,
  openExtensionPage,
  overlay,
  screenshot,
  setProfile,
} from './harness.ts';
import { storeCounts } from './store-access.ts';
import { addMember, publishPortfolio, TEAM } from './team-hub.ts';

for (const f of SITE_FIXTURES) fixtureRoute(`${new URL(f.url).origin}/**`, `sites/${f.file}`);

const K4711 = 'https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view';
const TITLE = 'Competitor offers presses 8% cheaper';

async function stopHub(hub: HubProcess): Promise<void> {
  hub.child.kill('SIGTERM');
  await hub.exited;
}

/** The rep's popup, connected to the hub with their token (the way a rep does it). */
async function connect(context: BrowserContext, hubUrl: string, token: string, shot?: string): Promise<Page> {
  const popup = await openExtensionPage(context, 'popup');
  const section = popup.getByTestId('sync-section');
  await expect(section.getByTestId('sync-last')).toHaveText('No hub set up: insights stay on this device.');
  await section.getByTestId('hub-url').fill(hubUrl);
  await section.getByTestId('hub-token').fill(token);
  if (shot) await screenshot(popup, shot);
  await section.getByTestId('hub-connect').click();
  await expect(section.getByTestId('sync-hub')).toContainText(`Connected to ${hubUrl}`);
  await expect(section.getByTestId('sync-last')).toHaveText(/^Last synced (now|\d+ seconds? ago)$/);
  return popup;
}

interface CardFigures {
  score: number;
  talkingPoints: string;
  insights: string;
}

/** Value score, talking points and latest insights of the overlay card on K-4711's Salesforce page. */
async function cardOn(page: Page): Promise<CardFigures> {
  await page.goto(K4711);
  const card = await overlay(page);
  await expect(card.getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  const score = Number((await card.getByTestId('value-score').first().innerText()).match(/\d+/)?.[0]);
  const talkingPoints = await card.getByTestId('talking-points').first().innerText();
  const list = card.getByTestId('latest-insights').first();
  const insights = (await list.count()) > 0 ? await list.innerText() : '';
  return { score, talkingPoints, insights };
}

test('two reps and a leader share an insight captured offline through the hub', async () => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'accountlens-hub-e2e-'));
  const profiles = [
    mkdtempSync(join(tmpdir(), 'accountlens-rep-a-')),
    mkdtempSync(join(tmpdir(), 'accountlens-rep-b-')),
  ];
  const env = { DATA_DIR: dataDir };
  const port = await freePort();
  let hub: HubProcess | null = null;
  const contexts: BrowserContext[] = [];
  try {
    // The admin command needs the database to itself (PGlite), so the team is made before the hub starts.
    await runHubCommand(env, ['team', 'add', TEAM]);
    const user = (email: string, name: string, role: 'rep' | 'leader' | 'admin') => addMember(env, email, name, role);
    const admin = await user('ops@hansen-industriebedarf.de', 'Sales Ops', 'admin');
    const repA = await user('lena.vogt@hansen-industriebedarf.de', 'Lena Vogt', 'rep');
    const repB = await user('jonas.brandt@hansen-industriebedarf.de', 'Jonas Brandt', 'rep');
    const leader = await user('petra.k@hansen-industriebedarf.de', 'Petra Kühn', 'leader');
    hub = await startHubProcess(env, port);
    const published = await publishPortfolio(hub.url, admin);
    expect(published.code, published.out).toBe(0);
    expect(JSON.parse(published.out)).toMatchObject({ snapshotId: 1, accounts: 60, warnings: [] });

    const [a, b] = await Promise.all(profiles.map((dir) => launchWithExtension({ userDataDir: dir })));
    contexts.push(a!, b!);
    await setProfile(a!, 'Lena Vogt', 'lena.vogt@hansen-industriebedarf.de');
    await setProfile(b!, 'Jonas Brandt', 'jonas.brandt@hansen-industriebedarf.de');
    await Promise.all([enableSites(a!, ['salesforce']), enableSites(b!, ['salesforce'])]);

    // Connecting pulls the hub's snapshot: no local import, and the overlay shows the hub's scores.
    const popupA = await connect(a!, hub.url, repA, 'hub-popup-connect-form');
    const popupB = await connect(b!, hub.url, repB);
    await screenshot(popupB, 'hub-popup-connected');
    const crmA = await a!.newPage();
    const crmB = await b!.newPage();
    const beforeA = await cardOn(crmA);
    const beforeB = await cardOn(crmB);
    expect(beforeB).toEqual(beforeA);
    expect(beforeB.insights).not.toContain(TITLE);
    expect(beforeB.talkingPoints).not.toContain(TITLE);

    // Offline: the hub stops; rep A captures in the side panel; the push after the capture fails and waits.
    await stopHub(hub);
    const panel = await openExtensionPage(a!, 'sidepanel');
    await panel.getByTestId('field-account').selectOption('K-4711');
    await panel.getByTestId('type-chips').getByText('Competitor', { exact: true }).click();
    await panel.getByTestId('field-title').fill(TITLE);
    await panel.getByTestId('sentiment').getByLabel('negative', { exact: true }).check();
    await panel.getByTestId('submit').click();
    await expect(panel.getByTestId('form-status')).toContainText('Saved');
    await popupA.reload();
    const statusA = popupA.getByTestId('sync-section');
    await expect(statusA.getByTestId('sync-error')).toContainText('Last attempt failed: hub not reachable', {
      timeout: 15_000,
    });
    await expect(statusA.getByTestId('sync-pending')).toHaveText('1 change waiting to be sent');
    expect((await storeCounts(panel)).outbox).toBe(1);
    await screenshot(popupA, 'hub-popup-offline');

    // The hub comes back on the same port and data; "Sync now" drains the outbox.
    hub = await startHubProcess(env, port);
    await statusA.getByTestId('sync-now').click();
    await expect(statusA.getByTestId('sync-pending')).toHaveText('Everything is sent.');
    await expect(statusA.getByTestId('sync-error')).toHaveCount(0);
    await expect(statusA.getByTestId('sync-last')).toHaveText(/^Last synced (now|\d+ seconds? ago)$/);
    expect((await storeCounts(panel)).outbox).toBe(0);
    await screenshot(popupA, 'hub-popup-synced');

    // Rep B pulls: the insight is there, and the hub's re-score changed score and talking points for both.
    await popupB.reload();
    await popupB.getByTestId('sync-section').getByTestId('sync-now').click();
    await expect(popupB.getByTestId('sync-section').getByTestId('sync-now')).toBeEnabled();
    const afterB = await cardOn(crmB);
    expect(afterB.insights).toContain(TITLE);
    expect(afterB.talkingPoints).toContain(TITLE);
    expect(afterB.score).not.toBe(beforeB.score);
    await screenshot(crmB, 'hub-rep-b-overlay');
    const afterA = await cardOn(crmA);
    expect(afterA).toEqual(afterB);
    console.log(`K-4711 value score ${beforeB.score} → ${afterB.score} on both devices after the hub's re-score`);

    // The leader reviews on the hub's page.
    const review = await b!.newPage();
    await review.goto(`${hub.url}/review`);
    await review.locator('#token').fill(leader);
    await review.getByRole('button', { name: 'Sign in' }).click();
    const row = review.locator('#rows tr', { hasText: TITLE });
    await expect(row).toContainText('Lena Vogt');
    await expect(row.locator('.pill.new')).toHaveText('new');
    await row.getByRole('button', { name: 'Review' }).click();
    await review.locator('#review-comment').fill('Price check with purchasing');
    await review.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect(row.locator('.pill.reviewed')).toHaveText('reviewed');
    await screenshot(review, 'hub-review-reviewed');
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
    if (hub && hub.child.exitCode === null) await stopHub(hub);
    for (const dir of [dataDir, ...profiles]) rmSync(dir, { recursive: true, force: true });
  }
});
