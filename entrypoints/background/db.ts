/** The background's one store connection, opened on first use and reopened after a version change closed it. */
import { openStore, type Db } from '../../lib/store/open.ts';

let pending: Promise<Db> | null = null;

export function getDb(): Promise<Db> {
  pending ??= openStore(indexedDB, { onVersionChange: () => (pending = null) }).catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
