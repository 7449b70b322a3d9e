/**
 * Applying a push (see lib/sync/protocol.ts for the contract). The whole batch runs in one transaction: a hub
 * killed half-way has stored none of it, the client sends it again, and mutation ids make the replay harmless.
 *
 * Concurrent edits: an `insight.put` names the rev it started from (baseRev). When the stored rev differs, two
 * devices edited the same insight; the winner is the version with the higher rev, then the later updatedAt, then
 * the higher clientId (`compareVersions`), so every arrival order ends in the same state. The loser is kept in
 * `conflicts` for its author, who sees it at the next pull: nothing is silently overwritten.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { AnyMutation, MutationResult, PushRequest, PushResponse } from '../../lib/sync/protocol.ts';
import { PROTOCOL_VERSION } from '../../lib/sync/protocol.ts';
import type { Database, Sql } from './db/database.ts';
import { nextVersion } from './db/migrations.ts';
import { HttpError } from './http-error.ts';
import type { Principal } from './users.ts';

interface StoredInsight {
  data: Insight;
  ownerUserId: number;
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
}

/**
 * Applies `request` for `principal` in one transaction.
 * @throws {HttpError} 403 when the clientId is registered to another user
 */
export async function applyPush(db: Database, principal: Principal, request: PushRequest): Promise<PushOutcome> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    let last = await claimClient(tx, principal, request.clientId);
    const ids = [...new Set(request.mutations.flatMap((m) => (m.kind === 'insight.put' ? [m.insight.id] : m.kind === 'insight.delete' ? [m.insightId] : [])))];
    const stored = await loadInsights(tx, ids);
    const affected = new Set<string>();
    const results: MutationResult[] = [];
    const ctx: ApplyContext = { tx, principal, clientId: request.clientId, version, stored, affected };
    let gap = false;
    for (const m of request.mutations) {
      if (m.mutationId <= last) {
        results.push({ mutationId: m.mutationId, status: 'skipped', reason: 'already applied' });
      } else if (gap || m.mutationId > last + 1) {
        gap = true;
        results.push({ mutationId: m.mutationId, status: 'deferred', reason: `waiting for mutation ${last + 1}` });
      } else {
        results.push(await applyOne(ctx, m));
        last = m.mutationId;
      }
    }
    await tx.query('UPDATE clients SET last_mutation_id = $1, last_seen_at = now() WHERE client_id = $2', [last, request.clientId]);
    return {
      response: { protocolVersion: PROTOCOL_VERSION, lastMutationId: last, results, rescoredAccountIds: [] },
      affectedAccountIds: [...affected].sort(),
    };
  });
}

/** Registers the client to the principal on first sight; returns its last mutation id. */
export async function claimClient(tx: Sql, principal: Principal, clientId: string): Promise<number> {
  const [row] = await tx.query<{ user_id: number; last: number }>(
    'SELECT user_id, last_mutation_id::float8 AS last FROM clients WHERE client_id = $1',
    [clientId],
  );
  if (!row) {
    await tx.query('INSERT INTO clients (client_id, user_id) VALUES ($1, $2)', [clientId, principal.userId]);
    return 0;
  }
  if (Number(row.user_id) !== principal.userId) throw new HttpError(403, 'this clientId belongs to another user');
  return Number(row.last);
}

async function loadInsights(tx: Sql, ids: string[]): Promise<Map<string, StoredInsight>> {
  const map = new Map<string, StoredInsight>();
  if (ids.length === 0) return map;
  const rows = await tx.query<{ id: string; data: Insight; owner_user_id: number; team_id: number | null; updated_by_user: number; updated_by_client: string }>(
    'SELECT id, data, owner_user_id, team_id, updated_by_user, updated_by_client FROM insights WHERE id = ANY($1::text[])',
    [ids],
  );
  for (const r of rows) {
    map.set(r.id, {
      data: r.data,
      ownerUserId: Number(r.owner_user_id),
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
  affected: Set<string>;
}

function canEdit(p: Principal, s: StoredInsight): boolean {
  if (p.role === 'admin' || s.ownerUserId === p.userId) return true;
  return p.role === 'leader' && p.teamId !== null && s.teamId === p.teamId;
}

async function applyOne(ctx: ApplyContext, m: AnyMutation): Promise<MutationResult> {
  const id = m.mutationId;
  if (m.kind === 'conflict.resolve') {
    const rows = await ctx.tx.query(
      'UPDATE conflicts SET resolved_at = now(), version = $1 WHERE id = $2 AND author_user_id = $3 AND resolved_at IS NULL RETURNING id',
      [ctx.version, m.conflictId, ctx.principal.userId],
    );
    return rows.length > 0
      ? { mutationId: id, status: 'applied' }
      : { mutationId: id, status: 'rejected', reason: `no open conflict ${m.conflictId} of yours` };
  }
  const insightId = m.kind === 'insight.put' ? m.insight.id : m.insightId;
  const existing = ctx.stored.get(insightId);
  if (existing && !canEdit(ctx.principal, existing)) {
    return { mutationId: id, status: 'rejected', reason: `insight ${insightId} belongs to someone else; you may not change it` };
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
  if (!existing) {
    await insertInsight(ctx, candidate);
    return { mutationId: id, status: 'applied' };
  }
  if (existing.data.rev === m.baseRev) {
    await updateInsight(ctx, existing, candidate);
    return { mutationId: id, status: 'applied' };
  }
  const mine: VersionKey = { rev: candidate.rev, updatedAt: candidate.updatedAt, clientId: ctx.clientId };
  const theirs: VersionKey = { rev: existing.data.rev, updatedAt: existing.data.updatedAt, clientId: existing.updatedByClient };
  const order = compareVersions(mine, theirs);
  if (order === 0) return { mutationId: id, status: 'skipped', reason: 'this version is stored already' };
  if (order > 0) {
    await recordConflict(ctx, insightId, existing.updatedByUser, existing.updatedByClient, existing.data, candidate.rev);
    await updateInsight(ctx, existing, candidate);
    return { mutationId: id, status: 'applied' };
  }
  const conflictId = await recordConflict(ctx, insightId, ctx.principal.userId, ctx.clientId, candidate, existing.data.rev);
  return {
    mutationId: id,
    status: 'conflict',
    conflictId,
    reason: `edited concurrently; the version with rev ${existing.data.rev} won, yours is kept as conflict ${conflictId}`,
  };
}

function columns(i: Insight): unknown[] {
  return [i.accountId, i.type, i.status, i.visibility, i.rev, i.createdAt, i.updatedAt, i.deletedAt, JSON.stringify(i)];
}

async function insertInsight(ctx: ApplyContext, i: Insight): Promise<void> {
  const p = ctx.principal;
  await ctx.tx.query(
    `INSERT INTO insights (id, owner_user_id, team_id, account_id, type, status, visibility, rev, created_at, updated_at,
                           deleted_at, data, updated_by_user, updated_by_client, version, write_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $2, $13, $14, nextval('insight_write_seq'))`,
    [i.id, p.userId, p.teamId, ...columns(i), ctx.clientId, ctx.version],
  );
  ctx.stored.set(i.id, { data: i, ownerUserId: p.userId, teamId: p.teamId, updatedByUser: p.userId, updatedByClient: ctx.clientId });
  if (i.accountId) ctx.affected.add(i.accountId);
}

async function updateInsight(ctx: ApplyContext, existing: StoredInsight, i: Insight): Promise<void> {
  await ctx.tx.query(
    `UPDATE insights SET account_id = $2, type = $3, status = $4, visibility = $5, rev = $6, created_at = $7,
            updated_at = $8, deleted_at = $9, data = $10::jsonb, updated_by_user = $11, updated_by_client = $12,
            version = $13, write_seq = nextval('insight_write_seq')
      WHERE id = $1`,
    [i.id, ...columns(i), ctx.principal.userId, ctx.clientId, ctx.version],
  );
  if (existing.data.accountId) ctx.affected.add(existing.data.accountId);
  if (i.accountId) ctx.affected.add(i.accountId);
  Object.assign(existing, { data: i, updatedByUser: ctx.principal.userId, updatedByClient: ctx.clientId });
}

async function recordConflict(
  ctx: ApplyContext,
  insightId: string,
  authorUserId: number,
  clientId: string,
  losing: Insight,
  winningRev: number,
): Promise<number> {
  const [row] = await ctx.tx.query<{ id: number }>(
    `INSERT INTO conflicts (insight_id, author_user_id, client_id, losing, winning_rev, version)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING id`,
    [insightId, authorUserId, clientId, JSON.stringify(losing), winningRev, ctx.version],
  );
  return Number(row!.id);
}
