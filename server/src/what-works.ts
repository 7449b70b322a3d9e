/**
 * "What works" for sales leaders: the success rates of talking-point kinds learned from the outcome
 * insights the caller may review, with their credible intervals. Learned per request with the engine's
 * `learnTalkingPointRates` rather than read from the snapshot, whose rates mix every team's outcomes: a leader
 * sees their team's, an admin everyone's. Like the shared scores, only team-visible, undeleted outcomes count, and
 * each in the segment its account has in the current snapshot (see lib/engine/outcomes.ts).
 */
import { z } from 'zod';
import type { Insight } from '../../lib/engine/insight.ts';
import { learnTalkingPointRates } from '../../lib/engine/outcomes.ts';
import { SegmentSchema, TalkingPointRatesSchema, type Segment } from '../../lib/engine/snapshot.ts';
import type { Sql } from './db/database.ts';
import type { Principal } from './users.ts';
import { visibleInsights } from './visibility.ts';

export const WhatWorksSchema = TalkingPointRatesSchema.extend({
  /** The snapshot whose segments the outcomes were counted in; null before the first publish. */
  snapshotId: z.number().int().positive().nullable(),
  /** Outcome insights counted: visible to the caller, team-visible, undeleted, on an account of that snapshot. */
  outcomes: z.number().int().nonnegative(),
});
export type WhatWorks = z.infer<typeof WhatWorksSchema>;

/**
 * The talking-point rates learned from the outcomes `p` may review. One query over the outcome insights joined
 * with their accounts' segments in the current snapshot, then O(outcomes · talking points) in the engine.
 */
export async function whatWorks(db: Sql, p: Principal): Promise<WhatWorks> {
  const [current] = await db.query<{ id: number }>('SELECT id FROM snapshots ORDER BY id DESC LIMIT 1');
  const snapshotId = current === undefined ? null : Number(current.id);
  const visible = visibleInsights(p, 2);
  const rows =
    snapshotId === null
      ? []
      : await db.query<{ data: Insight; segment: string }>(
          `SELECT i.data, sa.segment FROM insights i
             JOIN snapshot_accounts sa ON sa.snapshot_id = $1 AND sa.account_id = i.account_id
            WHERE ${visible.sql} AND i.deleted_at IS NULL AND i.visibility = 'team' AND i.type = 'outcome'
            ORDER BY i.id`,
          [snapshotId, ...visible.params],
        );
  const segments = new Map<string, Segment>(rows.map((r) => [r.data.accountId!, SegmentSchema.parse(r.segment)]));
  const learned = learnTalkingPointRates(
    rows.map((r) => r.data),
    (id) => segments.get(id),
  );
  return { ...learned, snapshotId, outcomes: rows.filter((r) => r.data.outcome !== undefined).length };
}
