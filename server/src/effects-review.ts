/**
 * The review page's "What works" with measured effects: per talking-point kind, the effect of raising it on
 * later orders (the newest stored measurement, effects.ts) next to the success rate reps reported (what-works.ts),
 * ranked the way the engine ranks talking points (lib/engine/effects-rank.ts): by the measured effect where one is
 * known, else by the reported rate. Each row says which it is ranked by.
 */
import { z } from 'zod';
import { measuredFactor } from '../../lib/engine/effects-rank.ts';
import { EffectSchema, TALKING_POINT_KINDS, TalkingPointKindSchema } from '../../lib/engine/snapshot.ts';
import type { Sql } from './db/database.ts';
import { storedMeasurements } from './effects.ts';
import { upliftBarSvg } from './review-page/uplift-bar.ts';
import type { Principal } from './users.ts';
import { whatWorks } from './what-works.ts';

const ReportedSchema = z.object({
  successes: z.number().int(),
  trials: z.number().int(),
  mean: z.number(),
  low: z.number(),
  high: z.number(),
});

export const EffectsReviewSchema = z.object({
  /** The newest measurement: which snapshot's points, against orders up to `until` (exclusive). */
  measurement: z
    .object({ snapshotId: z.number().int(), measuredAsOf: z.iso.date(), until: z.iso.date(), marks: z.number().int() })
    .nullable(),
  /** Older measurements stored besides it. */
  earlier: z.number().int().nonnegative(),
  /** Half the width of the uplift bars' scale, as a share (0.5: −50 to +50 points). */
  scale: z.number().positive(),
  rows: z.array(
    z.object({
      kind: TalkingPointKindSchema,
      /** none: neither a measured effect nor reported outcomes; the kind keeps its priority. */
      rankedBy: z.enum(['measured', 'reported', 'none']),
      /** The odds factor the ranking applies (1: unchanged). */
      factor: z.number().positive(),
      /** All segments together, and the segments with points. */
      effect: EffectSchema.nullable(),
      segments: z.array(EffectSchema),
      reported: ReportedSchema.nullable(),
      /** The raised uplift's bar (the ITT uplift's where raising has too few marks); null without either. */
      svg: z.string().nullable(),
    }),
  ),
});
export type EffectsReview = z.infer<typeof EffectsReviewSchema>;

/** Builds the review's effect rows for `p` (reported rates: their team's outcomes; effects: the portfolio's). */
export async function effectsReview(db: Sql, p: Principal): Promise<EffectsReview> {
  const [measurements, rates] = await Promise.all([storedMeasurements(db), whatWorks(db, p)]);
  const newest = measurements[0] ?? null;
  const effects = newest?.effects ?? [];
  const extent = Math.max(
    0.25,
    ...effects.flatMap((e) => {
      const u = e.segment === null ? (e.raisedUplift ?? e.ittUplift) : null;
      return u === null ? [] : [Math.abs(u.lo), Math.abs(u.hi)];
    }),
  );
  const scale = Math.min(1, Math.ceil(extent * 10) / 10);
  const { alpha, beta } = rates.prior;
  const rows: EffectsReview['rows'] = [];
  for (const kind of TALKING_POINT_KINDS) {
    const effect = effects.find((e) => e.kind === kind && e.segment === null) ?? null;
    const rate = rates.rates.find((r) => r.kind === kind && r.segment === null);
    const reported = rate
      ? { successes: rate.successes, trials: rate.trials, mean: rate.mean, low: rate.low, high: rate.high }
      : null;
    if (effect === null && reported === null) continue;
    const measured = effect?.raisedUplift != null;
    const factor = measured
      ? measuredFactor(effect!)
      : reported
        ? (alpha + reported.successes) / (beta + reported.trials - reported.successes) / (alpha / beta)
        : 1;
    const bar = effect?.raisedUplift ?? effect?.ittUplift ?? null;
    rows.push({
      kind,
      rankedBy: measured ? 'measured' : reported ? 'reported' : 'none',
      factor,
      effect,
      segments: effects.filter((e) => e.kind === kind && e.segment !== null),
      reported,
      svg: bar === null ? null : upliftBarSvg(bar, scale),
    });
  }
  rows.sort((a, b) => b.factor - a.factor || TALKING_POINT_KINDS.indexOf(a.kind) - TALKING_POINT_KINDS.indexOf(b.kind));
  return {
    measurement: newest && {
      snapshotId: newest.snapshotId,
      measuredAsOf: newest.measuredAsOf,
      until: newest.until,
      marks: newest.marks,
    },
    earlier: Math.max(0, measurements.length - 1),
    scale,
    rows,
  };
}
