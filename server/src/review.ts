/**
 * What sales leaders review: captured insights with filters, their review state and audit log, and the
 * aggregates behind the review page's charts. Every query is scoped by `reviewableInsights` (leader: own team,
 * admin: everything); a private note not the reviewer's own comes without its text (`redactPrivate`).
 */
import { z } from 'zod';
import { InsightTypeSchema, type Insight } from '../../lib/engine/insight.ts';
import type { Sql } from './db/database.ts';
import { iso } from './db/database.ts';
import { HttpError } from './http-error.ts';
import type { Principal } from './users.ts';
import { dateIssue, textIssue } from '../../lib/sync/protocol.ts';
import { reviewableInsights } from './visibility.ts';

export const REVIEW_STATUSES = ['new', 'reviewed', 'actioned'] as const;

/** A YYYY-MM-DD date PostgreSQL takes (years 0001..9999). */
const storableDate = z.iso
  .date()
  .refine((d) => dateIssue(d) === null, { message: 'must be a date in the years 0001..9999' });

export const ReviewQuerySchema = z.object({
  rep: z.email().optional(),
  account: z.string().min(1).max(200).optional(),
  type: InsightTypeSchema.optional(),
  from: storableDate.optional(),
  to: storableDate.optional(),
  status: z.enum(['open', 'done', 'archived']).optional(),
  review: z.enum(REVIEW_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ReviewQuery = z.infer<typeof ReviewQuerySchema>;

export const ReviewActionSchema = z.object({
  action: z.enum(['reviewed', 'actioned', 'reopened']),
  comment: z
    .string()
    .trim()
    .max(2000)
    .refine((c) => textIssue(c) === null, { message: 'contains a NUL character or broken Unicode' })
    .default(''),
});
export type ReviewAction = z.infer<typeof ReviewActionSchema>;

export interface ReviewItem {
  insight: Insight;
  rep: { email: string; name: string };
  team: string | null;
  accountName: string | null;
  reviewStatus: (typeof REVIEW_STATUSES)[number];
  receivedAt: string;
}

/** Builds the WHERE clause for `q` (dates are inclusive calendar days in UTC). */
function filters(p: Principal, q: Omit<ReviewQuery, 'limit' | 'offset'>): { where: string; params: unknown[] } {
  const visible = reviewableInsights(p, 1);
  const params: unknown[] = [...visible.params];
  const where = [visible.sql, 'i.deleted_at IS NULL'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.rep) add((n) => `u.email = ${n}`, q.rep);
  if (q.account) add((n) => `i.account_id = ${n}`, q.account);
  if (q.type) add((n) => `i.type = ${n}`, q.type);
  if (q.status) add((n) => `i.status = ${n}`, q.status);
  if (q.review) add((n) => `i.review_status = ${n}`, q.review);
  if (q.from) add((n) => `i.created_at >= ${n}::date`, q.from);
  if (q.to) add((n) => `i.created_at < ${n}::date + 1`, q.to);
  return { where: where.join(' AND '), params };
}

const CURRENT_SNAPSHOT = '(SELECT id FROM snapshots ORDER BY id DESC LIMIT 1)';

export async function listInsights(
  db: Sql,
  p: Principal,
  q: ReviewQuery,
): Promise<{ total: number; items: ReviewItem[] }> {
  const { where, params } = filters(p, q);
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM insights i JOIN users u ON u.id = i.owner_user_id WHERE ${where}`,
    params,
  );
  const rows = await db.query<{
    data: Insight;
    email: string;
    name: string;
    team: string | null;
    account_name: string | null;
    review_status: ReviewItem['reviewStatus'];
    received_at: Date;
  }>(
    `SELECT i.data, u.email, u.name, t.name AS team, sa.name AS account_name, i.review_status, i.received_at
       FROM insights i JOIN users u ON u.id = i.owner_user_id
       LEFT JOIN teams t ON t.id = i.team_id
       LEFT JOIN snapshot_accounts sa ON sa.snapshot_id = ${CURRENT_SNAPSHOT} AND sa.account_id = i.account_id
      WHERE ${where}
      ORDER BY i.created_at DESC, i.id DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.limit, q.offset],
  );
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      insight: redactPrivate(p, r.data, r.email),
      rep: { email: r.email, name: r.name },
      team: r.team,
      accountName: r.account_name,
      reviewStatus: r.review_status,
      receivedAt: iso(r.received_at),
    })),
  };
}

/** Shown instead of the title of a private note that is not the reviewer's own. */
export const PRIVATE_TITLE = 'Private note';

/**
 * `insight` as reviewer `p` may read it: a private note of someone else keeps its metadata (type, account, dates,
 * status, sentiment) and loses its words (title, body, products, tags, talking points, source URL).
 */
export function redactPrivate(p: Principal, insight: Insight, ownerEmail: string): Insight {
  if (insight.visibility !== 'private' || ownerEmail === p.email) return insight;
  const { talkingPoints: _t, source, ...rest } = insight;
  return { ...rest, title: PRIVATE_TITLE, body: '', products: [], tags: [], source: { kind: source.kind } };
}

/**
 * Marks an insight reviewed/actioned (or reopens it) and appends to its audit log, in one transaction.
 * @throws {HttpError} 404 when the insight does not exist or is not visible to `p`
 */
export async function reviewInsight(
  db: { transaction: <T>(fn: (tx: Sql) => Promise<T>) => Promise<T> },
  p: Principal,
  insightId: string,
  action: ReviewAction,
): Promise<{ reviewStatus: string; logId: number }> {
  const visible = reviewableInsights(p, 2);
  const status = action.action === 'reopened' ? 'new' : action.action;
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE insights i SET review_status = $${visible.params.length + 2} WHERE i.id = $1 AND i.deleted_at IS NULL AND ${visible.sql} RETURNING i.id`,
      [insightId, ...visible.params, status],
    );
    if (rows.length === 0) throw new HttpError(404, `no insight ${insightId} for you to review`);
    const [log] = await tx.query<{ id: number }>(
      'INSERT INTO review_log (insight_id, user_id, action, comment) VALUES ($1, $2, $3, $4) RETURNING id',
      [insightId, p.userId, action.action, action.comment],
    );
    return { reviewStatus: status, logId: Number(log!.id) };
  });
}

export interface AuditEntry {
  id: number;
  action: string;
  comment: string;
  by: { email: string; name: string };
  at: string;
}

/** The audit log of one insight, oldest first. @throws {HttpError} 404 when not visible to `p` */
export async function auditLog(db: Sql, p: Principal, insightId: string): Promise<AuditEntry[]> {
  const visible = reviewableInsights(p, 2);
  const found = await db.query(`SELECT 1 FROM insights i WHERE i.id = $1 AND ${visible.sql}`, [
    insightId,
    ...visible.params,
  ]);
  if (found.length === 0) throw new HttpError(404, `no insight ${insightId} for you to review`);
  const rows = await db.query<{
    id: number;
    action: string;
    comment: string;
    email: string;
    name: string;
    created_at: Date;
  }>(
    `SELECT l.id, l.action, l.comment, u.email, u.name, l.created_at FROM review_log l JOIN users u ON u.id = l.user_id
      WHERE l.insight_id = $1 ORDER BY l.id`,
    [insightId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    comment: r.comment,
    by: { email: r.email, name: r.name },
    at: iso(r.created_at),
  }));
}

/** The reps whose insights `p` may review (for the filter list). */
export async function reviewableReps(db: Sql, p: Principal): Promise<{ email: string; name: string }[]> {
  if (p.role === 'admin') return db.query('SELECT email, name FROM users ORDER BY name');
  return db.query('SELECT email, name FROM users WHERE team_id = $1 OR id = $2 ORDER BY name', [p.teamId, p.userId]);
}

/** Guards the review routes: leaders and admins only. */
export function assertReviewer(p: Principal): void {
  if (p.role !== 'leader' && p.role !== 'admin') throw new HttpError(403, 'review is for leaders and admins');
}
