/**
 * The meeting brief and the outcome loop in the background: opening the brief page for one or more accounts (from
 * the overlay, a calendar event, the popup or the side panel), and learning from outcomes. After the rep records an
 * outcome (insights.ts calls it after saving one), `learnFromOutcomes` counts every outcome insight in the store (the rep's own and those pulled from the
 * team), keeps the rates with the stored snapshot (so the incremental re-score ranks with them too) and ranks every
 * stored account's talking points again, so the next page shows the new order without a full scoring.
 */
import { browser } from 'wxt/browser';
import { learnTalkingPointRates, rerankTalkingPoints } from '../../lib/engine/outcomes.ts';
import type { TalkingPointRates } from '../../lib/engine/snapshot.ts';
import type { Handlers, Request } from '../../lib/message-schemas.ts';
import { readMany } from '../../lib/store/read.ts';
import { CURRENT } from '../../lib/store/schema.ts';
import { getDb } from './db.ts';

/** The brief page's address for some accounts; `from` says where the rep asked for it. */
export function briefUrl(accountIds: readonly string[], from: string): string {
  const query = new URLSearchParams([...accountIds.map((id) => ['account', id]), ['from', from]]);
  return `${browser.runtime.getURL('/brief.html')}?${query.toString()}`;
}

/** Opens the brief in a new tab next to the one it was asked from. */
export async function openBrief(
  { accountIds, from }: Request<'brief.open'>,
  sender: { tab?: { index: number; id?: number } },
) {
  const tab = await browser.tabs.create({
    url: briefUrl(accountIds, from),
    ...(sender.tab ? { index: sender.tab.index + 1, openerTabId: sender.tab.id } : {}),
  });
  return { tabId: tab.id ?? null };
}

export interface LearnAnswer {
  rates: TalkingPointRates;
  /** Stored accounts whose talking points moved. */
  changed: number;
}

export async function learnFromOutcomes(): Promise<LearnAnswer> {
  const db = await getDb();
  const outcomes = await readMany(db, 'insights', { index: 'type', key: 'outcome' });
  const ids = [...new Set(outcomes.items.flatMap((i) => (i.accountId === null ? [] : [i.accountId])))];
  const accounts = await Promise.all(ids.map((id) => db.get('accounts', id)));
  const segments = new Map(accounts.flatMap((a) => (a ? [[a.id, a.segment] as const] : [])));
  const rates = learnTalkingPointRates(outcomes.items, (id) => segments.get(id));

  const tx = db.transaction(['snapshot', 'accounts'], 'readwrite');
  const stored = await tx.objectStore('snapshot').get(CURRENT);
  if (!stored) {
    await tx.done;
    return { rates, changed: 0 };
  }
  const { talkingPointRates: _previous, ...snapshot } = stored.snapshot;
  await tx
    .objectStore('snapshot')
    .put(
      { ...stored, snapshot: rates.rates.length > 0 ? { ...snapshot, talkingPointRates: rates } : snapshot },
      CURRENT,
    );
  let changed = 0;
  let cursor = await tx.objectStore('accounts').openCursor();
  while (cursor) {
    const account = cursor.value;
    const points = rerankTalkingPoints(account.talkingPoints, rates, account.segment);
    if (JSON.stringify(points) !== JSON.stringify(account.talkingPoints)) {
      await cursor.update({ ...account, talkingPoints: points });
      changed += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return { rates, changed };
}

export const briefHandlers: Pick<Handlers, 'brief.open'> = {
  'brief.open': openBrief,
};
