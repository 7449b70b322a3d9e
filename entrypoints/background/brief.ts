/**
 * The meeting brief and the outcome loop in the background: opening the brief page for one or more accounts (from
 * the overlay, a calendar event, the popup or the side panel), and learning from outcomes. After the rep records an
 * outcome (insights.ts calls it after saving one), `learnFromOutcomes` counts every outcome insight in the store (the
 * rep's own and those pulled from the team), keeps the rates with the stored snapshot (so the incremental re-score
 * ranks with them too) and re-ranks the outcome's account at once; the other accounts with a talking point of a kind
 * whose rate changed are re-ranked in the background, so a save costs the same with 50 accounts stored or 10,000.
 */
import { browser } from 'wxt/browser';
import type { TalkingPointKind } from '../../lib/engine/snapshot.ts';
import type { Handlers, Request } from '../../lib/message-schemas.ts';
import { createRerankQueue, learnOutcomes, type LearnAnswer, type RerankPass } from '../../lib/store/learning.ts';
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

export type { LearnAnswer, RerankPass } from '../../lib/store/learning.ts';

const reranker = createRerankQueue(getDb, (error) =>
  // Logged for a named reason: no rep waits on this pass; the next outcome or scoring re-ranks again.
  console.error('AccountLens: re-ranking talking points after an outcome failed', error),
);

/**
 * Learns from the stored outcomes after one was saved (lib/store/learning.ts): the rates and the outcome's own
 * account on the save's path, the other accounts with a talking point of a changed kind in the background.
 */
export async function learnFromOutcomes(accountId: string | null = null): Promise<LearnAnswer> {
  const answer = await learnOutcomes(await getDb(), accountId);
  if (answer.rerankingKinds.length > 0) void reranker.add(answer.rerankingKinds);
  return answer;
}

/** The background re-ranking: resolves when no kind is left (tests wait on it). */
export function rerankInBackground(kinds: readonly TalkingPointKind[] = []): Promise<RerankPass> {
  return reranker.add(kinds);
}

export const briefHandlers: Pick<Handlers, 'brief.open'> = {
  'brief.open': openBrief,
};
