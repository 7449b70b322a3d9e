/**
 * Measured effects at the hub (lib/engine/effects.ts): when a later dataset arrives, every earlier snapshot that
 * was scored with an experiment and whose conversion windows the new orders cover is measured against them, with
 * the reps' "used" marks the hub holds (the talking points listed on team-visible, undeleted outcome insights, on
 * the day the outcome was recorded). One snapshot per earlier dataset counts: the last one scored from it, as the
 * reps had it. Results are stored per snapshot (snapshot_effects) and the newest feeds the ranking of the new
 * snapshot's talking points (TalkingPointEffects). The effects are portfolio-wide aggregates, the same for every
 * leader; they hold no note text.
 */
import { coveredKinds, measureEffects, type RaisedMark } from '../../lib/engine/effects.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import type { Experiment } from '../../lib/engine/model-config.ts';
import { dayNumber, isoDay } from '../../lib/engine/patterns.ts';
import type { Dataset } from '../../lib/engine/records.ts';
import { TalkingPointEffectsSchema, type TalkingPointEffects } from '../../lib/engine/snapshot.ts';
import type { Sql } from './db/database.ts';
import { loadSnapshot } from './snapshots.ts';

/** One stored measurement: an earlier snapshot's points against the orders of a later dataset. */
export interface Measurement extends TalkingPointEffects {
  snapshotId: number;
  /** Marks (talking points listed as used on outcomes) that were read. */
  marks: number;
}

/** The day after the dataset's data: its scoring date when given, else the day after its last order line. */
export function datasetUntil(dataset: Pick<Dataset, 'orders'>, asOf: string | undefined): string {
  if (asOf !== undefined) return asOf;
  let last = '';
  for (const line of dataset.orders) if (line.orderDate > last) last = line.orderDate;
  return last === '' ? '0000-01-01' : isoDay(dayNumber(last) + 1);
}

/** The reps' marks the hub holds: every talking point listed on a team-visible, undeleted outcome. */
export async function hubMarks(db: Sql): Promise<RaisedMark[]> {
  const rows = await db.query<{ data: Insight }>(
    `SELECT data FROM insights WHERE deleted_at IS NULL AND visibility = 'team' AND type = 'outcome'
        AND account_id IS NOT NULL ORDER BY id`,
  );
  return rows.flatMap(({ data }) =>
    [...new Set(data.talkingPoints ?? [])].map((talkingPointId) => ({
      accountId: data.accountId!,
      talkingPointId,
      raisedAt: data.createdAt.slice(0, 10),
    })),
  );
}

/**
 * Measures every earlier experiment snapshot whose windows `dataset` covers (up to `until`, exclusive), newest
 * snapshot first. Reads only; `storeMeasurements` writes. O(snapshots · (accounts + order lines + marks)).
 */
export async function measureEarlierSnapshots(db: Sql, dataset: Dataset, until: string): Promise<Measurement[]> {
  const candidates = await db.query<{ id: number; as_of: string; experiment: Experiment | null }>(
    `SELECT DISTINCT ON (dataset_id) id, meta->>'asOf' AS as_of, meta->'model'->'experiment' AS experiment
       FROM snapshots WHERE dataset_id IS NOT NULL ORDER BY dataset_id, id DESC`,
  );
  const measurable = candidates
    .filter((c) => (c.experiment?.holdoutShare ?? 0) > 0 && c.as_of < until)
    .filter((c) => coveredKinds(c.as_of, until).length > 0)
    .sort((a, b) => (a.as_of === b.as_of ? Number(b.id) - Number(a.id) : a.as_of < b.as_of ? 1 : -1));
  if (measurable.length === 0) return [];
  const marks = await hubMarks(db);
  const out: Measurement[] = [];
  for (const c of measurable) {
    const { snapshot } = await loadSnapshot(db, Number(c.id));
    const covered = new Set<string>(coveredKinds(snapshot.asOf, until));
    const effects = measureEffects(snapshot, dataset.orders, marks).filter((e) => covered.has(e.kind));
    if (effects.length === 0) continue;
    out.push({ snapshotId: Number(c.id), measuredAsOf: snapshot.asOf, until, marks: marks.length, effects });
  }
  return out;
}

/** Stores measurements (replacing earlier ones of the same snapshots) as measured against dataset `datasetId`. */
export async function storeMeasurements(db: Sql, measurements: Measurement[], datasetId: number): Promise<void> {
  for (const m of measurements) {
    await db.query(
      `INSERT INTO snapshot_effects (snapshot_id, dataset_id, measured_as_of, until, marks, effects)
       VALUES ($1, $2, $3::date, $4::date, $5, $6::jsonb)
       ON CONFLICT (snapshot_id) DO UPDATE SET dataset_id = EXCLUDED.dataset_id, measured_as_of = EXCLUDED.measured_as_of,
         until = EXCLUDED.until, marks = EXCLUDED.marks, effects = EXCLUDED.effects, computed_at = now()`,
      [m.snapshotId, datasetId, m.measuredAsOf, m.until, m.marks, JSON.stringify(m.effects)],
    );
  }
}

/** The stored measurements, newest measured snapshot first. */
export async function storedMeasurements(db: Sql): Promise<Measurement[]> {
  const rows = await db.query<{
    snapshot_id: number;
    measured_as_of: string;
    until: string;
    marks: number;
    effects: TalkingPointEffects['effects'];
  }>(
    `SELECT snapshot_id, to_char(measured_as_of, 'YYYY-MM-DD') AS measured_as_of, to_char(until, 'YYYY-MM-DD') AS until,
            marks, effects FROM snapshot_effects ORDER BY measured_as_of DESC, snapshot_id DESC`,
  );
  return rows.map((r) => ({
    snapshotId: Number(r.snapshot_id),
    marks: Number(r.marks),
    ...TalkingPointEffectsSchema.parse({ measuredAsOf: r.measured_as_of, until: r.until, effects: r.effects }),
  }));
}

/** What ranks a snapshot's talking points: the newest measurement, without its hub bookkeeping. */
export function rankingEffects(measurements: readonly Measurement[]): TalkingPointEffects | undefined {
  const newest = measurements[0];
  if (newest === undefined) return undefined;
  return { measuredAsOf: newest.measuredAsOf, until: newest.until, effects: newest.effects };
}
