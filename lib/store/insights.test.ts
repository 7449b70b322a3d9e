import { afterEach, describe, expect, it, vi } from 'vitest';
import { INSIGHT_LIMITS } from '../engine/insight.ts';
import { assignInsight, deleteInsight, getInsight, listInsightsForAccount, saveInsight } from './insights.ts';
import { listQuarantine } from './read.ts';
import { InsightSearchIndex } from './search.ts';
import { storeSnapshot } from './snapshot.ts';
import { account, ctxAt, freshDb, putRaw, raw, snapshotOf } from '../../tests/store-fixtures.ts';
import type { Db } from './open.ts';

async function dbWithAccounts(): Promise<Db> {
  const { db } = await freshDb();
  await storeSnapshot(db, snapshotOf([account('A-1'), account('A-2')]), {}, { source: 'test' });
  return db;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('saveInsight', () => {
  it('creates an insight and its insight.put mutation together', async () => {
    const db = await dbWithAccounts();
    const saved = await saveInsight(
      db,
      { type: 'need', title: '  Needs a second press ', accountId: 'A-1' },
      ctxAt('2026-03-02T09:00:00Z'),
    );
    expect(saved).toMatchObject({
      accountId: 'A-1',
      author: 'anna@example.com',
      title: 'Needs a second press',
      createdAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:00:00.000Z',
      rev: 1,
      body: '',
      deletedAt: null,
    });
    expect(saved.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await raw(db, 'insights')).toEqual([saved]);
    expect(await raw(db, 'outbox')).toEqual([
      {
        mutationId: 1,
        mutation: { kind: 'insight.put', mutationId: 1, insight: saved, baseRev: 0 },
        clientId: 'client-test-0001',
        createdAt: '2026-03-02T09:00:00.000Z',
        attempts: 0,
      },
    ]);
    expect(await db.get('meta', 'nextMutationId')).toBe(2);
  });

  it('edits keep id, author and createdAt, bump rev and updatedAt, and carry baseRev', async () => {
    const db = await dbWithAccounts();
    const first = await saveInsight(db, { type: 'need', title: 'v1', accountId: 'A-1' }, ctxAt('2026-03-02T09:00:00Z'));
    const second = await saveInsight(
      db,
      { ...first, title: 'v2' },
      ctxAt('2026-03-03T10:00:00Z', { author: 'ben@example.com' }),
    );
    expect(second).toMatchObject({
      id: first.id,
      author: 'anna@example.com',
      createdAt: first.createdAt,
      updatedAt: '2026-03-03T10:00:00.000Z',
      rev: 2,
      title: 'v2',
    });
    const outbox = await raw(db, 'outbox');
    expect(outbox).toHaveLength(2);
    expect(outbox[1]).toMatchObject({
      mutationId: 2,
      mutation: { kind: 'insight.put', baseRev: 1, insight: { rev: 2 } },
    });
  });

  it('never moves updatedAt backwards when the clock does', async () => {
    const db = await dbWithAccounts();
    const first = await saveInsight(db, { type: 'risk', title: 't', accountId: null }, ctxAt('2026-03-02T09:00:00Z'));
    const second = await saveInsight(db, { ...first, title: 't2' }, ctxAt('2026-03-01T00:00:00Z'));
    expect(second.updatedAt).toBe('2026-03-02T09:00:00.001Z');
  });

  it('rejects invalid input with messages that name the field, and writes nothing', async () => {
    const db = await dbWithAccounts();
    const ctx = ctxAt('2026-03-02T09:00:00Z');
    await expect(
      saveInsight(db, { type: 'need', title: 'x'.repeat(INSIGHT_LIMITS.title + 1), accountId: null }, ctx),
    ).rejects.toThrow('saveInsight: invalid insight: title: too long (max 200 characters)');
    await expect(
      saveInsight(db, { type: 'need', title: 'ok', body: 'y'.repeat(20_001), accountId: null }, ctx),
    ).rejects.toThrow('body: too long (max 20000 characters)');
    // 2026 is not a leap year, so 29 February does not exist.
    await expect(
      saveInsight(db, { type: 'need', title: 'ok', followUpAt: '2026-02-29', accountId: null }, ctx),
    ).rejects.toThrow('followUpAt: invalid date (expected a real calendar day as YYYY-MM-DD)');
    const typeError = await saveInsight(db, { type: 'gossip' as 'need', title: '   ', accountId: null }, ctx).catch(
      (e: unknown) => e,
    );
    expect(typeError).toMatchObject({
      code: 'invalid',
      issues: [
        { path: 'type', message: expect.stringMatching(/^must be one of need, pain-point/) },
        { path: 'title', message: 'required' },
      ],
    });
    await expect(saveInsight(db, { type: 'need', title: 'ok', accountId: 'A-404' }, ctx)).rejects.toMatchObject({
      code: 'unknown-account',
      message: expect.stringContaining('unknown account "A-404"'),
    });
    expect(await raw(db, 'insights')).toEqual([]);
    expect(await raw(db, 'outbox')).toEqual([]);
    expect(await db.get('meta', 'nextMutationId')).toBeUndefined();
  });

  it('refuses a stale edit and keeps the stored version', async () => {
    const db = await dbWithAccounts();
    const v1 = await saveInsight(db, { type: 'need', title: 'v1', accountId: 'A-1' }, ctxAt('2026-03-02T09:00:00Z'));
    await saveInsight(db, { ...v1, title: 'from tab 1' }, ctxAt('2026-03-02T09:01:00Z'));
    await expect(saveInsight(db, { ...v1, title: 'from tab 2' }, ctxAt('2026-03-02T09:02:00Z'))).rejects.toMatchObject({
      code: 'stale',
      message: expect.stringContaining('stored rev 2, edit started from rev 1'),
    });
    expect((await getInsight(db, v1.id)).value?.title).toBe('from tab 1');
    expect(await raw(db, 'outbox')).toHaveLength(2);
  });

  it('keeps an insight whose account left the snapshot editable', async () => {
    const db = await dbWithAccounts();
    const v1 = await saveInsight(db, { type: 'need', title: 'v1', accountId: 'A-2' }, ctxAt('2026-03-02T09:00:00Z'));
    await storeSnapshot(db, snapshotOf([account('A-1')]), {}, { source: 'newer' });
    expect((await saveInsight(db, { ...v1, title: 'v2' }, ctxAt('2026-03-03T09:00:00Z'))).accountId).toBe('A-2');
  });

  it('commits insight, outbox row and counter together or not at all (worker stopped mid-save)', async () => {
    const db = await dbWithAccounts();
    await saveInsight(db, { type: 'need', title: 'before', accountId: 'A-1' }, ctxAt('2026-03-02T09:00:00Z'));
    // Simulate the service worker dying after both writes were issued but before the commit: the transaction
    // never commits, which IndexedDB treats exactly like an abort.
    const add = IDBObjectStore.prototype.add;
    const stopped: string[] = [];
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['add']>
    ) {
      const request = add.apply(this, args);
      if (this.name === 'outbox') {
        stopped.push([...this.transaction.objectStoreNames].join(','));
        this.transaction.abort();
      }
      return request;
    });
    await expect(
      saveInsight(db, { type: 'need', title: 'lost?', accountId: 'A-1' }, ctxAt('2026-03-02T09:05:00Z')),
    ).rejects.toThrow();
    vi.restoreAllMocks();
    expect(stopped).toEqual(['accounts,insights,meta,outbox,quarantine,rejections']);
    expect((await raw(db, 'insights')).map((i) => (i as { title: string }).title)).toEqual(['before']);
    expect(await raw(db, 'outbox')).toHaveLength(1);
    expect(await db.get('meta', 'nextMutationId')).toBe(2);
    // Saving again after the restart queues it exactly once, with the next id.
    const retried = await saveInsight(
      db,
      { type: 'need', title: 'lost?', accountId: 'A-1' },
      ctxAt('2026-03-02T09:06:00Z'),
    );
    expect(await raw(db, 'insights')).toHaveLength(2);
    expect((await raw(db, 'outbox')).map((e) => (e as { mutationId: number }).mutationId)).toEqual([1, 2]);
    expect((await getInsight(db, retried.id)).value?.rev).toBe(1);
  });

  it('updates a search index after the commit', async () => {
    const db = await dbWithAccounts();
    const searchIndex = new InsightSearchIndex();
    const saved = await saveInsight(
      db,
      { type: 'competitor', title: 'Wettbewerber Kärcher war da', accountId: 'A-1' },
      ctxAt('2026-03-02T09:00:00Z', { searchIndex }),
    );
    expect(searchIndex.search({ text: 'kaercher' }).hits.map((h) => h.id)).toEqual([saved.id]);
    await deleteInsight(db, saved.id, ctxAt('2026-03-03T09:00:00Z', { searchIndex }));
    expect(searchIndex.search({ text: 'kaercher' }).total).toBe(0);
  });
});

describe('deleteInsight', () => {
  it('soft-deletes with an insight.delete mutation and is idempotent', async () => {
    const db = await dbWithAccounts();
    const saved = await saveInsight(db, { type: 'need', title: 't', accountId: 'A-1' }, ctxAt('2026-03-02T09:00:00Z'));
    const deleted = await deleteInsight(db, saved.id, ctxAt('2026-03-04T12:00:00Z'));
    expect(deleted).toMatchObject({
      deletedAt: '2026-03-04T12:00:00.000Z',
      updatedAt: '2026-03-04T12:00:00.000Z',
      rev: 2,
      title: 't',
    });
    expect((await raw(db, 'outbox'))[1]).toMatchObject({
      mutationId: 2,
      mutation: {
        kind: 'insight.delete',
        mutationId: 2,
        insightId: saved.id,
        baseRev: 1,
        deletedAt: '2026-03-04T12:00:00.000Z',
      },
    });
    expect(await deleteInsight(db, saved.id, ctxAt('2026-03-05T12:00:00Z'))).toEqual(deleted);
    expect(await raw(db, 'outbox')).toHaveLength(2);
    await expect(saveInsight(db, { ...saved, title: 'again' }, ctxAt('2026-03-06T12:00:00Z'))).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(deleteInsight(db, '01JNZZZZZZZZZZZZZZZZZZZZZZ', ctxAt('2026-03-06T12:00:00Z'))).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});

describe('assignInsight', () => {
  it('links an unassigned insight later, as an edit', async () => {
    const db = await dbWithAccounts();
    const saved = await saveInsight(
      db,
      { type: 'referral', title: 'Empfehlung', accountId: null },
      ctxAt('2026-03-02T09:00:00Z'),
    );
    const linked = await assignInsight(db, saved.id, 'A-2', ctxAt('2026-03-02T10:00:00Z'));
    expect(linked).toMatchObject({ accountId: 'A-2', rev: 2, createdAt: saved.createdAt });
    expect((await raw(db, 'outbox'))[1]).toMatchObject({ mutation: { baseRev: 1, insight: { accountId: 'A-2' } } });
    await expect(assignInsight(db, saved.id, 'A-404', ctxAt('2026-03-02T11:00:00Z'))).rejects.toMatchObject({
      code: 'unknown-account',
    });
  });
});

describe('listInsightsForAccount', () => {
  it('is the account timeline, newest first, without deleted insights unless asked', async () => {
    const db = await dbWithAccounts();
    const a = await saveInsight(db, { type: 'need', title: 'oldest', accountId: 'A-1' }, ctxAt('2026-01-01T08:00:00Z'));
    const b = await saveInsight(db, { type: 'need', title: 'newest', accountId: 'A-1' }, ctxAt('2026-03-01T08:00:00Z'));
    const c = await saveInsight(db, { type: 'need', title: 'middle', accountId: 'A-1' }, ctxAt('2026-02-01T08:00:00Z'));
    await saveInsight(db, { type: 'need', title: 'other account', accountId: 'A-2' }, ctxAt('2026-02-15T08:00:00Z'));
    const u = await saveInsight(
      db,
      { type: 'need', title: 'unassigned', accountId: null },
      ctxAt('2026-02-16T08:00:00Z'),
    );
    await deleteInsight(db, c.id, ctxAt('2026-03-02T08:00:00Z'));
    expect((await listInsightsForAccount(db, 'A-1')).items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect((await listInsightsForAccount(db, 'A-1', { includeDeleted: true })).items.map((i) => i.id)).toEqual([
      b.id,
      c.id,
      a.id,
    ]);
    expect((await listInsightsForAccount(db, null)).items.map((i) => i.id)).toEqual([u.id]);
  });

  it('moves a damaged record to quarantine, reports it and still lists the rest', async () => {
    const db = await dbWithAccounts();
    const good = await saveInsight(
      db,
      { type: 'need', title: 'fine', accountId: 'A-1' },
      ctxAt('2026-03-01T08:00:00Z'),
    );
    const broken = { ...good, id: '01JN0000000000000000000000', title: 'z'.repeat(300), sentiment: 7 };
    // Written with raw IndexedDB, as a bug or an older build might have done.
    await putRaw(db, 'insights', broken);
    const listing = await listInsightsForAccount(db, 'A-1');
    expect(listing.items.map((i) => i.id)).toEqual([good.id]);
    expect(listing.quarantined).toHaveLength(1);
    expect(listing.quarantined[0]).toMatchObject({
      store: 'insights',
      key: broken.id,
      value: broken,
      error: 'insights record failed validation: title: too long (max 200 characters); sentiment: must be at most 2',
    });
    expect(await db.get('insights', broken.id)).toBeUndefined();
    expect((await listQuarantine(db)).map((q) => q.key)).toEqual([broken.id]);
    expect((await listInsightsForAccount(db, 'A-1')).quarantined).toEqual([]);
  });
});
