import { describe, expect, it } from 'vitest';
import { ensureClientId, saveInsight } from '../../lib/store/index.ts';
import { freshDb } from '../../tests/store-fixtures.ts';
import { LazySearch } from './lazy-search.ts';

describe('LazySearch', () => {
  it('builds the index on the first search only, and again only when the store changed elsewhere', async () => {
    const { db } = await freshDb();
    const ctx = { clientId: await ensureClientId(db), author: 'lena.vogt@hansen-industriebedarf.de' };
    await saveInsight(db, { type: 'need', title: 'Second press line', accountId: null }, ctx);
    const search = new LazySearch(async () => db);
    expect(search.builds).toBe(0);

    const first = await search.search({ text: 'press' });
    expect(first.total).toBe(1);
    expect(first.insights.map((i) => i.title)).toEqual(['Second press line']);
    await search.search({ text: 'line' });
    expect(search.builds).toBe(1);

    // Saved by this page and handed over: found without a rebuild.
    const own = await saveInsight(db, { type: 'risk', title: 'Press supplier in trouble', accountId: null }, ctx);
    await search.saved(own);
    expect((await search.search({ text: 'press' })).total).toBe(2);
    expect(search.builds).toBe(1);

    // Saved elsewhere (the overlay through the background): the stamp moved, the index is rebuilt.
    await saveInsight(db, { type: 'need', title: 'Pressure washer demo', accountId: null }, ctx);
    const after = await search.search({ text: 'press', author: 'LENA.VOGT@hansen-industriebedarf.de' });
    expect(after.total).toBe(3);
    expect(search.builds).toBe(2);
    expect((await search.search({ text: 'press', type: ['risk'] })).insights.map((i) => i.title)).toEqual([
      'Press supplier in trouble',
    ]);
  });
});
