/**
 * The key/value `meta` store: client id, mutation counter, sync cursor, the rep's match corrections and
 * never-match domains. Each key has its own schema (MetaSchemas); a value that fails it is quarantined and the
 * caller gets undefined, as if it had never been set.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { ulid } from 'ulid';
import { describeIssues, issuesText, StoreError } from './errors.ts';
import type { Db } from './open.ts';
import { MetaSchemas, type AccountLensDB, type MetaKey, type MetaValue } from './schema.ts';

type MetaTx = IDBPTransaction<AccountLensDB, ('meta' | 'quarantine')[], 'readwrite'>;
/** A readwrite transaction over at least the stores a mutation touches. */
export type MutationTx = IDBPTransaction<AccountLensDB, ArrayLike<StoreNames<AccountLensDB>>, 'readwrite'>;

/** Reads and validates one meta value; an invalid value is moved to quarantine. */
export async function getMeta<K extends MetaKey>(db: Db, key: K, now = new Date()): Promise<MetaValue<K> | undefined> {
  const raw = await db.get('meta', key);
  if (raw === undefined) return undefined;
  const parsed = MetaSchemas[key].safeParse(raw);
  if (parsed.success) return parsed.data as MetaValue<K>;
  const tx = db.transaction(['meta', 'quarantine'], 'readwrite');
  await quarantineMeta(tx, key, raw, issuesText(describeIssues(parsed.error)), now);
  await tx.done;
  return undefined;
}

/**
 * Writes one meta value after validating it.
 * @throws {StoreError} code 'invalid' naming the key and field
 */
export async function setMeta<K extends MetaKey>(db: Db, key: K, value: MetaValue<K>): Promise<void> {
  const parsed = MetaSchemas[key].safeParse(value);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new StoreError('invalid', `setMeta: invalid value for "${key}": ${issuesText(issues)}`, issues);
  }
  await db.put('meta', parsed.data, key);
}

/** This installation's sync client id, created (a ULID) on first use. */
export async function ensureClientId(db: Db): Promise<string> {
  const tx = db.transaction(['meta', 'quarantine'], 'readwrite');
  const raw = await tx.objectStore('meta').get('clientId');
  const parsed = MetaSchemas.clientId.safeParse(raw);
  let clientId: string;
  if (parsed.success) clientId = parsed.data;
  else {
    if (raw !== undefined)
      await quarantineMeta(tx, 'clientId', raw, issuesText(describeIssues(parsed.error)), new Date());
    clientId = ulid();
    await tx.objectStore('meta').put(clientId, 'clientId');
  }
  await tx.done;
  return clientId;
}

/**
 * Takes the next mutation id inside the caller's transaction, so the id and the outbox row commit together.
 * A damaged counter is quarantined and the count resumes after the highest id acknowledged, queued or rejected:
 * an id the hub has already seen would be skipped there as a replay.
 */
export async function takeMutationId(tx: MutationTx, now: Date): Promise<number> {
  const meta = tx.objectStore('meta');
  const raw = await meta.get('nextMutationId');
  const parsed = MetaSchemas.nextMutationId.safeParse(raw ?? 1);
  let next: number;
  if (parsed.success) next = parsed.data;
  else {
    await quarantineMeta(tx as unknown as MetaTx, 'nextMutationId', raw, issuesText(describeIssues(parsed.error)), now);
    const lastQueued = (await tx.objectStore('outbox').openCursor(null, 'prev'))?.key ?? 0;
    // Rejections of earlier client groups sit at 2^40 and above (outbox.ts): they are not this group's ids.
    const lastRejected =
      (await tx.objectStore('rejections').openCursor(IDBKeyRange.upperBound(2 ** 40, true), 'prev'))?.key ?? 0;
    const lastAcked = MetaSchemas.lastAckedMutationId.safeParse(await meta.get('lastAckedMutationId')).data ?? 0;
    next = Math.max(lastQueued, lastRejected, lastAcked) + 1;
  }
  await meta.put(next + 1, 'nextMutationId');
  return next;
}

async function quarantineMeta(tx: MetaTx, key: string, value: unknown, issues: string, now: Date): Promise<void> {
  const error = `meta "${key}" failed validation: ${issues}`;
  await tx.objectStore('quarantine').add({ store: 'meta', key, value, error, at: now.toISOString() });
  await tx.objectStore('meta').delete(key);
}
