/**
 * lib/store: save latency (insight + outbox row in one transaction) and search latency over 100,000 insights.
 * Runs in Node on fake-indexeddb, which keeps everything in memory: save figures here measure our code and the
 * IndexedDB semantics, not a disk. The e2e suite measures saves in a real browser.
 * The same text queries also run on MiniSearch (npm `minisearch`, prefix search, the same token folding), so the
 * hand-written index is weighed against a well-kept library on every run.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Insight, InsightType } from '../lib/engine/insight.ts';
import { INSIGHT_TYPES } from '../lib/engine/insight.ts';
import { DEFAULT_MODEL_CONFIG } from '../lib/engine/model-config.ts';
import { mulberry32 as rng } from '../lib/engine/generate/random.ts';
import { saveInsight } from '../lib/store/insights.ts';
import { openStore } from '../lib/store/open.ts';
import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import { foldTokens, InsightSearchIndex, MIN_PREFIX, type SearchQuery } from '../lib/store/search.ts';
import { storeSnapshot } from '../lib/store/snapshot.ts';
import { account } from '../tests/store-fixtures.ts';

const SAVES = 1_000;
const INSIGHTS = 100_000;
const QUERY_RUNS = 200;

function quantile(sorted: readonly number[], q: number): number {
  // Type 7 (R's default): linear interpolation between order statistics.
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return (
    (sorted[lo] as number) +
    (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - (sorted[lo] as number))
  );
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5).toFixed(2)} ms  p95 ${quantile(s, 0.95).toFixed(2)} ms  max ${(s[s.length - 1] as number).toFixed(2)} ms`;
}

/** A vocabulary of German-looking words (syllable pairs and triples, some with umlauts): about 30,000 forms. */
function vocabulary(random: () => number): string[] {
  const syllables = [
    'pres',
    'se',
    'wart',
    'ung',
    'ver',
    'trag',
    'kun',
    'de',
    'an',
    'ge',
    'bot',
    'lie',
    'fer',
    'zeit',
    'müll',
    'er',
    'bü',
    'ro',
    'kä',
    'rcher',
    'stra',
    'ße',
    'ma',
    'schi',
    'ne',
    'öl',
    'fil',
    'ter',
    'preis',
    'bud',
    'get',
    'lin',
    'ie',
    'kap',
    'azi',
    'tät',
    'frei',
    'gabe',
    'leit',
    'ung',
  ];
  const words = new Set<string>();
  while (words.size < 30_000) {
    const n = 2 + Math.floor(random() * 2);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

function syntheticInsights(n: number): Insight[] {
  const random = rng(17);
  const words = vocabulary(random);
  // Zipf-like word choice: a few words are everywhere, most are rare, as in real notes.
  const word = (): string => words[Math.floor(words.length * random() ** 3)] as string;
  const text = (k: number): string => Array.from({ length: k }, word).join(' ');
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2026, 2, 1) - start;
  return Array.from({ length: n }, (_, i) => {
    const created = new Date(start + Math.floor(random() * span)).toISOString();
    return {
      id: `01JN${String(i).padStart(22, '0')}`,
      accountId: random() < 0.05 ? null : `A-${Math.floor(random() * 2_000)}`,
      author: `rep${Math.floor(random() * 40)}@example.com`,
      createdAt: created,
      updatedAt: created,
      type: INSIGHT_TYPES[Math.floor(random() * INSIGHT_TYPES.length)] as InsightType,
      title: text(4 + Math.floor(random() * 5)),
      body: text(20 + Math.floor(random() * 60)),
      sentiment: 0,
      products: random() < 0.3 ? [`SKU-${Math.floor(random() * 500)}`] : [],
      tags: random() < 0.3 ? [word()] : [],
      followUpAt: null,
      source: { kind: 'sidepanel' },
      visibility: 'team',
      status: 'open',
      rev: 1,
      deletedAt: null,
    };
  });
}

function gcIfPossible(): (() => void) | undefined {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return typeof gc === 'function' ? gc : undefined;
}

async function benchSaves(): Promise<void> {
  const db = await openStore(new IDBFactory());
  await storeSnapshot(
    db,
    {
      schemaVersion: 1,
      asOf: '2026-03-01',
      generatedAt: '2026-03-01T06:00:00Z',
      model: DEFAULT_MODEL_CONFIG,
      clvParams: { bgnbd: { r: 1, alpha: 1, a: 1, b: 1, logLikelihood: 0 }, gammaGamma: null },
      accounts: Array.from({ length: 200 }, (_, i) => account(`A-${i}`)),
      rules: [],
    },
    {},
    { source: 'bench' },
  );
  const searchIndex = new InsightSearchIndex();
  const ctx = { clientId: 'bench-client-01', author: 'bench@example.com', searchIndex };
  const times: number[] = [];
  const saved: Insight[] = [];
  for (let i = 0; i < SAVES; i++) {
    const t = performance.now();
    saved.push(
      await saveInsight(
        db,
        {
          type: 'need',
          title: `Bench note ${i}`,
          body: 'Zweite Presse für die Linie in Köln gewünscht. '.repeat(5),
          accountId: `A-${i % 200}`,
        },
        ctx,
      ),
    );
    times.push(performance.now() - t);
  }
  console.log(`save (new insight + outbox row, one transaction), ${SAVES} saves: ${summary(times)}`);
  const edits: number[] = [];
  for (const insight of saved.slice(0, 200)) {
    const t = performance.now();
    await saveInsight(db, { ...insight, title: `${insight.title} (edited)` }, ctx);
    edits.push(performance.now() - t);
  }
  console.log(`save (edit: read + rev bump + outbox row), 200 edits: ${summary(edits)}`);
  db.close();
}

function benchSearch(): void {
  const gc = gcIfPossible();
  const insights = syntheticInsights(INSIGHTS);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const index = InsightSearchIndex.from(insights);
  const buildMs = performance.now() - t;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const memory = gc ? `${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB heap` : 'n/a (gc not exposed)';
  console.log(
    `search index over ${INSIGHTS.toLocaleString('en')} insights: built in ${buildMs.toFixed(0)} ms, ${memory}`,
  );

  const queries: [string, SearchQuery][] = [
    ['one full word', { text: 'wartung' }],
    ['one letter (whole words only)', { text: 'p' }],
    ['prefix "pres" (in 70 % of notes)', { text: 'pres' }],
    ['two words', { text: 'wartung vertrag' }],
    ['umlaut transliterated ("kaercher")', { text: 'kaercher' }],
    ['no text: type + date range', { type: ['need', 'risk'], from: '2025-01-01', to: '2025-06-30' }],
    ['no text: one account', { accountId: 'A-17' }],
    ['text + account + author', { text: 'pres', accountId: 'A-17', author: 'rep3@example.com' }],
    ['rare word, no hits', { text: 'zzzz' }],
  ];
  for (const [label, query] of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < QUERY_RUNS; i++) {
      t = performance.now();
      total = index.search(query).total;
      times.push(performance.now() - t);
    }
    console.log(`search ${label.padEnd(38)} ${String(total).padStart(6)} hits  ${summary(times)}`);
  }

  const updates: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const insight = insights[(i * 97) % insights.length] as Insight;
    t = performance.now();
    index.upsert({ ...insight, title: `${insight.title} neu${i}`, rev: 2 });
    updates.push(performance.now() - t);
  }
  console.log(`index upsert (incremental, 1,000 edits):          ${summary(updates)}`);
  benchMiniSearch(insights, gc, queries);
}

/** MiniSearch on the same insights and text queries: every word must match (AND), as prefix from MIN_PREFIX letters. */
function benchMiniSearch(insights: Insight[], gc: (() => void) | undefined, queries: [string, SearchQuery][]): void {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const mini = new MiniSearch<Insight>({
    fields: ['title', 'body', 'tags', 'products'],
    storeFields: ['accountId', 'author', 'type', 'createdAt'],
    extractField: (doc, field) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(' ') : ((value as string | null | undefined) ?? '');
    },
    tokenize: (text) => foldTokens(text, true),
    processTerm: (term) => term,
    searchOptions: {
      combineWith: 'AND',
      tokenize: (text) => foldTokens(text),
      prefix: (term) => term.length >= MIN_PREFIX,
    },
  });
  mini.addAll(insights);
  const buildMs = performance.now() - t;
  gc?.();
  const memory = gc
    ? `${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1)} MB heap`
    : 'n/a (gc not exposed)';
  console.log(`MiniSearch over the same insights: built in ${buildMs.toFixed(0)} ms, ${memory}`);
  for (const [label, query] of queries) {
    if (!query.text) continue;
    const filter = (r: MiniSearchResult) =>
      (query.accountId === undefined || r.accountId === query.accountId) &&
      (query.author === undefined || r.author === query.author);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < QUERY_RUNS; i++) {
      t = performance.now();
      total = mini.search(query.text, { filter }).length;
      times.push(performance.now() - t);
    }
    console.log(`MiniSearch ${label.padEnd(34)} ${String(total).padStart(6)} hits  ${summary(times)}`);
  }
}

export async function run(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (shared machines inflate every figure)`,
  );
  console.log(
    'fake-indexeddb keeps the database in memory: save latencies exclude disk I/O (the e2e suite measures a real browser).',
  );
  await benchSaves();
  benchSearch();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
