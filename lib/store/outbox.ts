/**
 * The sync outbox, read by lib/sync. Rows are written by insights.ts in the same transaction as the change
 * they describe; this module lets the sync client look at the queue, drop what the hub acknowledged, move what it
 * rejected to `rejections` (so one bad note never blocks the queue, and the rep sees why), and note failed pushes.
 *
 * Mutation ids grow by one per change from this client. The hub acknowledges "everything up to n", so an ack is
 * a single range delete; acking twice, or acking after a replay, is harmless.
 */
import { StoreError } from './errors.ts';
import { MetaSchemas, type OutboxEntry, type Rejection } from './schema.ts';
import type { Db } from './open.ts';
import { readMany, validateRecord, type Listing } from './read.ts';

/** The oldest `limit` queued mutations, validated (damaged rows go to quarantine and are reported). */
export async function peekOutbox(db: Db, limit: number): Promise<Listing<OutboxEntry>> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new StoreError('invalid', `peekOutbox: limit must be a positive integer, got ${limit}`);
  // A damaged row is quarantined and reported, so this window may hold fewer than `limit`; the next peek has the rest.
  return readMany(db, 'outbox', undefined, { limit });
}

/**
 * Removes every queued mutation with id ≤ `upToMutationId` (the hub applied or skipped them) and remembers the
 * high-water mark. Returns how many rows were removed.
 */
export async function ackMutations(db: Db, upToMutationId: number): Promise<number> {
  if (!Number.isInteger(upToMutationId) || upToMutationId < 0) {
    throw new StoreError(
      'invalid',
      `ackMutations: upToMutationId must be a non-negative integer, got ${upToMutationId}`,
    );
  }
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const range = IDBKeyRange.upperBound(upToMutationId);
  const removed = await tx.objectStore('outbox').count(range);
  await tx.objectStore('outbox').delete(range);
  const previous =
    MetaSchemas.lastAckedMutationId.safeParse(await tx.objectStore('meta').get('lastAckedMutationId')).data ?? 0;
  if (upToMutationId > previous) await tx.objectStore('meta').put(upToMutationId, 'lastAckedMutationId');
  await tx.done;
  return removed;
}

/**
 * Moves rejected mutations from the queue to `rejections` with the hub's reason, in one transaction. A mutation
 * no longer queued (already acked or moved) is ignored. Returns the rejections recorded.
 */
export async function recordRejections(
  db: Db,
  rejected: readonly { mutationId: number; reason: string }[],
  now = new Date(),
): Promise<Rejection[]> {
  const tx = db.transaction(['outbox', 'rejections'], 'readwrite');
  const recorded: Rejection[] = [];
  for (const { mutationId, reason } of rejected) {
    const raw: unknown = await tx.objectStore('outbox').get(mutationId);
    if (raw === undefined) continue;
    const checked = validateRecord('outbox', raw);
    if (!checked.ok) continue; // Left for the next read to quarantine: a rejection must carry a readable mutation.
    const rejection: Rejection = {
      mutationId,
      mutation: checked.value.mutation,
      reason: reason.slice(0, 2000),
      at: now.toISOString(),
    };
    await tx.objectStore('rejections').put(rejection);
    await tx.objectStore('outbox').delete(mutationId);
    recorded.push(rejection);
  }
  await tx.done;
  return recorded;
}

/** Counts a failed push (no answer, network error, 5xx) against each queued mutation, with the error. */
export async function recordPushFailure(db: Db, mutationIds: readonly number[], error: string): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  for (const id of mutationIds) {
    const checked = validateRecord('outbox', await tx.store.get(id));
    if (checked.ok)
      await tx.store.put({ ...checked.value, attempts: checked.value.attempts + 1, lastError: error.slice(0, 2000) });
  }
  await tx.done;
}

/** Rejected mutations, oldest first, validated. */
export async function listRejections(db: Db): Promise<Listing<Rejection>> {
  return readMany(db, 'rejections');
}

/** Removes a rejection once the rep has dealt with it. */
export async function dismissRejection(db: Db, mutationId: number): Promise<void> {
  await db.delete('rejections', mutationId);
}

export interface OutboxStats {
  pending: number;
  rejected: number;
  /** createdAt of the oldest queued mutation, or null when the queue is empty. */
  oldestCreatedAt: string | null;
  /** The most failed attempts of any queued mutation. */
  maxAttempts: number;
  lastError: string | null;
}

/** Queue length, rejections and retry state, for the popup's sync line. O(queued) for the attempt counts. */
export async function outboxStats(db: Db): Promise<OutboxStats> {
  const tx = db.transaction(['outbox', 'rejections'], 'readonly');
  const [entries, rejected] = await Promise.all([
    tx.objectStore('outbox').getAll(),
    tx.objectStore('rejections').count(),
  ]);
  await tx.done;
  let maxAttempts = 0;
  let lastError: string | null = null;
  let oldestCreatedAt: string | null = null;
  // Counted raw: a damaged row is still pending until a read quarantines it.
  for (const raw of entries) {
    const checked = validateRecord('outbox', raw);
    if (!checked.ok) continue;
    const e = checked.value;
    oldestCreatedAt ??= e.createdAt;
    if (e.attempts > maxAttempts) maxAttempts = e.attempts;
    if (e.lastError) lastError = e.lastError;
  }
  return { pending: entries.length, rejected, oldestCreatedAt, maxAttempts, lastError };
}
