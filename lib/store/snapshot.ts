/**
 * The scoring snapshot in the store. The snapshot document is kept without its accounts; each scored account is
 * its own record, so the overlay reads one account by id (or by domain) without loading the portfolio, and the
 * background's incremental re-score replaces one account alone. `getSnapshot` puts the document back together.
 */
import { parseSnapshot, ScoredAccountSchema, type ScoredAccount, type Snapshot } from '../engine/snapshot.ts';
import { describeIssues, issuesText, StoreError } from './errors.ts';
import type { Db } from './open.ts';
import { readMany, readOne, type Listing, type Lookup } from './read.ts';
import { AccountIndexRecordSchema, CURRENT, type SnapshotMeta } from './schema.ts';

/**
 * Replaces the snapshot, every scored account and the account index in one transaction: an import that fails
 * (invalid document, quota, a closed worker) leaves the previous data exactly as it was.
 * @throws {StoreError} 'invalid' naming the invalid paths of the snapshot or index, or a duplicated account id
 */
export async function storeSnapshot(
  db: Db,
  snapshot: unknown,
  accountIndex: object,
  options: { source: string; now?: Date },
): Promise<SnapshotMeta> {
  let parsed: Snapshot;
  try {
    parsed = parseSnapshot(snapshot);
  } catch (error) {
    throw new StoreError('invalid', `storeSnapshot: ${(error as Error).message}`);
  }
  const seen = new Set<string>();
  for (const account of parsed.accounts) {
    if (seen.has(account.id)) throw new StoreError('invalid', `storeSnapshot: account id "${account.id}" occurs twice`);
    seen.add(account.id);
  }
  const storedAt = (options.now ?? new Date()).toISOString();
  const indexRecord = AccountIndexRecordSchema.safeParse({ storedAt, index: accountIndex });
  if (!indexRecord.success) {
    throw new StoreError(
      'invalid',
      `storeSnapshot: account index is not a plain object: ${issuesText(describeIssues(indexRecord.error))}`,
    );
  }
  const meta: SnapshotMeta = {
    importedAt: storedAt,
    source: options.source.slice(0, 500) || 'unknown',
    accountCount: parsed.accounts.length,
  };

  const tx = db.transaction(['snapshot', 'accounts', 'accountIndex'], 'readwrite');
  const accounts = tx.objectStore('accounts');
  const writes: Promise<unknown>[] = [];
  try {
    // A write refused at once (storage full, a value that cannot be stored) must abort the whole transaction:
    // left alone, the clear and the writes before it would commit and the old portfolio would be gone.
    writes.push(accounts.clear());
    for (const account of parsed.accounts) writes.push(accounts.put(account));
    writes.push(tx.objectStore('snapshot').put({ snapshot: { ...parsed, accounts: [] }, meta }, CURRENT));
    writes.push(tx.objectStore('accountIndex').put(indexRecord.data, CURRENT));
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    for (const write of writes) write.catch(() => undefined); // each ends aborted with the transaction
    try {
      tx.abort();
    } catch {
      // Already aborted by IndexedDB (an asynchronous quota error ends the transaction itself).
    }
    await tx.done.catch(() => undefined);
    const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
    throw new StoreError(
      'invalid',
      quota
        ? `storeSnapshot: the browser's storage for this extension is full; the ${parsed.accounts.length} accounts were not stored and the previous snapshot is kept`
        : `storeSnapshot: storing the snapshot failed, the previous one is kept: ${(error as Error).message}`,
    );
  }
  announceSnapshotChange(meta);
  return meta;
}

/** The whole snapshot, reassembled from the document and the account records, with its import meta. */
export async function getSnapshot(db: Db): Promise<Lookup<{ snapshot: Snapshot; meta: SnapshotMeta }>> {
  const stored = await readOne(db, 'snapshot', CURRENT);
  if (!stored.value) return { value: undefined, quarantined: stored.quarantined };
  const accounts = await readMany(db, 'accounts');
  const snapshot: Snapshot = { ...stored.value.snapshot, accounts: accounts.items };
  return { value: { snapshot, meta: stored.value.meta }, quarantined: accounts.quarantined[0] };
}

/** When and from where the current snapshot was imported, and how many accounts it has. */
export async function getSnapshotMeta(db: Db): Promise<Lookup<SnapshotMeta>> {
  const stored = await readOne(db, 'snapshot', CURRENT);
  return { value: stored.value?.meta, quarantined: stored.quarantined };
}

/** One scored account by id, validated. */
export async function getAccount(db: Db, id: string): Promise<Lookup<ScoredAccount>> {
  return readOne(db, 'accounts', id);
}

/** The accounts that list `domain` (lower-case, no `www.`) among their domains. */
export async function findAccountsByDomain(db: Db, domain: string): Promise<Listing<ScoredAccount>> {
  return readMany(db, 'accounts', { index: 'domain', key: domain.toLowerCase().replace(/^www\./, '') });
}

/** lib/match's account index as it was stored (the caller validates its own shape). */
export async function getAccountIndex(db: Db): Promise<Lookup<Record<string, unknown>>> {
  const stored = await readOne(db, 'accountIndex', CURRENT);
  return { value: stored.value?.index, quarantined: stored.quarantined };
}

/**
 * Replaces one scored account after the local incremental re-score.
 *
 * `basedOn` makes the write conditional, for a re-score computed from a read made earlier: it must still be the
 * stored account, and the stored snapshot still the one imported at `basedOn.importedAt`. Otherwise (a pull, an
 * import or another re-score wrote in between) nothing is written and 'stale' is thrown, so the caller computes
 * again from what is stored now instead of putting back scores from before.
 * @throws {StoreError} 'invalid' naming the invalid fields, 'unknown-account' when the account is not stored,
 * 'stale' when `basedOn` no longer holds
 */
export async function replaceAccount(
  db: Db,
  account: ScoredAccount,
  basedOn?: { account: ScoredAccount; importedAt: string },
): Promise<void> {
  const parsed = ScoredAccountSchema.safeParse(account);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new StoreError('invalid', `replaceAccount: invalid account "${account.id}": ${issuesText(issues)}`, issues);
  }
  const tx = db.transaction(['accounts', 'snapshot'], 'readwrite');
  const fail = async (error: StoreError): Promise<never> => {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  };
  const stored: unknown = await tx.objectStore('accounts').get(parsed.data.id);
  if (stored === undefined) {
    return fail(
      new StoreError(
        'unknown-account',
        `replaceAccount: unknown account "${parsed.data.id}" (not in the stored snapshot)`,
      ),
    );
  }
  if (basedOn) {
    const meta = (await tx.objectStore('snapshot').get(CURRENT))?.meta;
    const same = ScoredAccountSchema.safeParse(stored);
    if (
      meta?.importedAt !== basedOn.importedAt ||
      !same.success ||
      JSON.stringify(same.data) !== JSON.stringify(ScoredAccountSchema.parse(basedOn.account))
    ) {
      return fail(
        new StoreError(
          'stale',
          `replaceAccount: account "${parsed.data.id}" or the snapshot changed since it was read`,
        ),
      );
    }
  }
  await tx.objectStore('accounts').put(parsed.data);
  await tx.done;
}

/**
 * Other contexts (the background's cached account index) learn of a new snapshot through this channel: the import
 * runs in an options-page worker or the sync client, not where the index is cached.
 */
export const SNAPSHOT_CHANNEL = 'accountlens-snapshot';

function announceSnapshotChange(meta: SnapshotMeta): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SNAPSHOT_CHANNEL);
  channel.postMessage({ importedAt: meta.importedAt });
  channel.close();
}

/** Calls `listener` whenever any context stores a new snapshot. Returns a function that stops listening. */
export function onSnapshotChange(listener: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(SNAPSHOT_CHANNEL);
  channel.onmessage = () => listener();
  return () => channel.close();
}
