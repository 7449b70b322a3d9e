/**
 * "Which account is this page about, and what do we know?" The content script sends the keys its site adapter
 * found; the background matches them against the stored account index (cached in memory until the snapshot
 * changes) and answers with the matched accounts, their latest insights and the rep's talking-point marks.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import { DEFAULT_NEVER_MATCH_DOMAINS, domainOf, keyId, matchAccounts, type Match } from '../../lib/match/index.ts';
import type { Request } from '../../lib/message-schemas.ts';
import type { AccountKey } from '../../lib/sites/types.ts';
import { profile } from '../../lib/settings.ts';
import { listInsightsForAccount } from '../../lib/store/insights.ts';
import { getMeta, setMeta } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { readMany } from '../../lib/store/read.ts';
import { getAccount } from '../../lib/store/snapshot.ts';
import { getDb } from './db.ts';
import { currentSnapshot } from '../../lib/store/snapshot-cache.ts';

export interface MatchView {
  accountId: string;
  confidence: number;
  via: Match['via'];
  key: Match['key'];
  account: ScoredAccount;
  insights: Insight[];
  marks: Record<string, 'used' | 'not-relevant' | 'done'>;
}

/** What one page key matched on its own: the account, how (via) and how sure. */
export interface KeyMatch {
  accountId: string;
  name: string;
  via: Match['via'];
  confidence: number;
}

/**
 * "Why this account?": which adapter read the page, each key it found (kind, role, source) and what that key alone
 * matched, so a rep or admin sees at once when the wrong part of a page was read.
 */
export interface LookupExplanation {
  adapter: string;
  keys: { key: AccountKey; matches: KeyMatch[] }[];
}

export interface LookupAnswer {
  matches: MatchView[];
  currency: string;
  /** True when no snapshot is stored yet: the overlay then says how to import one. */
  empty: boolean;
  explanation?: LookupExplanation;
}

/** Keys explained at most, and accounts listed per key: the card is glanced at, not read. */
const EXPLAINED_KEYS = 12;
const MATCHES_PER_KEY = 3;

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
  const options = {
    neverMatchDomains: [...DEFAULT_NEVER_MATCH_DOMAINS, ...(neverMatch ?? [])],
    ownDomains: ownDomain ? [ownDomain] : [],
    corrections: Object.fromEntries((corrections ?? []).map((c) => [c.key, c.accountId])),
  };
  const matches = matchAccounts(context.keys, current.index, options).slice(0, 5);
  const views = await Promise.all(matches.map((m) => viewOf(db, m)));
  const shown = views.filter((v): v is MatchView => v !== null);
  // Each key matched on its own (the same matcher, one key at a time), named from the accounts already read.
  const names = new Map(shown.map((v) => [v.accountId, v.account.name]));
  const keys = context.keys.slice(0, EXPLAINED_KEYS).map((key) => ({
    key,
    found: matchAccounts([key], current.index, options).slice(0, MATCHES_PER_KEY),
  }));
  for (const { found } of keys) {
    for (const m of found) {
      if (!names.has(m.accountId))
        names.set(m.accountId, (await getAccount(db, m.accountId)).value?.name ?? m.accountId);
    }
  }
  const explanation: LookupExplanation = {
    adapter: context.site,
    keys: keys.map(({ key, found }) => ({
      key,
      matches: found.map((m) => ({
        accountId: m.accountId,
        name: names.get(m.accountId) ?? m.accountId,
        via: m.via,
        confidence: m.confidence,
      })),
    })),
  };
  return { matches: shown, currency: current.doc.currency, empty: false, explanation };
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
