/**
 * Answering a pull (contract in lib/sync/protocol.ts). Reads the change version V first and then only rows with
 * version ≤ V: writers are serialised on the version (db/migrations.ts), so every such row is committed and a row
 * committed meanwhile comes with the next pull instead of being skipped.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { Conflict, PullQuery, PullResponse, SnapshotChange } from '../../lib/sync/protocol.ts';
import { PROTOCOL_VERSION } from '../../lib/sync/protocol.ts';
import type { Sql } from './db/database.ts';
import { iso, isoOrNull } from './db/database.ts';
import { currentVersion } from './db/migrations.ts';
import { HttpError } from './http-error.ts';
import { changedAccounts, loadCurrentSnapshot } from './snapshots.ts';
import type { Principal } from './users.ts';
import { visibleInsights } from './visibility.ts';

export async function pull(db: Sql, principal: Principal, query: PullQuery): Promise<PullResponse> {
  const upTo = await currentVersion(db);
  let after = query.cursor === undefined ? 0 : Number(query.cursor);
  const reset = after > upTo;
  if (reset) after = 0;

  const [client] = await db.query<{ user_id: number; last: number }>(
    'SELECT user_id, last_mutation_id::float8 AS last FROM clients WHERE client_id = $1',
    [query.clientId],
  );
  if (client && Number(client.user_id) !== principal.userId) throw new HttpError(403, 'this clientId belongs to another user');

  const visible = visibleInsights(principal, 3);
  const insights = await db.query<{ data: Insight }>(
    `SELECT i.data FROM insights i WHERE i.version > $1 AND i.version <= $2 AND ${visible.sql} ORDER BY i.version, i.write_seq`,
    [after, upTo, ...visible.params],
  );
  const revoked =
    after > 0 && principal.role === 'rep' && principal.teamId !== null
      ? await db.query<{ id: string }>(
          `SELECT i.id FROM insights i WHERE i.version > $1 AND i.version <= $2 AND i.team_id = $3
              AND i.visibility = 'private' AND i.owner_user_id <> $4 ORDER BY i.id`,
          [after, upTo, principal.teamId, principal.userId],
        )
      : [];
  const conflicts = await db.query<{ id: number; insight_id: string; losing: Insight; winning_rev: number; created_at: Date; resolved_at: Date | null }>(
    `SELECT id, insight_id, losing, winning_rev, created_at, resolved_at FROM conflicts
      WHERE author_user_id = $1 AND version > $2 AND version <= $3 ORDER BY id`,
    [principal.userId, after, upTo],
  );

  const current = await loadSnapshotChange(db, after, upTo);
  return {
    protocolVersion: PROTOCOL_VERSION,
    cursor: String(upTo),
    reset,
    lastMutationId: client ? Number(client.last) : 0,
    insights: insights.map((r) => r.data),
    revokedInsightIds: revoked.map((r) => r.id),
    conflicts: conflicts.map(
      (c): Conflict => ({
        id: Number(c.id),
        insightId: c.insight_id,
        losing: c.losing,
        winningRev: Number(c.winning_rev),
        createdAt: iso(c.created_at),
        resolvedAt: isoOrNull(c.resolved_at),
      }),
    ),
    snapshot: current.change,
    model: current.model,
  };
}

async function loadSnapshotChange(db: Sql, after: number, upTo: number): Promise<{ change: SnapshotChange | null; model: PullResponse['model'] }> {
  const [head] = await db.query<{ id: number; created_version: number; model: PullResponse['model'] }>(
    `SELECT id, created_version::float8 AS created_version, meta->'model' AS model FROM snapshots
      WHERE created_version <= $1 ORDER BY id DESC LIMIT 1`,
    [upTo],
  );
  if (!head) return { change: null, model: null };
  const id = Number(head.id);
  if (Number(head.created_version) > after) {
    const stored = await loadCurrentSnapshot(db, upTo);
    return { change: stored && { kind: 'full', snapshotId: stored.id, snapshot: stored.snapshot }, model: head.model };
  }
  const accounts = await changedAccounts(db, id, after, upTo);
  return { change: accounts.length > 0 ? { kind: 'delta', snapshotId: id, accounts } : null, model: head.model };
}
