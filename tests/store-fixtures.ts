/**
 * Fixtures for lib/store's tests (not shipped: only *.test.ts files import it). Each test gets its own in-memory
 * IndexedDB from fake-indexeddb, so tests never see each other's data.
 */
import { IDBFactory } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { DEFAULT_MODEL_CONFIG } from '../lib/engine/model-config.ts';
import type { ScoredAccount, Snapshot } from '../lib/engine/snapshot.ts';
import { openStore, type Db } from '../lib/store/open.ts';
import type { ChangeContext } from '../lib/store/insights.ts';

export const CLIENT = 'client-test-0001';
export const T0 = new Date('2026-03-02T09:00:00.000Z');

export function ctxAt(iso: string, extra: Partial<ChangeContext> = {}): ChangeContext {
  return { clientId: CLIENT, author: 'anna@example.com', now: new Date(iso), ...extra };
}

export async function freshDb(): Promise<{ db: Db; factory: IDBFactory }> {
  const factory = new IDBFactory();
  return { db: await openStore(factory), factory };
}

export function account(
  id: string,
  name = `Account ${id}`,
  domains: string[] = [`${id.toLowerCase()}.example`],
): ScoredAccount {
  return {
    id,
    name,
    domains,
    crmIds: {},
    valueScore: 50,
    segment: 'B',
    criteria: [],
    clv: { pAlive: 0.9, expectedOrders12m: 4, expectedRevenue12m: 12_000 },
    patterns: {
      topProducts: [],
      topCategories: [],
      orders12m: 4,
      revenue12m: 10_000,
      firstOrderDate: '2024-01-10',
      lastOrderDate: '2026-02-01',
      medianIntervalDays: 90,
      regularity: 0.2,
      nextOrderExpected: '2026-05-02',
      overdue: false,
      trend: 0.1,
      monthly: [],
      seasonality: null,
    },
    crossSell: [],
    talkingPoints: [],
  };
}

export function snapshotOf(accounts: ScoredAccount[]): Snapshot {
  return {
    schemaVersion: 1,
    asOf: '2026-03-01',
    generatedAt: '2026-03-01T06:00:00Z',
    model: DEFAULT_MODEL_CONFIG,
    clvParams: { bgnbd: { r: 1, alpha: 2, a: 0.5, b: 3, logLikelihood: -100 }, gammaGamma: null },
    accounts,
    rules: [],
    products: [],
    contacts: [],
    currency: 'EUR',
  };
}

/** Reads a store's raw records, bypassing validation, to check what is really on disk. */
export async function raw(db: Db, store: Parameters<Db['getAll']>[0]): Promise<unknown[]> {
  return db.getAll(store);
}

/** Writes a record with the raw IndexedDB API (no idb, no validation), as a bug or an older build might. */
export function putRaw(db: Db, store: string, value: unknown, key?: IDBValidKey): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = unwrap(db).transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
