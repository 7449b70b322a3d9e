/**
 * The hub's scoring snapshots: one row per snapshot (everything but the accounts, in `meta`), one row per account
 * with its own change version (so a pull can send only re-scored accounts), and a score history row per account
 * and change (for "biggest movers since last month").
 */
import type { ScoredAccount, Snapshot } from '../../lib/engine/snapshot.ts';
import type { SnapshotV2 } from '../../lib/engine/snapshot-v2.ts';
import { parseSnapshot } from '../../lib/engine/snapshot.ts';
import type { Database, Sql } from './db/database.ts';
import { nextVersion } from './db/migrations.ts';

export interface StoredSnapshot {
  id: number;
  createdVersion: number;
  snapshot: Snapshot;
}

type Meta = Omit<Snapshot, 'accounts'>;

/** Stores `snapshot` (v1, or the compact v2 it is expanded from) as the new current one, with a score history entry per account. */
export async function storeSnapshot(
  db: Database,
  snapshot: Snapshot | SnapshotV2,
  datasetId: number | null,
): Promise<StoredSnapshot> {
  const { accounts, ...meta } = parseSnapshot(snapshot);
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO snapshots (dataset_id, meta, created_version) VALUES ($1, $2::jsonb, $3) RETURNING id',
      [datasetId, JSON.stringify(meta), version],
    );
    const id = Number(row!.id);
    // Multi-row inserts in chunks: one round trip per 500 accounts instead of one per account.
    for (let start = 0; start < accounts.length; start += 500) {
      const chunk = accounts.slice(start, start + 500);
      const params: unknown[] = [];
      const values = chunk.map((a, k) => {
        params.push(a.id, start + k, a.name, a.valueScore, a.segment, JSON.stringify(a));
        const b = k * 6;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`;
      });
      await tx.query(
        `INSERT INTO snapshot_accounts (account_id, ord, name, value_score, segment, data, snapshot_id, version)
         SELECT v.account_id, v.ord::int, v.name, v.value_score::real, v.segment, v.data::json, $${params.length + 1}::int, $${params.length + 2}::bigint
           FROM (VALUES ${values.join(', ')}) AS v(account_id, ord, name, value_score, segment, data)`,
        [...params, id, version],
      );
      await recordHistory(tx, id, chunk, 'dataset');
    }
    return { id, createdVersion: version, snapshot: { ...meta, accounts } };
  });
}

async function recordHistory(
  tx: Sql,
  snapshotId: number,
  accounts: ScoredAccount[],
  cause: 'dataset' | 'insights',
): Promise<void> {
  if (accounts.length === 0) return;
  await tx.query(
    `INSERT INTO score_history (snapshot_id, account_id, value_score, segment, cause)
     SELECT $1, a, s, g, $5 FROM unnest($2::text[], $3::real[], $4::text[]) AS u(a, s, g)`,
    [snapshotId, accounts.map((a) => a.id), accounts.map((a) => a.valueScore), accounts.map((a) => a.segment), cause],
  );
}

/**
 * Snapshot `id` with all its accounts as they stand now.
 * @throws {Error} when there is no such snapshot
 */
export async function loadSnapshot(db: Sql, id: number): Promise<StoredSnapshot> {
  const [row] = await db.query<{ id: number; meta: Meta; created_version: number }>(
    'SELECT id, meta, created_version::float8 AS created_version FROM snapshots WHERE id = $1',
    [id],
  );
  if (!row) throw new Error(`loadSnapshot: no snapshot ${id}`);
  const accounts = await db.query<{ data: ScoredAccount }>(
    'SELECT data FROM snapshot_accounts WHERE snapshot_id = $1 ORDER BY ord',
    [row.id],
  );
  return {
    id: Number(row.id),
    createdVersion: Number(row.created_version),
    snapshot: { ...row.meta, accounts: accounts.map((a) => a.data) },
  };
}

/**
 * Replaces accounts of snapshot `snapshotId` inside a write transaction (the caller took `version`), recording
 * a history entry for each whose score or segment moved. One statement for any number of accounts.
 */
export async function replaceAccounts(
  tx: Sql,
  snapshotId: number,
  version: number,
  accounts: { before: ScoredAccount; after: ScoredAccount }[],
): Promise<void> {
  if (accounts.length === 0) return;
  // The accounts' JSON as one json array (elements are stored as sent, never parsed into jsonb), paired with the
  // other columns by position: a json[] parameter would escape every quote of ~5 KB per account twice over.
  await tx.query(
    `WITH x AS (
       SELECT r.account_id, r.name, r.value_score, r.segment, r.moved, d.value AS data
         FROM unnest($1::text[], $4::text[], $5::real[], $6::text[], $8::boolean[]) WITH ORDINALITY
              AS r(account_id, name, value_score, segment, moved, n)
         JOIN json_array_elements($7::json) WITH ORDINALITY AS d(value, n) ON d.n = r.n
     ), up AS (
       UPDATE snapshot_accounts sa SET name = x.name, value_score = x.value_score, segment = x.segment, data = x.data, version = $3
         FROM x WHERE sa.snapshot_id = $2 AND sa.account_id = x.account_id
       RETURNING 1
     ), history AS (
       INSERT INTO score_history (snapshot_id, account_id, value_score, segment, cause)
       SELECT $2, account_id, value_score, segment, 'insights' FROM x WHERE moved
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM up)::int AS updated, (SELECT count(*) FROM history)::int AS recorded`,
    [
      accounts.map((a) => a.after.id),
      snapshotId,
      version,
      accounts.map((a) => a.after.name),
      accounts.map((a) => a.after.valueScore),
      accounts.map((a) => a.after.segment),
      `[${accounts.map((a) => JSON.stringify(a.after)).join(',')}]`,
      accounts.map((a) => a.before.valueScore !== a.after.valueScore || a.before.segment !== a.after.segment),
    ],
  );
}
