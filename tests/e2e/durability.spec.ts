/// <reference types="chrome" />
/**
 * Durability of capture in the real browser. (1) Chromium is killed with SIGKILL right after the side panel said
 * "Saved": after a restart on the same profile the insight is in the timeline, once, and the draft typed after it
 * is restored. (2) The service worker is stopped (CDP) while saves are in flight: every insight is in the store
 * with its outbox row, or neither; retrying the lost ones (same id, "rev 0", as the side panel's client does)
 * stores each exactly once; and the side panel's own save survives a stop in the middle, and its drafts are untouched by one.
 */
import { test, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { REP } from '../fixtures/portfolio.ts';
import { expect, importSnapshot, launchWithExtension, openExtensionPage, setProfile } from './harness.ts';
import { storeRecords, type StoredRecord } from './store-access.ts';

test.describe.configure({ mode: 'serial' });

/**
 * The PID of the Chromium browser process using `userDataDir`: the one process whose command line names that
 * profile and is not a child (renderers, GPU and utility processes carry `--type=`).
 */
function browserPid(userDataDir: string): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const pids = lines
    .filter((l) => l.includes(`--user-data-dir=${userDataDir}`) && !l.includes('--type='))
    .map((l) => Number.parseInt(l.trim(), 10));
  if (pids.length !== 1)
    throw new Error(`browserPid: expected one browser process for ${userDataDir}, found ${pids.length}`);
  return pids[0]!;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function sidePanel(context: BrowserContext): Promise<Page> {
  const page = await openExtensionPage(context, 'sidepanel');
  await expect(page.getByTestId('insight-form')).toBeVisible();
  return page;
}

async function prepared(userDataDir?: string): Promise<BrowserContext> {
  const context = await launchWithExtension(userDataDir ? { userDataDir } : {});
  await setProfile(context, REP.name, REP.email);
  await importSnapshot(context);
  return context;
}

/** Outbox rows per insight id. */
function outboxByInsight(outbox: StoredRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of outbox) {
    const mutation = row.mutation as { kind: string; insight?: { id: string }; insightId?: string };
    const id = mutation.insight?.id ?? mutation.insightId ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

test('SIGKILL right after "Saved": the insight and the draft typed after it are there after a restart', async () => {
  test.setTimeout(120_000);
  const userDataDir = mkdtempSync(join(tmpdir(), 'accountlens-crash-'));
  try {
    let context = await prepared(userDataDir);
    let page = await sidePanel(context);
    await page.getByTestId('field-account').selectOption('K-2040');
    await page.getByTestId('field-title').fill('Survives a browser crash');
    await page.getByTestId('field-body').fill('Saved, then the browser process is killed.');
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('form-status')).toHaveText('Saved (1 in this session)');
    await page.getByTestId('field-title').fill('Draft typed before the crash');
    await expect(page.getByTestId('draft-status')).toContainText('Draft saved at');

    // Playwright launches Chromium detached, as the leader of its own process group: kill the whole group at once.
    const pid = browserPid(userDataDir);
    process.kill(-pid, 'SIGKILL');
    await expect.poll(() => alive(pid)).toBe(false);
    await context.close().catch(() => undefined);

    context = await launchWithExtension({ userDataDir });
    page = await sidePanel(context);
    await expect(page.getByTestId('draft-restored')).toBeVisible();
    await expect(page.getByTestId('field-title')).toHaveValue('Draft typed before the crash');
    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('timeline-picker-query').fill('Kraft');
    await page.getByTestId('pick-K-2040').click();
    await expect(page.getByTestId('timeline').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('timeline').locator('li').first()).toContainText('Survives a browser crash');
    const insights = (await storeRecords(page, 'insights')).filter((i) => i.title === 'Survives a browser crash');
    expect(insights).toHaveLength(1);
    expect(outboxByInsight(await storeRecords(page, 'outbox')).get(insights[0]!.id!)).toBe(1);
    await context.close();
  } finally {
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
});

test.describe('service worker stopped in the middle of saving', () => {
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;

  test.beforeAll(async () => {
    context = await prepared();
    page = await openExtensionPage(context, 'sidepanel');
    cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('every insight is stored with its outbox row or not at all, and retries store each exactly once', async () => {
    const N = 200;
    const inputs = Array.from({ length: N }, (_, i) => ({
      id: ulid(),
      rev: 0,
      type: 'need',
      title: `Stop test ${i}`,
      accountId: 'K-4711',
    }));
    // All saves in flight at once (the background works through them one transaction after another); the worker
    // is stopped as soon as the first answer is back, so the stop lands in the middle of the batch.
    await page.evaluate((inputs) => {
      const w = window as unknown as { saves: Promise<{ ok: boolean; error?: string; lost?: boolean }>[] };
      w.saves = inputs.map((input) =>
        chrome.runtime.sendMessage({ type: 'insight.save', payload: { input } }).then(
          (a) => a ?? { ok: false, lost: true },
          (e: unknown) => ({ ok: false, error: String(e), lost: true }),
        ),
      );
      return Promise.race(w.saves);
    }, inputs);
    await cdp.send('ServiceWorker.stopAllWorkers');
    const answers = await page.evaluate(() =>
      Promise.all((window as unknown as { saves: Promise<{ ok: boolean; lost?: boolean }>[] }).saves),
    );
    const answered = answers.filter((a) => a.ok).length;
    const lost = answers.filter((a) => a.lost).length;
    expect(answered + lost).toBe(N);
    expect(answered).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(0);

    const check = async () => {
      const insights = (await storeRecords(page, 'insights')).filter((i) => String(i.title).startsWith('Stop test '));
      const outbox = outboxByInsight(await storeRecords(page, 'outbox'));
      const ids = new Set(insights.map((i) => i.id));
      expect(ids.size).toBe(insights.length); // no insight twice
      for (const i of insights) expect(outbox.get(i.id!)).toBe(1); // each with exactly one outbox row
      for (const input of inputs) if (!ids.has(input.id)) expect(outbox.get(input.id)).toBeUndefined(); // or neither
      return ids;
    };
    const stored = await check();
    console.log(
      `service worker stopped with ${N} saves in flight: ${answered} answered, ${lost} answers lost, ${stored.size} stored`,
    );
    // Durable: every insight whose save was answered is in the store.
    answers.forEach((a, i) => a.ok && expect(stored.has(inputs[i]!.id)).toBe(true));

    // The retries of the lost answers (same id, rev 0): stored now, or refused as already there.
    const retries = await page.evaluate(
      (inputs) =>
        Promise.all(inputs.map((input) => chrome.runtime.sendMessage({ type: 'insight.save', payload: { input } }))),
      inputs.filter((_, i) => answers[i]!.lost),
    );
    for (const r of retries)
      if (!r.ok) expect(r.error).toMatch(/changed meanwhile \(stored rev 1, edit started from rev 0\)/);
    const after = await check();
    expect(after.size).toBe(N);
  });

  test('the side panel\'s save survives a stop in the middle: "Saved", stored exactly once, drafts kept', async () => {
    const panel = await openExtensionPage(context, 'sidepanel');
    await panel.getByTestId('field-account').selectOption('K-4711');
    for (const title of ['Stopped mid-save A', 'Stopped mid-save B', 'Stopped mid-save C']) {
      await panel.getByTestId('field-title').fill(title);
      await panel.getByTestId('submit').click();
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect(panel.getByTestId('form-status')).toContainText('Saved');
      const stored = (await storeRecords(panel, 'insights')).filter((i) => i.title === title);
      expect(stored).toHaveLength(1);
      expect(outboxByInsight(await storeRecords(panel, 'outbox')).get(stored[0]!.id!)).toBe(1);
    }
    // Drafts are written by the page itself: a worker stop doesn't touch them.
    await panel.getByTestId('field-title').fill('Draft across a worker stop');
    await expect(panel.getByTestId('draft-status')).toContainText('Draft saved at');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await panel.reload();
    await expect(panel.getByTestId('draft-restored')).toBeVisible();
    await expect(panel.getByTestId('field-title')).toHaveValue('Draft across a worker stop');
    await panel.close();
  });
});
