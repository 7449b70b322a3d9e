import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import {
  findAccountsByDomain,
  getAccount,
  getAccountIndex,
  getSnapshot,
  getSnapshotMeta,
  replaceAccount,
  storeSnapshot,
} from './snapshot.ts';
import { account, freshDb, snapshotOf, T0 } from '../../tests/store-fixtures.ts';

describe('storeSnapshot', () => {
  it('stores each account as its own record and reassembles the snapshot', async () => {
    const { db } = await freshDb();
    const meta = await storeSnapshot(
      db,
      snapshotOf([account('A-1'), account('A-2')]),
      { byDomain: { 'a-1.example': 'A-1' } },
      { source: 'export.csv', now: T0 },
    );
    expect(meta).toEqual({ importedAt: '2026-03-02T09:00:00.000Z', source: 'export.csv', accountCount: 2 });
    expect((await getAccount(db, 'A-2')).value?.name).toBe('Account A-2');
    expect((await getSnapshotMeta(db)).value).toEqual(meta);
    const whole = (await getSnapshot(db)).value;
    expect(whole?.snapshot.accounts.map((a) => a.id)).toEqual(['A-1', 'A-2']);
    expect(whole?.snapshot.asOf).toBe('2026-03-01');
    expect((await getAccountIndex(db)).value).toEqual({ byDomain: { 'a-1.example': 'A-1' } });
    // The snapshot document itself holds no account copies.
    const stored = (await db.get('snapshot', 'current'))?.snapshot.accounts;
    expect(stored).toEqual([]);
  });

  it('replaces the previous accounts entirely', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf([account('A-1'), account('A-2')]), {}, { source: 'first' });
    await storeSnapshot(db, snapshotOf([account('A-3')]), {}, { source: 'second' });
    expect(await db.getAllKeys('accounts')).toEqual(['A-3']);
  });

  it('leaves the old data untouched when the new snapshot is invalid', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf([account('A-1')]), { v: 1 }, { source: 'good' });
    const bad = { ...snapshotOf([account('A-9')]), asOf: '2026-02-30' };
    await expect(storeSnapshot(db, bad, { v: 2 }, { source: 'bad' })).rejects.toThrow(/storeSnapshot: .*asOf/);
    const dup = snapshotOf([account('A-5'), account('A-5')]);
    await expect(storeSnapshot(db, dup, { v: 3 }, { source: 'dup' })).rejects.toThrow('account id "A-5" occurs twice');
    expect(await db.getAllKeys('accounts')).toEqual(['A-1']);
    expect((await getSnapshotMeta(db)).value?.source).toBe('good');
    expect((await getAccountIndex(db)).value).toEqual({ v: 1 });
  });

  it('finds accounts by domain, folding case and www.', async () => {
    const { db } = await freshDb();
    await storeSnapshot(
      db,
      snapshotOf([account('A-1', 'Müller GmbH', ['mueller.de', 'mueller-shop.de']), account('A-2')]),
      {},
      { source: 's' },
    );
    expect((await findAccountsByDomain(db, 'WWW.Mueller-Shop.de')).items.map((a) => a.id)).toEqual(['A-1']);
    expect((await findAccountsByDomain(db, 'other.de')).items).toEqual([]);
  });
});

describe('replaceAccount', () => {
  it('replaces one stored account and refuses unknown or invalid ones', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf([account('A-1')]), {}, { source: 's' });
    await replaceAccount(db, { ...account('A-1'), valueScore: 81, segment: 'A' });
    expect((await getAccount(db, 'A-1')).value?.valueScore).toBe(81);
    await expect(replaceAccount(db, account('A-404'))).rejects.toMatchObject({ code: 'unknown-account' });
    const invalid = replaceAccount(db, { ...account('A-1'), valueScore: 140 });
    await expect(invalid).rejects.toBeInstanceOf(StoreError);
    await expect(invalid).rejects.toThrow('valueScore: must be at most 100');
    expect((await getAccount(db, 'A-1')).value?.valueScore).toBe(81);
  });

  it('keeps the previous snapshot whole when storage fills up half-way through a new one', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf([account('OLD-1'), account('OLD-2')]), {}, { source: 'first' });
    const next = snapshotOf(Array.from({ length: 40 }, (_, i) => account(`NEW-${i}`)));
    const proto = Object.getPrototypeOf(unwrap(db).transaction('accounts').objectStore('accounts')) as IDBObjectStore;
    const put = proto.put;
    let calls = 0;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 20) throw new DOMException('quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(storeSnapshot(db, next, {}, { source: 'second' })).rejects.toThrow(
        "the browser's storage for this extension is full; the 40 accounts were not stored and the previous snapshot is kept",
      );
    } finally {
      proto.put = put;
    }
    expect((await getSnapshotMeta(db)).value?.source).toBe('first');
    expect((await db.getAllKeys('accounts')).sort()).toEqual(['OLD-1', 'OLD-2']);
  });
});
