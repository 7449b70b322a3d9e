/**
 * What showing and raising a talking point changes in what the account buys, measured on later orders against the
 * points an experiment held out (holdout.ts). Outcomes reported by reps are selective; orders are not, and the
 * hold-out makes the comparison fair: held-out points are drawn by a hash, not by a rep's judgement.
 *
 * Conversion (per talking point, within a window after the snapshot's asOf; `windowDays` replaces each default):
 * | kind        | converted when                                                             | window |
 * |-------------|----------------------------------------------------------------------------|--------|
 * | cross-sell  | the account orders the suggested SKU (the last of the point's skus)        | 90 d   |
 * | reorder-due | the account orders anything                                                | 30 d   |
 * | win-back    | the account orders anything                                                | 90 d   |
 * | decline     | revenue in the window > 0 and ≥ the last 12 months' revenue × window / 365 | 90 d   |
 * An order line counts when its quantity is positive and its amount not negative (returns and credit notes don't).
 * Kinds without an order signal (follow-up, competitor, open-need, expansion, referral-ask) are left to the
 * reported outcomes (outcomes.ts).
 *
 * Effects per kind, over all segments and per segment (the account's segment in the snapshot):
 * - ITT (intention to treat): conversion of shown points − conversion of held-out points: what showing does;
 * - raised: ITT ÷ the share of shown points the reps marked "used" within the window: what raising does, for the
 *   points that were raised (the Wald / complier-average estimator; it assumes showing changes nothing unless the
 *   point is raised).
 * Each group's conversion rate has a Beta(1 + converted, 1 + n − converted) posterior (uniform prior); the uplifts'
 * posteriors are sampled (EFFECT_DRAWS draws of each Beta by Marsaglia–Tsang gamma variates, seeded from the
 * counts, so every run, the CLI and the hub give the same figures) and reported as posterior-mean difference with
 * the equal-tailed 90 % interval. Below EFFECT_MIN_COUNT points in a group an uplift is null: "not enough data".
 * O(order lines + points + marks) to count, then O(draws log draws) per kind and segment.
 */
import { holdoutHash, allTalkingPoints } from './holdout.ts';
import { MEASURED_KINDS, type MeasuredKind } from './model-config.ts';
import { dayNumber, isoDay } from './patterns.ts';
import type { OrderLine } from './records.ts';
import type { Segment, Snapshot, TalkingPoint } from './snapshot.ts';
import { mulberry32, type RandomSource } from './generate/random.ts';

/** Days after the snapshot in which a point can convert, per kind. */
export const CONVERSION_WINDOW_DAYS: Readonly<Record<MeasuredKind, number>> = {
  'cross-sell': 90,
  'reorder-due': 30,
  'win-back': 90,
  decline: 90,
};
/** Points needed in each compared group (and of raised points for the raised effect) before an uplift is given. */
export const EFFECT_MIN_COUNT = 10;
/** Posterior draws per uplift: the Monte Carlo error of a 5 % quantile is then about 0.2 percentage points. */
export const EFFECT_DRAWS = 20_000;
export const EFFECT_MASS = 0.9;

const MEASURED: ReadonlySet<string> = new Set(MEASURED_KINDS);
const SEGMENTS: readonly Segment[] = ['A', 'B', 'C'];

/** A rep's "used" mark: the talking point was raised with the account on that day. */
export interface RaisedMark {
  accountId: string;
  talkingPointId: string;
  /** YYYY-MM-DD (a timestamp's date part is used). */
  raisedAt: string;
}

/** One measured talking point of a snapshot and what followed. */
export interface PointConversion {
  accountId: string;
  talkingPointId: string;
  kind: MeasuredKind;
  segment: Segment;
  heldOut: boolean;
  raised: boolean;
  converted: boolean;
}

export interface GroupCount {
  n: number;
  converted: number;
}

export interface Uplift {
  /** Difference of conversion rates, −1…1 (0.18 = 18 percentage points). */
  mean: number;
  lo: number;
  hi: number;
}

export interface Effect {
  kind: MeasuredKind;
  /** null: all segments together. */
  segment: Segment | null;
  shown: GroupCount;
  heldOut: GroupCount;
  /** Shown points the reps raised, and how many of those converted. */
  raised: GroupCount;
  /** null: not enough data. */
  ittUplift: Uplift | null;
  raisedUplift: Uplift | null;
}

export interface EffectOptions {
  /** One window for every kind instead of CONVERSION_WINDOW_DAYS. */
  windowDays?: number;
  minCount?: number;
  draws?: number;
  mass?: number;
}

/**
 * The SKU a talking point suggests: a cross-sell point's gap SKU (talking-points.ts lists it after the antecedent),
 * null for every other kind. O(1).
 * @example suggestedSku({ kind: 'cross-sell', skus: ['A', 'B'], … }) // => 'B'
 */
export function suggestedSku(point: Pick<TalkingPoint, 'kind' | 'skus'>): string | null {
  if (point.kind !== 'cross-sell') return null;
  return point.skus?.[point.skus.length - 1] ?? null;
}

/** The window of a kind in days, `windowDays` when given. */
export function conversionWindow(kind: MeasuredKind, windowDays?: number): number {
  return windowDays ?? CONVERSION_WINDOW_DAYS[kind];
}

/**
 * The kinds whose window after `asOf` ends on or before `until` (exclusive, YYYY-MM-DD): those later data can
 * judge completely. O(kinds).
 * @example coveredKinds('2026-01-01', '2026-02-15') // => ['reorder-due']
 */
export function coveredKinds(asOf: string, until: string, windowDays?: number): MeasuredKind[] {
  const days = dayNumber(until) - dayNumber(asOf);
  return MEASURED_KINDS.filter((k) => conversionWindow(k, windowDays) <= days);
}

interface Line {
  offset: number;
  sku: string;
  amount: number;
}

/**
 * Every measured talking point of `snapshot` (shown and held out) with whether it was raised and whether it
 * converted in `orders` (lines before asOf or after the longest window are ignored, as are accounts not in the
 * snapshot). Marks count when they name a shown point of the snapshot and fall inside its window.
 * O(order lines + points + marks).
 * @throws {Error} when windowDays is not a positive whole number or a date is not YYYY-MM-DD
 * @example pointConversions(snapshot, laterOrders, marks)[0] // => { accountId: 'K-1', talkingPointId: 'cross-sell:A+B', kind: 'cross-sell', segment: 'A', heldOut: false, raised: true, converted: true }
 */
export function pointConversions(
  snapshot: Pick<Snapshot, 'asOf' | 'accounts'>,
  orders: readonly OrderLine[],
  marks: readonly RaisedMark[],
  options: Pick<EffectOptions, 'windowDays'> = {},
): PointConversion[] {
  const { windowDays } = options;
  if (windowDays !== undefined && !(Number.isInteger(windowDays) && windowDays > 0))
    throw new Error(`pointConversions: windowDays must be a positive whole number, got ${windowDays}`);
  const start = dayNumber(snapshot.asOf);
  const longest = Math.max(...MEASURED_KINDS.map((k) => conversionWindow(k, windowDays)));
  const known = new Set(snapshot.accounts.map((a) => a.id));
  const lines = new Map<string, Line[]>();
  for (const line of orders) {
    if (!known.has(line.accountId) || !(line.quantity > 0 && line.netAmount >= 0)) continue;
    const offset = dayNumber(line.orderDate) - start;
    if (offset < 0 || offset >= longest) continue;
    const list = lines.get(line.accountId);
    const entry = { offset, sku: line.sku, amount: line.netAmount };
    if (list === undefined) lines.set(line.accountId, [entry]);
    else list.push(entry);
  }
  const raisedOn = new Map<string, number[]>();
  for (const mark of marks) {
    const key = `${mark.accountId}\u0000${mark.talkingPointId}`;
    const offset = dayNumber(mark.raisedAt.slice(0, 10)) - start;
    const list = raisedOn.get(key);
    if (list === undefined) raisedOn.set(key, [offset]);
    else list.push(offset);
  }
  const out: PointConversion[] = [];
  for (const account of snapshot.accounts) {
    const bought = lines.get(account.id) ?? [];
    for (const { point, heldOut } of allTalkingPoints(account)) {
      if (!MEASURED.has(point.kind)) continue;
      const kind = point.kind as MeasuredKind;
      const window = conversionWindow(kind, windowDays);
      const inWindow = bought.filter((l) => l.offset < window);
      let converted: boolean;
      if (kind === 'cross-sell') {
        const sku = suggestedSku(point);
        converted = sku !== null && inWindow.some((l) => l.sku === sku);
      } else if (kind === 'decline') {
        const revenue = inWindow.reduce((s, l) => s + l.amount, 0);
        converted = revenue > 0 && revenue >= (account.patterns.revenue12m * window) / 365;
      } else {
        converted = inWindow.length > 0;
      }
      const days = raisedOn.get(`${account.id}\u0000${point.id}`) ?? [];
      const raised = !heldOut && days.some((d) => d >= 0 && d < window);
      out.push({
        accountId: account.id,
        talkingPointId: point.id,
        kind,
        segment: account.segment,
        heldOut,
        raised,
        converted,
      });
    }
  }
  return out;
}

/**
 * A Gamma(shape, 1) variate by Marsaglia and Tsang (2000), "A simple method for generating gamma variables";
 * shapes below 1 by Gamma(shape + 1) · U^(1/shape). Expected O(1).
 */
export function gammaVariate(shape: number, random: RandomSource): number {
  if (shape < 1) return gammaVariate(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box–Muller: one standard normal from two uniforms (1 − u keeps the logarithm finite).
      x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) variate as X / (X + Y) of two gamma variates. Expected O(1). */
export function betaVariate(a: number, b: number, random: RandomSource): number {
  const x = gammaVariate(a, random);
  return x / (x + gammaVariate(b, random));
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function quantiles(draws: Float64Array, mass: number): { lo: number; hi: number } {
  draws.sort();
  const tail = (1 - mass) / 2;
  const at = (p: number) => draws[Math.min(draws.length - 1, Math.max(0, Math.floor(p * draws.length)))]!;
  return { lo: at(tail), hi: at(1 - tail) };
}

/**
 * ITT and raised uplifts of one group of counts (see the header). Deterministic: the draws are seeded by the
 * counts. O(draws log draws).
 * @example upliftOf({ n: 400, converted: 80 }, { n: 50, converted: 5 }, { n: 200, converted: 60 }).itt // => { mean: 0.1003, lo: …, hi: … }
 */
export function upliftOf(
  shown: GroupCount,
  heldOut: GroupCount,
  raised: GroupCount,
  options: Omit<EffectOptions, 'windowDays'> = {},
): { itt: Uplift | null; raised: Uplift | null } {
  const min = options.minCount ?? EFFECT_MIN_COUNT;
  const draws = options.draws ?? EFFECT_DRAWS;
  const mass = options.mass ?? EFFECT_MASS;
  if (shown.n < min || heldOut.n < min) return { itt: null, raised: null };
  const random = mulberry32(
    holdoutHash(`${shown.n}/${shown.converted}/${heldOut.n}/${heldOut.converted}/${raised.n}/${draws}`),
  );
  const as = 1 + shown.converted;
  const bs = 1 + shown.n - shown.converted;
  const ah = 1 + heldOut.converted;
  const bh = 1 + heldOut.n - heldOut.converted;
  const ar = 1 + raised.n;
  const br = 1 + shown.n - raised.n;
  const withRaised = raised.n >= min;
  const itt = new Float64Array(draws);
  const perRaised = new Float64Array(withRaised ? draws : 0);
  for (let i = 0; i < draws; i++) {
    const d = betaVariate(as, bs, random) - betaVariate(ah, bh, random);
    itt[i] = d;
    if (withRaised) perRaised[i] = d / betaVariate(ar, br, random);
  }
  const ittMean = as / (as + bs) - ah / (ah + bh);
  const ittInterval = quantiles(itt, mass);
  const ittUplift = { mean: round4(ittMean), lo: round4(ittInterval.lo), hi: round4(ittInterval.hi) };
  if (!withRaised) return { itt: ittUplift, raised: null };
  const raisedInterval = quantiles(perRaised, mass);
  return {
    itt: ittUplift,
    raised: {
      mean: round4(ittMean / (ar / (ar + br))),
      lo: round4(raisedInterval.lo),
      hi: round4(raisedInterval.hi),
    },
  };
}

function count(points: readonly PointConversion[]): Pick<Effect, 'shown' | 'heldOut' | 'raised'> {
  const shown = { n: 0, converted: 0 };
  const heldOut = { n: 0, converted: 0 };
  const raised = { n: 0, converted: 0 };
  for (const p of points) {
    const group = p.heldOut ? heldOut : shown;
    group.n += 1;
    if (p.converted) group.converted += 1;
    if (p.raised) {
      raised.n += 1;
      if (p.converted) raised.converted += 1;
    }
  }
  return { shown, heldOut, raised };
}

/**
 * Effects per kind (all segments, then A, B, C where the kind has points there), in MEASURED_KINDS order; kinds
 * without points are left out. O(points + kinds · segments · draws log draws).
 * @example estimateEffects(pointConversions(snapshot, orders, marks))[0]?.kind // => 'cross-sell'
 */
export function estimateEffects(
  points: readonly PointConversion[],
  options: Omit<EffectOptions, 'windowDays'> = {},
): Effect[] {
  const out: Effect[] = [];
  for (const kind of MEASURED_KINDS) {
    const ofKind = points.filter((p) => p.kind === kind);
    if (ofKind.length === 0) continue;
    for (const segment of [null, ...SEGMENTS]) {
      const cell = segment === null ? ofKind : ofKind.filter((p) => p.segment === segment);
      if (cell.length === 0) continue;
      const counts = count(cell);
      const uplift = upliftOf(counts.shown, counts.heldOut, counts.raised, options);
      out.push({ kind, segment, ...counts, ittUplift: uplift.itt, raisedUplift: uplift.raised });
    }
  }
  return out;
}

/**
 * Effects of one snapshot's talking points on later orders, given the reps' marks: pointConversions, then
 * estimateEffects. See the header for the method.
 * @throws {Error} when windowDays is not a positive whole number or a date is not YYYY-MM-DD
 * @example measureEffects(before, laterOrders, marks).find((e) => e.kind === 'cross-sell' && e.segment === null)?.raisedUplift // => { mean: 0.19, lo: 0.12, hi: 0.27 }
 */
export function measureEffects(
  snapshot: Pick<Snapshot, 'asOf' | 'accounts'>,
  orders: readonly OrderLine[],
  marks: readonly RaisedMark[],
  options: EffectOptions = {},
): Effect[] {
  return estimateEffects(pointConversions(snapshot, orders, marks, options), options);
}

export type EffectVerdict = 'not-enough-data' | 'no-effect' | 'positive' | 'negative';

/**
 * How to read an uplift: null is not enough data; an interval that holds 0 is no effect (none that the data can
 * tell from nothing); otherwise its sign.
 * @example effectVerdict({ mean: 0.02, lo: -0.03, hi: 0.07 }) // => 'no-effect'
 */
export function effectVerdict(uplift: Uplift | null): EffectVerdict {
  if (uplift === null) return 'not-enough-data';
  if (uplift.lo <= 0 && uplift.hi >= 0) return 'no-effect';
  return uplift.lo > 0 ? 'positive' : 'negative';
}

/** The last day of a kind's window, for messages (YYYY-MM-DD, inclusive). */
export function windowEnd(asOf: string, kind: MeasuredKind, windowDays?: number): string {
  return isoDay(dayNumber(asOf) + conversionWindow(kind, windowDays) - 1);
}
