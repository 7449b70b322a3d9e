/**
 * The rep's marks on talking points ("used", "not relevant", "done"), one per account and talking point. Talking
 * point ids are stable across re-scoring, so a mark survives a new snapshot; the engine reads them to rank.
 */
import { describeIssues, issuesText, StoreError } from './errors.ts';
import type { Db } from './open.ts';
import { readMany, type Listing } from './read.ts';
import { FeedbackSchema, type Feedback } from './schema.ts';

/**
 * Sets (or replaces) the mark on one talking point.
 * @throws {StoreError} 'invalid' naming the field
 */
export async function markTalkingPoint(db: Db, mark: Omit<Feedback, 'at'>, now = new Date()): Promise<Feedback> {
  const parsed = FeedbackSchema.safeParse({ ...mark, at: now.toISOString() });
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new StoreError('invalid', `markTalkingPoint: invalid mark: ${issuesText(issues)}`, issues);
  }
  await db.put('feedback', parsed.data);
  return parsed.data;
}

/** Removes the mark on one talking point. */
export async function clearTalkingPointMark(db: Db, accountId: string, talkingPointId: string): Promise<void> {
  await db.delete('feedback', [accountId, talkingPointId]);
}

/** An account's marks, validated. */
export async function listFeedback(db: Db, accountId: string): Promise<Listing<Feedback>> {
  return readMany(db, 'feedback', { index: 'accountId', key: accountId });
}
