/**
 * What the field knows about an account, read from its insights: the raw measures of the referral, potential and
 * risk criteria, the mood of the notes, and the notes that deserve a talking point.
 *
 * Every note counts 1 at full strength and halves every `model.insightHalfLifeDays` days of age at asOf (a note
 * from after asOf counts as fresh: the re-score right after capturing one must see it even on an older snapshot).
 * - referrals: `referral` notes that are open or done (a referral given stays given);
 * - potential: open `expansion`, `budget` and `need` notes;
 * - risk: open `competitor`, `complaint` and `risk` notes;
 * - sentiment: the strength-weighted mean sentiment (−2…+2) of all open and done notes.
 * A measure is null when the account has no note of its kinds. Archived and deleted notes never count.
 */
import type { Insight, InsightType } from './insight.ts';
import type { ModelConfig } from './model-config.ts';
import { dayNumber } from './patterns.ts';

const POTENTIAL_TYPES: ReadonlySet<InsightType> = new Set(['expansion', 'budget', 'need']);
const RISK_TYPES: ReadonlySet<InsightType> = new Set(['competitor', 'complaint', 'risk']);

export interface WeightedInsight {
  insight: Insight;
  /** 0…1: 0.5 ^ (age / half-life). */
  strength: number;
  /** Days from the note (createdAt) to asOf, 0 for notes from after asOf. */
  ageDays: number;
}

export interface InsightSignals {
  referrals: number | null;
  potential: number | null;
  risk: number | null;
  sentiment: number | null;
  /** Days since the newest referral note, null without one. */
  lastReferralDays: number | null;
  /** Open notes whose follow-up date is on or before asOf, earliest first. */
  followUps: WeightedInsight[];
  competitors: WeightedInsight[];
  openNeeds: WeightedInsight[];
  /** Open `expansion` and `budget` notes. */
  expansions: WeightedInsight[];
}

const byStrength = (x: WeightedInsight, y: WeightedInsight): number =>
  y.strength - x.strength || (x.insight.id < y.insight.id ? -1 : 1);

/**
 * Reads the signals of one account's insights at asOf (YYYY-MM-DD). Notes of other accounts are ignored. O(n log n).
 * @throws {Error} when asOf or a note's followUpAt is not a YYYY-MM-DD date
 * @example insightSignals([referralNoteFrom180DaysAgo], 'acc-1', '2025-01-01', DEFAULT_MODEL_CONFIG).referrals // => 0.5
 */
export function insightSignals(
  insights: readonly Insight[],
  accountId: string,
  asOf: string,
  model: Pick<ModelConfig, 'insightHalfLifeDays'>,
): InsightSignals {
  const asOfDay = dayNumber(asOf);
  const signals: InsightSignals = {
    referrals: null,
    potential: null,
    risk: null,
    sentiment: null,
    lastReferralDays: null,
    followUps: [],
    competitors: [],
    openNeeds: [],
    expansions: [],
  };
  let sentimentSum = 0;
  let strengthSum = 0;
  const add = (key: 'referrals' | 'potential' | 'risk', s: number): void => {
    signals[key] = (signals[key] ?? 0) + s;
  };
  for (const insight of insights) {
    if (insight.accountId !== accountId || insight.deletedAt !== null || insight.status === 'archived') continue;
    const ageDays = Math.max(0, asOfDay - dayNumber(insight.createdAt.slice(0, 10)));
    const strength = 0.5 ** (ageDays / model.insightHalfLifeDays);
    const weighted = { insight, strength, ageDays };
    const open = insight.status === 'open';
    sentimentSum += strength * insight.sentiment;
    strengthSum += strength;
    if (insight.type === 'referral') {
      add('referrals', strength);
      signals.lastReferralDays = Math.min(signals.lastReferralDays ?? Infinity, ageDays);
    }
    if (!open) continue;
    if (POTENTIAL_TYPES.has(insight.type)) add('potential', strength);
    if (RISK_TYPES.has(insight.type)) add('risk', strength);
    if (insight.type === 'competitor') signals.competitors.push(weighted);
    if (insight.type === 'need') signals.openNeeds.push(weighted);
    if (insight.type === 'expansion' || insight.type === 'budget') signals.expansions.push(weighted);
    if (insight.followUpAt !== null && dayNumber(insight.followUpAt) <= asOfDay) signals.followUps.push(weighted);
  }
  signals.sentiment = strengthSum > 0 ? sentimentSum / strengthSum : null;
  signals.followUps.sort(
    (x, y) =>
      (x.insight.followUpAt! < y.insight.followUpAt! ? -1 : x.insight.followUpAt! > y.insight.followUpAt! ? 1 : 0) ||
      byStrength(x, y),
  );
  signals.competitors.sort(byStrength);
  signals.openNeeds.sort(byStrength);
  signals.expansions.sort(byStrength);
  return signals;
}
