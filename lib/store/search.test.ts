import { describe, expect, it } from 'vitest';
import type { Insight } from '../engine/insight.ts';
import { foldTokens, InsightSearchIndex, loadSearchIndex } from './search.ts';
import { freshDb, putRaw } from '../../tests/store-fixtures.ts';

let seq = 0;
function insight(fields: Partial<Insight>): Insight {
  seq++;
  return {
    id: `01JN${String(seq).padStart(22, '0')}`,
    accountId: 'A-1',
    author: 'anna@example.com',
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    type: 'need',
    title: 'Untitled',
    body: '',
    sentiment: 0,
    products: [],
    tags: [],
    followUpAt: null,
    source: { kind: 'sidepanel' },
    visibility: 'team',
    status: 'open',
    rev: 1,
    deletedAt: null,
    ...fields,
  };
}

describe('foldTokens', () => {
  it('lower-cases, strips accents and gives German umlauts both spellings', () => {
    expect(foldTokens('Müller-Straße 5, Café', true)).toEqual(['muller', 'mueller', 'strasse', '5', 'cafe']);
    expect(foldTokens('Müller')).toEqual(['muller']);
    expect(foldTokens('  --  ')).toEqual([]);
  });
});

describe('InsightSearchIndex', () => {
  const press = insight({
    title: 'Zweite Presse gewünscht',
    body: 'Die Linie in Köln läuft am Limit',
    tags: ['Kapazität'],
    createdAt: '2026-01-10T08:00:00Z',
  });
  const rival = insight({
    title: 'Wettbewerber Kärcher',
    type: 'competitor',
    accountId: 'A-2',
    author: 'Ben@Example.com',
    createdAt: '2026-02-10T08:00:00Z',
  });
  const budget = insight({
    title: 'Budget für Pressen eingefroren',
    type: 'budget',
    accountId: null,
    createdAt: '2026-03-10T08:00:00Z',
    products: ['SKU-77'],
  });
  const gone = insight({ title: 'Presse gelöscht', deletedAt: '2026-03-11T08:00:00Z' });
  const index = InsightSearchIndex.from([press, rival, budget, gone]);
  const ids = (q: Parameters<InsightSearchIndex['search']>[0]): string[] => index.search(q).hits.map((h) => h.id);

  it('matches every query word as a prefix, newest first, and skips deleted insights', () => {
    expect(ids({ text: 'press' })).toEqual([budget.id, press.id]);
    expect(ids({ text: 'PRESS köln' })).toEqual([press.id]);
    expect(ids({ text: 'press zebra' })).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('matches one-letter words whole, not as prefixes, and combines text with filters', () => {
    const small = InsightSearchIndex.from([
      insight({ title: 'Plan B für Presse' }),
      insight({ title: 'Budget', accountId: 'A-2' }),
    ]);
    expect(small.search({ text: 'b' }).total).toBe(1);
    expect(small.search({ text: 'bu' }).total).toBe(1);
    expect(small.search({ text: 'pres', accountId: 'A-2' }).total).toBe(0);
    expect(small.search({ text: 'budg', accountId: 'A-2', author: 'ANNA@example.com' }).total).toBe(1);
  });

  it('folds umlauts both ways and searches tags and products', () => {
    expect(ids({ text: 'kaercher' })).toEqual([rival.id]);
    expect(ids({ text: 'karcher' })).toEqual([rival.id]);
    expect(ids({ text: 'Kärcher' })).toEqual([rival.id]);
    expect(ids({ text: 'kapazitaet' })).toEqual([press.id]);
    expect(ids({ text: 'sku-77' })).toEqual([budget.id]);
  });

  it('filters by type, account (null = unassigned), author and date range', () => {
    expect(ids({ type: ['competitor', 'budget'] })).toEqual([budget.id, rival.id]);
    expect(ids({ accountId: null })).toEqual([budget.id]);
    expect(ids({ accountId: 'A-1' })).toEqual([press.id]);
    expect(ids({ author: 'ben@example.com' })).toEqual([rival.id]);
    expect(ids({ from: '2026-02-10', to: '2026-03-09' })).toEqual([rival.id]);
    expect(ids({ to: '2026-01-10' })).toEqual([press.id]);
    expect(ids({ text: 'press', from: '2026-03-01T00:00:00+01:00' })).toEqual([budget.id]);
  });

  it('counts all matches and returns the newest `limit`', () => {
    const r = index.search({ limit: 2 });
    expect(r.total).toBe(3);
    expect(r.hits.map((h) => h.id)).toEqual([budget.id, rival.id]);
    expect(r.hits[1]).toEqual({
      id: rival.id,
      accountId: 'A-2',
      type: 'competitor',
      author: 'Ben@Example.com',
      title: 'Wettbewerber Kärcher',
      createdAt: '2026-02-10T08:00:00Z',
      updatedAt: '2026-03-01T08:00:00.000Z',
    });
  });

  it('names an invalid date or type', () => {
    expect(() => index.search({ from: '2026-02-30' })).toThrow(
      'search: from: invalid date "2026-02-30" (expected YYYY-MM-DD or an ISO date-time)',
    );
    expect(() => index.search({ type: ['gossip' as 'need'] })).toThrow('search: type: unknown insight type "gossip"');
  });

  it('follows updates and removals incrementally, also across compaction', () => {
    const live = new InsightSearchIndex();
    const docs = Array.from({ length: 3000 }, (_, i) =>
      insight({ title: `note ${i} alpha`, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }),
    );
    for (const d of docs) live.upsert(d);
    // Rewrite every insight twice: 6000 retired numbers force compactions along the way.
    for (const d of docs) live.upsert({ ...d, title: `note ${d.title.split(' ')[1]} beta`, rev: 2 });
    for (const d of docs) live.upsert({ ...d, title: `note ${d.title.split(' ')[1]} gamma`, rev: 3 });
    expect(live.size).toBe(3000);
    expect(live.search({ text: 'alpha' }).total).toBe(0);
    expect(live.search({ text: 'beta' }).total).toBe(0);
    expect(live.search({ text: 'gamma' }).total).toBe(3000);
    expect(live.search({ text: '2999 gam' }).hits.map((h) => h.id)).toEqual([docs[2999]?.id]);
    live.remove(docs[2999]?.id ?? '');
    expect(live.search({ text: '2999' }).total).toBe(0);
    live.upsert({ ...(docs[5] as Insight), deletedAt: '2026-03-01T00:00:00Z' });
    expect(live.search({ text: 'gamma' }).total).toBe(2998);
    live.clear();
    expect(live.search({}).total).toBe(0);
  });
});

describe('loadSearchIndex', () => {
  it('indexes the stored insights and reports damaged ones', async () => {
    const { db } = await freshDb();
    const good = insight({ title: 'Angebot Wartungsvertrag' });
    await putRaw(db, 'insights', good);
    await putRaw(db, 'insights', { ...insight({}), type: 'gossip' });
    const { index, quarantined } = await loadSearchIndex(db);
    expect(index.search({ text: 'wartung' }).hits.map((h) => h.id)).toEqual([good.id]);
    expect(quarantined.map((q) => q.error)).toEqual([
      expect.stringMatching(/^insights record failed validation: type: must be one of need/),
    ]);
  });
});
