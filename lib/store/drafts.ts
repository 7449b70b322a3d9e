/**
 * Autosaved capture forms. A draft is whatever the rep has typed so far; it becomes an insight through
 * saveInsight, which validates it fully. A draft that no longer parses (an older build, a damaged disk) is moved to
 * quarantine with the reason and the reader gets that reason instead of a crash.
 */
import { ulid } from 'ulid';
import { describeIssues, issuesText, StoreError } from './errors.ts';
import type { Db } from './open.ts';
import { readMany, readOne, type Listing, type Lookup } from './read.ts';
import { DraftSchema, type Draft } from './schema.ts';

export type DraftInput = Omit<Draft, 'id' | 'savedAt' | 'insightId' | 'accountId'> & {
  id?: string;
  insightId?: string | null;
  accountId?: string | null;
};

/**
 * Creates or overwrites a draft (new id when none is given) and returns it as stored.
 * @throws {StoreError} 'invalid' naming each field, e.g. "fields.title: too long (max 200 characters)"
 */
export async function saveDraft(db: Db, input: DraftInput, now = new Date()): Promise<Draft> {
  const candidate = {
    insightId: null,
    accountId: null,
    ...input,
    id: input.id ?? ulid(now.getTime()),
    savedAt: now.toISOString(),
  };
  const parsed = DraftSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new StoreError('invalid', `saveDraft: invalid draft: ${issuesText(issues)}`, issues);
  }
  await db.put('drafts', parsed.data);
  return parsed.data;
}

/** One draft; a damaged one is quarantined and `quarantined.error` says why it could not be restored. */
export async function getDraft(db: Db, id: string): Promise<Lookup<Draft>> {
  return readOne(db, 'drafts', id);
}

/** All drafts, most recently saved first; damaged ones are quarantined and reported. */
export async function listDrafts(db: Db): Promise<Listing<Draft>> {
  const listing = await readMany(db, 'drafts', { index: 'savedAt', key: IDBKeyRange.lowerBound('') });
  return { items: listing.items.reverse(), quarantined: listing.quarantined };
}

export async function deleteDraft(db: Db, id: string): Promise<void> {
  await db.delete('drafts', id);
}
