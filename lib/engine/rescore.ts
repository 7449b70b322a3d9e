/**
 * Incremental re-score of one account after a new field insight, without the portfolio: the account's order
 * criteria stay as the snapshot computed them (except recency, which moves with asOf), the insight criteria and
 * talking points are recomputed from the account's insights, and every criterion is normalised against the
 * portfolio distributions stored in the snapshot. With the same insights and asOf it reproduces the snapshot's
 * account exactly. Revenue, trend and CLV stay those of the snapshot's asOf until the next full scoring.
 */
import { crossSellScore } from './cross-sell.ts';
import type { Insight } from './insight.ts';
import { insightSignals } from './insight-signals.ts';
import { CRITERIA } from './model-config.ts';
import { dayNumber, isOverdue } from './patterns.ts';
import { insightCriteriaRaw, scoreAccount, type CriterionRaw } from './score.ts';
import type { ScoredAccount, Snapshot } from './snapshot.ts';
import { talkingPoints } from './talking-points.ts';
import { talkingPointFields } from './holdout.ts';

interface SnapshotIndex {
  accounts: Map<string, ScoredAccount>;
  names: Map<string, string>;
}

/** Lookups built once per snapshot object, so repeated re-scores cost O(1) to find their account. */
const indexes = new WeakMap<Snapshot, SnapshotIndex>();

function indexOf(snapshot: Snapshot): SnapshotIndex {
  let index = indexes.get(snapshot);
  if (index === undefined) {
    index = {
      accounts: new Map(snapshot.accounts.map((a) => [a.id, a])),
      names: new Map(snapshot.products.map((p) => [p.sku, p.name])),
    };
    indexes.set(snapshot, index);
  }
  return index;
}

/**
 * Re-scores one account of a snapshot with its current insights at asOf (default: the snapshot's asOf).
 * Insights of other accounts are ignored. O(criteria · log 257 + notes log notes + talking points) after a first
 * call per snapshot, which indexes its accounts in O(accounts).
 * @throws {Error} when the account is not in the snapshot, the snapshot has no distributions (made before they
 *   existed: score it again), or asOf is not YYYY-MM-DD
 * @example rescoreAccount(snapshot, 'K-1001', [...insights, newReferral]).criteria.find((c) => c.id === 'referrals')?.raw // => 1
 */
export function rescoreAccount(
  snapshot: Snapshot,
  accountId: string,
  insights: readonly Insight[],
  asOf: string = snapshot.asOf,
): ScoredAccount {
  const account = indexOf(snapshot).accounts.get(accountId);
  if (account === undefined)
    throw new Error(`rescoreAccount: no account "${accountId}" in the snapshot of ${snapshot.asOf}`);
  const distributions = snapshot.distributions;
  if (distributions === undefined) {
    throw new Error(
      'rescoreAccount: the snapshot has no criterion distributions; score the portfolio again to add them',
    );
  }
  const asOfDay = dayNumber(asOf);
  const model = snapshot.model;
  const signals = insightSignals(insights, accountId, asOf, model);
  const stored = new Map(account.criteria.map((c) => [c.id, c.raw]));
  const raw = Object.fromEntries(CRITERIA.map((id) => [id, stored.get(id) ?? null])) as CriterionRaw;
  const last = account.patterns.lastOrderDate;
  raw.recency = last === null ? null : asOfDay - dayNumber(last);
  Object.assign(raw, insightCriteriaRaw(signals));
  const score = scoreAccount(raw, distributions, model);
  const p = account.patterns;
  const patterns =
    p.nextOrderExpected !== null && p.medianIntervalDays !== null
      ? { ...p, overdue: isOverdue(dayNumber(p.nextOrderExpected), p.medianIntervalDays, asOfDay) }
      : p;
  const crossSell = account.crossSell.map((c) => ({ ...c, score: crossSellScore(c.lift, score.valueScore) }));
  const names = indexOf(snapshot).names;
  const { heldOutTalkingPoints: _before, ...kept } = account;
  return {
    ...kept,
    valueScore: score.valueScore,
    segment: score.segment,
    criteria: score.criteria,
    patterns,
    crossSell,
    ...talkingPointFields(
      talkingPoints({
        asOf,
        currency: snapshot.currency,
        model,
        valueScore: score.valueScore,
        segment: score.segment,
        clv: account.clv,
        patterns,
        crossSell,
        signals,
        productName: (sku) => names.get(sku) ?? sku,
        rates: snapshot.talkingPointRates,
        effects: snapshot.talkingPointEffects,
      }),
      accountId,
      model,
    ),
  };
}
