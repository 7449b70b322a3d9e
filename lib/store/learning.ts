/**
 * Learning from outcomes in the store: the talking-point rates from every stored outcome insight (the rep's own
 * and those pulled from the team), kept with the stored snapshot, and the stored accounts' talking points ranked
 * again with them. A new outcome changes the rates of the kinds it names only, so only accounts holding a point of
 * such a kind are re-ranked, and that pass runs off the save's path (createRerankQueue), in short transactions.
 */
import { learnTalkingPointRates, rerankTalkingPoints } from '../engine/outcomes.ts';
import { TALKING_POINT_KINDS, type TalkingPointKind, type TalkingPointRates } from '../engine/snapshot.ts';
import type { Db } from './open.ts';
import { readMany } from './read.ts';
import { CURRENT } from './schema.ts';

export interface LearnAnswer {
  rates: TalkingPointRates;
  /** Accounts re-ranked on the save's path (the outcome's own account, when its talking points moved). */
  changed: number;
  /** Talking-point kinds whose rates changed: every other stored account with such a point is re-ranked next. */
  rerankingKinds: TalkingPointKind[];
}

/** Accounts re-ranked per transaction in the background pass: short transactions keep saves and pulls flowing. */
const RERANK_CHUNK = 500;

/**
 * Learns from the stored outcomes after one was saved. On the save's path: the rates (from the outcome insights
 * alone: they are few), stored with the snapshot, and the outcome's own account re-ranked, in one transaction.
 * Off it: the other accounts holding a talking point of a kind whose rate changed are re-ranked by
 * createRerankQueue, which coalesces the outcomes of a busy afternoon into one pass.
 */
export async function learnOutcomes(db: Db, accountId: string | null = null): Promise<LearnAnswer> {
  const outcomes = await readMany(db, 'insights', { index: 'type', key: 'outcome' });
  const ids = [...new Set(outcomes.items.flatMap((i) => (i.accountId === null ? [] : [i.accountId])))];
  const accounts = await Promise.all(ids.map((id) => db.get('accounts', id)));
  const segments = new Map(accounts.flatMap((a) => (a ? [[a.id, a.segment] as const] : [])));
  const rates = learnTalkingPointRates(outcomes.items, (id) => segments.get(id));

  const tx = db.transaction(['snapshot', 'accounts'], 'readwrite');
  const stored = await tx.objectStore('snapshot').get(CURRENT);
  if (!stored) {
    await tx.done;
    return { rates, changed: 0, rerankingKinds: [] };
  }
  const { talkingPointRates: previous, ...snapshot } = stored.snapshot;
  const kinds = changedKinds(previous, rates);
  await tx
    .objectStore('snapshot')
    .put(
      { ...stored, snapshot: rates.rates.length > 0 ? { ...snapshot, talkingPointRates: rates } : snapshot },
      CURRENT,
    );
  let changed = 0;
  const own = accountId === null ? undefined : await tx.objectStore('accounts').get(accountId);
  if (own) {
    const points = rerankTalkingPoints(own.talkingPoints, rates, own.segment);
    if (JSON.stringify(points) !== JSON.stringify(own.talkingPoints)) {
      await tx.objectStore('accounts').put({ ...own, talkingPoints: points });
      changed = 1;
    }
  }
  await tx.done;
  return { rates, changed, rerankingKinds: kinds };
}

/** The kinds whose cells (any segment) differ between two sets of rates. */
function changedKinds(before: TalkingPointRates | undefined, after: TalkingPointRates): TalkingPointKind[] {
  const cells = (rates: TalkingPointRates | undefined, kind: TalkingPointKind) =>
    JSON.stringify([rates?.prior, rates?.mass, rates?.rates.filter((r) => r.kind === kind) ?? []]);
  return TALKING_POINT_KINDS.filter((kind) => cells(before, kind) !== cells(after, kind));
}

export interface RerankPass {
  /** Accounts read, and those whose talking points moved and were written. */
  read: number;
  changed: number;
}

/**
 * The background re-ranking: `add(kinds)` re-ranks every stored account that holds a talking point of those
 * kinds, with the rates stored when each chunk is read (so a pass that a newer outcome overtakes uses the newer
 * rates; re-ranking is idempotent: it starts from each point's basePriority). Kinds added while a pass runs are
 * done by one more pass after it. The promise resolves when no kind is left; an error goes to `onError` and
 * resolves as what was done until then.
 */
export function createRerankQueue(db: () => Promise<Db>, onError: (error: unknown) => void) {
  const pendingKinds = new Set<TalkingPointKind>();
  let pass: Promise<RerankPass> | null = null;
  return {
    add(kinds: readonly TalkingPointKind[]): Promise<RerankPass> {
      for (const kind of kinds) pendingKinds.add(kind);
      pass ??= (async () => {
        const total: RerankPass = { read: 0, changed: 0 };
        try {
          while (pendingKinds.size > 0) {
            const wanted = new Set(pendingKinds);
            pendingKinds.clear();
            const done = await rerankAccounts(await db(), wanted);
            total.read += done.read;
            total.changed += done.changed;
          }
        } catch (error) {
          pendingKinds.clear();
          onError(error);
        } finally {
          pass = null;
        }
        return total;
      })();
      return pass;
    },
  };
}

/** One pass over the stored accounts, RERANK_CHUNK per transaction, re-ranking those with a point of `kinds`. */
export async function rerankAccounts(db: Db, kinds: ReadonlySet<TalkingPointKind>): Promise<RerankPass> {
  const result: RerankPass = { read: 0, changed: 0 };
  let after: string | null = null;
  for (;;) {
    const tx = db.transaction(['snapshot', 'accounts'], 'readwrite');
    const rates = (await tx.objectStore('snapshot').get(CURRENT))?.snapshot.talkingPointRates;
    const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
    const chunk = await tx.objectStore('accounts').getAll(range, RERANK_CHUNK);
    for (const account of chunk) {
      if (!account.talkingPoints.some((p) => kinds.has(p.kind))) continue;
      const points = rerankTalkingPoints(account.talkingPoints, rates ?? NO_RATES, account.segment);
      if (JSON.stringify(points) !== JSON.stringify(account.talkingPoints)) {
        await tx.objectStore('accounts').put({ ...account, talkingPoints: points });
        result.changed++;
      }
    }
    await tx.done;
    result.read += chunk.length;
    if (chunk.length < RERANK_CHUNK) return result;
    after = chunk.at(-1)!.id;
  }
}

/** Rates without a single outcome: every factor is 1, so each point goes back to its base priority. */
const NO_RATES: TalkingPointRates = { prior: { alpha: 1, beta: 1 }, mass: 0.9, rates: [] };
