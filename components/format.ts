/**
 * How AccountLens words its numbers: criterion values in their units, signed points and changes, counts, enum
 * labels and chart summaries, in the language of the given `Texts`.
 */
import type { InsightType, Outcome } from '../lib/engine/insight.ts';
import type { CriterionId } from '../lib/engine/model-config.ts';
import type { MessageKey } from '../lib/i18n.ts';
import type { Patterns } from '../lib/engine/snapshot.ts';
import type { Texts } from './texts.ts';

const CRITERION_KEYS: Record<CriterionId, MessageKey> = {
  revenue12m: 'criterionRevenue12m',
  margin: 'criterionMargin',
  frequency: 'criterionFrequency',
  regularity: 'criterionRegularity',
  recency: 'criterionRecency',
  trend: 'criterionTrend',
  clv: 'criterionClv',
  referrals: 'criterionReferrals',
  potential: 'criterionPotential',
  risk: 'criterionRisk',
};

export function criterionLabel(tx: Texts, id: CriterionId): string {
  return tx.t(CRITERION_KEYS[id]);
}

/** "+12.5" / "−3.0" / "0.0": a criterion's signed contribution in points. */
export function formatPoints(tx: Texts, points: number): string {
  return tx.number(points, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
}

/** A relative change as a signed percentage: 0.12 → "+12%", −0.4 → "−40%". */
export function formatChange(tx: Texts, ratio: number): string {
  return tx.number(ratio, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
}

function count(tx: Texts, n: number, one: MessageKey, many: MessageKey): string {
  return n === 1 ? tx.t(one) : tx.t(many, tx.number(n, { maximumFractionDigits: 0 }));
}

export function formatOrders(tx: Texts, n: number): string {
  return count(tx, n, 'unitOrdersOne', 'unitOrders');
}

export function formatDays(tx: Texts, n: number): string {
  return count(tx, Math.round(n), 'unitDaysOne', 'unitDays');
}

/**
 * A criterion's raw measure in its own unit (see lib/engine/score.ts orderCriteriaRaw / insightCriteriaRaw):
 * money for revenue and CLV, a rate for margin, orders, the coefficient of variation, days, a signed change, and
 * decayed note counts for the insight criteria.
 */
export function formatCriterionRaw(tx: Texts, id: CriterionId, raw: number | null, currency: string): string {
  if (raw === null) return tx.t('rawNoData');
  switch (id) {
    case 'revenue12m':
    case 'clv':
      return tx.currency(raw, currency, true);
    case 'margin':
      return tx.percent(raw, 0);
    case 'frequency':
      return formatOrders(tx, raw);
    case 'regularity':
      return tx.t('rawVariation', tx.number(raw, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    case 'recency':
      return formatDays(tx, raw);
    case 'trend':
      return formatChange(tx, raw);
    case 'referrals':
    case 'potential':
    case 'risk':
      return tx.t('rawNotes', tx.number(raw, { maximumFractionDigits: 1 }));
  }
}

const INSIGHT_TYPE_KEYS: Record<InsightType, MessageKey> = {
  need: 'insightTypeNeed',
  'pain-point': 'insightTypePainPoint',
  competitor: 'insightTypeCompetitor',
  budget: 'insightTypeBudget',
  'decision-maker': 'insightTypeDecisionMaker',
  expansion: 'insightTypeExpansion',
  risk: 'insightTypeRisk',
  referral: 'insightTypeReferral',
  complaint: 'insightTypeComplaint',
  'workshop-note': 'insightTypeWorkshopNote',
  outcome: 'insightTypeOutcome',
  other: 'insightTypeOther',
};

export function insightTypeLabel(tx: Texts, type: InsightType): string {
  return tx.t(INSIGHT_TYPE_KEYS[type]);
}

const OUTCOME_KEYS: Record<Outcome, MessageKey> = {
  order: 'outcomeOrder',
  'next-step': 'outcomeNextStep',
  'no-interest': 'outcomeNoInterest',
};

/** What a meeting led to, as the rep reads it: "Order", "Next step agreed", "No interest". */
export function outcomeLabel(tx: Texts, outcome: Outcome): string {
  return tx.t(OUTCOME_KEYS[outcome]);
}

const SENTIMENT_KEYS: readonly MessageKey[] = [
  'sentimentVeryNegative',
  'sentimentNegative',
  'sentimentNeutral',
  'sentimentPositive',
  'sentimentVeryPositive',
];

/** −2 … +2 → "very negative" … "very positive". */
export function sentimentLabel(tx: Texts, sentiment: number): string {
  const key = SENTIMENT_KEYS[Math.max(-2, Math.min(2, Math.round(sentiment))) + 2];
  return tx.t(key ?? 'sentimentNeutral');
}

/** The text of a talking point or other engine text in the texts' language. */
export function pick(tx: Texts, text: { en: string; de: string }): string {
  return text[tx.lang];
}

/** The screen-reader sentence for the monthly revenue sparkline; '' for an empty series. */
export function revenueSeriesLabel(tx: Texts, monthly: Patterns['monthly'], currency: string): string {
  const first = monthly[0];
  const last = monthly.at(-1);
  if (!first || !last) return '';
  const values = monthly.map((m) => m.revenue);
  return tx.t(
    'sparklineRevenue',
    tx.month(first.month),
    tx.month(last.month),
    tx.currency(Math.min(...values), currency, true),
    tx.currency(Math.max(...values), currency, true),
    tx.currency(last.revenue, currency, true),
  );
}
