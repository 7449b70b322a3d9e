/**
 * Aggregates for the review page's charts, each one query scoped like the insight list:
 * insights per week and type, the value-score distribution of the current snapshot, the biggest score movers
 * since a date (from score_history), accounts with open needs and competitor threats, and capture activity per rep.
 */
import { z } from 'zod';
import { INSIGHT_TYPES, type InsightType } from '../../lib/engine/insight.ts';
import type { Sql } from './db/database.ts';
import { isoOrNull } from './db/database.ts';
import type { Principal } from './users.ts';
import { reviewableInsights } from './visibility.ts';

/** A YYYY-MM-DD date from 1000 on: far enough from year 0001 that the weeks before it are dates PostgreSQL takes. */
const chartDate = z.iso.date().refine((d) => d >= '1000-01-01', { message: 'must be a date in the years 1000..9999' });

export const ChartsQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1).max(104).default(12),
  /** Last day shown (default: today, UTC). */
  until: chartDate.optional(),
  /** Baseline for movers and the activity window (default: 30 days before `until`). */
  since: chartDate.optional(),
});
export type ChartsQuery = z.infer<typeof ChartsQuerySchema>;

export interface Charts {
  range: { from: string; until: string; since: string };
  insightsPerWeek: { week: string; counts: Record<InsightType, number>; total: number }[];
  scoreDistribution: { from: number; to: number; A: number; B: number; C: number }[];
  movers: {
    accountId: string;
    name: string;
    before: number;
    after: number;
    delta: number;
    segment: string;
    baseline: 'since' | 'first';
  }[];
  openSignals: {
    accountId: string;
    name: string | null;
    needs: number;
    competitors: number;
    risks: number;
    latest: string | null;
  }[];
  repActivity: { email: string; name: string; recent: number; total: number; lastCaptureAt: string | null }[];
}

const DAY = 86_400_000;
const CURRENT_SNAPSHOT = '(SELECT id FROM snapshots ORDER BY id DESC LIMIT 1)';

/** Monday (UTC) of the week containing `date`, as YYYY-MM-DD. */
export function weekStart(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const day = new Date(t).getUTCDay();
  return new Date(t - ((day + 6) % 7) * DAY).toISOString().slice(0, 10);
}

export async function charts(
  db: Sql,
  p: Principal,
  q: ChartsQuery,
  today = new Date().toISOString().slice(0, 10),
): Promise<Charts> {
  const until = q.until ?? today;
  const since = q.since ?? new Date(Date.parse(`${until}T00:00:00Z`) - 30 * DAY).toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${weekStart(until)}T00:00:00Z`) - (q.weeks - 1) * 7 * DAY)
    .toISOString()
    .slice(0, 10);
  // Counts only: private notes of the team are counted, their words never read.
  const v = reviewableInsights(p, 1);
  const n = v.params.length;

  const perWeek = await db.query<{ week: string; type: InsightType; n: number }>(
    `SELECT to_char(date_trunc('week', i.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, i.type, count(*)::int AS n
       FROM insights i
      WHERE ${v.sql} AND i.deleted_at IS NULL AND i.created_at >= $${n + 1}::date AND i.created_at < $${n + 2}::date + 1
      GROUP BY 1, 2`,
    [...v.params, from, until],
  );
  const weeks = Array.from({ length: q.weeks }, (_, k) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + k * 7 * DAY).toISOString().slice(0, 10),
  );
  const insightsPerWeek = weeks.map((week) => {
    const counts = Object.fromEntries(INSIGHT_TYPES.map((t) => [t, 0])) as Record<InsightType, number>;
    for (const r of perWeek) if (r.week === week) counts[r.type] += Number(r.n);
    return { week, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });

  const dist = await db.query<{ bucket: number; segment: 'A' | 'B' | 'C'; n: number }>(
    `SELECT least(floor(value_score / 10), 9)::int AS bucket, segment, count(*)::int AS n
       FROM snapshot_accounts WHERE snapshot_id = ${CURRENT_SNAPSHOT} GROUP BY 1, 2`,
  );
  const scoreDistribution = Array.from({ length: 10 }, (_, b) => {
    const row = { from: b * 10, to: b * 10 + 10, A: 0, B: 0, C: 0 };
    for (const r of dist) if (Number(r.bucket) === b) row[r.segment] += Number(r.n);
    return row;
  });

  const movers = await db.query<{
    account_id: string;
    name: string;
    after: number;
    segment: string;
    before: number;
    baseline: 'since' | 'first';
  }>(
    `WITH cur AS (SELECT account_id, name, value_score, segment FROM snapshot_accounts WHERE snapshot_id = ${CURRENT_SNAPSHOT}),
          at_since AS (SELECT DISTINCT ON (account_id) account_id, value_score FROM score_history
                        WHERE recorded_at < $1::date + 1 ORDER BY account_id, recorded_at DESC, id DESC),
          first AS (SELECT DISTINCT ON (account_id) account_id, value_score FROM score_history
                     ORDER BY account_id, recorded_at, id)
     SELECT cur.account_id, cur.name, cur.value_score::float8 AS after, cur.segment,
            coalesce(s.value_score, f.value_score)::float8 AS before,
            CASE WHEN s.account_id IS NULL THEN 'first' ELSE 'since' END AS baseline
       FROM cur LEFT JOIN at_since s USING (account_id) LEFT JOIN first f USING (account_id)
      WHERE coalesce(s.value_score, f.value_score) IS NOT NULL AND cur.value_score <> coalesce(s.value_score, f.value_score)
      ORDER BY abs(cur.value_score - coalesce(s.value_score, f.value_score)) DESC, cur.account_id
      LIMIT 10`,
    [since],
  );

  const signals = await db.query<{
    account_id: string;
    name: string | null;
    needs: number;
    competitors: number;
    risks: number;
    latest: Date | null;
  }>(
    `SELECT i.account_id, sa.name,
            count(*) FILTER (WHERE i.type IN ('need', 'pain-point', 'expansion'))::int AS needs,
            count(*) FILTER (WHERE i.type = 'competitor')::int AS competitors,
            count(*) FILTER (WHERE i.type IN ('risk', 'complaint'))::int AS risks,
            max(i.created_at) AS latest
       FROM insights i
       LEFT JOIN snapshot_accounts sa ON sa.snapshot_id = ${CURRENT_SNAPSHOT} AND sa.account_id = i.account_id
      WHERE ${v.sql} AND i.deleted_at IS NULL AND i.status = 'open' AND i.account_id IS NOT NULL
        AND i.type IN ('need', 'pain-point', 'expansion', 'competitor', 'risk', 'complaint')
      GROUP BY i.account_id, sa.name
      ORDER BY count(*) DESC, max(i.created_at) DESC, i.account_id
      LIMIT 15`,
    v.params,
  );

  const scope = p.role === 'admin' ? "u.role <> 'admin'" : `u.team_id = $2`;
  const activity = await db.query<{ email: string; name: string; recent: number; total: number; last: Date | null }>(
    `SELECT u.email, u.name,
            count(i.id) FILTER (WHERE i.created_at >= $1::date)::int AS recent,
            count(i.id)::int AS total, max(i.created_at) AS last
       FROM users u LEFT JOIN insights i ON i.owner_user_id = u.id AND i.deleted_at IS NULL
      WHERE ${scope}
      GROUP BY u.id, u.email, u.name
      ORDER BY recent DESC, total DESC, u.name`,
    p.role === 'admin' ? [since] : [since, p.teamId],
  );

  return {
    range: { from, until, since },
    insightsPerWeek,
    scoreDistribution,
    movers: movers.map((m) => ({
      accountId: m.account_id,
      name: m.name,
      before: round1(Number(m.before)),
      after: round1(Number(m.after)),
      delta: round1(Number(m.after) - Number(m.before)),
      segment: m.segment,
      baseline: m.baseline,
    })),
    openSignals: signals.map((s) => ({
      accountId: s.account_id,
      name: s.name,
      needs: Number(s.needs),
      competitors: Number(s.competitors),
      risks: Number(s.risks),
      latest: isoOrNull(s.latest),
    })),
    repActivity: activity.map((a) => ({
      email: a.email,
      name: a.name,
      recent: Number(a.recent),
      total: Number(a.total),
      lastCaptureAt: isoOrNull(a.last),
    })),
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
