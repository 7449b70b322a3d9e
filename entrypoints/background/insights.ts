/**
 * Saving an insight: insight + outbox mutation in one IndexedDB transaction (lib/store), then the local half of
 * "syncs back to the scoring model": the account is re-scored incrementally with the engine and replaced in the
 * store, so the overlay shows the new score and talking points at once, hub or no hub. An outcome also teaches the
 * talking-point ranking (brief.ts); one saved without its talking points gets those the rep marked "used".
 */
import { rescoreAccount } from '../../lib/engine/rescore.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import type { Request } from '../../lib/message-schemas.ts';
import { profile } from '../../lib/settings.ts';
import { clearTalkingPointMark, listFeedback, markTalkingPoint as storeMark } from '../../lib/store/feedback.ts';
import { listInsightsForAccount, saveInsight, type SaveInsightInput } from '../../lib/store/insights.ts';
import { ensureClientId } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { StoreError } from '../../lib/store/errors.ts';
import { getAccount, replaceAccount } from '../../lib/store/snapshot.ts';
import { learnFromOutcomes, type LearnAnswer } from './brief.ts';
import { getDb } from './db.ts';
import { currentSnapshot, invalidateSnapshot } from './snapshot-cache.ts';

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

/**
 * Re-scores one stored account from its insights; returns null when there is no snapshot to score against.
 * The write is conditional on what was read (lib/store `replaceAccount` with `basedOn`): when a pull, an import or
 * another save's re-score wrote the account or the snapshot in between, it is computed again from what is stored
 * now, so neither older scores nor a re-score missing the newest note are put back.
 */
export async function rescoreLocally(db: Db, accountId: string): Promise<ScoredAccount | null> {
  for (let attempt = 1; ; attempt++) {
    const [current, account, insights] = await Promise.all([
      currentSnapshot(db),
      getAccount(db, accountId),
      listInsightsForAccount(db, accountId),
    ]);
    if (!current || !account.value) return null;
    const today = new Date().toISOString().slice(0, 10);
    const asOf = today > current.doc.asOf ? today : current.doc.asOf;
    const rescored = rescoreAccount({ ...current.doc, accounts: [account.value] }, accountId, insights.items, asOf);
    try {
      await replaceAccount(db, rescored, { account: account.value, importedAt: current.importedAt });
      return rescored;
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'stale' || attempt >= 5) throw error;
      invalidateSnapshot(); // the cached document may be the one replaced
    }
  }
}

export async function markTalkingPoint({ accountId, talkingPointId, mark }: Request<'feedback.mark'>) {
  const db = await getDb();
  if (mark === null) await clearTalkingPointMark(db, accountId, talkingPointId);
  else await storeMark(db, { accountId, talkingPointId, mark });
  return { saved: true };
}
