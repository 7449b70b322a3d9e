/**
 * Planted truths for the effect measurement (lib/engine/effects.ts): given a snapshot scored with an experiment,
 * decides for every measured talking point whether a rep raised it and whether the account then converted, with
 * probabilities the test chooses, and writes that as the reps' marks and the later order lines. A kind that is
 * planted as `{ base: 0.1, raised: 0.3, raiseShare: 0.5 }` converts 10 % of the time unless raised and 30 % when
 * raised, and half of its shown points are raised: its true raised uplift is +0.2 and its true ITT uplift +0.1.
 *
 * So that the kinds' conversions do not spill into each other, each writes its orders where the others do not
 * look: reorder-due and win-back conversions order a product the account's cross-sell points don't suggest, on days
 * 0–29 (reorder-due) or 30–89 (win-back); cross-sell conversions order the suggested SKU on days 30–89, after the
 * reorder window. Marks fall on days 0–19. O(points).
 */
import { allTalkingPoints } from '../holdout.ts';
import { suggestedSku, type RaisedMark } from '../effects.ts';
import type { MeasuredKind } from '../model-config.ts';
import { dayNumber, isoDay } from '../patterns.ts';
import type { OrderLine } from '../records.ts';
import type { Snapshot } from '../snapshot.ts';
import { Draw, mulberry32 } from './random.ts';

export interface PlantedKind {
  /** Conversion probability of a point that is not raised (held out, or shown and not raised). */
  base: number;
  /** Conversion probability of a raised point. */
  raised: number;
  /** Share of shown points the reps raise. */
  raiseShare: number;
}

export interface PlantOptions {
  seed: number;
  kinds: Partial<Record<MeasuredKind, PlantedKind>>;
  /** Amount of each planted order line. Default 250. */
  amount?: number;
}

export interface PlantedExperiment {
  marks: RaisedMark[];
  /** Order lines after the snapshot's asOf only. */
  orders: OrderLine[];
}

const DAYS: Record<MeasuredKind, [number, number]> = {
  'reorder-due': [0, 29],
  'win-back': [30, 89],
  'cross-sell': [30, 89],
  decline: [30, 89],
};

/**
 * Plants the effects of `options.kinds` into marks and later orders for `snapshot` (see the module header).
 * @example plantEffects(snapshot, { seed: 1, kinds: { 'cross-sell': { base: 0.1, raised: 0.3, raiseShare: 0.5 } } }).marks.length // => about half the shown cross-sell points
 */
export function plantEffects(
  snapshot: Pick<Snapshot, 'asOf' | 'accounts' | 'products'>,
  options: PlantOptions,
): PlantedExperiment {
  const draw = new Draw(mulberry32(options.seed));
  const start = dayNumber(snapshot.asOf);
  const amount = options.amount ?? 250;
  const product = new Map(snapshot.products.map((p) => [p.sku, p]));
  const marks: RaisedMark[] = [];
  const orders: OrderLine[] = [];
  for (const account of snapshot.accounts) {
    const points = allTalkingPoints(account);
    const suggested = new Set(points.flatMap(({ point }) => suggestedSku(point) ?? []));
    const plain =
      account.patterns.topProducts.find((p) => !suggested.has(p.sku))?.sku ??
      snapshot.products.find((p) => !suggested.has(p.sku))?.sku;
    let n = 0;
    for (const { point, heldOut } of points) {
      const planted = options.kinds[point.kind as MeasuredKind];
      if (planted === undefined) continue;
      const raised = !heldOut && draw.chance(planted.raiseShare);
      if (raised)
        marks.push({ accountId: account.id, talkingPointId: point.id, raisedAt: isoDay(start + draw.int(0, 19)) });
      if (!draw.chance(raised ? planted.raised : planted.base)) continue;
      const sku = point.kind === 'cross-sell' ? suggestedSku(point) : plain;
      if (sku === null || sku === undefined) continue;
      const [lo, hi] = DAYS[point.kind as MeasuredKind];
      const info = product.get(sku);
      n += 1;
      orders.push({
        orderId: `PL-${account.id}-${n}`,
        accountId: account.id,
        orderDate: isoDay(start + draw.int(lo, hi)),
        sku,
        productName: info?.name ?? sku,
        category: info?.category ?? '',
        quantity: 1,
        netAmount: point.kind === 'decline' ? Math.max(amount, account.patterns.revenue12m) : amount,
      });
    }
  }
  orders.sort((a, b) => (a.orderDate < b.orderDate ? -1 : a.orderDate > b.orderDate ? 1 : 0));
  return { marks, orders };
}
