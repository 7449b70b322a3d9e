/**
 * "Which account is this page about, and what do we know?" The content script sends the keys its site adapter
 * found; the background matches them against the stored account index (cached in memory until the snapshot
 * changes) and answers with the matched accounts, their latest insights and the rep's talking-point marks.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import { DEFAULT_NEVER_MATCH_DOMAINS, domainOf, keyId, matchAccounts, type Match } from '../../lib/match/index.ts';
import type { Request } from '../../lib/message-schemas.ts';
import { profile } from '../../lib/settings.ts';
import { listInsightsForAccount } from '../../lib/store/insights.ts';
import { getMeta, setMeta } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { readMany } from '../../lib/store/read.ts';
import { getAccount } from '../../lib/store/snapshot.ts';
import { getDb } from './db.ts';
import { currentSnapshot } from './snapshot-cache.ts';

export interface MatchView {
  accountId: string;
  confidence: number;
  via: Match['via'];
  key: Match['key'];
  account: ScoredAccount;
  insights: Insight[];
  marks: Record<string, 'used' | 'not-relevant' | 'done'>;
}

export interface LookupAnswer {
  matches: MatchView[];
  currency: string;
  /** True when no snapshot is stored yet: the overlay then says how to import one. */
  empty: boolean;
}

export async function lookupPage({ context }: Request<'page.lookup'>): Promise<LookupAnswer> {
  const db = await getDb();
  const current = await currentSnapshot(db);
  if (!current) return { matches: [], currency: 'EUR', empty: true };
  const [corrections, neverMatch, me] = await Promise.all([
    getMeta(db, 'corrections'),
    getMeta(db, 'neverMatchDomains'),
    profile.getValue(),
  ]);
  const ownDomain = domainOf(me.email);
  const matches = matchAccounts(context.keys, current.index, {
    neverMatchDomains: [...DEFAULT_NEVER_MATCH_DOMAINS, ...(neverMatch ?? [])],
    ownDomains: ownDomain ? [ownDomain] : [],
    corrections: Object.fromEntries((corrections ?? []).map((c) => [c.key, c.accountId])),
  }).slice(0, 5);
  const views = await Promise.all(matches.map((m) => viewOf(db, m)));
  return { matches: views.filter((v): v is MatchView => v !== null), currency: current.doc.currency, empty: false };
}

async function viewOf(db: Db, match: Match): Promise<MatchView | null> {
  const account = (await getAccount(db, match.accountId)).value;
  if (!account) return null;
  const [insights, feedback] = await Promise.all([
    listInsightsForAccount(db, account.id),
    readMany(db, 'feedback', { index: 'accountId', key: account.id }),
  ]);
  return {
    accountId: account.id,
    confidence: match.confidence,
    via: match.via,
    key: match.key,
    account,
    insights: insights.items.slice(0, 5),
    marks: Object.fromEntries(feedback.items.map((f) => [f.talkingPointId, f.mark])),
  };
}

/** Remembers the rep's correction ("this page is account X", or null: "no account here"). */
export async function correctMatch({ key, accountId }: Request<'match.correct'>) {
  const db = await getDb();
  const id = keyId(key);
  const corrections = ((await getMeta(db, 'corrections')) ?? []).filter((c) => c.key !== id);
  corrections.push({ key: id, accountId, at: new Date().toISOString() });
  await setMeta(db, 'corrections', corrections.slice(-5000));
  return { saved: true };
}

/** Accounts by name or domain prefix, for the overlay's correction picker and the popup's search. */
export async function searchAccounts({ query, limit }: Request<'account.search'>) {
  const db = await getDb();
  const current = await currentSnapshot(db);
  if (!current) return { accounts: [] };
  const q = query.trim().toLowerCase();
  if (q.length === 0) return { accounts: [] };
  const hits: { id: string; name: string; segment: string; valueScore: number }[] = [];
  let cursor = await db.transaction('accounts').store.openCursor();
  while (cursor && hits.length < limit) {
    const a = cursor.value;
    if (a.name.toLowerCase().includes(q) || a.domains.some((d) => d.startsWith(q)) || a.id.toLowerCase() === q) {
      hits.push({ id: a.id, name: a.name, segment: a.segment, valueScore: a.valueScore });
    }
    cursor = await cursor.continue();
  }
  return { accounts: hits };
}
