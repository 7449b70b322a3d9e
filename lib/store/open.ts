/**
 * Opening the database: one place that knows the name, the version and how to upgrade, usable from the
 * background, extension pages, Node benches and tests (pass any IDBFactory, e.g. fake-indexeddb's).
 */
import { wrap, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type AccountLensDB } from './schema.ts';
import { runUpgrades, upgrades, type UpgradeStep } from './upgrades.ts';

export type Db = IDBPDatabase<AccountLensDB>;

export interface OpenOptions {
  name?: string;
  /** Only tests open an older version, to write a database the way that version did. */
  version?: number;
  steps?: Readonly<Record<number, UpgradeStep>>;
  now?: () => Date;
  /** Called when another context (an updated background, a newer tab) needs this connection closed. */
  onVersionChange?: () => void;
}

/**
 * Opens (creating or upgrading) the AccountLens database. A connection closes itself when a newer version wants
 * to upgrade, so an old tab never blocks an update.
 * @throws {Error} when the upgrade fails (the database then keeps its old version and data) or IndexedDB refuses
 * @example
 * const db = await openStore(); // background or extension page
 * const db2 = await openStore(new IDBFactory()); // fake-indexeddb in tests
 */
export async function openStore(factory: IDBFactory = globalThis.indexedDB, options: OpenOptions = {}): Promise<Db> {
  return (await openUntyped(factory, options)) as unknown as Db;
}

/** openStore without the current schema's types, for tests that write an older version's database. */
export async function openUntyped(factory: IDBFactory, options: OpenOptions = {}): Promise<IDBPDatabase<unknown>> {
  const { name = DB_NAME, version = DB_VERSION, steps = upgrades, now = () => new Date(), onVersionChange } = options;
  if (!factory) throw new Error('openStore: no IndexedDB available in this context');
  const request = factory.open(name, version);
  let upgradeError: unknown;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = wrap(request.transaction as IDBTransaction);
    // The open request reports an aborted upgrade; this keeps idb's own `done` promise from going unhandled.
    tx.done.catch(() => undefined);
    const db = wrap(request.result) as IDBPDatabase<unknown>;
    runUpgrades(db, tx as never, event.oldVersion, event.newVersion ?? version, now().toISOString(), steps).catch(
      (error: unknown) => {
        upgradeError = error;
        try {
          tx.abort();
        } catch {
          // Already finished or aborted: the open request fails either way.
        }
      },
    );
  });
  let db: IDBPDatabase<unknown>;
  try {
    db = (await wrap(request)) as IDBPDatabase<unknown>;
  } catch (error) {
    if (upgradeError === undefined) throw error;
    const why = upgradeError instanceof Error ? upgradeError.message : String(upgradeError);
    throw new Error(
      `openStore: upgrading "${name}" to version ${version} failed, the database keeps its old version: ${why}`,
      { cause: upgradeError },
    );
  }
  db.addEventListener('versionchange', () => {
    db.close();
    onVersionChange?.();
  });
  return db;
}
