/**
 * The options page's view of the local store: one connection, and signals for what several sections show (the
 * snapshot's meta, the accounts to pick from, the number of insights). `refresh()` after anything that writes.
 */
import { signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { readMany } from '../../lib/store/read.ts';
import { getSnapshotMeta, openStore, type Db, type SnapshotMeta } from '../../lib/store/index.ts';

export interface AccountChoice {
  id: string;
  /** The account's name, or '' for an id that only insights mention. */
  name: string;
}

export function createPageStore(open: () => Promise<Db> = () => openStore(indexedDB)) {
  let pending: Promise<Db> | null = null;
  const db = (): Promise<Db> => {
    pending ??= open().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  /** undefined while loading, null when nothing was imported yet. */
  const meta = signal<SnapshotMeta | null | undefined>(undefined);
  const accounts = signal<AccountChoice[]>([]);
  const insightCount = signal(0);
  const loadError = signal<string | null>(null);

  // The erase picker's accounts are read on first use only: the scored accounts are big records (2,000 of them took
  // about a second to read and list), so neither opening the page nor finishing an import waits for them.
  let accountsWanted = false;
  let accountsLoad: Promise<void> | null = null;

  async function readAccounts(store: Db): Promise<AccountChoice[]> {
    const [stored, insights] = await Promise.all([store.getAll('accounts'), readMany(store, 'insights')]);
    const byId = new Map<string, AccountChoice>();
    for (const a of stored)
      if (typeof a?.id === 'string') byId.set(a.id, { id: a.id, name: typeof a.name === 'string' ? a.name : '' });
    for (const i of insights.items)
      if (i.accountId !== null && !byId.has(i.accountId)) byId.set(i.accountId, { id: i.accountId, name: '' });
    return [...byId.values()].sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id));
  }

  async function refresh(): Promise<void> {
    try {
      const store = await db();
      const [snapshotMeta, insights] = await Promise.all([getSnapshotMeta(store), readMany(store, 'insights')]);
      meta.value = snapshotMeta.value ?? null;
      insightCount.value = insights.items.filter((i) => i.deletedAt === null).length;
      if (accountsWanted) accounts.value = await readAccounts(store);
      loadError.value = null;
    } catch (error) {
      loadError.value = error instanceof Error ? error.message : String(error);
    }
  }

  /** Reads the accounts to pick from (once; `refresh` keeps them current afterwards). */
  function loadAccounts(): Promise<void> {
    accountsLoad ??= (async () => {
      accountsWanted = true;
      try {
        accounts.value = await readAccounts(await db());
      } catch (error) {
        loadError.value = error instanceof Error ? error.message : String(error);
      }
    })();
    return accountsLoad;
  }

  return { db, meta, accounts, insightCount, loadError, refresh, loadAccounts };
}

export type PageStore = ReturnType<typeof createPageStore>;

export const PageStoreContext = createContext<PageStore | null>(null);

export function usePageStore(): PageStore {
  const store = useContext(PageStoreContext);
  if (!store) throw new Error('usePageStore: no PageStoreContext.Provider above this component');
  return store;
}
