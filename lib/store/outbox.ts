/**
 * The sync outbox, read by lib/sync. Rows are written by insights.ts in the same transaction as the change
 * they describe; this module lets the sync client look at the queue, drop what the hub acknowledged, move what it
 * rejected to `rejections` (so one bad note never blocks the queue, and the rep sees why), and note failed pushes.
 *
 * Mutation ids grow by one per change from this client. The hub acknowledges "everything up to n", so an ack is
 * a single range delete; acking twice, or acking after a replay, is harmless.
 */
import { ulid } from 'ulid';
import type { AnyMutation } from '../sync/protocol.ts';
import { StoreError } from './errors.ts';
import { takeMutationId } from './meta.ts';
import { MetaSchemas, type MetaValue, type OutboxEntry, type Rejection } from './schema.ts';
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

/**
 * Rejections of earlier client groups are kept under keys from here on, so the new group's ids (from 1 again) never
 * overwrite one the rep has not dismissed yet. 2^40 mutations are beyond any group's reach.
 */
export const EARLIER_GROUP_REJECTIONS = 2 ** 40;

export type RecoveryKind = MetaValue<'syncRecovery'>['kind'];

/**
 * Starts a new client group: a fresh client id, the queue re-numbered from 1 in its order, the counter after it,
 * the acknowledged mark and the pull cursor forgotten (the next pull brings everything). One transaction: a
 * service worker stopped half-way leaves the old group as it was.
 *
 * This is the way out when the hub cannot take this device's queue as numbered: it does not know the client or
 * is behind it (its database was reset or restored, or the device now talks to another hub), or a queued change
 * was damaged and set aside, leaving a gap the hub would wait on forever. It is safe only when the hub has applied
 * none of the queued changes under the old id, which the callers establish from the hub's answer (its
 * lastMutationId is below the oldest queued id minus one: the hub applies nothing past a gap). Damaged rows met
 * here go to quarantine. The notice for the rep is stored as `syncRecovery`.
 */
export async function startNewClientGroup(
  db: Db,
  kind: RecoveryKind,
  now = new Date(),
): Promise<MetaValue<'syncRecovery'>> {
  const tx = db.transaction(['outbox', 'meta', 'quarantine', 'rejections'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const meta = tx.objectStore('meta');
  const previous = MetaSchemas.clientId.safeParse(await meta.get('clientId'));
  const clientId = ulid(now.getTime());
  const rows = (await outbox.getAll()) as unknown[];
  const keys = await outbox.getAllKeys();
  const kept: OutboxEntry[] = [];
  let quarantined = 0;
  for (const [i, raw] of rows.entries()) {
    const checked = validateRecord('outbox', raw);
    if (checked.ok) kept.push(checked.value);
    else {
      quarantined++;
      await tx.objectStore('quarantine').add({
        store: 'outbox',
        key: keys[i],
        value: raw,
        error: checked.error,
        at: now.toISOString(),
      });
    }
  }
  await outbox.clear();
  for (const [i, entry] of kept.entries()) {
    const mutationId = i + 1;
    const { lastError: _lastError, ...rest } = entry;
    await outbox.add({
      ...rest,
      mutationId,
      mutation: { ...entry.mutation, mutationId },
      clientId,
      attempts: 0,
    });
  }
  const rejections = tx.objectStore('rejections');
  const lastEarlier = (await rejections.openCursor(null, 'prev'))?.key ?? 0;
  let nextEarlier = Math.max(EARLIER_GROUP_REJECTIONS, lastEarlier + 1);
  for (const rejection of (await rejections.getAll(
    IDBKeyRange.upperBound(EARLIER_GROUP_REJECTIONS, true),
  )) as Rejection[]) {
    await rejections.delete(rejection.mutationId);
    await rejections.put({ ...rejection, mutationId: nextEarlier++ });
  }
  const recovery: MetaValue<'syncRecovery'> = {
    kind,
    at: now.toISOString(),
    previousClientId: previous.success ? previous.data : null,
    clientId,
    carried: kept.length,
    quarantined,
    resent: null,
    seen: false,
  };
  await meta.put(clientId, 'clientId');
  await meta.put(kept.length + 1, 'nextMutationId');
  await meta.put(0, 'lastAckedMutationId');
  await meta.put(null, 'syncCursor');
  await meta.put(recovery, 'syncRecovery');
  await tx.done;
  return recovery;
}

/**
 * After a new client group, the hub may lack notes it had acknowledged before (a reset, a backup, another hub):
 * the rep's own notes (`author`) that the hub's full answer (`hubRevs`: insight id → rev it holds) lacks, or holds
 * in an older version, are queued again — a put from the hub's rev (0 when it has none), or the delete of a note
 * deleted here. Notes with a change still queued go out anyway; notes of others are left to their authors'
 * devices (queuing them here would make this rep their owner at the hub). One transaction with the counter, and
 * `syncRecovery.resent` records the count, so a stopped worker neither loses nor doubles them.
 * @returns how many changes were queued
 */
export async function queueNotesTheHubLacks(
  db: Db,
  hubRevs: ReadonlyMap<string, number>,
  author: string,
  now = new Date(),
): Promise<number> {
  const tx = db.transaction(['insights', 'outbox', 'meta', 'quarantine', 'rejections'], 'readwrite');
  const queued = new Set<string>();
  for (const raw of (await tx.objectStore('outbox').getAll()) as unknown[]) {
    const checked = validateRecord('outbox', raw);
    if (!checked.ok) continue;
    const m = checked.value.mutation;
    if (m.kind === 'insight.put') queued.add(m.insight.id);
    else if (m.kind === 'insight.delete') queued.add(m.insightId);
  }
  let count = 0;
  const own = (await tx.objectStore('insights').index('author').getAll(author)) as unknown[];
  for (const raw of own) {
    const checked = validateRecord('insights', raw);
    if (!checked.ok) continue; // Left for a validated read to quarantine; nothing readable to send.
    const insight = checked.value;
    if (queued.has(insight.id)) continue;
    const hubRev = hubRevs.get(insight.id);
    if (hubRev !== undefined && hubRev >= insight.rev) continue;
    if (insight.deletedAt !== null && hubRev === undefined) continue;
    const mutationId = await takeMutationId(tx, now);
    const mutation: AnyMutation =
      insight.deletedAt === null
        ? { kind: 'insight.put', mutationId, insight, baseRev: hubRev ?? 0 }
        : { kind: 'insight.delete', mutationId, insightId: insight.id, baseRev: hubRev!, deletedAt: insight.deletedAt };
    const clientId = MetaSchemas.clientId.parse(await tx.objectStore('meta').get('clientId'));
    await tx.objectStore('outbox').add({ mutationId, mutation, clientId, createdAt: now.toISOString(), attempts: 0 });
    count++;
  }
  const recovery = MetaSchemas.syncRecovery.safeParse(await tx.objectStore('meta').get('syncRecovery'));
  if (recovery.success) await tx.objectStore('meta').put({ ...recovery.data, resent: count }, 'syncRecovery');
  await tx.done;
  return count;
}
