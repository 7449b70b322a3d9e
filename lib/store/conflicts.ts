/**
 * Losing versions from sync: when the hub's version of an insight wins over a local edit, lib/sync keeps the local
 * one here so the rep can compare and copy from it. Nothing in here is ever pushed.
 */
import { describeIssues, issuesText, StoreError } from './errors.ts';
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

/** Forgets a conflict once the rep has resolved it. */
export async function dismissConflict(db: Db, id: number): Promise<void> {
  await db.delete('conflicts', id);
}
