/**
 * Screenshots of the review page with measured effects (docs/screenshots/review-effects-*.png): an in-memory hub
 * on 127.0.0.1, a generated portfolio published with hold-outs, the reps' outcomes pushed, a later dataset with
 * planted effects (raising cross-sell triples conversion, reorder reminders change nothing), then the leader's
 * review in Chromium at 1280×720 and 1920×1080. Run: `npx tsx scripts/effects-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { chromium } from '@playwright/test';
import { datasetToCsv, generateDataset } from '../lib/engine/generate.ts';
import { plantEffects } from '../lib/engine/generate/experiment.ts';
import { InsightSchema } from '../lib/engine/insight.ts';
import { createHub } from '../server/src/app.ts';
import { openPglite } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrations.ts';
import { engine } from '../server/src/engine.ts';
import { loadSnapshot } from '../server/src/snapshots.ts';
import { addTeam, addUser } from '../server/src/users.ts';
import { monotonicFactory } from 'ulid';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs/screenshots');
const db = await openPglite();
await migrate(db);
await addTeam(db, 'Nord');
const admin = (await addUser(db, { email: 'ops@example.com', name: 'Sales Ops', role: 'admin' })).token;
const leader = (await addUser(db, { email: 'lena.vogt@example.com', name: 'Lena Vogt', role: 'leader', team: 'Nord' }))
  .token;
const rep = (await addUser(db, { email: 'jonas.weber@example.com', name: 'Jonas Weber', role: 'rep', team: 'Nord' }))
  .token;
const { app, rescorer } = createHub({ db, engine });
const call = async (method: string, path: string, token: string, body: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ snapshotId: number }>;
};

const dataset = generateDataset({ accounts: 500, seed: 31, linesPerAccount: 40 });
const first = await call('POST', '/v1/admin/dataset', admin, {
  ...datasetToCsv(dataset, 'de'),
  asOf: '2026-01-01',
  model: { experiment: { holdoutShare: 0.3, salt: 'hub' } },
});
const before = (await loadSnapshot(db, first.snapshotId)).snapshot;
const planted = plantEffects(before, {
  seed: 9,
  kinds: {
    'cross-sell': { base: 0.1, raised: 0.3, raiseShare: 0.5 },
    'reorder-due': { base: 0.5, raised: 0.5, raiseShare: 0.5 },
  },
});
const ulid = monotonicFactory();
const meetings = new Map<string, { accountId: string; day: string; points: string[] }>();
for (const m of planted.marks) {
  const key = `${m.accountId}|${m.raisedAt}`;
  const meeting = meetings.get(key) ?? { accountId: m.accountId, day: m.raisedAt, points: [] };
  meeting.points.push(m.talkingPointId);
  meetings.set(key, meeting);
}
const outcomes = [...meetings.values()].map((m, k) =>
  InsightSchema.parse({
    id: ulid(Date.parse(`${m.day}T10:00:00Z`)),
    accountId: m.accountId,
    author: 'jonas.weber@example.com',
    createdAt: `${m.day}T10:00:00.000Z`,
    updatedAt: `${m.day}T10:00:00.000Z`,
    type: 'outcome',
    outcome: k % 3 === 0 ? 'no-interest' : k % 3 === 1 ? 'next-step' : 'order',
    title: 'Quarterly meeting',
    talkingPoints: m.points,
  }),
);
for (let k = 0; k < outcomes.length; k += 200) {
  await call('POST', '/v1/push', rep, {
    protocolVersion: 1,
    clientId: 'device-jonas',
    mutations: outcomes
      .slice(k, k + 200)
      .map((insight, j) => ({ kind: 'insight.put', mutationId: k + j + 1, insight, baseRev: 0 })),
  });
}
await rescorer.caughtUp();
await call('POST', '/v1/admin/dataset', admin, {
  ...datasetToCsv({ ...dataset, orders: [...dataset.orders, ...planted.orders] }, 'de'),
  asOf: '2026-04-01',
});

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
mkdirSync(out, { recursive: true });
try {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${url}/review`);
    await page.locator('#token').fill(leader);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#effects-rows tr.kind-row').first().waitFor({ timeout: 60_000 });
    await page.locator('#effects-rows .disclosure').first().click();
    await page.locator('#effects-title').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('effects-title')!.scrollIntoView({ block: 'start' }));
    const file = join(out, `review-effects-${width}x${height}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  await rescorer.stop();
  await db.close();
}
