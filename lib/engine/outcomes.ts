/**
 * The closed loop: after a meeting the rep records an `outcome` insight (order, next step, no interest)
 * that lists the talking points used. From those, the engine learns which kinds of talking points work, per kind
 * and segment, and ranks future talking points with it.
 *
 * Model: [Beta-Binomial](https://en.wikipedia.org/wiki/Beta-binomial_distribution) per (kind, segment). One trial
 * is one talking point listed on an outcome; it succeeds when the outcome is `order` or `next-step`. The prior is
 * Beta(α0 = 5, β0 = 5):
 * - mean 0.5: before any outcome nothing says whether a kind works more often than not;
 * - strength α0 + β0 = 10 pseudo-outcomes, about a month of one rep's meetings for one kind and segment, so a
 *   handful of outcomes moves a rate only part of the way (5 successes of 5: 0.5 → 0.67, not 1).
 * The posterior is Beta(α0 + successes, β0 + failures); its mean and equal-tailed 90 % credible interval are
 * reported, and its mean re-ranks.
 *
 * Re-ranking multiplies a talking point's priority by f(posterior) on the odds scale:
 * odds(priority') = odds(priority) × odds(mean) / odds(prior mean). Priorities stay within 0…1 (the snapshot's
 * contract) without clipping ties at 1; a kind with no outcomes, or one that succeeds as often as the prior
 * expects, keeps its priority; order within a kind never changes.
 *
 * The segment is the account's segment now (in the snapshot scored with the outcomes), not at the meeting.
 */
import type { Insight } from './insight.ts';
import { logGamma } from './math/log-gamma.ts';
import type { Segment, TalkingPoint, TalkingPointKind, TalkingPointRate, TalkingPointRates } from './snapshot.ts';
import { TALKING_POINT_KINDS } from './talking-point-kinds.ts';

export const OUTCOME_PRIOR = { alpha: 5, beta: 5 } as const;
/** Probability mass of the reported credible intervals. */
export const CREDIBLE_MASS = 0.9;
export const SUCCESS_OUTCOMES: ReadonlySet<string> = new Set(['order', 'next-step']);

const SEGMENTS: readonly Segment[] = ['A', 'B', 'C'];
const KINDS: ReadonlySet<string> = new Set(TALKING_POINT_KINDS);

/** The kind a talking-point id names (`kind:subject`), or null for an id of no known kind. */
export function talkingPointKind(id: string): TalkingPointKind | null {
  const kind = id.slice(0, id.indexOf(':'));
  return KINDS.has(kind) ? (kind as TalkingPointKind) : null;
}

const MAX_ITERATIONS = 300;
const EPSILON = 1e-15;
const TINY = 1e-300;

/** Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes 3rd ed. §6.4 `betacf`). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) return h;
  }
  return h;
}

/**
 * The [regularized incomplete beta function](https://en.wikipedia.org/wiki/Beta_function#Incomplete_beta_function)
 * I_x(a, b), the CDF of Beta(a, b) at x, like R's `pbeta(x, a, b)`. Method: the continued fraction of Numerical
 * Recipes §6.4, on the side of x where it converges fast (symmetry I_x(a, b) = 1 − I_{1−x}(b, a)). O(√max(a, b)).
 * @throws {Error} when a or b is not positive or x is outside 0…1
 * @example regularizedBeta(0.5, 2, 3) // => 0.6875
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new Error(`regularizedBeta: a and b must be positive, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`regularizedBeta: x must be within 0…1, got ${x}`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * The p-quantile of Beta(a, b), like R's `qbeta(p, a, b)`: bisection on `regularizedBeta` to 1e-12 (about 40
 * steps), which cannot fail to converge where Newton's method can overshoot near 0 and 1. O(40 · √max(a, b)).
 * @throws {Error} when a or b is not positive or p is outside 0…1
 * @example betaQuantile(0.5, 2, 2) // => 0.5
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`betaQuantile: p must be within 0…1, got ${p}`);
  if (!(a > 0) || !(b > 0)) throw new Error(`betaQuantile: a and b must be positive, got a=${a}, b=${b}`);
  if (p === 0 || p === 1) return p;
  let lo = 0;
  let hi = 1;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface LearnOptions {
  prior?: { alpha: number; beta: number };
  mass?: number;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function rate(
  kind: TalkingPointKind,
  segment: Segment | null,
  successes: number,
  trials: number,
  prior: { alpha: number; beta: number },
  mass: number,
): TalkingPointRate {
  const a = prior.alpha + successes;
  const b = prior.beta + trials - successes;
  const tail = (1 - mass) / 2;
  return {
    kind,
    segment,
    successes,
    trials,
    mean: round4(a / (a + b)),
    low: round4(betaQuantile(tail, a, b)),
    high: round4(betaQuantile(1 - tail, a, b)),
  };
}

/**
 * Learns success rates of talking-point kinds from outcome insights: one row per kind over all segments
 * (`segment: null`) and one per kind and segment, each only where there was a trial; in TALKING_POINT_KINDS order,
 * all segments first. Deleted insights, insights without `outcome`, ids of unknown kinds and outcomes of accounts
 * `segmentOf` doesn't know are skipped; an id listed twice on one outcome counts once. O(outcomes · points).
 * @throws {Error} when the prior is not positive or the mass is outside (0, 1)
 * @example learnTalkingPointRates([orderAfterCrossSell], () => 'A').rates[0] // => { kind: 'cross-sell', segment: null, successes: 1, trials: 1, mean: 0.5455, … }
 */
export function learnTalkingPointRates(
  insights: readonly Insight[],
  segmentOf: (accountId: string) => Segment | undefined,
  options: LearnOptions = {},
): TalkingPointRates {
  const prior = options.prior ?? OUTCOME_PRIOR;
  const mass = options.mass ?? CREDIBLE_MASS;
  if (!(prior.alpha > 0) || !(prior.beta > 0)) {
    throw new Error(`learnTalkingPointRates: the prior must be positive, got Beta(${prior.alpha}, ${prior.beta})`);
  }
  if (!(mass > 0 && mass < 1)) throw new Error(`learnTalkingPointRates: mass must be within (0, 1), got ${mass}`);
  const counts = new Map<string, { successes: number; trials: number }>();
  const count = (key: string, success: boolean) => {
    const c = counts.get(key) ?? { successes: 0, trials: 0 };
    c.trials += 1;
    if (success) c.successes += 1;
    counts.set(key, c);
  };
  for (const insight of insights) {
    if (insight.type !== 'outcome' || insight.outcome === undefined || insight.deletedAt !== null) continue;
    const segment = insight.accountId === null ? undefined : segmentOf(insight.accountId);
    if (segment === undefined) continue;
    const success = SUCCESS_OUTCOMES.has(insight.outcome);
    for (const id of new Set(insight.talkingPoints ?? [])) {
      const kind = talkingPointKind(id);
      if (kind === null) continue;
      count(kind, success);
      count(`${kind}|${segment}`, success);
    }
  }
  const rates: TalkingPointRate[] = [];
  for (const kind of TALKING_POINT_KINDS) {
    const all = counts.get(kind);
    if (all === undefined) continue;
    rates.push(rate(kind, null, all.successes, all.trials, prior, mass));
    for (const segment of SEGMENTS) {
      const c = counts.get(`${kind}|${segment}`);
      if (c !== undefined) rates.push(rate(kind, segment, c.successes, c.trials, prior, mass));
    }
  }
  return { prior: { ...prior }, mass, rates };
}

/**
 * f(posterior) for a kind in a segment: the posterior odds of success over the prior odds; 1 without outcomes.
 * @example learnedFactor(rates, 'cross-sell', 'A') // => 2 when the posterior mean is 2/3 under a Beta(5, 5) prior
 */
export function learnedFactor(rates: TalkingPointRates, kind: TalkingPointKind, segment: Segment): number {
  const cell = rates.rates.find((r) => r.kind === kind && r.segment === segment);
  if (cell === undefined) return 1;
  const { alpha, beta } = rates.prior;
  // From the counts, not the rounded mean: odds(mean) = (α0 + s) / (β0 + n − s).
  return (alpha + cell.successes) / (beta + cell.trials - cell.successes) / (alpha / beta);
}

/**
 * One talking point with its priority ranked by what outcomes taught (see the header); idempotent, because it
 * starts from `basePriority` when the point was ranked before. A point whose factor is 1 goes back to its base.
 * @example withLearnedPriority({ ...point, priority: 0.6 }, rates, 'A').priority // => 0.75 with a factor of 2
 */
export function withLearnedPriority(point: TalkingPoint, rates: TalkingPointRates, segment: Segment): TalkingPoint {
  const { basePriority, ...rest } = point;
  const base = basePriority ?? point.priority;
  const factor = learnedFactor(rates, point.kind, segment);
  if (factor === 1) return { ...rest, priority: base };
  const adjusted = base >= 1 ? 1 : (base * factor) / (base * factor + (1 - base));
  return { ...rest, priority: round4(adjusted), basePriority: base };
}

/** The talking-point order: priority, then TALKING_POINT_KINDS order, then id. */
export function compareTalkingPoints(x: TalkingPoint, y: TalkingPoint): number {
  const kindOrder = (k: TalkingPointKind): number => TALKING_POINT_KINDS.indexOf(k);
  return y.priority - x.priority || kindOrder(x.kind) - kindOrder(y.kind) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/**
 * An account's talking points ranked again with learned rates, e.g. the stored ones after a new outcome. Points
 * the snapshot cut at model.talkingPoints.max stay cut until the next scoring. O(points · rates).
 * @example rerankTalkingPoints(account.talkingPoints, rates, account.segment)[0]?.kind // => 'cross-sell' once it wins orders
 */
export function rerankTalkingPoints(
  points: readonly TalkingPoint[],
  rates: TalkingPointRates,
  segment: Segment,
): TalkingPoint[] {
  return points.map((p) => withLearnedPriority(p, rates, segment)).sort(compareTalkingPoints);
}
