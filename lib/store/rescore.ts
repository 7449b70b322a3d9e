import { rescoreAccount } from '../engine/rescore.ts';
import type { ScoredAccount } from '../engine/snapshot.ts';
import { StoreError } from './errors.ts';
import { listInsightsForAccount } from './insights.ts';
import type { Db } from './open.ts';
import { currentSnapshot, invalidateSnapshot } from './snapshot-cache.ts';
import { getAccount, replaceAccount } from './snapshot.ts';

/**
 * Re-scores one stored account from its insights; returns null when there is no snapshot to score against.
 * The write is conditional on what was read (lib/store `replaceAccount` with `basedOn`): when a pull, an import or
 * another save's re-score wrote the account or the snapshot in between, it is computed again from what is stored
 * now, so neither older scores nor a re-score missing the newest note are put back.
 */
export async function rescoreLocally(db: Db, accountId: string): Promise<ScoredAccount | null> {
  for (let attempt = 1; ; attempt++) {
    const [current, account, insights] = await Promise.all([
      currentSnapshot(db),
      getAccount(db, accountId),
      listInsightsForAccount(db, accountId),
    ]);
    if (!current || !account.value) return null;
    const today = new Date().toISOString().slice(0, 10);
    const asOf = today > current.doc.asOf ? today : current.doc.asOf;
    const rescored = rescoreAccount({ ...current.doc, accounts: [account.value] }, accountId, insights.items, asOf);
    try {
      await replaceAccount(db, rescored, { account: account.value, importedAt: current.importedAt });
      return rescored;
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'stale' || attempt >= 5) throw error;
      invalidateSnapshot(); // the cached document may be the one replaced
    }
  }
}
