/**
 * An in-memory search index over insights: text (tokenised, case- and accent-folded, every query word matched as
 * a prefix, all words required) with filters by type, account, author and creation date. Built once from the
 * store (`loadSearchIndex`) and kept current by saveInsight/deleteInsight/import/erase through `upsert`/`remove`.
 *
 * Layout: each insight gets an internal number; a posting list per token holds the numbers of the insights that
 * contain it, in ascending order because numbers only grow. The sorted vocabulary gives a prefix's tokens by
 * binary search. Replacing an insight retires its old number (postings are cleaned up in bulk once the retired
 * numbers outnumber half the live ones), so an update never rewrites posting lists one by one.
 * A query costs O(Σ postings of the tokens matching its prefixes + N) with N insights; without text, O(N).
 */
import { INSIGHT_TYPES, type Insight, type InsightType } from '../engine/insight.ts';
import { StoreError } from './errors.ts';
import type { Db } from './open.ts';
import { readMany, type Listing } from './read.ts';

export interface SearchQuery {
  /** Words; each must start a word of the title, body, tags or products (case, umlauts and accents folded). */
  text?: string;
  type?: readonly InsightType[];
  /** An account id, or null for unassigned insights; omitted for all. */
  accountId?: string | null;
  /** Exact author, case-insensitive. */
  author?: string;
  /** Created on or after: YYYY-MM-DD (start of that UTC day) or an ISO date-time. */
  from?: string;
  /** Created on or before: YYYY-MM-DD (end of that UTC day) or an ISO date-time. */
  to?: string;
  /** Hits returned, newest first; default 50. */
  limit?: number;
}

export interface SearchHit {
  id: string;
  accountId: string | null;
  type: InsightType;
  author: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface SearchResult {
  /** All matches, of which `hits` are the newest `limit`. */
  total: number;
  hits: SearchHit[];
}

interface Doc extends SearchHit {
  createdMs: number;
  authorKey: string;
}

const FOLD_GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Splits text into lower-case tokens with accents removed (Müller → muller, ß → ss). With `withGermanForms`,
 * a word with an umlaut is also given in its transliterated form (müller → mueller), so the index answers both
 * spellings a rep may type.
 * @example
 * foldTokens('Müller-Straße 5', true); // => ['muller', 'mueller', 'strasse', '5']
 */
export function foldTokens(text: string, withGermanForms = false): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const word of words) {
    out.push(stripMarks(word.replace(/ß/g, 'ss')));
    if (withGermanForms && /[äöü]/.test(word)) out.push(stripMarks(word.replace(/[äöüß]/g, (c) => FOLD_GERMAN[c] ?? c)));
  }
  return out;
}

function stripMarks(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

export class InsightSearchIndex {
  private docs: (Doc | undefined)[] = [];
  private numberOf = new Map<string, number>();
  private postings = new Map<string, number[]>();
  /** All tokens, sorted, for prefix lookups. */
  private vocab: string[] = [];
  private retired = 0;
  private marks = new Uint32Array(0);

  /** Builds an index from insights (deleted ones are skipped), oldest first so numbers follow dates. */
  static from(insights: Iterable<Insight>): InsightSearchIndex {
    const index = new InsightSearchIndex();
    const sorted = [...insights].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    for (const insight of sorted) if (insight.deletedAt === null) index.add(insight);
    index.vocab = [...index.postings.keys()].sort();
    return index;
  }

  /** Live insights in the index. */
  get size(): number {
    return this.numberOf.size;
  }

  /** Adds or replaces an insight; a deleted one is removed. O(tokens · log vocabulary). */
  upsert(insight: Insight): void {
    this.remove(insight.id);
    if (insight.deletedAt !== null) return;
    for (const token of this.add(insight)) {
      if (this.postings.get(token)?.length === 1) this.vocab.splice(lowerBound(this.vocab, token), 0, token);
    }
  }

  /** Forgets every insight (after eraseAll). */
  clear(): void {
    this.docs = [];
    this.numberOf.clear();
    this.postings.clear();
    this.vocab = [];
    this.retired = 0;
  }

  /** Forgets an insight; its number is retired and its postings cleaned up later in bulk. */
  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    this.numberOf.delete(id);
    this.docs[n] = undefined;
    this.retired++;
    if (this.retired > 1000 && this.retired > this.numberOf.size / 2) this.compact();
  }

  /**
   * Finds insights matching every given criterion, newest first.
   * @throws {StoreError} 'invalid' for a from/to that is not a date, or an unknown type
   * @example
   * index.search({ text: 'muell pres', type: ['need'], from: '2026-01-01' }); // => { total: 3, hits: [...] }
   */
  search(query: SearchQuery): SearchResult {
    const from = query.from === undefined ? -Infinity : parseBound('from', query.from, false);
    const to = query.to === undefined ? Infinity : parseBound('to', query.to, true);
    const types = query.type ? new Set(query.type) : undefined;
    for (const t of query.type ?? []) if (!INSIGHT_TYPES.includes(t)) throw new StoreError('invalid', `search: type: unknown insight type "${t}"`);
    const author = query.author?.toLowerCase();
    const limit = query.limit ?? 50;
    const accepts = (d: Doc): boolean =>
      d.createdMs >= from &&
      d.createdMs <= to &&
      (types === undefined || types.has(d.type)) &&
      (query.accountId === undefined || d.accountId === query.accountId) &&
      (author === undefined || d.authorKey === author);

    const tokens = query.text ? [...new Set(foldTokens(query.text))] : [];
    const top = new TopNewest(limit);
    let total = 0;
    const consider = (d: Doc | undefined): void => {
      if (d && accepts(d)) {
        total++;
        top.offer(d);
      }
    };
    if (tokens.length === 0) for (const d of this.docs) consider(d);
    else for (const n of this.matchAll(tokens)) consider(this.docs[n]);
    return { total, hits: top.newestFirst().map(toHit) };
  }

  private add(insight: Insight): Set<string> {
    const n = this.docs.length;
    this.docs.push({
      id: insight.id,
      accountId: insight.accountId,
      type: insight.type,
      author: insight.author,
      authorKey: insight.author.toLowerCase(),
      title: insight.title,
      createdAt: insight.createdAt,
      updatedAt: insight.updatedAt,
      createdMs: Date.parse(insight.createdAt),
    });
    this.numberOf.set(insight.id, n);
    const text = [insight.title, insight.body, ...insight.tags, ...insight.products].join(' ');
    const tokens = new Set(foldTokens(text, true));
    for (const token of tokens) {
      const list = this.postings.get(token);
      if (list) list.push(n);
      else this.postings.set(token, [n]);
    }
    return tokens;
  }

  /** Numbers of the documents in which every token prefixes some word. */
  private matchAll(tokens: readonly string[]): number[] {
    if (this.marks.length < this.docs.length) this.marks = new Uint32Array(Math.max(this.docs.length, 2 * this.marks.length));
    const marks = this.marks;
    marks.fill(0, 0, this.docs.length);
    let last: number[][] = [];
    for (let t = 0; t < tokens.length; t++) {
      last = this.postingsWithPrefix(tokens[t] as string);
      // marks[n] === t ⇔ n matched tokens 0 … t−1; only those can go on to match all of them.
      for (const list of last) for (const n of list) if (marks[n] === t) marks[n] = t + 1;
    }
    const out: number[] = [];
    for (const list of last) for (const n of list) if (marks[n] === tokens.length) {
      out.push(n);
      marks[n] = 0;
    }
    return out;
  }

  private postingsWithPrefix(prefix: string): number[][] {
    const lists: number[][] = [];
    for (let i = lowerBound(this.vocab, prefix); i < this.vocab.length; i++) {
      const token = this.vocab[i] as string;
      if (!token.startsWith(prefix)) break;
      const list = this.postings.get(token);
      if (list) lists.push(list);
    }
    return lists;
  }

  /** Drops retired numbers from every posting list, and tokens left without any insight. */
  private compact(): void {
    for (const [token, list] of this.postings) {
      const live = list.filter((n) => this.docs[n] !== undefined);
      if (live.length) this.postings.set(token, live);
      else this.postings.delete(token);
    }
    this.vocab = [...this.postings.keys()].sort();
    this.retired = 0;
  }
}

/**
 * Reads every insight from the store (validated; damaged ones go to quarantine and are reported) and indexes
 * the live ones.
 */
export async function loadSearchIndex(db: Db): Promise<{ index: InsightSearchIndex; quarantined: Listing<Insight>['quarantined'] }> {
  const { items, quarantined } = await readMany(db, 'insights');
  return { index: InsightSearchIndex.from(items), quarantined };
}

/** Keeps the `limit` newest documents seen, by createdAt then id. O(log limit) per offer, O(limit) per insert. */
class TopNewest {
  private kept: Doc[] = [];
  constructor(private readonly limit: number) {}
  offer(d: Doc): void {
    if (this.limit <= 0) return;
    const kept = this.kept;
    if (kept.length === this.limit && !newer(d, kept[kept.length - 1] as Doc)) return;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newer(kept[mid] as Doc, d)) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, d);
    if (kept.length > this.limit) kept.pop();
  }
  newestFirst(): Doc[] {
    return this.kept;
  }
}

function newer(a: Doc, b: Doc): boolean {
  return a.createdMs > b.createdMs || (a.createdMs === b.createdMs && a.id > b.id);
}

function toHit(d: Doc): SearchHit {
  return { id: d.id, accountId: d.accountId, type: d.type, author: d.author, title: d.title, createdAt: d.createdAt, updatedAt: d.updatedAt };
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function parseBound(name: 'from' | 'to', value: string, endOfDay: boolean): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  const valid = !Number.isNaN(ms) && (!dateOnly || new Date(ms).toISOString().slice(0, 10) === value);
  if (!valid) throw new StoreError('invalid', `search: ${name}: invalid date "${value}" (expected YYYY-MM-DD or an ISO date-time)`);
  return dateOnly && endOfDay ? ms + 86_400_000 - 1 : ms;
}
