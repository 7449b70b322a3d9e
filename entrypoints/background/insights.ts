/**
 * Saving an insight: insight + outbox mutation in one IndexedDB transaction (lib/store), then the local half of
 * "syncs back to the scoring model": the account is re-scored incrementally with the engine and replaced in the
 * store, so the overlay shows the new score and talking points at once, hub or no hub. An outcome also teaches the
 * talking-point ranking (brief.ts); one saved without its talking points gets those the rep marked "used".
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { Request } from '../../lib/message-schemas.ts';
import { profile } from '../../lib/settings.ts';
import { clearTalkingPointMark, listFeedback, markTalkingPoint as storeMark } from '../../lib/store/feedback.ts';
import { saveInsight, type SaveInsightInput } from '../../lib/store/insights.ts';
import { ensureClientId } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { learnFromOutcomes, type LearnAnswer } from './brief.ts';
import { getDb } from './db.ts';
import { rescoreLocally } from '../../lib/store/rescore.ts';
import { invalidateSnapshot } from '../../lib/store/snapshot-cache.ts';
import { getAccount } from '../../lib/store/snapshot.ts';

let afterSave: (insight: Insight) => void = () => {};
/** The sync module hooks in here to push soon after a capture. */
export function onInsightSaved(listener: (insight: Insight) => void) {
  afterSave = listener;
}

let author: Promise<string> | null = null;

/** The rep's name for new insights: the profile's email, else name; re-read when the profile changes. */
export function currentAuthor(): Promise<string> {
  author ??= profile.getValue().then((me) => me.email || me.name || 'me');
  return author;
}

/** Called once from index.ts: forget the cached author when the profile changes. */
export function watchProfile() {
  profile.watch(() => (author = null));
}

export async function saveInsightMessage({ input }: Request<'insight.save'>) {
  const db = await getDb();
  // Read each time: sync may start a new client group (lib/store/outbox.ts) between two saves.
  const ctx = { clientId: await ensureClientId(db), author: await currentAuthor() };
  const insight = await saveInsight(db, await withUsedTalkingPoints(db, input as SaveInsightInput), ctx);
  let account = insight.accountId ? await rescoreLocally(db, insight.accountId) : null;
  let learned: LearnAnswer | null = null;
  if (insight.type === 'outcome') {
    // Learning re-ranks this account's talking points (the others follow in the background): read it back.
    learned = await learnFromOutcomes(insight.accountId);
    invalidateSnapshot(); // the stored snapshot now carries the new rates
    if (insight.accountId) account = (await getAccount(db, insight.accountId)).value ?? account;
  }
  afterSave(insight);
  return { insight, account, learned };
}

/** An outcome for an account that names no talking points gets the ones the rep marked "used" there. */
async function withUsedTalkingPoints(db: Db, input: SaveInsightInput): Promise<SaveInsightInput> {
  if (input?.type !== 'outcome' || input.talkingPoints !== undefined || typeof input.accountId !== 'string') {
    return input;
  }
  const marks = await listFeedback(db, input.accountId);
  return { ...input, talkingPoints: marks.items.filter((m) => m.mark === 'used').map((m) => m.talkingPointId) };
}

export async function markTalkingPoint({ accountId, talkingPointId, mark }: Request<'feedback.mark'>) {
  const db = await getDb();
  if (mark === null) await clearTalkingPointMark(db, accountId, talkingPointId);
  else await storeMark(db, { accountId, talkingPointId, mark });
  return { saved: true };
}
