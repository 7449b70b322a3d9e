/**
 * Applying a pull to the local store. Order matters for resuming: the snapshot first (so pulled insights find
 * their accounts), then insights, revocations and conflicts, and the cursor last. A service worker stopped
 * half-way leaves the old cursor, the next pull brings the same changes again, and every step here is an upsert
 * or a delete that gives the same result twice.
 *
 * Insights from the hub are written as they are, without outbox rows (they are the hub's already). One exception:
 * an insight with an edit of this device still queued keeps the local version; the hub decides between the two
 * when that edit arrives, and the loser comes back as a conflict. Nothing is silently overwritten.
 */
import type { Insight } from '../engine/insight.ts';
import { buildAccountIndex } from '../match/index.ts';
import { dismissConflict, listConflicts, recordConflict } from '../store/conflicts.ts';
import { setMeta } from '../store/meta.ts';
import type { Db } from '../store/open.ts';
import { getSnapshotMeta, storeSnapshot } from '../store/snapshot.ts';
import { CURRENT } from '../store/schema.ts';
import type { PullResponse, SnapshotChange } from './protocol.ts';

export interface PullSummary {
  /** Insights written (new or changed). */
  insights: number;
  /** Insights left as they are because a local edit of them is still queued. */
  keptLocal: number;
  revoked: number;
  /** Conflicts newly kept for the rep, and ones the hub reports resolved (dismissed here). */
  conflicts: number;
  resolvedConflicts: number;
  snapshot: 'full' | 'delta' | null;
  /** True when the model changed without a new snapshot (the stored snapshot document was updated in place). */
  modelChanged: boolean;
  /** Accounts whose scores the pull replaced. */
  accounts: number;
  cursor: string;
}

/** The `source` a hub snapshot is stored with: it remembers which hub snapshot the local accounts belong to. */
export function hubSnapshotSource(snapshotId: number): string {
  return `hub#${snapshotId}`;
}

/** The hub snapshot id the stored snapshot came from, or null for an imported or locally scored one. */
export async function storedHubSnapshotId(db: Db): Promise<number | null> {
  const match = /^hub#(\d+)$/.exec((await getSnapshotMeta(db)).value?.source ?? '');
  return match ? Number(match[1]) : null;
}

/** Thrown when a delta refers to a snapshot this device does not hold: pull again without a cursor. */
export class SnapshotMismatchError extends Error {
  constructor(readonly snapshotId: number) {
    super(`applyPull: the delta is for hub snapshot ${snapshotId}, which this device does not hold`);
    this.name = 'SnapshotMismatchError';
  }
}

/**
 * Writes a pull's changes and then its cursor.
 * @throws {SnapshotMismatchError} before writing anything when a delta does not fit the stored snapshot
 * @throws {StoreError} when the pulled snapshot cannot be stored (nothing after it is written)
 */
export async function applyPull(db: Db, pull: PullResponse, now = new Date()): Promise<PullSummary> {
  const summary: PullSummary = {
    insights: 0,
    keptLocal: 0,
    revoked: 0,
    conflicts: 0,
    resolvedConflicts: 0,
    snapshot: pull.snapshot?.kind ?? null,
    modelChanged: false,
    accounts: 0,
    cursor: pull.cursor,
  };
  if (pull.snapshot) summary.accounts = await applySnapshot(db, pull.snapshot, now);
  else if (pull.model) summary.modelChanged = await applyModel(db, pull.model);

  // The queued ids are read in the transaction that writes: an edit saved in between (its outbox row and insight
  // commit together) either is seen here and kept, or waits for this transaction to end.
  const tx = db.transaction(['insights', 'outbox'], 'readwrite');
  const queued = await queuedInsightIds(tx.objectStore('outbox'));
  for (const insight of pull.insights) {
    if (queued.has(insight.id)) {
      summary.keptLocal++;
      continue;
    }
    const insights = tx.objectStore('insights');
    if (!sameVersion((await insights.get(insight.id)) as Insight | undefined, insight)) {
      await insights.put(insight);
      summary.insights++;
    }
  }
  for (const id of pull.revokedInsightIds) {
    if (queued.has(id) || (await tx.objectStore('insights').getKey(id)) === undefined) continue;
    await tx.objectStore('insights').delete(id);
    summary.revoked++;
  }
  await tx.done;

  for (const conflict of pull.conflicts) {
    const kept = (await listConflicts(db, conflict.insightId)).items.filter(
      (c) => c.losing.rev === conflict.losing.rev && c.losing.updatedAt === conflict.losing.updatedAt,
    );
    if (conflict.resolvedAt !== null) {
      for (const c of kept) await dismissConflict(db, c.id!);
      summary.resolvedConflicts += kept.length;
    } else if (kept.length === 0) {
      await recordConflict(
        db,
        {
          insightId: conflict.insightId,
          accountId: conflict.losing.accountId,
          losing: conflict.losing,
          winningRev: conflict.winningRev,
          hubId: conflict.id,
        },
        now,
      );
      summary.conflicts++;
    }
  }
  await setMeta(db, 'syncCursor', pull.cursor);
  return summary;
}

async function applySnapshot(db: Db, change: SnapshotChange, now: Date): Promise<number> {
  if (change.kind === 'full') {
    const index = buildAccountIndex(change.snapshot.accounts);
    await storeSnapshot(db, change.snapshot, index, { source: hubSnapshotSource(change.snapshotId), now });
    return change.snapshot.accounts.length;
  }
  if ((await storedHubSnapshotId(db)) !== change.snapshotId) throw new SnapshotMismatchError(change.snapshotId);
  const tx = db.transaction('accounts', 'readwrite');
  for (const account of change.accounts) {
    if ((await tx.store.getKey(account.id)) === undefined) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new SnapshotMismatchError(change.snapshotId);
    }
  }
  // Re-scoring changes scores, never names, domains or CRM ids, so the account index stays as it is.
  await Promise.all([...change.accounts.map((a) => tx.store.put(a)), tx.done]);
  return change.accounts.length;
}

/** A model change without a new snapshot (the hub re-scores on model changes, so this only catches up the doc). */
async function applyModel(db: Db, model: NonNullable<PullResponse['model']>): Promise<boolean> {
  const tx = db.transaction('snapshot', 'readwrite');
  const stored = await tx.store.get(CURRENT);
  const changed = stored !== undefined && JSON.stringify(stored.snapshot.model) !== JSON.stringify(model);
  if (changed) await tx.store.put({ ...stored, snapshot: { ...stored.snapshot, model } }, CURRENT);
  await tx.done;
  return changed;
}

/** The insights with a change still queued in `outbox` (read inside the caller's transaction). */
export async function queuedInsightIds(outbox: { openCursor(): Promise<OutboxCursor | null> }): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor = await outbox.openCursor();
  while (cursor) {
    const m = (cursor.value as { mutation?: { kind?: string; insight?: { id?: string }; insightId?: string } })
      .mutation;
    const id = m?.kind === 'insight.put' ? m.insight?.id : m?.insightId;
    if (typeof id === 'string') ids.add(id);
    cursor = await cursor.continue();
  }
  return ids;
}

interface OutboxCursor {
  value: unknown;
  continue(): Promise<OutboxCursor | null>;
}

function sameVersion(stored: Insight | undefined, pulled: Insight): boolean {
  return stored !== undefined && stored.rev === pulled.rev && stored.updatedAt === pulled.updatedAt;
}
