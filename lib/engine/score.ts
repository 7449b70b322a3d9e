/**
 * The value score: an explainable points model. Each criterion's raw measure is normalised across the portfolio
 * (0…1), weighted by the model, and shown as its contribution to a 0–100 score; the score sets the A/B/C segment.
 *
 * - Order criteria (revenue12m, margin, frequency, regularity, recency, trend, clv) carry the score. Their weights
 *   are rescaled to sum to 1 over the criteria the account has data for: margin, regularity and trend drop out
 *   when the export or the history cannot say (no margins, fewer than three order days, no revenue a year before);
 *   revenue, frequency, recency and CLV always count (an account without orders scores 0 on them).
 * - Insight criteria are a bonus (referrals, potential) or a malus (risk) on top, weighted with the same scale
 *   factor, so a note never dilutes the order criteria; the sum is clamped to 0…100.
 * - Normalisation (model.normalisation): 'rank' is the percent rank within the portfolio (R's percent_rank: the
 *   lowest value 0, the highest 1, ties share the lowest rank; a criterion without spread gives everyone 1);
 *   'minmax' scales linearly between the portfolio's
 *   extremes. Regularity (coefficient of variation) and recency (days) are oriented so that lower is better;
 *   recency is 0 from model.recencyHorizonDays on. Insight criteria use the share of accounts with such a signal
 *   whose signal is no stronger (1 for the strongest or only one; 0 without a signal).
 * - Every normalisation goes through a `CriterionDistribution` (all values, or 257 quantiles beyond that), stored
 *   in the snapshot, so that re-scoring one account reuses the portfolio exactly.
 */
import type { InsightSignals } from './insight-signals.ts';
import { CRITERIA, type CriterionId, type ModelConfig } from './model-config.ts';
import type { AccountPatterns } from './patterns.ts';
import type { CriterionDistribution, CriterionResult, Segment } from './snapshot.ts';

export type CriterionRaw = Record<CriterionId, number | null>;
export type Distributions = Record<CriterionId, CriterionDistribution>;

const ORDER_CRITERIA: readonly CriterionId[] = [
  'revenue12m',
  'margin',
  'frequency',
  'regularity',
  'recency',
  'trend',
  'clv',
];
const INSIGHT_CRITERIA: readonly CriterionId[] = ['referrals', 'potential', 'risk'];
/** Order criteria that count for every account, with normalised 0 where the account has no value. */
const ALWAYS_COUNTED: ReadonlySet<CriterionId> = new Set(['revenue12m', 'frequency', 'recency', 'clv']);
/** Entries kept per distribution: all values up to this many, else this many evenly spaced quantiles. */
export const DISTRIBUTION_SIZE = 257;

/**
 * The value a criterion is ranked by: higher is better (risk: higher is riskier); null when there is nothing to rank.
 * @example orientedValue('recency', 30) // => -30
 */
export function orientedValue(id: CriterionId, raw: number | null): number | null {
  if (raw === null) return null;
  if (id === 'regularity' || id === 'recency') return -raw;
  if (INSIGHT_CRITERIA.includes(id)) return raw > 0 ? raw : null;
  return raw;
}

/**
 * Sorts the values and keeps them all (up to `size`) or `size` quantiles (type 7 as in R and numpy). O(n log n).
 * @throws {Error} when a value is not finite or size < 2
 * @example buildDistribution([3, 1, 2]) // => {count: 3, quantiles: [1, 2, 3]}
 * @example buildDistribution([0, 10, 20, 30, 40], 3) // => {count: 5, quantiles: [0, 20, 40]}
 */
export function buildDistribution(values: readonly number[], size = DISTRIBUTION_SIZE): CriterionDistribution {
  if (size < 2) throw new Error(`buildDistribution: size must be at least 2, got ${size}`);
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new Error(`buildDistribution: values must be finite, got ${bad}`);
  const sorted = Float64Array.from(values).sort();
  if (sorted.length <= size) return { count: sorted.length, quantiles: [...sorted] };
  const quantiles: number[] = [];
  for (let k = 0; k < size; k++) {
    const h = ((sorted.length - 1) * k) / (size - 1);
    const lo = Math.floor(h);
    const a = sorted[lo]!;
    const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
    quantiles.push(a + (h - lo) * (b - a));
  }
  return { count: sorted.length, quantiles };
}

function lowerBound(q: readonly number[], x: number): number {
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (q[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Percent rank of x in a distribution: (number of smaller values) / (count − 1), interpolated between quantiles;
 * 1 above the largest, 0 below the smallest; without spread (one value, or all equal) 1 when x reaches it, and 1 for
 * an empty distribution. O(log size).
 * @example percentRank({count: 5, quantiles: [1, 2, 2, 3, 4]}, 2) // => 0.25
 * @example percentRank({count: 5, quantiles: [1, 2, 2, 3, 4]}, 3.5) // => 0.875
 */
export function percentRank(dist: CriterionDistribution, x: number): number {
  const q = dist.quantiles;
  const first = q[0];
  if (first === undefined) return 1;
  if (first === q[q.length - 1]) return x >= first ? 1 : 0; // no spread: nobody ranks below anybody
  const lo = lowerBound(q, x);
  if (lo === q.length) return 1;
  if (q[lo] === x || lo === 0) return lo / (q.length - 1);
  const a = q[lo - 1]!;
  const b = q[lo]!;
  return (lo - 1 + (x - a) / (b - a)) / (q.length - 1);
}

/**
 * Linear position of x between the distribution's extremes, clamped to 0…1; without spread, 1 when x reaches the
 * value. O(1).
 * @example minMaxScale({count: 3, quantiles: [10, 15, 30]}, 20) // => 0.5
 */
export function minMaxScale(dist: CriterionDistribution, x: number): number {
  const q = dist.quantiles;
  const lo = q[0];
  const hi = q[q.length - 1];
  if (lo === undefined || hi === undefined) return 1;
  if (hi === lo) return x >= hi ? 1 : 0;
  return Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
}

/** Share of the distribution's entries at or below x (the empirical CDF); 1 for an empty distribution. */
function signalShare(dist: CriterionDistribution, x: number, method: ModelConfig['normalisation']): number {
  const q = dist.quantiles;
  if (q.length === 0) return 1;
  if (method === 'minmax') return Math.min(1, x / Math.max(x, q[q.length - 1]!));
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (q[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / q.length;
}

/**
 * Normalises one criterion's raw measure to 0…1 against the portfolio distribution of its oriented values.
 * @example normaliseCriterion('recency', 400, emptyDists, DEFAULT_MODEL_CONFIG) // => 0 (past the 365-day horizon)
 */
export function normaliseCriterion(
  id: CriterionId,
  raw: number | null,
  dists: Distributions,
  model: ModelConfig,
): number {
  const value = orientedValue(id, raw);
  if (value === null) return 0;
  if (id === 'recency' && raw !== null && raw >= model.recencyHorizonDays) return 0;
  const dist = dists[id];
  if (INSIGHT_CRITERIA.includes(id)) return signalShare(dist, value, model.normalisation);
  return model.normalisation === 'minmax' ? minMaxScale(dist, value) : percentRank(dist, value);
}

/**
 * Portfolio distributions of every criterion from the accounts' raw measures. O(accounts × criteria · log).
 * @example buildDistributions([{...raw, revenue12m: 5}]).revenue12m // => {count: 1, quantiles: [5]}
 */
export function buildDistributions(raws: readonly CriterionRaw[], size = DISTRIBUTION_SIZE): Distributions {
  const out = {} as Distributions;
  for (const id of CRITERIA) {
    const values: number[] = [];
    for (const raw of raws) {
      const v = orientedValue(id, raw[id]);
      if (v !== null) values.push(v);
    }
    out[id] = buildDistribution(values, size);
  }
  return out;
}

export interface ValueScore {
  valueScore: number;
  segment: Segment;
  criteria: CriterionResult[];
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0; // + 0 turns −0 into 0
};

/**
 * Segment of a score: A from model.segments.a, B from model.segments.b, else C.
 * @example segmentOf(70, DEFAULT_MODEL_CONFIG) // => 'A'
 */
export function segmentOf(score: number, model: ModelConfig): Segment {
  return score >= model.segments.a ? 'A' : score >= model.segments.b ? 'B' : 'C';
}

/**
 * Scores one account: normalised criteria, effective weights, signed points, the 0–100 score (one decimal) and
 * the segment. Deterministic in its inputs, so a re-score with unchanged inputs reproduces the snapshot. O(criteria · log).
 * @example scoreAccount(raw, dists, DEFAULT_MODEL_CONFIG).segment // => 'A' for an account on top in every criterion
 */
export function scoreAccount(raw: CriterionRaw, dists: Distributions, model: ModelConfig): ValueScore {
  const counted = (id: CriterionId): boolean => ALWAYS_COUNTED.has(id) || raw[id] !== null;
  let orderWeight = 0;
  for (const id of ORDER_CRITERIA) if (counted(id)) orderWeight += model.weights[id] ?? 0;
  const scale = orderWeight > 0 ? 1 / orderWeight : 0;
  let total = 0;
  const criteria: CriterionResult[] = CRITERIA.map((id) => {
    const isOrder = ORDER_CRITERIA.includes(id);
    const weight = isOrder && !counted(id) ? 0 : Math.min(1, (model.weights[id] ?? 0) * scale);
    const normalised = normaliseCriterion(id, raw[id], dists, model);
    const points = (id === 'risk' ? -100 : 100) * weight * normalised;
    total += points;
    return { id, raw: raw[id], normalised: round(normalised, 4), weight: round(weight, 4), points: round(points, 2) };
  });
  const valueScore = round(Math.min(100, Math.max(0, total)), 1);
  return { valueScore, segment: segmentOf(valueScore, model), criteria };
}

const round4 = (x: number | null): number | null => (x === null ? null : round(x, 4));

/**
 * Raw measures of the order criteria: revenue and orders of the last 12 months, margin rate (margin / revenue of
 * the last 12 months; null without margins or revenue), regularity (coefficient of variation of the order
 * intervals, the open one included once it is overdue), recency (days since the last order), trend, and CLV (expected revenue of the next 12 months).
 * @example orderCriteriaRaw(patternsOfNewAccount, 0).trend // => null
 */
export function orderCriteriaRaw(
  a: AccountPatterns,
  expectedRevenue12m: number,
): Omit<CriterionRaw, 'referrals' | 'potential' | 'risk'> {
  const p = a.patterns;
  return {
    revenue12m: p.revenue12m,
    margin: a.margin12m !== null && p.revenue12m > 0 ? round4(a.margin12m / p.revenue12m) : null,
    frequency: p.orders12m,
    regularity: a.scoredRegularity,
    recency: a.daysSinceLastOrder,
    trend: p.trend,
    clv: expectedRevenue12m,
  };
}

/**
 * Raw measures of the insight criteria: decayed counts of referral, potential and risk notes (4 decimals).
 * @example insightCriteriaRaw({ referrals: 0.5, potential: null, risk: null, … }) // => { referrals: 0.5, potential: null, risk: null }
 */
export function insightCriteriaRaw(
  s: Pick<InsightSignals, 'referrals' | 'potential' | 'risk'>,
): Pick<CriterionRaw, 'referrals' | 'potential' | 'risk'> {
  return { referrals: round4(s.referrals), potential: round4(s.potential), risk: round4(s.risk) };
}
