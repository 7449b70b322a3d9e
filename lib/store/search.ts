/**
 * An in-memory search index over insights: text (tokenised, case- and accent-folded, every query word matched as
 * a prefix, all words required) with filters by type, account, author and creation date. Built once from the
 * store (`loadSearchIndex`) and kept current by saveInsight/deleteInsight/import/erase through `upsert`/`remove`.
 *
 * Layout: each insight gets an internal number; a posting list per token holds the numbers of the insights that
 * contain it, in ascending order because numbers only grow. The sorted vocabulary gives a prefix's tokens by
 * binary search. Replacing an insight retires its old number (postings are cleaned up in bulk once the retired
 * numbers outnumber half the live ones), so an update never rewrites posting lists one by one.
 * Filters read typed-array columns; an account or author filter starts from that account's (author's) list.
 * A query costs O(Σ postings of the tokens matching its prefixes); without text, O(N) with N insights, or the
 * length of the account's or author's list.
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
    if (withGermanForms && /[äöü]/.test(word))
      out.push(stripMarks(word.replace(/[äöüß]/g, (c) => FOLD_GERMAN[c] ?? c)));
  }
  return out;
}

function stripMarks(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Query words shorter than this match whole words only: a one-letter prefix would match most of the index. */
export const MIN_PREFIX = 2;

const TYPE_CODE = new Map<InsightType, number>(INSIGHT_TYPES.map((t, i) => [t, i]));

export class InsightSearchIndex {
  /** Hit data per internal number; undefined once retired. */
  private docs: (SearchHit | undefined)[] = [];
  private numberOf = new Map<string, number>();
  private postings = new Map<string, number[]>();
  /** All tokens, sorted, for prefix lookups. */
  private vocab: string[] = [];
  /** Numbers per account (null key: unassigned) and per lower-cased author, for filter-driven queries. */
  private byAccount = new Map<string | null, number[]>();
  private byAuthor = new Map<string, number[]>();
  /** Filter columns by number; `alive` is 0 for retired numbers. */
  private createdMs = new Float64Array(1024);
  private typeCode = new Uint8Array(1024);
  private alive = new Uint8Array(1024);
  private retired = 0;
  private marks = new Uint32Array(1024);
  /** Folded tokens per raw word: notes reuse words, and folding (NFD + regex) dominates indexing time. */
  private foldCache = new Map<string, string[]>();

  /** Builds an index from insights (deleted ones are skipped), oldest first so numbers follow dates. */
  static from(insights: Iterable<Insight>): InsightSearchIndex {
    const index = new InsightSearchIndex();
    const sorted = [...insights].sort(
      (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    for (const insight of sorted) if (insight.deletedAt === null) index.add(insight);
    index.vocab = [...index.postings.keys()].sort();
    index.foldCache.clear();
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
    Object.assign(this, new InsightSearchIndex());
  }

  /** Forgets an insight; its number is retired and its postings cleaned up later in bulk. */
  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    this.numberOf.delete(id);
    this.docs[n] = undefined;
    this.alive[n] = 0;
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
    let typeMask = query.type ? 0 : ~0;
    for (const t of query.type ?? []) {
      const code = TYPE_CODE.get(t);
      if (code === undefined) throw new StoreError('invalid', `search: type: unknown insight type "${t}"`);
      typeMask |= 1 << code;
    }
    // Filter-driven candidates: the numbers of one account or author, whichever list is shorter.
    const drivers: number[][] = [];
    if (query.accountId !== undefined) drivers.push(this.byAccount.get(query.accountId) ?? []);
    if (query.author !== undefined) drivers.push(this.byAuthor.get(query.author.toLowerCase()) ?? []);
    drivers.sort((a, b) => a.length - b.length);
    const account = query.accountId;
    const author = query.author?.toLowerCase();

    const { createdMs, typeCode, alive, docs } = this;
    const top = new TopNewest(query.limit ?? 50);
    let total = 0;
    const consider = (n: number): void => {
      if (alive[n] === 0) return;
      const ms = createdMs[n] as number;
      if (ms < from || ms > to || ((typeMask >>> (typeCode[n] as number)) & 1) === 0) return;
      if (account !== undefined && (docs[n] as SearchHit).accountId !== account) return;
      if (author !== undefined && (docs[n] as SearchHit).author.toLowerCase() !== author) return;
      total++;
      top.offer(n, ms);
    };

    const tokens = query.text ? [...new Set(foldTokens(query.text))] : [];
    if (tokens.length > 0) this.matchAll(tokens, drivers[0], consider);
    else if (drivers[0]) for (const n of drivers[0]) consider(n);
    else for (let n = 0; n < docs.length; n++) consider(n);
    return { total, hits: top.newestFirst().map((n) => ({ ...(docs[n] as SearchHit) })) };
  }

  private add(insight: Insight): Set<string> {
    const n = this.docs.length;
    this.ensureCapacity(n + 1);
    this.docs.push({
      id: insight.id,
      accountId: insight.accountId,
      type: insight.type,
      author: insight.author,
      title: insight.title,
      createdAt: insight.createdAt,
      updatedAt: insight.updatedAt,
    });
    this.createdMs[n] = Date.parse(insight.createdAt);
    this.typeCode[n] = TYPE_CODE.get(insight.type) ?? 0;
    this.alive[n] = 1;
    this.numberOf.set(insight.id, n);
    pushTo(this.byAccount, insight.accountId, n);
    pushTo(this.byAuthor, insight.author.toLowerCase(), n);
    const text = [insight.title, insight.body, ...insight.tags, ...insight.products].join(' ').toLowerCase();
    const tokens = new Set<string>();
    for (const word of new Set(text.match(/[\p{L}\p{N}]+/gu))) for (const token of this.fold(word)) tokens.add(token);
    for (const token of tokens) pushTo(this.postings, token, n);
    return tokens;
  }

  private fold(word: string): string[] {
    let tokens = this.foldCache.get(word);
    if (!tokens) {
      if (this.foldCache.size > 200_000) this.foldCache.clear();
      tokens = foldTokens(word, true);
      this.foldCache.set(word, tokens);
    }
    return tokens;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.alive.length) return;
    const grow = <T extends Float64Array | Uint8Array | Uint32Array>(a: T, make: (len: number) => T): T => {
      const b = make(Math.max(size, a.length * 2));
      b.set(a);
      return b;
    };
    this.createdMs = grow(this.createdMs, (l) => new Float64Array(l));
    this.typeCode = grow(this.typeCode, (l) => new Uint8Array(l));
    this.alive = grow(this.alive, (l) => new Uint8Array(l));
    this.marks = new Uint32Array(this.alive.length);
  }

  /**
   * Calls `found` with each document number in which every token starts some word (tokens shorter than
   * MIN_PREFIX must be whole words), limited to `within` when given. Tokens with the fewest postings go first.
   */
  private matchAll(tokens: readonly string[], within: readonly number[] | undefined, found: (n: number) => void): void {
    const marks = this.marks;
    marks.fill(0, 0, this.docs.length);
    const ranges = tokens
      .map((token) => this.postingsFor(token))
      .map((lists) => ({ lists, volume: lists.reduce((sum, l) => sum + l.length, 0) }))
      .sort((a, b) => a.volume - b.volume);
    const stages: number[][][] = ranges.map((r) => r.lists);
    if (within) stages.unshift([within as number[]]);
    const lastStage = stages.length - 1;
    for (let t = 0; t < stages.length; t++) {
      // marks[n] === t ⇔ n passed stages 0 … t−1; only those can go on to pass all of them.
      for (const list of stages[t] as number[][]) {
        for (const n of list) {
          if (marks[n] !== t) continue;
          marks[n] = t + 1;
          if (t === lastStage) found(n);
        }
      }
    }
  }

  private postingsFor(token: string): number[][] {
    if (token.length < MIN_PREFIX) {
      const list = this.postings.get(token);
      return list ? [list] : [];
    }
    const lists: number[][] = [];
    for (let i = lowerBound(this.vocab, token); i < this.vocab.length; i++) {
      const word = this.vocab[i] as string;
      if (!word.startsWith(token)) break;
      const list = this.postings.get(word);
      if (list) lists.push(list);
    }
    return lists;
  }

  /** Drops retired numbers from every posting and filter list, and tokens left without any insight. */
  private compact(): void {
    const alive = this.alive;
    for (const map of [this.postings, this.byAccount, this.byAuthor] as Map<unknown, number[]>[]) {
      for (const [key, list] of map) {
        const live = list.filter((n) => alive[n] === 1);
        if (live.length) map.set(key, live);
        else map.delete(key);
      }
    }
    this.vocab = [...this.postings.keys()].sort();
    this.retired = 0;
  }
}

/**
 * Reads every insight from the store (validated; damaged ones go to quarantine and are reported) and indexes
 * the live ones.
 */
export async function loadSearchIndex(
  db: Db,
): Promise<{ index: InsightSearchIndex; quarantined: Listing<Insight>['quarantined'] }> {
  const { items, quarantined } = await readMany(db, 'insights');
  return { index: InsightSearchIndex.from(items), quarantined };
}

/**
 * Keeps the `limit` newest documents seen, by createdAt then number (later first): a min-heap whose root is the oldest kept, so a
 * document is turned away in O(1) and kept in O(log limit), in whatever order the documents come.
 */
class TopNewest {
  private heap: Entry[] = [];
  constructor(private readonly limit: number) {}
  offer(n: number, ms: number): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ n, ms });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!older(heap[i] as Entry, heap[parent] as Entry)) break;
        [heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry];
        i = parent;
      }
      return;
    }
    const root = heap[0];
    if (!root || !older(root, { n, ms })) return;
    heap[0] = { n, ms };
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && older(heap[l] as Entry, heap[m] as Entry)) m = l;
      if (r < heap.length && older(heap[r] as Entry, heap[m] as Entry)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m] as Entry, heap[i] as Entry];
      i = m;
    }
  }
  newestFirst(): number[] {
    return [...this.heap].sort((a, b) => (older(a, b) ? 1 : -1)).map((e) => e.n);
  }
}

interface Entry {
  n: number;
  ms: number;
}

/** Bulk-built numbers follow (createdAt, id); later additions get higher numbers, so ties go to the latest. */
function older(a: Entry, b: Entry): boolean {
  return a.ms < b.ms || (a.ms === b.ms && a.n < b.n);
}

function pushTo<K>(map: Map<K, number[]>, key: K, n: number): void {
  const list = map.get(key);
  if (list) list.push(n);
  else map.set(key, [n]);
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
  if (!valid)
    throw new StoreError(
      'invalid',
      `search: ${name}: invalid date "${value}" (expected YYYY-MM-DD or an ISO date-time)`,
    );
  return dateOnly && endOfDay ? ms + 86_400_000 - 1 : ms;
}
