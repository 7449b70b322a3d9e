import { describe, expect, it } from 'vitest';
import { recordConflict } from './conflicts.ts';
import { saveDraft } from './drafts.ts';
import { eraseAccount, eraseAll } from './erase.ts';
import { markTalkingPoint } from './feedback.ts';
import { deleteInsight, saveInsight } from './insights.ts';
import { ensureClientId, getMeta, setMeta } from './meta.ts';
import { recordRejections } from './outbox.ts';
import { listQuarantine } from './read.ts';
import { InsightSearchIndex } from './search.ts';
import { storeSnapshot } from './snapshot.ts';
import { account, ctxAt, freshDb, putRaw, snapshotOf } from '../../tests/store-fixtures.ts';

async function populated() {
  const { db } = await freshDb();
  await storeSnapshot(db, snapshotOf([account('A-1'), account('A-2')]), { names: {} }, { source: 'test' });
  const searchIndex = new InsightSearchIndex();
  const ctx = (iso: string) => ctxAt(iso, { searchIndex });
  const a1 = await saveInsight(
    db,
    { type: 'need', title: 'Müller braucht Presse', accountId: 'A-1' },
    ctx('2026-03-01T08:00:00Z'),
  );
  const a1b = await saveInsight(
    db,
    { type: 'risk', title: 'Müller Budget', accountId: 'A-1' },
    ctx('2026-03-01T09:00:00Z'),
  );
  await deleteInsight(db, a1b.id, ctx('2026-03-01T10:00:00Z'));
  const a2 = await saveInsight(
    db,
    { type: 'need', title: 'Schmidt Presse', accountId: 'A-2' },
    ctx('2026-03-01T11:00:00Z'),
  );
  await saveDraft(db, { accountId: 'A-1', fields: { title: 'draft A-1' } });
  await saveDraft(db, { accountId: 'A-2', fields: { title: 'draft A-2' } });
  await markTalkingPoint(db, { accountId: 'A-1', talkingPointId: 'reorder-due', mark: 'used' });
  await markTalkingPoint(db, { accountId: 'A-2', talkingPointId: 'reorder-due', mark: 'done' });
  await recordConflict(db, { insightId: a1.id, accountId: 'A-1', losing: a1, winningRev: 2 });
  await recordRejections(db, [{ mutationId: 1, reason: 'rejected by hub' }]);
  await putRaw(db, 'quarantine', {
    store: 'insights',
    key: 'x',
    value: { accountId: 'A-1', title: 99 },
    error: 'bad',
    at: '2026-03-01T00:00:00Z',
  });
  return { db, searchIndex, a1, a1b, a2 };
}

describe('eraseAccount', () => {
  it('removes everything about one account, atomically, and nothing else', async () => {
    const { db, searchIndex, a2 } = await populated();
    // Outbox before: 1 rejected (A-1 put), 2 A-1 put, 3 A-1 delete, 4 A-2 put.
    expect(await db.getAllKeys('outbox')).toEqual([2, 3, 4]);
    const report = await eraseAccount(db, 'A-1', { searchIndex });
    expect(report).toEqual({
      insights: 2,
      drafts: 1,
      outbox: 2,
      rejections: 1,
      feedback: 1,
      conflicts: 1,
      quarantine: 1,
      account: true,
    });
    expect(await db.getAllKeys('insights')).toEqual([a2.id]);
    expect(await db.getAllKeys('outbox')).toEqual([4]);
    expect((await db.getAll('drafts')).map((d) => d.fields.title)).toEqual(['draft A-2']);
    expect(await db.getAllKeys('feedback')).toEqual([['A-2', 'reorder-due']]);
    expect(await db.getAllKeys('accounts')).toEqual(['A-2']);
    expect(await db.count('conflicts')).toBe(0);
    expect(await db.count('rejections')).toBe(0);
    expect(await listQuarantine(db)).toEqual([]);
    expect(searchIndex.search({ text: 'muller' }).total).toBe(0);
    expect(searchIndex.search({ text: 'presse' }).hits.map((h) => h.id)).toEqual([a2.id]);
  });

  it('reports nothing erased for an account with no data', async () => {
    const { db } = await populated();
    expect(await eraseAccount(db, 'A-404')).toEqual({
      insights: 0,
      drafts: 0,
      outbox: 0,
      rejections: 0,
      feedback: 0,
      conflicts: 0,
      quarantine: 0,
      account: false,
    });
    expect(await db.count('insights')).toBe(3);
  });
});

describe('eraseAll', () => {
  it('empties every store but keeps the sync client id and counters', async () => {
    const { db, searchIndex } = await populated();
    const clientId = await ensureClientId(db);
    await setMeta(db, 'neverMatchDomains', ['gmail.com']);
    await setMeta(db, 'syncCursor', 'c-17');
    await eraseAll(db, { searchIndex });
    for (const store of [
      'insights',
      'accounts',
      'snapshot',
      'accountIndex',
      'drafts',
      'outbox',
      'rejections',
      'feedback',
      'conflicts',
      'quarantine',
    ] as const) {
      expect([store, await db.count(store)]).toEqual([store, 0]);
    }
    expect((await db.getAllKeys('meta')).sort()).toEqual(['clientId', 'nextMutationId']);
    expect(await getMeta(db, 'clientId')).toBe(clientId);
    expect(await getMeta(db, 'nextMutationId')).toBe(5);
    expect(searchIndex.size).toBe(0);
  });
});
