/// <reference types="chrome" />
/**
 * The meeting brief end to end in the built extension: opened from the overlay, from a calendar event (Google and
 * Outlook: the attendees' accounts), from the popup and from the side panel; printed (print media emulation and a
 * real A4 PDF); copied as Markdown and as plain text (the clipboard, read back); and the closed loop: outcomes
 * recorded on the brief re-rank the talking points of another account of the same segment, and the options page
 * shows the learned rates with their intervals.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Contact, ScoredAccount } from '../../lib/engine/snapshot.ts';
import { SITE_FIXTURES } from '../fixtures/sites/fixtures.ts';
import { expect, openExtensionPage, overlay, PORTFOLIO_DIR, ROOT, screenshot, portfolioFixture } from './harness.ts';
import { routeSiteFixtures } from './site-routes.ts';
import { storeRecords } from './store-access.ts';

routeSiteFixtures();

const url = (file: string) => SITE_FIXTURES.find((f) => f.file === file)!.url;

/** A browser of its own (its tests record outcomes), with the rep's profile, every site and the portfolio. */
const test = portfolioFixture();

/** Runs `open` and returns the brief tab it opened, loaded. */
async function briefOpenedBy(context: BrowserContext, open: () => Promise<unknown>): Promise<Page> {
  const [brief] = await Promise.all([
    context.waitForEvent('page', { predicate: (p) => p.url().includes('/brief.html') }),
    open(),
  ]);
  await brief.waitForLoadState();
  await expect(brief.getByTestId('meeting-brief').first()).toBeVisible();
  return brief;
}

const briefQuery = (page: Page) => {
  const params = new URL(page.url()).searchParams;
  return { accounts: params.getAll('account'), from: params.get('from') };
};

/** The talking point kinds of an account's brief, in their order. */
async function briefKinds(page: Page, accountId: string): Promise<string[]> {
  const ids = await page
    .getByTestId(`brief-${accountId}`)
    .getByTestId('outcome-points')
    .locator('input[type="checkbox"]')
    .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid')!.replace('outcome-point-', '')));
  return ids.map((id) => id.slice(0, id.indexOf(':')));
}

/**
 * components/brief-format.ts's Markdown and text for the same data, computed in Node through tsx (Playwright's
 * loader cannot import the locale JSON that brief-format reads).
 */
function expectedCopies(account: ScoredAccount, contacts: Contact[], today: string): { md: string; text: string } {
  const code = `
    import { briefToMarkdown, briefToText } from './components/brief-format.ts';
    const { account, contacts, options } = JSON.parse((await import('node:fs')).readFileSync(0, 'utf8'));
    process.stdout.write(JSON.stringify({
      md: briefToMarkdown(account, [], contacts, 'en', options),
      text: briefToText(account, [], contacts, 'en', options),
    }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: ROOT,
    input: JSON.stringify({ account, contacts, options: { today, currency: 'EUR' } }),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { md: string; text: string };
}

function localToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

test.describe('meeting brief', () => {
  test('opens from the overlay with every section of the brief', async ({ shared }) => {
    const page = await shared.newPage();
    await page.goto(url('salesforce-account.html'));
    const card = await overlay(page);
    await expect(card.getByTestId('account-name')).toContainText('Müller Maschinenbau');
    const brief = await briefOpenedBy(shared, () => card.getByTestId('open-brief').click());
    expect(briefQuery(brief)).toEqual({ accounts: ['K-4711'], from: 'overlay' });
    await expect(brief).toHaveTitle('Meeting brief: Müller Maschinenbau GmbH & Co. KG');
    await expect(brief.getByRole('heading', { level: 1 })).toHaveText(
      'Meeting brief: Müller Maschinenbau GmbH & Co. KG',
    );
    for (const heading of [
      'Value score and why',
      'Outlook',
      'Purchase pattern',
      'Talking points',
      'Cross-sell gaps',
      'Open needs',
      'Follow-ups due',
      'Latest insights',
      'Contacts',
    ]) {
      await expect(brief.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
    await expect(brief.getByTestId('clv-alive')).toHaveText(/^\d+%$/);
    await expect(brief.getByTestId('brief-talking-points').locator('li')).toHaveCount(4);
    await expect(brief.getByTestId('brief-contacts').locator('li').first()).toContainText('@mueller-maschinenbau.de');
    await expect(brief.locator('svg[role="img"]').first()).toBeVisible(); // the monthly revenue sparkline
    await screenshot(brief, 'brief-overlay');
    await brief.close();
    await page.close();
  });

  test('prints as one clean A4 page without buttons or the after-meeting form', async ({ shared }) => {
    const brief = await openExtensionPage(shared, 'brief', '?account=K-4711&from=overlay');
    await expect(brief.getByTestId('meeting-brief')).toBeVisible();
    // The printable area of A4 with brief.css's margins (180 × 269 mm) at 96 px per inch.
    await brief.setViewportSize({ width: 680, height: 1017 });
    await brief.emulateMedia({ media: 'print' });
    await expect(brief.getByTestId('brief-print')).toBeHidden();
    await expect(brief.getByTestId('brief-after')).toBeHidden();
    await expect(brief.getByTestId('brief-talking-points')).toBeVisible();
    expect(await brief.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await brief.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1017);
    await brief.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'brief-print.png'), fullPage: true });
    const pdf = await brief.pdf({ format: 'A4', preferCSSPageSize: true });
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Type\s*\/Page[^s]/g) ?? []).toHaveLength(1);
    // A4 is 210 × 297 mm = 595.3 × 841.9 points.
    const box = /\/MediaBox\s*\[([^\]]+)\]/.exec(raw)![1]!.trim().split(/\s+/).map(Number);
    expect(box[2]).toBeCloseTo(595.3, 0);
    expect(box[3]).toBeCloseTo(841.9, 0);
    await brief.close();
  });

  test('copies the brief as Markdown and as plain text', async ({ shared }) => {
    const brief = await openExtensionPage(shared, 'brief', '?account=K-4711&from=overlay');
    await shared.grantPermissions(['clipboard-read', 'clipboard-write']);
    await expect(brief.getByTestId('meeting-brief')).toBeVisible();
    const account = (await storeRecords(brief, 'accounts')).find((a) => a.id === 'K-4711') as unknown as ScoredAccount;
    const snapshot = JSON.parse(readFileSync(join(PORTFOLIO_DIR, 'snapshot.json'), 'utf8')) as { contacts: Contact[] };
    const expected = expectedCopies(account, snapshot.contacts, localToday());

    await brief.getByTestId('brief-copy-markdown').click();
    await expect(brief.getByTestId('brief-copy-status')).toHaveText('Copied');
    const markdown = await brief.evaluate(() => navigator.clipboard.readText());
    expect(markdown.split('\n')[0]).toBe('# Meeting brief: Müller Maschinenbau GmbH & Co. KG');
    expect(markdown).toContain('\n## Talking points\n\n1. **');
    expect(markdown).toContain('\n## Contacts\n');
    expect(markdown).toBe(expected.md);

    await brief.getByTestId('brief-copy-text').click();
    const text = await brief.evaluate(() => navigator.clipboard.readText());
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Meeting brief: Müller Maschinenbau GmbH & Co. KG',
      expect.stringMatching(/^As of .* · segment A · value score \d+\/100$/),
    ]);
    expect(text).toContain('\nTALKING POINTS\n\n1. ');
    expect(text).not.toContain('**');
    expect(text).toBe(expected.text);
    await brief.close();
  });

  test('opens from the popup for the account found there', async ({ shared }) => {
    const popup = await openExtensionPage(shared, 'popup');
    await popup.getByTestId('popup-picker-query').fill('Kraft');
    await popup.getByTestId('pick-K-2040').click();
    await expect(popup.getByTestId('account-name')).toHaveText('Kraft Logistik AG');
    const brief = await briefOpenedBy(shared, () => popup.getByTestId('open-brief').click());
    expect(briefQuery(brief)).toEqual({ accounts: ['K-2040'], from: 'popup' });
    await expect(brief.getByRole('heading', { level: 1 })).toHaveText('Meeting brief: Kraft Logistik AG');
    await brief.close();
    await popup.close();
  });

  test('opens from the side panel by picking an account', async ({ shared }) => {
    const panel = await openExtensionPage(shared, 'sidepanel');
    await panel.getByTestId('brief-launcher').locator('summary').click();
    await panel.getByTestId('brief-picker-query').fill('Alpenglanz');
    const brief = await briefOpenedBy(shared, () =>
      panel.getByTestId('brief-picker').getByTestId('pick-K-5120').click(),
    );
    expect(briefQuery(brief)).toEqual({ accounts: ['K-5120'], from: 'sidepanel' });
    await expect(brief.getByRole('heading', { level: 1 })).toHaveText('Meeting brief: Alpenglanz Hotels GmbH');
    await screenshot(panel, 'brief-sidepanel-launcher');
    await brief.close();
    await panel.close();
  });

  const MEETINGS = [
    { file: 'google-calendar-event.html', names: ['Müller Maschinenbau', 'Kraft Logistik'], ids: ['K-4711', 'K-2040'] },
    { file: 'outlook-calendar-event.html', names: ['Kraft Logistik', 'Alpenglanz Hotels'], ids: ['K-2040', 'K-5120'] },
  ];
  for (const meeting of MEETINGS) {
    test(`a calendar event (${meeting.file}) offers the brief for the meeting's accounts`, async ({ shared }) => {
      const page = await shared.newPage();
      await page.goto(url(meeting.file));
      const frame = await overlay(page);
      const tabs = frame.getByRole('tab');
      await expect(tabs).toHaveCount(2);
      for (const name of meeting.names) await expect(frame.getByRole('tab', { name: new RegExp(name) })).toBeVisible();
      await screenshot(page, `brief-calendar-${meeting.file.replace('.html', '')}`);
      const brief = await briefOpenedBy(shared, () => frame.getByTestId('open-brief').click());
      const query = briefQuery(brief);
      expect(query.from).toBe('calendar');
      expect([...query.accounts].sort()).toEqual([...meeting.ids].sort());
      await expect(brief.getByTestId('brief-meeting')).toContainText('Accounts in this meeting:');
      await expect(brief.getByRole('heading', { level: 1 })).toHaveCount(2);
      for (const id of meeting.ids) await expect(brief.getByTestId(`brief-${id}`)).toBeVisible();
      await brief.close();
      await page.close();
    });
  }

  test('outcomes re-rank the talking points of the segment, and the options page shows the rates', async ({
    shared,
  }) => {
    // Before: both segment-A accounts rank "reorder due" above their cross-sell gaps.
    const other = await openExtensionPage(shared, 'brief', '?account=K-3310&from=overlay');
    await expect(other.getByTestId('meeting-brief')).toBeVisible();
    expect(await briefKinds(other, 'K-3310')).toEqual(['reorder-due', 'cross-sell', 'cross-sell', 'cross-sell']);
    await other.close();

    const brief = await openExtensionPage(shared, 'brief', '?account=K-4711&from=overlay');
    const mine = brief.getByTestId('brief-K-4711');
    await expect(mine.getByTestId('meeting-brief')).toBeVisible();
    const ids = await mine
      .getByTestId('outcome-points')
      .locator('input')
      .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid')!.replace('outcome-point-', '')));
    const reorder = ids.find((id) => id.startsWith('reorder-due:'))!;
    const crossSell = ids.find((id) => id.startsWith('cross-sell:'))!;

    // A mark "used" on the card ticks the point in the outcome form.
    await mine.getByTestId(`talking-point-${crossSell}`).getByTestId('mark-used').click();
    await expect(mine.getByTestId(`outcome-point-${crossSell}`)).toBeChecked();

    const record = async (outcome: 'order' | 'no-interest', used: string) => {
      for (const id of ids) await mine.getByTestId(`outcome-point-${id}`).setChecked(id === used);
      await mine.getByTestId(`outcome-${outcome}`).check();
      await mine.getByTestId('outcome-title').fill(outcome === 'order' ? 'Ordered the kit' : 'Stock is full');
      await mine.getByTestId('outcome-save').click();
      await expect(mine.getByTestId('outcome-status')).toContainText('Outcome saved');
    };
    for (let i = 0; i < 3; i++) await record('order', crossSell);
    for (let i = 0; i < 2; i++) await record('no-interest', reorder);

    const outcomes = (await storeRecords(brief, 'insights')).filter((i) => i.type === 'outcome');
    expect(outcomes).toHaveLength(5);
    expect(outcomes.map((o) => [o.outcome, o.talkingPoints, o.status])).toContainEqual(['order', [crossSell], 'done']);

    // The account's own brief now leads with the cross-sell gap.
    await expect
      .poll(() => briefKinds(brief, 'K-4711'))
      .toEqual(['cross-sell', 'cross-sell', 'cross-sell', 'reorder-due']);
    await screenshot(brief, 'brief-after-outcomes');
    await brief.close();

    // Another account of segment A, never discussed: cross-sell (odds × 8/5) now outranks reorder due (× 5/7).
    const page = await shared.newPage();
    await page.goto(url('dynamics-account.html'));
    const card = await overlay(page);
    await expect(card.getByTestId('account-name')).toContainText('Nordlicht Energie');
    const first = card.getByTestId('talking-points').locator('li').first();
    await expect(first).toHaveAttribute('data-testid', /^talking-point-cross-sell:/);
    await screenshot(page, 'brief-loop-overlay-reranked');
    await page.close();

    const options = await openExtensionPage(shared, 'options');
    const rates = options.getByTestId('what-works');
    await expect(rates).toBeVisible();
    // Beta(5 + 3, 5 + 0): mean 8/13 = 62 %; Beta(5 + 0, 5 + 2): 5/12 = 42 %.
    await expect(options.getByTestId('rate-cross-sell-A')).toContainText('3 / 3');
    await expect(options.getByTestId('rate-cross-sell-A')).toContainText('62%');
    await expect(options.getByTestId('rate-reorder-due-A')).toContainText('0 / 2');
    await expect(options.getByTestId('rate-reorder-due-A')).toContainText('42%');
    await rates.scrollIntoViewIfNeeded();
    await screenshot(options, 'options-what-works');
    await options.close();
  });
});
