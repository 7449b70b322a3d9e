/**
 * What a re-scoring run reads: the current snapshot's rows of the queued accounts and their shared insights
 * (team-visible, not deleted). From the database in one statement, or — with PGlite, where this process is the
 * only writer — from memory that follows every committed change (change-log.ts), asking the database only for
 * accounts it has not seen yet.
 *
 * Memory is only trusted while it has seen every change version since it loaded: a run whose version does not
 * follow the last one seen (a write memory did not see) or a change out of order empties it first.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import type { Change } from './change-log.ts';
import type { Sql } from './db/database.ts';

export interface RescoreInput {
  snapshotId: number;
  /** The queued accounts that are in the snapshot, with their current rows. */
  accounts: { id: string; data: ScoredAccount }[];
  /** Shared insights by account, ordered by id. */
  insights: Map<string, Insight[]>;
}

export interface RescoreReader {
  /** Reads for `accountIds` inside the run's transaction, which took change version `version`. */
  read(tx: Sql, version: number, accountIds: string[]): Promise<RescoreInput | null>;
  /** Follows a committed change (a change-log listener). */
  follow(change: Change): void;
}

const SHARED = `deleted_at IS NULL AND visibility = 'team'`;

/** Reads everything from the database (PostgreSQL, where other instances write too). */
export const databaseReader: RescoreReader = {
  async read(tx, _version, accountIds) {
    const [row] = await tx.query<{
      snapshot_id: number | null;
      accounts: { id: string; data: ScoredAccount }[];
      insights: Insight[];
    }>(
      `WITH head AS (SELECT max(id) AS id FROM snapshots)
         SELECT (SELECT id FROM head) AS snapshot_id,
                (SELECT coalesce(json_agg(json_build_object('id', account_id, 'data', data)), '[]') FROM snapshot_accounts
                  WHERE snapshot_id = (SELECT id FROM head) AND account_id = ANY($1::text[])) AS accounts,
                (SELECT coalesce(json_agg(data ORDER BY id), '[]') FROM insights
                  WHERE ${SHARED} AND account_id = ANY($1::text[])) AS insights`,
      [accountIds],
    );
    if (!row || row.snapshot_id === null) return null;
    const insights = new Map<string, Insight[]>();
    for (const insight of row.insights) {
      const list = insights.get(insight.accountId!);
      if (list) list.push(insight);
      else insights.set(insight.accountId!, [insight]);
    }
    return { snapshotId: Number(row.snapshot_id), accounts: row.accounts, insights };
  },
  follow: () => undefined,
};

/** Shared insights held in memory (about 1–2 KB each as objects) before it empties itself and refills account by account. */
const MAX_INSIGHTS = 50_000;

/** Reads from memory, filled from the database account by account (PGlite only; see the module comment). */
export function memoryReader(): RescoreReader {
  /** The last change version memory reflects; null when empty. */
  let seen: number | null = null;
  let headId: number | null | undefined;
  /** Rows of the head snapshot by account; null for an account not in it. */
  const accounts = new Map<string, ScoredAccount | null>();
  const shared = new Map<string, Map<string, Insight>>();
  const accountOf = new Map<string, string>();

  const empty = () => {
    seen = null;
    headId = undefined;
    accounts.clear();
    shared.clear();
    accountOf.clear();
  };
  const add = (insight: Insight) => {
    const list = shared.get(insight.accountId!);
    if (!list) return;
    list.set(insight.id, insight);
    accountOf.set(insight.id, insight.accountId!);
  };

  const follow = (change: Change) => {
    if (seen === null) return;
    if (change.version !== seen + 1) return empty();
    seen = change.version;
    for (const { insight } of change.insights ?? []) {
      const before = accountOf.get(insight.id);
      if (before !== undefined) {
        shared.get(before)?.delete(insight.id);
        accountOf.delete(insight.id);
      }
      if (insight.deletedAt === null && insight.visibility === 'team' && insight.accountId) add(insight);
    }
    if (change.snapshot) {
      headId = change.snapshot.id;
      accounts.clear();
      for (const a of change.snapshot.snapshot.accounts) accounts.set(a.id, a);
    }
    if (change.accounts && change.accounts.snapshotId === headId) {
      for (const a of change.accounts.accounts) accounts.set(a.id, a);
    }
    if (accountOf.size > MAX_INSIGHTS) empty();
  };

  return {
    follow(change) {
      try {
        follow(change);
      } catch (error) {
        console.error('hub: re-scoring memory could not follow a change; emptied:', error);
        empty();
      }
    },
    async read(tx, version, accountIds) {
      if (seen !== version - 1) empty();
      seen = version - 1;
      if (headId === undefined) {
        const [head] = await tx.query<{ id: number | null }>('SELECT max(id) AS id FROM snapshots');
        headId = head?.id == null ? null : Number(head.id);
      }
      if (headId === null) return null;
      const missing = accountIds.filter((id) => !accounts.has(id) || !shared.has(id));
      if (missing.length > 0) {
        const [row] = await tx.query<{ accounts: { id: string; data: ScoredAccount }[]; insights: Insight[] }>(
          `SELECT (SELECT coalesce(json_agg(json_build_object('id', account_id, 'data', data)), '[]') FROM snapshot_accounts
                    WHERE snapshot_id = $2 AND account_id = ANY($1::text[])) AS accounts,
                  (SELECT coalesce(json_agg(data), '[]') FROM insights WHERE ${SHARED} AND account_id = ANY($1::text[])) AS insights`,
          [missing, headId],
        );
        for (const id of missing) {
          accounts.set(id, null);
          shared.set(id, new Map());
        }
        for (const a of row?.accounts ?? []) accounts.set(a.id, a.data);
        for (const insight of row?.insights ?? []) add(insight);
      }
      const input: RescoreInput = { snapshotId: headId, accounts: [], insights: new Map() };
      for (const id of accountIds) {
        const data = accounts.get(id);
        if (data) input.accounts.push({ id, data });
        const list = [...shared.get(id)!.values()];
        if (list.length > 0)
          input.insights.set(
            id,
            list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
          );
      }
      return input;
    },
  };
}
