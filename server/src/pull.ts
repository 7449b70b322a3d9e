/**
 * Answering a pull (contract in lib/sync/protocol.ts) from the database. With PGlite most pulls are answered from
 * memory instead (change-log.ts), which must give the same answer; this path serves the rest (first pulls of old
 * history, resets) and every pull on PostgreSQL. One SQL statement: one statement sees one consistent
 * view of the database, and since writers take versions one after another (db/migrations.ts), the version it
 * reads covers exactly the rows it returns. Only a full snapshot (after a new dataset) needs a second query.
 * (That second query may see accounts re-scored after the first one; they come again as a delta: harmless.)
 */
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import type { PullQuery, PullResponse } from '../../lib/sync/protocol.ts';
import { PROTOCOL_VERSION } from '../../lib/sync/protocol.ts';
import type { Sql } from './db/database.ts';
import { HttpError } from './http-error.ts';
import { quotedInsights, quotesInsights, visibleToPrincipal, type InsightOwner } from './redact.ts';
import type { Principal } from './users.ts';
import { visibleInsights } from './visibility.ts';

type PullRow = {
  up_to: number;
  client_user: number | null;
  last: number | null;
  insights: string;
  revoked: string;
  conflicts: string;
  head_id: number | null;
  head_version: number | null;
  model: string | null;
  changed: string;
};

/** SQL for column `column` as an ISO 8601 UTC timestamp with milliseconds, as JavaScript's toISOString writes it. */
export const isoSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The pull's answer as JSON text. The stored documents (insights, accounts, the snapshot) are already JSON in the
 * database: they are aggregated and serialised there and spliced into the answer as text, never parsed and
 * re-serialised here, which keeps a pull cheap however much it carries.
 */
export async function pullJson(db: Sql, principal: Principal, query: PullQuery): Promise<string> {
  const after = query.cursor === undefined ? 0 : Number(query.cursor);
  const visible = visibleInsights(principal, 6);
  // Notes that turned private leave the view of those who could have pulled them (change-log.ts `revokedFor`).
  const revokes = after > 0;
  const [row] = await db.query<PullRow>(
    `WITH head AS (SELECT id, created_version, meta->'model' AS model FROM snapshots ORDER BY id DESC LIMIT 1)
     SELECT
       (SELECT version::float8 FROM hub_meta WHERE id = 1) AS up_to,
       c.user_id AS client_user, c.last_mutation_id::float8 AS last,
       (SELECT coalesce(json_agg(i.data ORDER BY i.version, i.write_ord), '[]')::text FROM insights i
         WHERE i.version > $2 AND ${visible.sql}) AS insights,
       (SELECT coalesce(json_agg(i.id ORDER BY i.id), '[]')::text FROM insights i
         WHERE $3 AND i.version > $2 AND i.visibility = 'private' AND i.owner_user_id <> $5 AND i.shared_version <= $2
           AND (i.team_id = $4 OR ${principal.role === 'admin' ? 'TRUE' : 'FALSE'})) AS revoked,
       (SELECT coalesce(json_agg(json_build_object('id', k.id, 'insightId', k.insight_id, 'losing', k.losing, 'winningRev', k.winning_rev,
                 'createdAt', ${isoSql('k.created_at')}, 'resolvedAt', ${isoSql('k.resolved_at')}) ORDER BY k.id), '[]')::text
          FROM conflicts k WHERE k.author_user_id = $5 AND k.version > $2) AS conflicts,
       h.id AS head_id, h.created_version::float8 AS head_version, h.model::text AS model,
       (SELECT coalesce(json_agg(sa.data ORDER BY sa.ord), '[]')::text FROM snapshot_accounts sa
         WHERE sa.snapshot_id = h.id AND h.created_version <= $2 AND sa.version > $2) AS changed
     FROM (SELECT 1) AS one LEFT JOIN clients c ON c.client_id = $1 LEFT JOIN head h ON TRUE`,
    [query.clientId, after, revokes, principal.teamId ?? 0, principal.userId, ...visible.params],
  );
  if (!row) throw new Error('pull: the statement returned no row');
  const upTo = Number(row.up_to);
  if (after > upTo)
    return (await pullJson(db, principal, { clientId: query.clientId })).replace('"reset":false', '"reset":true');
  if (row.client_user !== null && Number(row.client_user) !== principal.userId)
    throw new HttpError(403, 'this clientId belongs to another user');

  let snapshot = 'null';
  if (row.head_id !== null && Number(row.head_version) > after) {
    const full = await snapshotJson(db, Number(row.head_id));
    snapshot = `{"kind":"full","snapshotId":${Number(row.head_id)},"snapshot":${full.meta.slice(0, -1)},"accounts":${await redacted(db, principal, full.accounts)}}}`;
  } else if (row.head_id !== null && row.changed !== '[]') {
    snapshot = `{"kind":"delta","snapshotId":${Number(row.head_id)},"accounts":${await redacted(db, principal, row.changed)}}`;
  }
  return (
    `{"protocolVersion":${PROTOCOL_VERSION},"cursor":"${upTo}","reset":false,"lastMutationId":${Number(row.last ?? 0)},` +
    `"insights":${row.insights},"revokedInsightIds":${row.revoked},"conflicts":${row.conflicts},` +
    `"snapshot":${snapshot},"model":${row.model ?? 'null'}}`
  );
}

/** Snapshot `id` as JSON text: its meta (without accounts) and its accounts as they stand now. */
async function snapshotJson(db: Sql, id: number): Promise<{ meta: string; accounts: string }> {
  const [row] = await db.query<{ meta: string; accounts: string }>(
    `SELECT s.meta::text AS meta,
            coalesce((SELECT json_agg(sa.data ORDER BY sa.ord) FROM snapshot_accounts sa WHERE sa.snapshot_id = s.id)::text, '[]') AS accounts
       FROM snapshots s WHERE s.id = $1`,
    [id],
  );
  if (!row) throw new Error(`pull: snapshot ${id} vanished`);
  return row;
}

/** Accounts (a JSON array) as `principal` may receive them: see redact.ts. Parsed only when they quote notes. */
async function redacted(db: Sql, principal: Principal, accounts: string): Promise<string> {
  if (principal.role === 'admin' || !quotesInsights(accounts)) return accounts;
  const parsed = JSON.parse(accounts) as ScoredAccount[];
  const owners = await insightOwners(db, quotedInsights(parsed));
  return JSON.stringify(parsed.map((a) => visibleToPrincipal(a, principal, (id) => owners.get(id))));
}

/** Who owns the insights `ids` (those that exist). */
export async function insightOwners(db: Sql, ids: readonly string[]): Promise<Map<string, InsightOwner>> {
  const rows =
    ids.length === 0
      ? []
      : await db.query<{ id: string; owner_user_id: number; team_id: number | null; visibility: 'private' | 'team' }>(
          'SELECT id, owner_user_id, team_id, visibility FROM insights WHERE id = ANY($1::text[])',
          [ids],
        );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ownerUserId: Number(r.owner_user_id),
        teamId: r.team_id === null ? null : Number(r.team_id),
        visibility: r.visibility,
      },
    ]),
  );
}

/** The pull's answer as an object (for callers in this process; the route sends `pullJson`'s text). */
export async function pull(db: Sql, principal: Principal, query: PullQuery): Promise<PullResponse> {
  return JSON.parse(await pullJson(db, principal, query)) as PullResponse;
}
