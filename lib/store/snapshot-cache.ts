/**
 * The stored snapshot's document (without its accounts) and account index, loaded once per service-worker life and
 * kept until a new snapshot is stored: lib/store announces that on a BroadcastChannel (index.ts subscribes). Lookups
 * and the local re-score after a capture read from here instead of reading the large records on every message.
 */
import type { Snapshot } from '../engine/snapshot.ts';
import type { AccountIndex } from '../match/index.ts';
import type { Db } from './open.ts';
import { getAccountIndex } from './snapshot.ts';

export interface CachedSnapshot {
  /** The snapshot without accounts (they are read one by one from the store). */
  doc: Snapshot;
  index: AccountIndex;
  /** When the cached snapshot was stored: a write based on this cache checks it is still the stored one. */
  importedAt: string;
}

let cached: Promise<CachedSnapshot | null> | null = null;

export function invalidateSnapshot() {
  cached = null;
}

export function currentSnapshot(db: Db): Promise<CachedSnapshot | null> {
  cached ??= (async () => {
    const [index, stored] = await Promise.all([getAccountIndex(db), db.get('snapshot', 'current')]);
    if (!index.value || !stored) return null;
    return {
      doc: stored.snapshot,
      index: index.value as unknown as AccountIndex,
      importedAt: stored.meta.importedAt,
    };
  })().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
