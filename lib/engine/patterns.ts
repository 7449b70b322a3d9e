/**
 * Purchase patterns per account: what it buys, in which rhythm, whether the next order is due, how revenue moves.
 *
 * Two steps so that 1,000,000 order lines stay cheap: `buildHistories` folds the lines into one compact
 * `AccountHistory` per account in a single pass (an order = a distinct order id and date), and `computePatterns`
 * reads one history. Dates are UTC day numbers (days since 1970-01-01); `asOf` is exclusive: the snapshot describes
 * the portfolio at the start of that day, so lines dated `asOf` or later are left out.
 */
import type { OrderLine } from './records.ts';
import type { Patterns } from './snapshot.ts';

const MS_PER_DAY = 86_400_000;
/** Trailing window of "the last 12 months" in days. */
export const YEAR_DAYS = 365;
const TOP_N = 5;
const MONTHS = 24;
/** An order counts as overdue once it is this share of the usual interval (at least MIN_GRACE days) late. */
const OVERDUE_GRACE = 0.25;
const MIN_GRACE_DAYS = 3;
/** Seasonality needs the two years' monthly profiles to agree at least this much (Pearson r). */
const SEASON_MIN_CORRELATION = 0.5;
/** A peak month carries at least this multiple of the mean monthly revenue on average over both years. */
const SEASON_PEAK_FACTOR = 1.5;

/**
 * Day number (days since 1970-01-01, UTC) of an ISO date.
 * @throws {Error} when `iso` is not YYYY-MM-DD
 * @example dayNumber('1970-01-02') // => 1
 */
export function dayNumber(iso: string): number {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(t))
    throw new Error(`dayNumber: "${iso}" is not a YYYY-MM-DD date`);
  return t / MS_PER_DAY;
}

/** ISO dates by day number: a portfolio's dates fall on a few thousand days, each written many times. */
const isoDays = new Map<number, string>();
const ISO_DAY_MEMO_LIMIT = 100_000;

/** @example isoDay(1) // => '1970-01-02' */
export function isoDay(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoDays.size >= ISO_DAY_MEMO_LIMIT) isoDays.clear();
    isoDays.set(day, iso);
  }
  return iso;
}

/** Months since year 0 (year × 12 + month − 1) of a day number. */
export function monthIndexOfDay(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The 24 month labels of the last month index seen: every account of a snapshot shares them. */
let monthLabels: { lastMonth: number; labels: string[] } | undefined;

function monthLabelsUpTo(lastMonth: number): string[] {
  if (monthLabels?.lastMonth !== lastMonth) {
    const labels: string[] = [];
    for (let i = lastMonth - MONTHS + 1; i <= lastMonth; i++) {
      labels.push(`${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`);
    }
    monthLabels = { lastMonth, labels };
  }
  return monthLabels.labels;
}

export interface OrderRecord {
  orderId: string;
  day: number;
  month: number;
  revenue: number;
  /** Sum of the line margins, or null when no line of the order has one. */
  margin: number | null;
  /** Distinct SKUs of the order, in line order. */
  skus: string[];
}

export interface ProductStats {
  name: string;
  category: string;
  revenue: number;
  /** Orders containing the SKU. */
  orders: number;
}

export interface AccountHistory {
  /** Sorted by day, then order id. */
  orders: OrderRecord[];
  products: Map<string, ProductStats>;
}

/**
 * Folds order lines into one history per account, leaving out lines dated on or after `asOf`.
 * Three passes in O(n) for n lines, plus sorting each account's orders: the day of each line (cached per distinct
 * date) and its account; the lines grouped by account, in line order (a counting sort); then each account's lines
 * folded in one go, where runs of lines of one order (same id and date) need no lookup. Orders whose lines come in
 * several runs are merged after the sort, line by line, so that every sum adds up in line order as one pass would.
 * @throws {Error} when a line's date is not YYYY-MM-DD
 * @example buildHistories([{orderId:'1', accountId:'a', orderDate:'2024-01-01', sku:'X', productName:'X', category:'C', quantity:1, netAmount:10}], '2024-02-01').get('a')?.orders.length // => 1
 */
export function buildHistories(lines: readonly OrderLine[], asOf: string): Map<string, AccountHistory> {
  const asOfDay = dayNumber(asOf);
  const n = lines.length;
  const dayOf = new Int32Array(n);
  const monthOf = new Int32Array(n);
  const slotOf = new Int32Array(n).fill(-1);
  const slots = new Map<string, number>();
  const accountIds: string[] = [];
  const counts: number[] = [];
  const dateCache = new Map<string, { day: number; month: number }>();
  let lastDate: string | undefined;
  let date = { day: 0, month: 0 };
  let lastAccount: string | undefined;
  let slot = -1;
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (line.orderDate !== lastDate) {
      let cached = dateCache.get(line.orderDate);
      if (cached === undefined) {
        const d = dayNumber(line.orderDate);
        cached = { day: d, month: monthIndexOfDay(d) };
        dateCache.set(line.orderDate, cached);
      }
      date = cached;
      lastDate = line.orderDate;
    }
    if (date.day >= asOfDay) continue;
    if (line.accountId !== lastAccount) {
      let s = slots.get(line.accountId);
      if (s === undefined) {
        s = accountIds.length;
        slots.set(line.accountId, s);
        accountIds.push(line.accountId);
        counts.push(0);
      }
      slot = s;
      lastAccount = line.accountId;
    }
    dayOf[i] = date.day;
    monthOf[i] = date.month;
    slotOf[i] = slot;
    counts[slot]! += 1;
  }
  const starts = new Int32Array(accountIds.length + 1);
  for (let s = 0; s < accountIds.length; s++) starts[s + 1] = starts[s]! + counts[s]!;
  const fill = starts.slice(0, accountIds.length);
  const grouped = new Int32Array(starts[accountIds.length]!);
  for (let i = 0; i < n; i++) {
    const s = slotOf[i]!;
    if (s >= 0) grouped[fill[s]!++] = i;
  }
  const histories = new Map<string, AccountHistory>();
  for (let s = 0; s < accountIds.length; s++) {
    histories.set(accountIds[s]!, foldAccount(lines, grouped.subarray(starts[s]!, starts[s + 1]!), dayOf, monthOf));
  }
  return histories;
}

/** One account's lines (indexes in line order) folded into its history; see buildHistories. */
function foldAccount(
  lines: readonly OrderLine[],
  indexes: Int32Array,
  dayOf: Int32Array,
  monthOf: Int32Array,
): AccountHistory {
  const products = new Map<string, ProductStats>();
  const runs: OrderRecord[] = [];
  /** Where each run starts in `indexes`; the run ends where the next one starts. */
  const runStarts: number[] = [];
  let order: OrderRecord | undefined;
  for (let k = 0; k < indexes.length; k++) {
    const i = indexes[k]!;
    const line = lines[i]!;
    if (order === undefined || order.orderId !== line.orderId || order.day !== dayOf[i]) {
      order = { orderId: line.orderId, day: dayOf[i]!, month: monthOf[i]!, revenue: 0, margin: null, skus: [] };
      runs.push(order);
      runStarts.push(k);
    }
    order.revenue += line.netAmount;
    if (line.margin !== undefined) order.margin = (order.margin ?? 0) + line.margin;
    let product = products.get(line.sku);
    if (product === undefined) {
      product = { name: line.productName, category: line.category, revenue: 0, orders: 0 };
      products.set(line.sku, product);
    }
    product.revenue += line.netAmount;
    if (!order.skus.includes(line.sku)) {
      order.skus.push(line.sku);
      product.orders += 1;
    }
  }
  runStarts.push(indexes.length);
  const sorted = runs.map((_, r) => r);
  sorted.sort((a, b) => {
    const x = runs[a]!;
    const y = runs[b]!;
    return x.day - y.day || (x.orderId < y.orderId ? -1 : x.orderId > y.orderId ? 1 : 0);
  });
  const orders: OrderRecord[] = [];
  for (const r of sorted) {
    const run = runs[r]!;
    const kept = orders[orders.length - 1];
    if (kept === undefined || kept.day !== run.day || kept.orderId !== run.orderId) {
      orders.push(run);
      continue;
    }
    // A later run of an order already seen: its lines are added to the first run as if they had come with it.
    for (let k = runStarts[r]!; k < runStarts[r + 1]!; k++) {
      const line = lines[indexes[k]!]!;
      kept.revenue += line.netAmount;
      if (line.margin !== undefined) kept.margin = (kept.margin ?? 0) + line.margin;
    }
    for (const sku of run.skus) {
      if (kept.skus.includes(sku)) products.get(sku)!.orders -= 1;
      else kept.skus.push(sku);
    }
  }
  return { orders, products };
}

/** Distinct order days of a history with the revenue of each day, oldest first. */
export function orderDays(history: AccountHistory): { day: number; revenue: number }[] {
  const out: { day: number; revenue: number }[] = [];
  for (const order of history.orders) {
    const last = out[out.length - 1];
    if (last !== undefined && last.day === order.day) last.revenue += order.revenue;
    else out.push({ day: order.day, revenue: order.revenue });
  }
  return out;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median interval and its coefficient of variation (population SD / mean) between distinct order days. */
export function orderRhythm(days: readonly number[]): { medianIntervalDays: number | null; regularity: number | null } {
  if (days.length < 2) return { medianIntervalDays: null, regularity: null };
  const intervals: number[] = [];
  for (let i = 1; i < days.length; i++) intervals.push(days[i]! - days[i - 1]!);
  intervals.sort((x, y) => x - y);
  if (intervals.length < 2) return { medianIntervalDays: median(intervals), regularity: null };
  const mean = intervals.reduce((s, x) => s + x, 0) / intervals.length;
  const variance = intervals.reduce((s, x) => s + (x - mean) ** 2, 0) / intervals.length;
  return { medianIntervalDays: median(intervals), regularity: mean > 0 ? Math.sqrt(variance) / mean : 0 };
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/**
 * Seasonality from 24 monthly revenues (oldest first, the first month being the same calendar month as the 13th):
 * shown only when the two years' profiles correlate (Pearson r ≥ 0.5) and at least one calendar month carries
 * 1.5 × the mean monthly revenue on average and more than the mean in each year. Strength = r.
 * @example seasonality([0,0,0,0,0,0,0,0,0,0,0,100, 0,0,0,0,0,0,0,0,0,0,0,120]) // => {peakMonths: [12], strength: 1} when the series starts in January
 */
export function seasonality(monthly: readonly number[], firstMonth: number): Patterns['seasonality'] {
  if (monthly.length !== 2 * 12) return null;
  const y1 = monthly.slice(0, 12);
  const y2 = monthly.slice(12);
  const total = monthly.reduce((s, v) => s + v, 0);
  if (!(total > 0)) return null;
  const r = pearson(y1, y2);
  if (r === null || r < SEASON_MIN_CORRELATION) return null;
  const mean = total / monthly.length;
  const peakMonths: number[] = [];
  for (let i = 0; i < 12; i++) {
    const a = y1[i]!;
    const b = y2[i]!;
    if ((a + b) / 2 >= SEASON_PEAK_FACTOR * mean && a > mean && b > mean) peakMonths.push(((firstMonth + i) % 12) + 1);
  }
  if (peakMonths.length === 0) return null;
  return { peakMonths: peakMonths.sort((p, q) => p - q), strength: Math.round(r * 1000) / 1000 };
}

/**
 * Whether an order expected on day `next` is overdue at asOf: late by more than a quarter of the usual interval,
 * and at least 3 days.
 * @example isOverdue(100, 20, 106) // => true (6 days late, grace 5)
 */
export function isOverdue(next: number, medianIntervalDays: number, asOfDay: number): boolean {
  return asOfDay - next > Math.max(MIN_GRACE_DAYS, OVERDUE_GRACE * medianIntervalDays);
}

/** Patterns plus the figures the score needs that the snapshot does not show. */
export interface AccountPatterns {
  patterns: Patterns;
  /** Margin of the last 12 months, null when none of those orders carries one. */
  margin12m: number | null;
  /** Days from the last order to asOf, null without orders. */
  daysSinceLastOrder: number | null;
  /**
   * Regularity for the score: as `patterns.regularity`, but once the open interval since the last order is longer
   * than the usual one it counts as an interval too, so a rhythm that broke off no longer scores as steady.
   */
  scoredRegularity: number | null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Reads the purchase patterns of one account at `asOfDay` (exclusive) from its history (or none).
 * Shares are of the account's positive product revenue over its whole history; "last 12 months" is the 365 days
 * before asOf, the 12 months before that the 365 days preceding them. O(orders + products).
 * @example computePatterns(undefined, 19_723).patterns.orders12m // => 0
 */
export function computePatterns(history: AccountHistory | undefined, asOfDay: number): AccountPatterns {
  const lastMonth = monthIndexOfDay(asOfDay - 1);
  const firstMonth = lastMonth - MONTHS + 1;
  const labels = monthLabelsUpTo(lastMonth);
  const monthly = new Array<number>(MONTHS).fill(0);
  const orders = history?.orders ?? [];
  let revenue12m = 0;
  let revenuePrev12m = 0;
  let orders12m = 0;
  let margin12m: number | null = null;
  for (const order of orders) {
    const age = asOfDay - order.day;
    if (age <= YEAR_DAYS) {
      revenue12m += order.revenue;
      orders12m += 1;
      if (order.margin !== null) margin12m = (margin12m ?? 0) + order.margin;
    } else if (age <= 2 * YEAR_DAYS) revenuePrev12m += order.revenue;
    const m = order.month - firstMonth;
    if (m >= 0 && m < MONTHS) monthly[m]! += order.revenue;
  }
  const days = orderDays(history ?? { orders: [], products: new Map() }).map((d) => d.day);
  const first = days[0];
  const last = days[days.length - 1];
  const { medianIntervalDays, regularity } = orderRhythm(days);
  let nextOrderExpected: string | null = null;
  let overdue = false;
  if (medianIntervalDays !== null && last !== undefined) {
    const next = last + Math.round(medianIntervalDays);
    nextOrderExpected = isoDay(next);
    overdue = isOverdue(next, medianIntervalDays, asOfDay);
  }
  const products = [...(history?.products ?? new Map<string, ProductStats>()).entries()];
  const positive = products.reduce((s, [, p]) => s + Math.max(0, p.revenue), 0);
  const topProducts = products
    .filter(([, p]) => p.revenue > 0)
    .sort(([skuA, a], [skuB, b]) => b.revenue - a.revenue || (skuA < skuB ? -1 : 1))
    .slice(0, TOP_N)
    .map(([sku, p]) => ({ sku, name: p.name, share: round4(p.revenue / positive), orders: p.orders }));
  const categories = new Map<string, number>();
  for (const [, p] of products)
    if (p.revenue > 0) categories.set(p.category, (categories.get(p.category) ?? 0) + p.revenue);
  const topCategories = [...categories.entries()]
    .sort(([ca, a], [cb, b]) => b - a || (ca < cb ? -1 : 1))
    .slice(0, TOP_N)
    .map(([category, revenue]) => ({ category, share: round4(revenue / positive) }));
  const gap = last === undefined ? 0 : asOfDay - last;
  const scoredRegularity =
    regularity !== null && medianIntervalDays !== null && gap > medianIntervalDays
      ? orderRhythm([...days, asOfDay]).regularity
      : regularity;
  const seasonal =
    first !== undefined && monthIndexOfDay(first) <= firstMonth ? seasonality(monthly, firstMonth % 12) : null;
  return {
    patterns: {
      topProducts,
      topCategories,
      orders12m,
      revenue12m: round2(revenue12m),
      revenuePrev12m: round2(revenuePrev12m),
      ordersTotal: orders.length,
      firstOrderDate: first === undefined ? null : isoDay(first),
      lastOrderDate: last === undefined ? null : isoDay(last),
      medianIntervalDays,
      regularity: regularity === null ? null : round4(regularity),
      nextOrderExpected,
      overdue,
      trend: revenuePrev12m > 0 ? round4(revenue12m / revenuePrev12m - 1) : null,
      monthly: monthly.map((revenue, i) => ({ month: labels[i]!, revenue: round2(revenue) })),
      seasonality: seasonal,
    },
    margin12m: margin12m === null ? null : round2(margin12m),
    daysSinceLastOrder: last === undefined ? null : asOfDay - last,
    scoredRegularity: scoredRegularity === null ? null : round4(scoredRegularity),
  };
}

/** Weeks per year for the 12-month CLV horizon. */
export const WEEKS_PER_YEAR = YEAR_DAYS / 7;

/**
 * The BTYD summary of a history at asOf, in weeks: transactions are distinct order days (orders on the same day
 * merge, as BTYD's dc.MergeTransactionsOnSameDate does); frequency = days − 1; recency = last − first; T = asOf −
 * first; monetaryValue = mean revenue of the repeat days (the first excluded), 0 without repeats. Null without orders.
 * @example rfmSummary(historyWithOrdersOnDays([0, 7, 14]), 21) // => {frequency: 2, recency: 2, T: 3, monetaryValue: …}
 */
export function rfmSummary(
  history: AccountHistory | undefined,
  asOfDay: number,
): { frequency: number; recency: number; T: number; monetaryValue: number } | null {
  if (history === undefined || history.orders.length === 0) return null;
  const days = orderDays(history);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const repeat = days.slice(1);
  return {
    frequency: repeat.length,
    recency: (last.day - first.day) / 7,
    T: (asOfDay - first.day) / 7,
    monetaryValue: repeat.length > 0 ? repeat.reduce((s, d) => s + d.revenue, 0) / repeat.length : 0,
  };
}

interface FoldingAccount {
  runs: OrderRecord[];
  /** Orders by id, for lines of an order seen again after other orders (an id on two days: `id\0day`). */
  byId: Map<string, OrderRecord>;
  last: OrderRecord | undefined;
  products: Map<string, ProductStats>;
}

/**
 * Builds the same histories as buildHistories from lines given one at a time, as an import reads them: memory grows
 * with accounts, orders and products, not with lines (a line is folded and dropped). With `asOf`, lines dated on or
 * after it are left out; without, every line counts and `finish` takes the day after the last line as asOf (as
 * buildSnapshot does by default). Sums add up in line order, as buildHistories's do, so the results are identical.
 * O(1) per line (amortised), plus sorting each account's orders in `finish`.
 * @throws {Error} when asOf or a line's date is not YYYY-MM-DD
 * @example
 * const f = new HistoryFolder();
 * f.add({ orderId: '1', accountId: 'a', orderDate: '2024-01-01', sku: 'X', productName: 'X', category: 'C', quantity: 1, netAmount: 10 });
 * f.finish().asOf; // => '2024-01-02'
 */
export class HistoryFolder {
  private readonly asOfDay: number;
  private readonly accounts = new Map<string, FoldingAccount>();
  private readonly dates = new Map<string, { day: number; month: number }>();
  private lastDate: string | undefined;
  private date = { day: 0, month: 0 };
  private lastAccountId: string | undefined;
  private account: FoldingAccount | undefined;
  private maxDate = '';
  /** The first currency of any line, as buildSnapshot takes it from the lines. */
  currency: string | undefined;
  lines = 0;

  constructor(private readonly asOf?: string) {
    this.asOfDay = asOf === undefined ? Number.POSITIVE_INFINITY : dayNumber(asOf);
  }

  add(line: OrderLine): void {
    this.lines++;
    if (this.currency === undefined && line.currency !== undefined) this.currency = line.currency;
    if (line.orderDate !== this.lastDate) {
      let cached = this.dates.get(line.orderDate);
      if (cached === undefined) {
        const d = dayNumber(line.orderDate);
        cached = { day: d, month: monthIndexOfDay(d) };
        this.dates.set(line.orderDate, cached);
      }
      this.date = cached;
      this.lastDate = line.orderDate;
      if (line.orderDate > this.maxDate) this.maxDate = line.orderDate;
    }
    const day = this.date.day;
    if (day >= this.asOfDay) return;
    let account = this.account;
    if (line.accountId !== this.lastAccountId || account === undefined) {
      account = this.accounts.get(line.accountId);
      if (account === undefined) {
        account = { runs: [], byId: new Map(), last: undefined, products: new Map() };
        this.accounts.set(line.accountId, account);
      }
      this.account = account;
      this.lastAccountId = line.accountId;
    }
    let order = account.last;
    if (order === undefined || order.orderId !== line.orderId || order.day !== day) {
      order = account.byId.get(line.orderId);
      if (order !== undefined && order.day !== day) {
        const key = `${line.orderId}\0${day}`;
        order = account.byId.get(key);
        if (order === undefined) {
          order = { orderId: line.orderId, day, month: this.date.month, revenue: 0, margin: null, skus: [] };
          account.byId.set(key, order);
          account.runs.push(order);
        }
      } else if (order === undefined) {
        order = { orderId: line.orderId, day, month: this.date.month, revenue: 0, margin: null, skus: [] };
        account.byId.set(line.orderId, order);
        account.runs.push(order);
      }
      account.last = order;
    }
    order.revenue += line.netAmount;
    if (line.margin !== undefined) order.margin = (order.margin ?? 0) + line.margin;
    let product = account.products.get(line.sku);
    if (product === undefined) {
      product = { name: line.productName, category: line.category, revenue: 0, orders: 0 };
      account.products.set(line.sku, product);
    }
    product.revenue += line.netAmount;
    if (!order.skus.includes(line.sku)) {
      order.skus.push(line.sku);
      product.orders += 1;
    }
  }

  /** The histories (accounts in the order their first line came) and the asOf they describe. Call once. */
  finish(): { histories: Map<string, AccountHistory>; asOf: string; currency: string | undefined } {
    const histories = new Map<string, AccountHistory>();
    for (const [id, account] of this.accounts) {
      const orders = account.runs;
      orders.sort((x, y) => x.day - y.day || (x.orderId < y.orderId ? -1 : x.orderId > y.orderId ? 1 : 0));
      histories.set(id, { orders, products: account.products });
    }
    this.accounts.clear();
    const asOf =
      this.asOf ?? (this.maxDate === '' ? new Date().toISOString().slice(0, 10) : isoDay(dayNumber(this.maxDate) + 1));
    return { histories, asOf, currency: this.currency };
  }
}
