/**
 * Measured effects at the hub: a dataset scored with hold-outs, the reps' outcomes (their "used" marks) pushed,
 * then a later dataset with planted conversions (lib/engine/generate/experiment.ts). The hub measures the earlier
 * snapshot on the new orders, shows the effects in the review and ranks the new snapshot's points with them; and
 * it gives the same numbers as `lens effects` run on the same snapshot, marks and orders.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../lib/engine/effects.ts';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import { plantEffects } from '../../lib/engine/generate/experiment.ts';
import { storedMeasurements } from '../src/effects.ts';
import { loadSnapshot } from '../src/snapshots.ts';
import { BACKENDS, hubFor, insight, newId, putBatch, seedTeam, useBackend } from './fixtures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataset = generateDataset({ accounts: 500, seed: 31, linesPerAccount: 40 });
const kinds = {
  'cross-sell': { base: 0.1, raised: 0.3, raiseShare: 0.5 },
  'reorder-due': { base: 0.5, raised: 0.5, raiseShare: 0.5 },
};

describe.each(BACKENDS)('measured effects on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  test('measures an experiment when the later dataset arrives, like lens effects, and ranks by it', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const hub = hubFor(db);
    const first = await hub.call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: {
        ...datasetToCsv(dataset, 'de'),
        asOf: '2026-01-01',
        model: { experiment: { holdoutShare: 0.3, salt: 'hub' } },
      },
    });
    expect(first.status).toBe(201);
    const before = (await loadSnapshot(db, first.json.snapshotId)).snapshot;
    expect(before.model.experiment?.holdoutShare).toBe(0.3);
    const planted = plantEffects(before, { seed: 9, kinds });

    // The reps record their meetings' outcomes with the points they raised ("used" marks).
    const byMeeting = new Map<string, { accountId: string; day: string; points: string[] }>();
    for (const m of planted.marks) {
      const key = `${m.accountId}|${m.raisedAt}`;
      const meeting = byMeeting.get(key) ?? { accountId: m.accountId, day: m.raisedAt, points: [] };
      meeting.points.push(m.talkingPointId);
      byMeeting.set(key, meeting);
    }
    const outcomes = [...byMeeting.values()].map((m) =>
      insight({
        id: newId(Date.parse(`${m.day}T10:00:00Z`)),
        accountId: m.accountId,
        type: 'outcome',
        outcome: 'next-step',
        title: 'Meeting',
        createdAt: `${m.day}T10:00:00.000Z`,
        updatedAt: `${m.day}T10:00:00.000Z`,
        talkingPoints: m.points,
      }),
    );
    for (let k = 0; k < outcomes.length; k += 200) {
      const push = await hub.call('POST', '/v1/push', {
        token: team.ana,
        body: putBatch('device-ana', outcomes.slice(k, k + 200), k + 1),
      });
      expect(push.status).toBe(200);
    }
    await hub.rescorer.caughtUp();

    const laterOrders = [...dataset.orders, ...planted.orders];
    const later = { ...dataset, orders: laterOrders };
    const second = await hub.call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: { ...datasetToCsv(later, 'de'), asOf: '2026-04-01' },
    });
    expect(second.status).toBe(201);

    const [measurement] = await storedMeasurements(db);
    expect(measurement).toMatchObject({ snapshotId: first.json.snapshotId, measuredAsOf: '2026-01-01' });
    expect(measurement!.marks).toBe(planted.marks.length);

    // The same snapshot (as the hub holds it now), marks and orders through `lens effects`.
    const dir = mkdtempSync(join(tmpdir(), 'hub-effects-'));
    const held = (await loadSnapshot(db, first.json.snapshotId)).snapshot;
    writeFileSync(join(dir, 'before.json'), JSON.stringify(held));
    writeFileSync(
      join(dir, 'marks.csv'),
      `account_id;talking_point_id;raised_at\n${planted.marks.map((m) => `${m.accountId};${m.talkingPointId};${m.raisedAt}`).join('\n')}\n`,
    );
    writeFileSync(join(dir, 'after.csv'), datasetToCsv(later, 'de').orders);
    const cli = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'lib/cli/lens.ts',
        'effects',
        '--snapshot',
        join(dir, 'before.json'),
        '--marks',
        join(dir, 'marks.csv'),
        '--orders',
        join(dir, 'after.csv'),
        '--json',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    expect(measurement!.effects).toEqual((JSON.parse(cli.stdout) as { effects: Effect[] }).effects);

    // The review shows them next to the reported rates, in ranking order, and says what ranks each kind.
    const review = await hub.call('GET', '/v1/review/effects', { token: team.lead });
    expect(review.status).toBe(200);
    const rows = review.json.rows as {
      kind: string;
      rankedBy: string;
      effect: Effect | null;
      reported: { trials: number } | null;
      svg: string | null;
    }[];
    const cross = rows.find((r) => r.kind === 'cross-sell')!;
    expect(cross.rankedBy).toBe('measured');
    expect(cross.effect!.raisedUplift!.lo).toBeGreaterThan(0);
    expect(cross.effect!.raisedUplift!.lo).toBeLessThan(0.2);
    expect(cross.effect!.raisedUplift!.hi).toBeGreaterThan(0.2);
    expect(cross.reported!.trials).toBeGreaterThan(0);
    expect(cross.svg).toMatch(/^<svg[^>]*class="uplift-bar"/);
    const reorder = rows.find((r) => r.kind === 'reorder-due')!;
    expect(reorder.effect!.ittUplift!.lo).toBeLessThan(0);
    expect(reorder.effect!.ittUplift!.hi).toBeGreaterThan(0);
    expect(rows.indexOf(cross)).toBeLessThan(rows.indexOf(reorder));
    // Reps report reorder reminders as a success every time; the measurement ranks them by what orders say.
    expect(reorder.rankedBy).toBe('measured');
    expect(review.json.measurement).toMatchObject({ measuredAsOf: '2026-01-01', until: '2026-04-01' });

    // The new snapshot's points are ranked by the measured effects and say so.
    const now = (await loadSnapshot(db, second.json.snapshotId)).snapshot;
    expect(now.talkingPointEffects?.measuredAsOf).toBe('2026-01-01');
    const point = now.accounts.flatMap((a) => a.talkingPoints).find((p) => p.kind === 'cross-sell')!;
    expect(point.basis?.en).toMatch(/^Measured on orders: raised for \d+ accounts, \+\d+ points of conversion/);

    const rep = await hub.call('GET', '/v1/review/effects', { token: team.ana });
    expect(rep.status).toBe(403);
  }, 180_000);
});
