/**
 * Demo order history. Each account gets a buying profile (rhythm, lifecycle, trend, size, basket, bundles); orders
 * are drawn from it into flat columns and only turned into OrderLine objects at the end, in date order.
 *
 * Rhythms: clockwork monthly (same day of month, weekends moved to Monday), biweekly, quarterly, erratic (exponential
 * gaps) and seasonal (only in the months of the account's season). Lifecycle: churners stop ordering and decline
 * before, new accounts start late. Trend: a yearly growth rate applied to lines per order and quantities.
 */
import { CATEGORIES, type CatalogItem } from './catalog.ts';
import type { Draw } from './random.ts';

export type Rhythm = 'monthly' | 'biweekly' | 'quarterly' | 'erratic' | 'seasonal';
const RHYTHMS: readonly Rhythm[] = ['monthly', 'biweekly', 'quarterly', 'erratic', 'seasonal'];
const RHYTHM_WEIGHTS = [30, 10, 20, 30, 10];
const WINTER = [0, 1, 9, 10, 11];
const SUMMER = [4, 5, 6, 7];

/** Favoured categories (by code) per industry: a quarter of each basket comes from anywhere. */
const FAVOURED: Record<string, readonly string[]> = {
  Maschinenbau: ['BT', 'WZ', 'SM', 'PN', 'MT'],
  Automobilzulieferer: ['BT', 'MT', 'SM', 'AS'],
  Bauwesen: ['BT', 'WZ', 'AS', 'WD'],
  Chemie: ['AS', 'RH', 'LT'],
  Elektrotechnik: ['EL', 'WZ', 'MT'],
  Lebensmittel: ['RH', 'VP', 'KL'],
  Logistik: ['VP', 'LT', 'WD'],
  Metallverarbeitung: ['WZ', 'AS', 'SM', 'BT'],
  Kunststoffverarbeitung: ['VP', 'PN', 'RH'],
  Handwerk: ['BT', 'WZ', 'EL'],
  Energie: ['EL', 'AS', 'MT'],
  Medizintechnik: ['RH', 'MT', 'KL'],
};

/** The period as day indices with their calendar fields, computed once. */
export class Calendar {
  readonly iso: string[] = [];
  readonly month: Uint8Array;
  readonly year: Uint16Array;
  readonly weekday: Uint8Array;
  /** Day index of the first of each month that starts inside the period, plus the period's first day. */
  readonly monthStarts: number[] = [];

  constructor(start: string, end: string) {
    const t0 = Date.parse(`${start}T00:00:00Z`);
    const days = Math.round((Date.parse(`${end}T00:00:00Z`) - t0) / 86_400_000) + 1;
    this.month = new Uint8Array(days);
    this.year = new Uint16Array(days);
    this.weekday = new Uint8Array(days);
    for (let d = 0; d < days; d++) {
      const date = new Date(t0 + d * 86_400_000);
      this.iso.push(date.toISOString().slice(0, 10));
      this.month[d] = date.getUTCMonth();
      this.year[d] = date.getUTCFullYear();
      this.weekday[d] = date.getUTCDay();
      if (d === 0 || date.getUTCDate() === 1) this.monthStarts.push(d - date.getUTCDate() + 1);
    }
  }

  get days(): number {
    return this.iso.length;
  }
}

export interface Profile {
  account: number;
  rhythm: Rhythm;
  first: number;
  last: number;
  trend: number;
  size: number;
  discount: number;
  basket: number[];
  basketWeights: number[];
  bundles: number[][];
}

/** Flat columns of the generated orders and lines. */
export class OrderBook {
  orderDay: number[] = [];
  orderAccount: number[] = [];
  orderFirstLine: number[] = [];
  orderCredit: boolean[] = [];
  lineSku: number[] = [];
  lineQuantity: number[] = [];
  lineNet: number[] = [];
  lineMargin: number[] = [];

  get orders(): number {
    return this.orderDay.length;
  }

  lineEnd(order: number): number {
    return this.orderFirstLine[order + 1] ?? this.lineSku.length;
  }
}

/** Draws an account's profile. */
export function drawProfile(
  account: number,
  industry: string,
  cal: Calendar,
  items: readonly CatalogItem[],
  bundles: readonly number[][],
  draw: Draw,
): Profile {
  const span = cal.days;
  let rhythm = draw.weighted(RHYTHMS, RHYTHM_WEIGHTS);
  const kind = draw.random();
  let first = 0;
  let last = span - 1;
  let trend: number;
  if (kind < 0.08) {
    last = Math.floor(span * (0.35 + 0.5 * draw.random()));
    trend = -0.3;
  } else if (kind < 0.18) {
    first = Math.floor(span * (0.15 + 0.6 * draw.random()));
    trend = 0.2 + 0.4 * draw.random();
  } else if (kind < 0.38) trend = 0.15 + 0.45 * draw.random();
  else if (kind < 0.58) trend = -(0.15 + 0.3 * draw.random());
  else trend = 0.1 * draw.random() - 0.05;
  if (rhythm === 'seasonal' && last - first < 400) rhythm = 'erratic';

  const size = Math.min(12, Math.max(0.1, draw.lognormal(0.9)));
  const favoured = new Set((FAVOURED[industry] ?? []).map((code) => CATEGORIES.findIndex((c) => c.code === code)));
  const basketSize = Math.min(60, Math.max(4, Math.round(6 + 10 * Math.pow(size, 0.6) + 6 * draw.random())));
  const chosen = new Set<number>();
  while (chosen.size < basketSize) {
    const item = draw.int(0, items.length - 1);
    if (draw.chance(0.75) && !favoured.has(items[item]?.category ?? -1)) continue;
    chosen.add(item);
  }
  const basket = draw.shuffle([...chosen]);
  const basketWeights = basket.map((_, rank) => 1 / Math.pow(rank + 1, 0.8));
  const own: number[][] = [];
  if (draw.chance(0.75)) {
    const count = draw.chance(0.3) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const bundle = draw.pick(bundles);
      // A quarter of the bundle buyers never take the last item: the cross-sell gap the rules point at.
      own.push(draw.chance(0.25) ? bundle.slice(0, -1) : bundle.slice());
    }
  }
  return {
    account,
    rhythm,
    first,
    last,
    trend,
    size,
    discount: 0.2 * draw.random() * draw.random(),
    basket,
    basketWeights,
    bundles: own,
  };
}

/** The account's order days, ascending, by its rhythm. */
export function orderDays(p: Profile, cal: Calendar, draw: Draw): number[] {
  const days: number[] = [];
  const push = (d: number): void => {
    let day = Math.round(d);
    const wd = cal.weekday[day];
    if (wd === 6) day += 2;
    else if (wd === 0) day += 1;
    if (day >= p.first && day <= p.last && day !== days[days.length - 1]) days.push(day);
  };
  switch (p.rhythm) {
    case 'monthly': {
      const dom = draw.int(0, 26);
      for (const m of cal.monthStarts) push(m + dom + (draw.chance(0.3) ? draw.int(-1, 1) : 0));
      break;
    }
    case 'biweekly':
    case 'quarterly': {
      const step = p.rhythm === 'biweekly' ? 14 : 91;
      for (let d = p.first + draw.int(0, step - 1); d <= p.last; d += step + (draw.chance(0.3) ? draw.int(-3, 3) : 0))
        push(d);
      break;
    }
    case 'erratic': {
      const mean = 12 + 50 * draw.random();
      for (let d = p.first + draw.exponential(mean); d <= p.last; d += 2 + draw.exponential(mean)) push(d);
      break;
    }
    case 'seasonal': {
      const months = draw.chance(0.6) ? WINTER : SUMMER;
      const mean = 6 + 10 * draw.random();
      for (let d = p.first + draw.exponential(mean); d <= p.last; d += 2 + draw.exponential(mean)) {
        if (months.includes(cal.month[Math.round(d)] ?? -1)) push(d);
      }
      break;
    }
  }
  return days;
}

/** Yearly growth applied at day d. */
export function trendFactor(p: Profile, day: number): number {
  return Math.pow(1 + p.trend, (day - p.first) / 365);
}

/**
 * Appends one order with about `lines` lines: with some chance one of the account's bundles, the rest drawn from the
 * basket without replacement, weighted by rank and by the category's season in the order's month.
 */
export function addOrder(
  book: OrderBook,
  p: Profile,
  day: number,
  lines: number,
  cal: Calendar,
  items: readonly CatalogItem[],
  stamp: Int32Array,
  scratch: Float64Array,
  draw: Draw,
): void {
  const order = book.orders;
  book.orderDay.push(day);
  book.orderAccount.push(p.account);
  book.orderFirstLine.push(book.lineSku.length);
  book.orderCredit.push(false);
  const month = cal.month[day] ?? 0;
  const f = trendFactor(p, day);
  const inflation = Math.pow(1.03, day / 365);
  let count = 0;
  const add = (item: number): void => {
    stamp[item] = order + 1;
    const it = items[item] as CatalogItem;
    const cat = CATEGORIES[it.category];
    const base = it.quantity[0] + (it.quantity[1] - it.quantity[0]) * draw.random();
    const quantity = Math.max(1, Math.min(10 * it.quantity[1], Math.round(base * Math.sqrt(p.size) * Math.min(f, 4))));
    const net = Math.round(quantity * it.price * inflation * (1 - p.discount) * 100) / 100;
    const rate = Math.max(0.03, (cat?.margin ?? 0.3) - p.discount) * (0.8 + 0.4 * draw.random());
    book.lineSku.push(item);
    book.lineQuantity.push(quantity);
    book.lineNet.push(net);
    book.lineMargin.push(Math.round(net * rate * 100) / 100);
    count++;
  };
  const bundle = p.bundles.length > 0 && draw.chance(0.45) ? draw.pick(p.bundles) : undefined;
  if (bundle && bundle.length <= lines + 1) for (const item of bundle) add(item);

  let total = 0;
  for (let i = 0; i < p.basket.length; i++) {
    const item = p.basket[i] as number;
    const season = CATEGORIES[items[item]?.category ?? 0]?.season;
    const w = stamp[item] === order + 1 ? 0 : (p.basketWeights[i] as number) * (season ? (season[month] as number) : 1);
    scratch[i] = w;
    total += w;
  }
  while (count < lines && total > 1e-9) {
    let u = draw.random() * total;
    let i = 0;
    for (; i < p.basket.length - 1; i++) {
      u -= scratch[i] as number;
      if (u < 0) break;
    }
    total -= scratch[i] as number;
    scratch[i] = 0;
    add(p.basket[i] as number);
  }
}

/** Appends a credit note for part of one line of `order`, a few days later: a negative quantity, net and margin. */
export function addCreditNote(book: OrderBook, order: number, day: number, draw: Draw): void {
  const first = book.orderFirstLine[order] as number;
  const line = draw.int(first, book.lineEnd(order) - 1);
  const quantity = book.lineQuantity[line] as number;
  const returned = Math.max(1, Math.round(quantity * draw.random()));
  const share = returned / quantity;
  book.orderDay.push(day);
  book.orderAccount.push(book.orderAccount[order] as number);
  book.orderFirstLine.push(book.lineSku.length);
  book.orderCredit.push(true);
  book.lineSku.push(book.lineSku[line] as number);
  book.lineQuantity.push(-returned);
  // `0 - x` rather than `-x`: a credit of zero stays +0.
  book.lineNet.push(0 - Math.round((book.lineNet[line] as number) * share * 100) / 100);
  book.lineMargin.push(0 - Math.round((book.lineMargin[line] as number) * share * 100) / 100);
}
