/**
 * What the brief page reads from the local store (shared with the background): the account, its insights, its
 * contacts from the snapshot, the rep's talking-point marks and the snapshot's currency.
 */
import type { TalkingPointMark } from '../../components/types.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import type { Contact, ScoredAccount } from '../../lib/engine/snapshot.ts';
import { getAccount, listFeedback, listInsightsForAccount, type Db } from '../../lib/store/index.ts';
import { readOne } from '../../lib/store/read.ts';
import { CURRENT } from '../../lib/store/schema.ts';

export interface BriefData {
  account: ScoredAccount;
  insights: Insight[];
  contacts: Contact[];
  marks: Record<string, TalkingPointMark>;
  currency: string;
}

/** Where the rep asked for the brief; the outcome insight's source follows it. */
export const BRIEF_ORIGINS = ['overlay', 'calendar', 'popup', 'sidepanel'] as const;
export type BriefOrigin = (typeof BRIEF_ORIGINS)[number];

export interface BriefQuery {
  accountIds: string[];
  from: BriefOrigin;
}

/** Reads `?account=…&account=…&from=…`: at most 10 distinct accounts, `overlay` for an unknown origin. */
export function parseBriefQuery(search: string): BriefQuery {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  return {
    accountIds: [...new Set(params.getAll('account').filter((id) => id.trim() !== ''))].slice(0, 10),
    from: BRIEF_ORIGINS.find((o) => o === from) ?? 'overlay',
  };
}

/** One account's brief data, or null when the account is not in the store. */
export async function loadBrief(db: Db, accountId: string): Promise<BriefData | null> {
  const [account, insights, feedback, stored] = await Promise.all([
    getAccount(db, accountId),
    listInsightsForAccount(db, accountId),
    listFeedback(db, accountId),
    readOne(db, 'snapshot', CURRENT),
  ]);
  if (!account.value) return null;
  const snapshot = stored.value?.snapshot;
  return {
    account: account.value,
    insights: insights.items,
    contacts: (snapshot?.contacts ?? []).filter((c) => c.accountId === accountId),
    marks: Object.fromEntries(feedback.items.map((f) => [f.talkingPointId, f.mark])),
    currency: snapshot?.currency ?? 'EUR',
  };
}
