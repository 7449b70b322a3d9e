/**
 * Erasure: everything the extension holds about one account, or everything at all (a person's right to erasure,
 * GDPR Art. 17). Local only and in one transaction each; the hub's copy is erased on the hub.
 *
 * Queued and rejected mutations about the account go too: otherwise the erased notes would still be pushed.
 * The meta store keeps the sync client id and mutation counters (they hold no personal data, and restarting the
 * counter would make the hub skip this client's next changes as replays).
 */
import type { Db } from './open.ts';
import type { InsightSearchIndex } from './search.ts';

export interface EraseReport {
  insights: number;
  drafts: number;
  outbox: number;
  rejections: number;
  feedback: number;
  conflicts: number;
  quarantine: number;
  /** Whether the scored account record was stored (and is now gone). */
  account: boolean;
}

const ERASE_STORES = [
  'insights',
  'drafts',
  'outbox',
  'rejections',
  'feedback',
  'conflicts',
  'quarantine',
  'accounts',
] as const;

/**
 * Erases one account's insights (deleted ones included), drafts, queued and rejected mutations, talking-point
 * feedback, sync conflicts, quarantined records and its scored account record, atomically. lib/match's stored
 * account index may still name the account until the next snapshot import; lookups then find no account.
 */
export async function eraseAccount(
  db: Db,
  accountId: string,
  ctx: { searchIndex?: InsightSearchIndex } = {},
): Promise<EraseReport> {
  const tx = db.transaction(ERASE_STORES, 'readwrite');
  const insightIds = new Set(await tx.objectStore('insights').index('accountId').getAllKeys(accountId));
  const concerns = (value: unknown): boolean => mentions(value, accountId, insightIds);

  const report: EraseReport = {
    insights: insightIds.size,
    drafts: 0,
    outbox: 0,
    rejections: 0,
    feedback: 0,
    conflicts: 0,
    quarantine: 0,
    account: (await tx.objectStore('accounts').getKey(accountId)) !== undefined,
  };
  for (const id of insightIds) await tx.objectStore('insights').delete(id);
  if (report.account) await tx.objectStore('accounts').delete(accountId);
  for (const store of ['drafts', 'outbox', 'rejections', 'feedback', 'conflicts', 'quarantine'] as const) {
    let cursor = await tx.objectStore(store).openCursor();
    while (cursor) {
      if (concerns(cursor.value)) {
        await cursor.delete();
        report[store]++;
      }
      cursor = await cursor.continue();
    }
  }
  await tx.done;
  for (const id of insightIds) ctx.searchIndex?.remove(id);
  return report;
}

/**
 * Erases every record in every store, keeping only the sync client id and mutation counters.
 */
export async function eraseAll(db: Db, ctx: { searchIndex?: InsightSearchIndex } = {}): Promise<void> {
  const stores = [...ERASE_STORES, 'snapshot', 'accountIndex', 'meta'] as const;
  const tx = db.transaction(stores, 'readwrite');
  const meta = tx.objectStore('meta');
  const kept = ['clientId', 'nextMutationId', 'lastAckedMutationId'];
  const keys = await meta.getAllKeys();
  await Promise.all([
    ...stores.filter((s) => s !== 'meta').map((s) => tx.objectStore(s).clear()),
    ...keys.filter((k) => !kept.includes(k)).map((k) => meta.delete(k)),
  ]);
  await tx.done;
  ctx.searchIndex?.clear();
}

/**
 * Whether a stored value is about the account: its own accountId, or an insight or mutation inside it that is.
 * Checks the shapes the stores hold, including damaged ones in quarantine (best effort: they may lack fields).
 */
function mentions(value: unknown, accountId: string, insightIds: ReadonlySet<IDBValidKey>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.accountId === accountId) return true;
  if (typeof v.id === 'string' && insightIds.has(v.id)) return true;
  if (typeof v.insightId === 'string' && insightIds.has(v.insightId)) return true;
  return ['insight', 'mutation', 'losing', 'value'].some((k) => mentions(v[k], accountId, insightIds));
}
