/**
 * What the side panel and the popup read straight from the local store (IndexedDB is shared with the background):
 * one connection per page, and the portfolio summary the capture form picks accounts and products from.
 */
import type { ScoredAccount } from '../engine/snapshot.ts';
import { openStore, type Db } from './index.ts';

let pending: Promise<Db> | null = null;

/** The page's store connection, opened on first use and reopened after an upgrade elsewhere closed it. */
export function pageDb(): Promise<Db> {
  pending ??= openStore(indexedDB, { onVersionChange: () => (pending = null) }).catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}

/** An account as the capture UI lists it. */
export interface AccountSummary {
  id: string;
  name: string;
  valueScore: number;
  segment: ScoredAccount['segment'];
}

export interface Portfolio {
  /** By name. */
  accounts: AccountSummary[];
  products: { sku: string; name: string }[];
  currency: string;
  /** True when no snapshot was imported yet. */
  empty: boolean;
}

export function summarise(account: ScoredAccount): AccountSummary {
  return { id: account.id, name: account.name, valueScore: account.valueScore, segment: account.segment };
}

/** The imported accounts (records that are not accounts are skipped) and products. */
export async function loadPortfolio(db: Db): Promise<Portfolio> {
  const [stored, raw] = await Promise.all([db.get('snapshot', 'current'), db.getAll('accounts')]);
  const accounts = raw
    .filter((a) => typeof a?.id === 'string' && typeof a.name === 'string' && typeof a.valueScore === 'number')
    .map(summarise)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    accounts,
    products: (stored?.snapshot.products ?? []).map((p) => ({ sku: p.sku, name: p.name })),
    currency: stored?.snapshot.currency ?? 'EUR',
    empty: stored === undefined,
  };
}
