/**
 * Saving an insight: insight + outbox mutation in one IndexedDB transaction (lib/store), then the local half of
 * "syncs back to the scoring model": the account is re-scored incrementally with the engine and replaced in the
 * store, so the overlay shows the new score and talking points at once, hub or no hub.
 */
import { rescoreAccount } from '../../lib/engine/rescore.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import type { Request } from '../../lib/message-schemas.ts';
import { profile } from '../../lib/settings.ts';
import { listInsightsForAccount, saveInsight, type SaveInsightInput } from '../../lib/store/insights.ts';
import { ensureClientId } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { getAccount, replaceAccount } from '../../lib/store/snapshot.ts';
import { getDb } from './db.ts';

let afterSave: (insight: Insight) => void = () => {};
/** The sync module hooks in here to push soon after a capture. */
export function onInsightSaved(listener: (insight: Insight) => void) {
  afterSave = listener;
}

export async function saveInsightMessage({ input }: Request<'insight.save'>) {
  const db = await getDb();
  const [clientId, me] = await Promise.all([ensureClientId(db), profile.getValue()]);
  const author = me.email || me.name || 'me';
  const insight = await saveInsight(db, input as SaveInsightInput, { clientId, author });
  const account = insight.accountId ? await rescoreLocally(db, insight.accountId) : null;
  afterSave(insight);
  return { insight, account };
}

/** Re-scores one stored account from its insights; returns null when there is no snapshot to score against. */
export async function rescoreLocally(db: Db, accountId: string): Promise<ScoredAccount | null> {
  const [stored, account, insights] = await Promise.all([
    db.get('snapshot', 'current'),
    getAccount(db, accountId),
    listInsightsForAccount(db, accountId),
  ]);
  if (!stored || !account.value) return null;
  const today = new Date().toISOString().slice(0, 10);
  const asOf = today > stored.snapshot.asOf ? today : stored.snapshot.asOf;
  const rescored = rescoreAccount({ ...stored.snapshot, accounts: [account.value] }, accountId, insights.items, asOf);
  await replaceAccount(db, rescored);
  return rescored;
}

export async function markTalkingPoint({ accountId, talkingPointId, mark }: Request<'feedback.mark'>) {
  const db = await getDb();
  if (mark === null) await db.delete('feedback', [accountId, talkingPointId]);
  else await db.put('feedback', { accountId, talkingPointId, mark, at: new Date().toISOString() });
  return { saved: true };
}
