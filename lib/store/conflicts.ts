/**
 * Losing versions from sync: when the hub's version of an insight wins over a local edit, lib/sync keeps the local
 * one here so the rep can compare and copy from it. The records themselves are never pushed; resolving one the hub
 * keeps too queues a `conflict.resolve`, so the rep's other devices drop it as well.
 */
import { describeIssues, issuesText, StoreError } from './errors.ts';
import { inTransaction, type ChangeContext } from './insights.ts';
import { takeMutationId } from './meta.ts';
import type { Db } from './open.ts';
import { readMany, type Listing } from './read.ts';
import { ConflictSchema, type Conflict } from './schema.ts';

/**
 * Keeps a losing version; returns the record with its id.
 * @throws {StoreError} 'invalid' naming the field
 */
export async function recordConflict(
  db: Db,
  conflict: Omit<Conflict, 'id' | 'at'>,
  now = new Date(),
): Promise<Conflict> {
  const parsed = ConflictSchema.safeParse({ ...conflict, at: now.toISOString() });
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new StoreError('invalid', `recordConflict: invalid conflict: ${issuesText(issues)}`, issues);
  }
  const id = await db.add('conflicts', parsed.data);
  return { ...parsed.data, id };
}

/** Kept conflicts, oldest first, all or for one insight. */
export async function listConflicts(db: Db, insightId?: string): Promise<Listing<Conflict>> {
  return insightId === undefined
    ? readMany(db, 'conflicts')
    : readMany(db, 'conflicts', { index: 'insightId', key: insightId });
}

/** Forgets a conflict here only (the hub resolved it already, or never had it). */
export async function dismissConflict(db: Db, id: number): Promise<void> {
  await db.delete('conflicts', id);
}

/**
 * The rep resolved conflict `id`: forgets it and, when the hub keeps it too, queues its `conflict.resolve` in the
 * same transaction. Resolving a conflict that is gone already changes nothing.
 * @returns whether a mutation was queued
 */
export async function resolveConflict(
  db: Db,
  id: number,
  ctx: Pick<ChangeContext, 'clientId' | 'now'>,
): Promise<boolean> {
  const now = ctx.now ?? new Date();
  // takeMutationId may quarantine a damaged counter: its stores, and the conflicts.
  const tx = db.transaction(['conflicts', 'outbox', 'meta', 'quarantine'], 'readwrite');
  return inTransaction(tx, async () => {
    const raw: unknown = await tx.objectStore('conflicts').get(id);
    if (raw === undefined) return false;
    await tx.objectStore('conflicts').delete(id);
    const parsed = ConflictSchema.safeParse(raw);
    const hubId = parsed.success ? parsed.data.hubId : undefined;
    if (hubId === undefined) return false;
    const mutationId = await takeMutationId(tx, now);
    await tx.objectStore('outbox').add({
      mutationId,
      mutation: { kind: 'conflict.resolve', mutationId, conflictId: hubId },
      clientId: ctx.clientId,
      createdAt: now.toISOString(),
      attempts: 0,
    });
    return true;
  });
}
