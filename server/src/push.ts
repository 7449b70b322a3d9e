/**
 * Applying a push (see lib/sync/protocol.ts for the contract). The whole batch runs in one transaction: a hub
 * killed half-way has stored none of it, the client sends it again, and mutation ids make the replay harmless.
 *
 * Concurrent edits: an `insight.put` names the rev it started from (baseRev). When the stored rev differs, two
 * devices edited the same insight; the winner is the version with the higher rev, then the later updatedAt, then
 * the higher clientId (`compareVersions`), so every arrival order ends in the same state. The loser is kept in
 * `conflicts` for its author, who sees it at the next pull: nothing is silently overwritten.
 *
 * The batch is decided in memory and written with a handful of statements (one upsert for all insight rows, the
 * client's position and the re-scoring queue), so a batch of 500 costs little more than a batch of 5. Re-scoring
 * itself runs after the commit (rescorer.ts), coalescing the accounts of many pushes.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { AnyMutation, MutationResult, PushRequest, PushResponse } from '../../lib/sync/protocol.ts';
import { PROTOCOL_VERSION, storableIssues } from '../../lib/sync/protocol.ts';
import type { Change, ConflictRecord } from './change-log.ts';
import type { Database, Sql } from './db/database.ts';
import { nextVersion } from './db/migrations.ts';
import { HttpError } from './http-error.ts';
import { isoSql } from './pull.ts';
import type { Principal } from './users.ts';

interface StoredInsight {
  data: Insight;
  ownerUserId: number;
  /** The owner's email: every version of the insight carries it as `author`, whoever sent it. */
  ownerEmail: string;
  teamId: number | null;
  updatedByUser: number;
  updatedByClient: string;
}

/** A version of an insight and who wrote it, as compared in a conflict. */
export interface VersionKey {
  rev: number;
  updatedAt: string;
  clientId: string;
}

/**
 * Orders two versions of one insight: positive when `a` wins. Higher rev, then later updatedAt, then the
 * lexicographically higher clientId. Runs in O(1).
 * @example compareVersions({rev: 3, updatedAt: '2025-01-01T00:00:00Z', clientId: 'a'}, {rev: 2, updatedAt: '2026-01-01T00:00:00Z', clientId: 'b'}) // => 1
 */
export function compareVersions(a: VersionKey, b: VersionKey): number {
  if (a.rev !== b.rev) return a.rev > b.rev ? 1 : -1;
  const ta = Date.parse(a.updatedAt);
  const tb = Date.parse(b.updatedAt);
  if (ta !== tb) return ta > tb ? 1 : -1;
  if (a.clientId !== b.clientId) return a.clientId > b.clientId ? 1 : -1;
  return 0;
}

export interface PushOutcome {
  response: PushResponse;
  /** Accounts whose insights changed (old and new accountId of every stored write). */
  affectedAccountIds: string[];
  /** What the transaction stored, for the change log (change-log.ts). */
  change: Change;
}

/**
 * Applies `request` for `principal` in one transaction. The batch is first written with a few statements; when
 * the database refuses that (a value it cannot store that the checks let through), the batch is applied again
 * one mutation at a time, each behind a savepoint, and the mutation the database refuses is rejected alone: its
 * id is used up, the others are stored, and the client's queue moves on.
 * @throws {HttpError} 403 when the clientId is registered to another user
 */
export async function applyPush(db: Database, principal: Principal, request: PushRequest): Promise<PushOutcome> {
  try {
    return await db.transaction((tx) => applyIn(tx, principal, request, false));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    return db.transaction((tx) => applyIn(tx, principal, request, true));
  }
}

async function applyIn(tx: Sql, principal: Principal, request: PushRequest, careful: boolean): Promise<PushOutcome> {
  // Taking the version locks hub_meta's row: pushes, re-scores and uploads run one after another from here.
  const version = await nextVersion(tx);
  // Read in a statement of its own, after the lock: with several hubs on one PostgreSQL, a statement that waited
  // for the lock still sees the database as it was when it began, i.e. without the push (of the same batch,
  // through another hub) that held the lock, and would apply that batch a second time.
  const [client] = await tx.query<{ user_id: number; last: number }>(
    'SELECT user_id, last_mutation_id::float8 AS last FROM clients WHERE client_id = $1',
    [request.clientId],
  );
  const head = { user_id: client ? Number(client.user_id) : null, last: client ? Number(client.last) : null };
  if (head.user_id !== null && head.user_id !== principal.userId)
    throw new HttpError(403, 'this clientId belongs to another user');
  const first = Number(head.last ?? 0);
  let last = first;
  const ids = [
    ...new Set(
      request.mutations.flatMap((m) =>
        m.kind === 'insight.put' ? [m.insight.id] : m.kind === 'insight.delete' ? [m.insightId] : [],
      ),
    ),
  ];
  const ctx: ApplyContext = {
    tx,
    principal,
    clientId: request.clientId,
    version,
    stored: await loadInsights(tx, ids),
    writes: new Map(),
    pending: [],
    ord: 0,
    affected: new Set(),
    conflicts: new Map(),
  };
  const results: MutationResult[] = [];
  let gap = false;
  for (const m of request.mutations) {
    if (m.mutationId <= last) {
      results.push({ mutationId: m.mutationId, status: 'skipped', reason: 'already applied' });
    } else if (gap || m.mutationId > last + 1) {
      gap = true;
      results.push({ mutationId: m.mutationId, status: 'deferred', reason: `waiting for mutation ${last + 1}` });
    } else {
      const issues = storableIssues(m);
      if (issues.length > 0) {
        results.push({
          mutationId: m.mutationId,
          status: 'rejected',
          reason: `the hub cannot store this: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        });
      } else {
        results.push(careful ? await applyGuarded(ctx, m) : await applyOne(ctx, m));
      }
      last = m.mutationId;
    }
  }
  const change: Change = { version };
  if (last !== first || head.user_id === null) {
    if (!careful) await storeInsights(ctx);
    await storeClient(ctx, last, [...ctx.affected]);
    change.client = { clientId: request.clientId, userId: principal.userId, lastMutationId: last };
    change.insights = [...ctx.writes.values()]
      .sort((a, b) => a.ord - b.ord)
      .map(({ insight }) => {
        const stored = ctx.stored.get(insight.id)!;
        return { insight, ownerUserId: stored.ownerUserId, teamId: stored.teamId };
      });
    change.conflicts = [...ctx.conflicts.values()];
  }
  const affectedAccountIds = [...ctx.affected].sort();
  return {
    change,
    response: {
      protocolVersion: PROTOCOL_VERSION,
      lastMutationId: last,
      results,
      rescoringAccountIds: affectedAccountIds,
    },
    affectedAccountIds,
  };
}

/**
 * `applyOne` and its writes behind a savepoint: when the database refuses them, they are undone (in the database
 * and in `ctx`) and the mutation is rejected with the database's error code (never its message: it may quote the
 * note).
 */
async function applyGuarded(ctx: ApplyContext, m: AnyMutation): Promise<MutationResult> {
  const insightId = m.kind === 'insight.put' ? m.insight.id : m.kind === 'insight.delete' ? m.insightId : null;
  const stored = insightId === null ? undefined : ctx.stored.get(insightId);
  const written = insightId === null ? undefined : ctx.writes.get(insightId);
  const conflicts = new Map(ctx.conflicts);
  await ctx.tx.query('SAVEPOINT mutation');
  try {
    const result = await applyOne(ctx, m);
    await storeInsights(ctx);
    await ctx.tx.query('RELEASE SAVEPOINT mutation');
    return result;
  } catch (error) {
    if (error instanceof HttpError) throw error;
    await ctx.tx.query('ROLLBACK TO SAVEPOINT mutation');
    ctx.pending = [];
    ctx.conflicts = conflicts;
    if (insightId !== null) {
      if (stored) ctx.stored.set(insightId, stored);
      else ctx.stored.delete(insightId);
      if (written) ctx.writes.set(insightId, written);
      else ctx.writes.delete(insightId);
    }
    const code = (error as { code?: unknown }).code;
    console.error(
      `hub: the database refused mutation ${m.mutationId} of client ${ctx.clientId}${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}; rejected it alone`,
    );
    return {
      mutationId: m.mutationId,
      status: 'rejected',
      reason: `the hub's database refused to store this${typeof code === 'string' ? ` (error ${code})` : ''}; nothing of it was kept`,
    };
  }
}

async function loadInsights(tx: Sql, ids: string[]): Promise<Map<string, StoredInsight>> {
  const map = new Map<string, StoredInsight>();
  if (ids.length === 0) return map;
  const rows = await tx.query<{
    id: string;
    data: Insight;
    owner_user_id: number;
    owner_email: string;
    team_id: number | null;
    updated_by_user: number;
    updated_by_client: string;
  }>(
    `SELECT i.id, i.data, i.owner_user_id, u.email AS owner_email, i.team_id, i.updated_by_user, i.updated_by_client
       FROM insights i JOIN users u ON u.id = i.owner_user_id WHERE i.id = ANY($1::text[])`,
    [ids],
  );
  for (const r of rows) {
    map.set(r.id, {
      data: r.data,
      ownerUserId: Number(r.owner_user_id),
      ownerEmail: r.owner_email,
      teamId: r.team_id === null ? null : Number(r.team_id),
      updatedByUser: Number(r.updated_by_user),
      updatedByClient: r.updated_by_client,
    });
  }
  return map;
}

interface ApplyContext {
  tx: Sql;
  principal: Principal;
  clientId: string;
  version: number;
  stored: Map<string, StoredInsight>;
  /** Insight rows written by this push, by id, with the position (write_ord) of their last write. */
  writes: Map<string, { insight: Insight; ord: number }>;
  /** Writes not yet sent to the database (`storeInsights`). */
  pending: { insight: Insight; ord: number }[];
  /** The next write_ord. */
  ord: number;
  affected: Set<string>;
  /** Conflict rows created or resolved, by id, as they stand after this push. */
  conflicts: Map<number, ConflictRecord>;
}

/** The owner may change their insight; a leader their team's and an admin any team-visible one, never a private one. */
function canEdit(p: Principal, s: StoredInsight): boolean {
  if (s.ownerUserId === p.userId) return true;
  if (s.data.visibility !== 'team') return false;
  return p.role === 'admin' || (p.role === 'leader' && p.teamId !== null && s.teamId === p.teamId);
}

async function applyOne(ctx: ApplyContext, m: AnyMutation): Promise<MutationResult> {
  const id = m.mutationId;
  if (m.kind === 'conflict.resolve') {
    const rows = await ctx.tx.query<ConflictRow>(
      `UPDATE conflicts SET resolved_at = now(), version = $1 WHERE id = $2 AND author_user_id = $3 AND resolved_at IS NULL
       RETURNING ${CONFLICT_COLUMNS}`,
      [ctx.version, m.conflictId, ctx.principal.userId],
    );
    for (const row of rows) ctx.conflicts.set(Number(row.id), conflictRecord(row));
    return rows.length > 0
      ? { mutationId: id, status: 'applied' }
      : { mutationId: id, status: 'rejected', reason: `no open conflict ${m.conflictId} of yours` };
  }
  const insightId = m.kind === 'insight.put' ? m.insight.id : m.insightId;
  const existing = ctx.stored.get(insightId);
  if (existing && !canEdit(ctx.principal, existing)) {
    return {
      mutationId: id,
      status: 'rejected',
      reason: `insight ${insightId} belongs to someone else; you may not change it`,
    };
  }
  let candidate: Insight;
  if (m.kind === 'insight.put') {
    if (m.insight.rev <= m.baseRev) {
      return { mutationId: id, status: 'rejected', reason: `rev ${m.insight.rev} must be above baseRev ${m.baseRev}` };
    }
    candidate = m.insight;
  } else {
    if (!existing) return { mutationId: id, status: 'rejected', reason: `unknown insight ${insightId}` };
    candidate = { ...existing.data, deletedAt: m.deletedAt, updatedAt: m.deletedAt, rev: m.baseRev + 1 };
  }
  // Who wrote a note is the token's user (its owner's, for an edit by a leader), never what the client says.
  candidate = { ...candidate, author: existing?.ownerEmail ?? ctx.principal.email };
  if (!existing || existing.data.rev === m.baseRev) {
    write(ctx, existing, candidate);
    return { mutationId: id, status: 'applied' };
  }
  const mine: VersionKey = { rev: candidate.rev, updatedAt: candidate.updatedAt, clientId: ctx.clientId };
  const theirs: VersionKey = {
    rev: existing.data.rev,
    updatedAt: existing.data.updatedAt,
    clientId: existing.updatedByClient,
  };
  const order = compareVersions(mine, theirs);
  if (order === 0) return { mutationId: id, status: 'skipped', reason: 'this version is stored already' };
  if (order > 0) {
    await recordConflict(
      ctx,
      insightId,
      existing.updatedByUser,
      existing.updatedByClient,
      existing.data,
      candidate.rev,
    );
    write(ctx, existing, candidate);
    return { mutationId: id, status: 'applied' };
  }
  const conflictId = await recordConflict(
    ctx,
    insightId,
    ctx.principal.userId,
    ctx.clientId,
    candidate,
    existing.data.rev,
  );
  return {
    mutationId: id,
    status: 'conflict',
    conflictId,
    reason: `edited concurrently; the version with rev ${existing.data.rev} won, yours is kept as conflict ${conflictId}`,
  };
}

/** Records a write in memory; `flush` stores them all. */
function write(ctx: ApplyContext, existing: StoredInsight | undefined, i: Insight): void {
  const p = ctx.principal;
  if (existing?.data.accountId) ctx.affected.add(existing.data.accountId);
  if (i.accountId) ctx.affected.add(i.accountId);
  ctx.stored.set(i.id, {
    data: i,
    ownerUserId: existing?.ownerUserId ?? p.userId,
    ownerEmail: existing?.ownerEmail ?? p.email,
    teamId: existing ? existing.teamId : p.teamId,
    updatedByUser: p.userId,
    updatedByClient: ctx.clientId,
  });
  const w = { insight: i, ord: ctx.ord++ };
  ctx.writes.set(i.id, w);
  ctx.pending.push(w);
}

/**
 * Stores the pending insight rows (new ones owned by the pusher and their team, existing ones keep owner and team)
 * in one statement.
 */
async function storeInsights(ctx: ApplyContext): Promise<void> {
  if (ctx.pending.length === 0) return;
  const rows = ctx.pending.map(({ insight: i, ord }) => ({
    id: i.id,
    account_id: i.accountId,
    type: i.type,
    status: i.status,
    visibility: i.visibility,
    rev: i.rev,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    deleted_at: i.deletedAt,
    data: i,
    ord,
  }));
  ctx.pending = [];
  await ctx.tx.query(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, account_id text, type text, status text, visibility text, rev int,
         created_at timestamptz, updated_at timestamptz, deleted_at timestamptz, data jsonb, ord int)
     )
     INSERT INTO insights (id, owner_user_id, team_id, account_id, type, status, visibility, rev, created_at, updated_at,
                           deleted_at, data, updated_by_user, updated_by_client, version, write_ord, shared_version)
     SELECT id, $2, $3, account_id, type, status, visibility, rev, created_at, updated_at, deleted_at, data, $2, $4, $5, ord,
            CASE WHEN visibility = 'team' THEN $5::bigint END FROM x
     ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, type = EXCLUDED.type, status = EXCLUDED.status,
       visibility = EXCLUDED.visibility, rev = EXCLUDED.rev, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
       deleted_at = EXCLUDED.deleted_at, data = EXCLUDED.data, updated_by_user = EXCLUDED.updated_by_user,
       updated_by_client = EXCLUDED.updated_by_client, version = EXCLUDED.version, write_ord = EXCLUDED.write_ord,
       shared_version = coalesce(insights.shared_version, EXCLUDED.shared_version)`,
    [JSON.stringify(rows), ctx.principal.userId, ctx.principal.teamId, ctx.clientId, ctx.version],
  );
}

/** Stores the client's position and the accounts to re-score (rescore_queue, drained by rescorer.ts). */
async function storeClient(ctx: ApplyContext, lastMutationId: number, accountIds: string[]): Promise<void> {
  await ctx.tx.query(
    `WITH client AS (
       INSERT INTO clients (client_id, user_id, last_mutation_id) VALUES ($1, $2, $3)
       ON CONFLICT (client_id) DO UPDATE SET last_mutation_id = EXCLUDED.last_mutation_id, last_seen_at = now()
       RETURNING 1
     ), queued AS (
       INSERT INTO rescore_queue (account_id) SELECT unnest($4::text[]) ON CONFLICT (account_id) DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM client)::int AS clients, (SELECT count(*) FROM queued)::int AS queued`,
    [ctx.clientId, ctx.principal.userId, lastMutationId, accountIds],
  );
}

async function recordConflict(
  ctx: ApplyContext,
  insightId: string,
  authorUserId: number,
  clientId: string,
  losing: Insight,
  winningRev: number,
): Promise<number> {
  // conflicts.insight_id is checked at commit (DEFERRABLE), when `flush` has written rows new in this push.
  const [row] = await ctx.tx.query<ConflictRow>(
    `INSERT INTO conflicts (insight_id, author_user_id, client_id, losing, winning_rev, version)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING ${CONFLICT_COLUMNS}`,
    [insightId, authorUserId, clientId, JSON.stringify(losing), winningRev, ctx.version],
  );
  const id = Number(row!.id);
  ctx.conflicts.set(id, conflictRecord(row!));
  return id;
}

/** A conflict row as pull.ts formats it (timestamps with the same SQL, so both agree to the millisecond). */
const CONFLICT_COLUMNS = `id, author_user_id, insight_id, losing, winning_rev, ${isoSql('created_at')} AS created_at, ${isoSql('resolved_at')} AS resolved_at`;

type ConflictRow = {
  id: number;
  author_user_id: number;
  insight_id: string;
  losing: Insight;
  winning_rev: number;
  created_at: string;
  resolved_at: string | null;
};

function conflictRecord(row: ConflictRow): ConflictRecord {
  return {
    id: Number(row.id),
    authorUserId: Number(row.author_user_id),
    insightId: row.insight_id,
    losing: row.losing,
    winningRev: Number(row.winning_rev),
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}
