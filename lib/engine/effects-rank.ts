/**
 * Ranking talking points by what is known about their kind: the measured effect of raising it on later orders
 * (effects.ts) where there is one, else the success rate reps reported (outcomes.ts), and saying which on the
 * point (`basis`, in both languages).
 *
 * A measured effect re-ranks on the odds scale like a reported rate does: with b the held-out conversion rate
 * (posterior mean) and u the raised uplift's posterior mean, odds(priority') = odds(priority) × odds(b + u) / odds(b)
 * (b + u kept within 1 %…99 %). The account's segment is used when its cell has a raised uplift, else all segments
 * together. A kind measured to change nothing keeps its priority, however well reps report it works.
 */
import { localize } from './messages/index.ts';
import { withLearnedPriority } from './outcomes.ts';
import type { Effect } from './effects.ts';
import type { Segment, TalkingPoint, TalkingPointEffects, TalkingPointRates } from './snapshot.ts';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const odds = (p: number): number => p / (1 - p);

/**
 * The measured effect a point of `kind` in `segment` is ranked by: the segment's cell when it has a raised
 * uplift, else the all-segments cell when that has one, else null. O(effects).
 */
export function measuredEffect(
  effects: TalkingPointEffects | undefined,
  kind: TalkingPoint['kind'],
  segment: Segment,
): Effect | null {
  if (effects === undefined) return null;
  const cell = (s: Segment | null) =>
    effects.effects.find((e) => e.kind === kind && e.segment === s && e.raisedUplift !== null) ?? null;
  return cell(segment) ?? cell(null);
}

/**
 * odds(b + u) / odds(b) of a measured effect (see the header).
 * @example measuredFactor({ heldOut: { n: 98, converted: 9 }, raisedUplift: { mean: 0.2, … }, … }) // => 3.4
 */
export function measuredFactor(effect: Pick<Effect, 'heldOut' | 'raisedUplift'>): number {
  if (effect.raisedUplift === null) return 1;
  const base = (1 + effect.heldOut.converted) / (2 + effect.heldOut.n);
  const treated = Math.min(0.99, Math.max(0.01, base + effect.raisedUplift.mean));
  return odds(treated) / odds(base);
}

const points = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.round(Math.abs(x) * 100)}`;

/**
 * One talking point ranked by the measured effect of its kind where known, else by the reported rates, with its
 * `basis`; unchanged (but for a `basis` of reported rates) when neither knows the kind. Idempotent: starts from
 * `basePriority` when the point was ranked before. O(effects + rates).
 * @example rankByEvidence(point, rates, effects, 'A').basis?.en // => 'Measured on orders: raised for 40 accounts, +18 points of conversion (90 % interval +9 to +27).'
 */
export function rankByEvidence(
  point: TalkingPoint,
  rates: TalkingPointRates | undefined,
  effects: TalkingPointEffects | undefined,
  segment: Segment,
): TalkingPoint {
  const effect = measuredEffect(effects, point.kind, segment);
  if (effect !== null && effect.raisedUplift !== null) {
    const { basePriority, basis: _basis, ...rest } = point;
    const base = basePriority ?? point.priority;
    const factor = measuredFactor(effect);
    const u = effect.raisedUplift;
    const basis = localize('tp_basis_measured', [{ int: effect.raised.n }, points(u.mean), points(u.lo), points(u.hi)]);
    if (factor === 1) return { ...rest, priority: base, basis };
    const adjusted = base >= 1 ? 1 : (base * factor) / (base * factor + (1 - base));
    return { ...rest, priority: round4(adjusted), basePriority: base, basis };
  }
  if (rates === undefined) return point;
  const { basis: _basis, ...rest } = point;
  const ranked = withLearnedPriority(rest, rates, segment);
  const cell = rates.rates.find((r) => r.kind === point.kind && r.segment === segment);
  if (cell === undefined) return ranked;
  return {
    ...ranked,
    basis: localize('tp_basis_reported', [{ int: cell.successes }, { int: cell.trials }]),
  };
}
