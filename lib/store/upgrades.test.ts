/**
 * Upgrades are tested the way they happen: a database written by the previous version's code path (v1 below:
 * its stores, its outbox rows with an auto-incremented `seq`) is opened by the current code.
 */
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { saveInsight } from './insights.ts';
import { openStore, openUntyped } from './open.ts';
import { listQuarantine } from './read.ts';
import { getAccount } from './snapshot.ts';
import { account, CLIENT, ctxAt, snapshotOf } from '../../tests/store-fixtures.ts';
import { upgrades } from './upgrades.ts';
import { DB_VERSION } from './schema.ts';

const insightA = {
  id: '01JN1AAAAAAAAAAAAAAAAAAAAA',
  accountId: 'A-1',
  author: 'anna@example.com',
  createdAt: '2026-02-01T08:00:00.000Z',
  updatedAt: '2026-02-01T08:00:00.000Z',
  type: 'need',
  title: 'Needs a second press',
  body: '',
  sentiment: 1,
  products: [],
  tags: ['press'],
  followUpAt: null,
  source: { kind: 'crm' },
  visibility: 'team',
  status: 'open',
  rev: 1,
  deletedAt: null,
} as const;
const insightB = {
  ...insightA,
  id: '01JN1BBBBBBBBBBBBBBBBBBBBB',
  accountId: null,
  type: 'risk',
  author: 'ben@example.com',
  title: 'Budget frozen',
  rev: 2,
} as const;

/** v1's save path: insight put + outbox row {mutation, clientId, createdAt} under an auto-incremented seq. */
async function writeV1(factory: IDBFactory): Promise<void> {
  const db = await openUntyped(factory, { version: 1 });
  const tx = db.transaction(
    ['snapshot', 'accounts', 'accountIndex', 'insights', 'drafts', 'outbox', 'meta'],
    'readwrite',
  );
  const snap = snapshotOf([]);
  await tx.objectStore('accounts').put(account('A-1'));
  await tx
    .objectStore('snapshot')
    .put(
      { snapshot: snap, meta: { importedAt: '2026-02-01T07:00:00Z', source: 'v1.csv', accountCount: 1 } },
      'current',
    );
  await tx
    .objectStore('accountIndex')
    .put({ storedAt: '2026-02-01T07:00:00Z', index: { names: { acme: 'A-1' } } }, 'current');
  await tx.objectStore('insights').put(insightA);
  await tx.objectStore('insights').put(insightB);
  await tx.objectStore('drafts').put({
    id: '01JN1DDDDDDDDDDDDDDDDDDDDD',
    insightId: null,
    accountId: 'A-1',
    savedAt: '2026-02-02T08:00:00Z',
    fields: { title: 'half' },
  });
  await tx.objectStore('outbox').add({
    mutation: { kind: 'insight.put', mutationId: 1, insight: insightA, baseRev: 0 },
    clientId: CLIENT,
    createdAt: '2026-02-01T08:00:00.000Z',
  });
  await tx.objectStore('outbox').add({
    mutation: { kind: 'insight.put', mutationId: 2, insight: insightB, baseRev: 1 },
    clientId: CLIENT,
    createdAt: '2026-02-01T08:00:01.000Z',
  });
  await tx
    .objectStore('outbox')
    .add({ mutation: { kind: 'insight.put', mutationId: 3 }, clientId: CLIENT, createdAt: 'yesterday' });
  await tx.objectStore('meta').put(CLIENT, 'clientId');
  await tx.objectStore('meta').put(4, 'nextMutationId');
  await tx.done;
  db.close();
}

function describeSchema(db: IDBPDatabase<unknown>): unknown {
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names, 'readonly');
  return names.map((name) => {
    const store = tx.objectStore(name);
    const indexes = [...store.indexNames].sort().map((i) => {
      const index = store.index(i);
      return { i, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
    });
    return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  });
}

describe('upgrade v1 → v2', () => {
  it('keeps every record and re-keys the outbox by mutationId', async () => {
    const factory = new IDBFactory();
    await writeV1(factory);
    const db = await openStore(factory, { now: () => new Date('2026-03-01T00:00:00Z') });
    expect(db.version).toBe(2);
    expect(await db.getAll('insights')).toEqual([insightA, insightB]);
    expect((await getAccount(db, 'A-1')).value?.id).toBe('A-1');
    expect(await db.get('accountIndex', 'current')).toEqual({
      storedAt: '2026-02-01T07:00:00Z',
      index: { names: { acme: 'A-1' } },
    });
    expect((await db.get('snapshot', 'current'))?.meta.source).toBe('v1.csv');
    expect(await db.getAllKeys('outbox')).toEqual([1, 2]);
    expect(await db.get('outbox', 2)).toEqual({
      mutationId: 2,
      mutation: { kind: 'insight.put', mutationId: 2, insight: insightB, baseRev: 1 },
      clientId: CLIENT,
      createdAt: '2026-02-01T08:00:01.000Z',
      attempts: 0,
    });
    // The row v2 cannot understand is kept aside with the reason, not dropped.
    const [kept] = await listQuarantine(db);
    expect(kept).toMatchObject({
      store: 'outbox',
      key: 3,
      at: '2026-03-01T00:00:00.000Z',
      value: { seq: 3, createdAt: 'yesterday' },
    });
    expect(kept?.error).toMatch(
      /^upgrade to v2: outbox row is not a v1 outbox row: mutation\.insight: required; mutation\.baseRev: required; createdAt: invalid date-time/,
    );
    // The new indexes answer for records written before they existed.
    expect(await db.getAllKeysFromIndex('insights', 'type', 'risk')).toEqual([insightB.id]);
    expect(await db.getAllKeysFromIndex('insights', 'author', 'anna@example.com')).toEqual([insightA.id]);
    expect(await db.getAllKeysFromIndex('drafts', 'accountId', 'A-1')).toEqual(['01JN1DDDDDDDDDDDDDDDDDDDDD']);
    expect(await db.count('feedback')).toBe(0);
  });

  it('continues the mutation counter written by v1', async () => {
    const factory = new IDBFactory();
    await writeV1(factory);
    const db = await openStore(factory);
    const saved = await saveInsight(
      db,
      { type: 'need', title: 'after upgrade', accountId: 'A-1' },
      ctxAt('2026-03-02T09:00:00Z'),
    );
    expect(await db.getAllKeys('outbox')).toEqual([1, 2, 4]);
    expect((await db.get('outbox', 4))?.mutation).toMatchObject({ kind: 'insight.put', insight: { id: saved.id } });
  });

  it('ends with the same layout as a database created at the current version', async () => {
    const upgraded = new IDBFactory();
    await writeV1(upgraded);
    const a = await openUntyped(upgraded);
    const b = await openUntyped(new IDBFactory());
    expect(b.version).toBe(DB_VERSION);
    expect(describeSchema(a)).toEqual(describeSchema(b));
  });

  it.each([
    [
      'throws at once',
      () => {
        throw new Error('boom');
      },
    ],
    [
      'fails after migrating some data',
      async (_db: unknown, tx: { objectStore(n: string): { clear(): Promise<void> } }) => {
        await tx.objectStore('insights').clear();
        throw new Error('boom');
      },
    ],
  ])('leaves the v1 database untouched when the step %s', async (_label, failing) => {
    const factory = new IDBFactory();
    await writeV1(factory);
    await expect(openStore(factory, { steps: { ...upgrades, 2: failing as never } })).rejects.toThrow(
      'openStore: upgrading "accountlens" to version 2 failed, the database keeps its old version: boom',
    );
    const db = await openUntyped(factory, { version: 1 });
    expect(db.version).toBe(1);
    expect(await db.getAllKeys('insights')).toEqual([insightA.id, insightB.id]);
    expect(await db.count('outbox')).toBe(3);
    expect([...db.objectStoreNames]).not.toContain('feedback');
  });

  it('refuses to skip a version that has no step', async () => {
    const { 2: _v2, ...onlyV1 } = upgrades;
    await expect(openStore(new IDBFactory(), { steps: onlyV1 })).rejects.toThrow(
      'runUpgrades: no upgrade step for version 2 (from 0 to 2)',
    );
  });
});
