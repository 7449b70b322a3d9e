/**
 * The hub's /review page in a plain Chromium (no extension): the hub as a child process on 127.0.0.1 with PGlite in
 * a temp DATA_DIR, a team made with the hub's admin command, the demo portfolio published with `lens publish`, and
 * a rep's meeting outcomes pushed over /v1/push. The leader signs in and sees the "What works" card:
 * successes / used, the posterior mean and the credible interval per talking-point kind, and per segment behind a
 * disclosure button. axe-core finds no serious or critical violation, and every control passed by Tab shows a ring.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { InsightSchema, type Insight } from '../../lib/engine/insight.ts';
import type { PullResponse } from '../../lib/sync/protocol.ts';
import { freePort } from '../../server/test/postgres.ts';
import { runHubCommand, startHubProcess, type HubProcess } from '../../server/test/process.ts';
import { chromiumPath, CHROMIUM_FLAGS, ROOT, screenshot } from './harness.ts';
import { addMember, publishPortfolio, TEAM } from './team-hub.ts';

const AXE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const REP = 'lena.vogt@hansen-industriebedarf.de';
const CLIENT = 'review-a11y-rep';

async function hubJson<T>(hub: HubProcess, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${hub.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The rep's outcomes: one account per segment of the hub's snapshot, talking points named `kind:subject`.
 * reorder-due: 4 of 5 succeed; cross-sell 1 of 3; decline 0 of 2.
 */
function outcomes(bySegment: Record<'A' | 'B' | 'C', string>): Insight[] {
  const ulid = monotonicFactory();
  const at = Date.parse('2026-11-10T09:00:00Z');
  const plan: [account: string, outcome: 'order' | 'next-step' | 'no-interest', points: string[]][] = [
    [bySegment.A, 'order', ['reorder-due:S-100', 'cross-sell:S-200']],
    [bySegment.A, 'next-step', ['reorder-due:S-100']],
    [bySegment.B, 'order', ['reorder-due:S-300']],
    [bySegment.B, 'no-interest', ['cross-sell:S-400', 'decline:B']],
    [bySegment.C, 'next-step', ['reorder-due:S-500']],
    [bySegment.C, 'no-interest', ['reorder-due:S-500', 'cross-sell:S-600', 'decline:C']],
  ];
  return plan.map(([accountId, outcome, talkingPoints], k) => {
    const time = new Date(at + k * 3_600_000).toISOString();
    return InsightSchema.parse({
      id: ulid(at + k * 3_600_000),
      accountId,
      author: REP,
      createdAt: time,
      updatedAt: time,
      type: 'outcome',
      title: `Meeting outcome: ${outcome}`,
      outcome,
      talkingPoints,
    });
  });
}

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: unknown[];
}

/**
 * Serious and critical axe violations. The page's CSP admits only scripts with its nonce, so a script tag would be
 * refused; axe is evaluated through the DevTools protocol instead, which the CSP does not govern.
 */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(async () => {
    type Result = { id: string; impact?: string | null; help: string; nodes: { target: unknown }[] };
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Result[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target) }));
  });
}

/** The focused element's tag and text, and whether it shows an outline or box shadow. */
async function focused(page: Page): Promise<{ name: string; ring: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: 'body', ring: false };
    const s = getComputedStyle(el);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    const text = el.textContent?.trim().slice(0, 30) || el.getAttribute('name') || el.id;
    return { name: `${el.tagName.toLowerCase()}:${text}`, ring };
  });
}

/** Tabs until `name` has the focus; returns every stop on the way (the last is the target). */
async function tabTo(page: Page, name: string, max = 40): Promise<{ name: string; ring: boolean }[]> {
  const stops: { name: string; ring: boolean }[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    if (f.name === name) return stops;
  }
  throw new Error(`focus never reached ${name}; stops: ${stops.map((s) => s.name).join(', ')}`);
}

const withoutRing = (stops: { name: string; ring: boolean }[]) =>
  stops.filter((s) => !s.ring && s.name !== 'body').map((s) => s.name);

test('review page: What works card, no serious axe violations, visible keyboard focus', async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'accountlens-review-e2e-'));
  const env = { DATA_DIR: dataDir };
  let hub: HubProcess | null = null;
  let browser: Browser | null = null;
  try {
    // The admin command needs the database to itself (PGlite), so the team is made before the hub starts.
    await runHubCommand(env, ['team', 'add', TEAM]);
    const admin = await addMember(env, 'ops@hansen-industriebedarf.de', 'Sales Ops', 'admin');
    const rep = await addMember(env, REP, 'Lena Vogt', 'rep');
    const leader = await addMember(env, 'petra.k@hansen-industriebedarf.de', 'Petra Kühn', 'leader');
    hub = await startHubProcess(env, await freePort());
    const published = await publishPortfolio(hub.url, admin);
    expect(published.code, published.out).toBe(0);

    const { snapshot } = await hubJson<PullResponse>(hub, `/v1/pull?clientId=${CLIENT}`, rep);
    if (snapshot?.kind !== 'full') throw new Error('the first pull carries no full snapshot');
    const { accounts } = snapshot.snapshot;
    const firstOf = (segment: 'A' | 'B' | 'C') => accounts.find((a) => a.segment === segment)!.id;
    const mine = outcomes({ A: firstOf('A'), B: firstOf('B'), C: firstOf('C') });
    await hubJson(hub, '/v1/push', rep, {
      protocolVersion: 1,
      clientId: CLIENT,
      mutations: mine.map((insight, k) => ({ kind: 'insight.put', mutationId: k + 1, insight, baseRev: 0 })),
    });

    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${hub.url}/review`);
    // Keyboard first on the sign-in form: the token field and the button show a ring.
    const login = await tabTo(page, 'button:Sign in');
    expect(withoutRing(login)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#token').fill(leader);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Posterior means (5 + s) / (10 + n) of a Beta(5, 5) prior: 9/15 = 60 %, 6/13 = 46 %, 5/12 = 42 %.
    const rows = page.locator('#what-works-rows tr.kind-row');
    await expect(rows).toHaveCount(3);
    const reorder = rows.filter({ hasText: 'Reorder due' });
    await expect(reorder.locator('td').nth(0)).toHaveText('4 / 5');
    await expect(reorder.locator('td').nth(1)).toHaveText('60%');
    await expect(rows.filter({ hasText: 'Cross-sell' }).locator('td').nth(1)).toHaveText('46%');
    await expect(rows.filter({ hasText: 'Declining revenue' }).locator('td').nth(0)).toHaveText('0 / 2');
    await expect(page.locator('#what-works-count')).toHaveText('from 6 outcomes');
    await expect(reorder.locator('svg.rate-bar')).toHaveCount(1);

    // By keyboard from the top: every stop shows a ring; Enter opens the segment rows of a kind.
    await page.locator('body').focus();
    const stops = await tabTo(page, 'button:Reorder due');
    expect(withoutRing(stops)).toEqual([]);
    const toggle = reorder.getByRole('button', { name: 'Reorder due' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const segments = page.locator('#what-works-rows tr.segment-row:visible');
    await expect(segments).toHaveText([/Segment A\s*2 \/ 2/, /Segment B\s*1 \/ 1/, /Segment C\s*1 \/ 2/]);
    const more = await tabTo(page, 'button:Declining revenue');
    expect(withoutRing(more)).toEqual([]);
    await page.keyboard.press('Space');
    await expect(page.locator('#what-works-rows tr.segment-row:visible')).toHaveCount(5);

    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.what-works:not(.effects)').scrollIntoViewIfNeeded();
    await screenshot(page, 'review-what-works');
  } finally {
    await browser?.close();
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
