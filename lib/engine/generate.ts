/**
 * Realistic demo and benchmark data: a German industrial-supplies wholesaler's customers and their order history,
 * deterministic by seed. What the scoring should find is built in: bundles for FP-growth (and accounts that lack
 * one item of a bundle), clockwork, quarterly, erratic and seasonal buyers, growing and declining accounts, churners,
 * seasonal categories, credit notes.
 */
import type { AccountRecord, ContactRecord, Dataset, OrderLine, ProductRecord } from './records.ts';
import { AccountFactory } from './generate/accounts.ts';
import { buildBundles, buildCatalog, CATEGORIES } from './generate/catalog.ts';
import {
  Calendar,
  OrderBook,
  addCreditNote,
  addOrder,
  drawProfile,
  orderDays,
  trendFactor,
  type Profile,
} from './generate/orders.ts';
import { Draw, mulberry32, type RandomSource } from './generate/random.ts';

export { datasetToCsv } from './generate/csv.ts';
export { mulberry32, type RandomSource } from './generate/random.ts';

export interface GenerateOptions {
  accounts: number;
  /** Seed for the default source (mulberry32); ignored when a source is passed. Default 1. */
  seed?: number;
  /** First day of the order history, ISO. Default 2023-01-01. */
  start?: string;
  /** Last day of the order history, ISO. Default 2025-12-31. */
  end?: string;
  /** Mean order lines per account over the whole period. Default 100. */
  linesPerAccount?: number;
}

const CREDIT_NOTE_RATE = 0.01;

/**
 * Generates a demo dataset. The same options and source give the same dataset, byte for byte. Orders come sorted by
 * date with invoice numbers `RE-<year>-<n>` (credit notes `GS-<year>-<n>`) in that order, as an ERP export would.
 * O(accounts + order lines); 10,000 accounts with 100 lines each took 2 s on a loaded machine (bench/import.bench.ts).
 *
 * @param random uniform source on [0, 1); default `mulberry32(opts.seed ?? 1)`
 * @throws {Error} if `accounts` is not a positive integer, the dates are not ISO dates with start ≤ end, or
 *   `linesPerAccount` is not positive
 * @example
 * const d = generateDataset({ accounts: 3, seed: 7 });
 * d.accounts.length; // => 3
 * d.products.length; // => 300
 */
export function generateDataset(opts: GenerateOptions, random: RandomSource = mulberry32(opts.seed ?? 1)): Dataset {
  const start = opts.start ?? '2023-01-01';
  const end = opts.end ?? '2025-12-31';
  const linesPerAccount = opts.linesPerAccount ?? 100;
  if (!Number.isInteger(opts.accounts) || opts.accounts < 1)
    throw new Error(`generateDataset: accounts must be a positive integer, got ${opts.accounts}`);
  if (!isIsoDate(start) || !isIsoDate(end) || start > end)
    throw new Error(`generateDataset: start and end must be ISO dates with start ≤ end, got ${start} and ${end}`);
  if (!(linesPerAccount > 0))
    throw new Error(`generateDataset: linesPerAccount must be positive, got ${linesPerAccount}`);

  const draw = new Draw(random);
  const cal = new Calendar(start, end);
  const items = buildCatalog(draw);
  const bundles = buildBundles(items);
  const factory = new AccountFactory(draw);

  const accounts: AccountRecord[] = [];
  const contacts: ContactRecord[] = [];
  const profiles: Profile[] = [];
  const schedules: number[][] = [];
  let totalWeight = 0;
  const weights: number[] = [];
  for (let a = 0; a < opts.accounts; a++) {
    const { account, english } = factory.account(a);
    accounts.push(account);
    contacts.push(...factory.contacts(account, english));
    const profile = drawProfile(a, account.industry ?? '', cal, items, bundles, draw);
    const days = orderDays(profile, cal, draw);
    if (days.length === 0) days.push(Math.min(profile.last, profile.first + draw.int(0, 30)));
    let w = 0;
    for (const d of days) w += trendFactor(profile, d);
    profiles.push(profile);
    schedules.push(days);
    weights.push(w * profile.size);
    totalWeight += w * profile.size;
  }

  const book = new OrderBook();
  const stamp = new Int32Array(items.length);
  const scratch = new Float64Array(64);
  const totalLines = opts.accounts * linesPerAccount;
  for (let a = 0; a < opts.accounts; a++) {
    const p = profiles[a] as Profile;
    const days = schedules[a] as number[];
    const lines = (totalLines * (weights[a] as number)) / totalWeight;
    const perOrder = lines / days.length;
    let sumF = 0;
    for (const d of days) sumF += trendFactor(p, d);
    const meanF = sumF / days.length;
    let placed = 0;
    days.forEach((day, i) => {
      const isLastChance = i === days.length - 1 && placed === 0;
      if (perOrder < 1 && !isLastChance && !draw.chance(perOrder)) return;
      const target = Math.max(1, stochasticRound((perOrder * trendFactor(p, day)) / meanF, draw));
      const order = book.orders;
      addOrder(book, p, day, target, cal, items, stamp, scratch, draw);
      placed++;
      if (draw.chance(CREDIT_NOTE_RATE)) {
        const creditDay = day + draw.int(5, 30);
        if (creditDay <= p.last) addCreditNote(book, order, creditDay, draw);
      }
    });
  }

  const productRecords: ProductRecord[] = items.map((it) => ({
    sku: it.sku,
    name: it.name,
    category: CATEGORIES[it.category]?.name ?? '',
  }));
  return { accounts, orders: toOrderLines(book, accounts, productRecords, cal), products: productRecords, contacts };
}

/** Orders in date order (stable within a day), numbered per year and kind, as OrderLine records. O(lines + days). */
function toOrderLines(
  book: OrderBook,
  accounts: readonly AccountRecord[],
  products: readonly ProductRecord[],
  cal: Calendar,
): OrderLine[] {
  const byDay = new Int32Array(cal.days + 1);
  for (const d of book.orderDay) (byDay[d + 1] as number)++;
  for (let d = 1; d <= cal.days; d++) byDay[d] = (byDay[d] as number) + (byDay[d - 1] as number);
  const sorted = new Int32Array(book.orders);
  const next = byDay.slice(0, cal.days);
  for (let o = 0; o < book.orders; o++) {
    const d = book.orderDay[o] as number;
    sorted[next[d] as number] = o;
    next[d] = (next[d] as number) + 1;
  }
  const lines: OrderLine[] = new Array(book.lineSku.length);
  const counters = new Map<string, number>();
  let out = 0;
  for (const o of sorted) {
    const day = book.orderDay[o] as number;
    const year = String(cal.year[day]);
    const kind = book.orderCredit[o] ? 'GS' : 'RE';
    const key = kind + year;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const orderId = `${kind}-${year}-${String(n).padStart(6, '0')}`;
    const accountId = (accounts[book.orderAccount[o] as number] as AccountRecord).id;
    const orderDate = cal.iso[day] as string;
    for (let l = book.orderFirstLine[o] as number, e = book.lineEnd(o); l < e; l++) {
      const product = products[book.lineSku[l] as number] as ProductRecord;
      lines[out++] = {
        orderId,
        accountId,
        orderDate,
        sku: product.sku,
        productName: product.name,
        category: product.category,
        quantity: book.lineQuantity[l] as number,
        netAmount: book.lineNet[l] as number,
        currency: 'EUR',
        margin: book.lineMargin[l] as number,
      };
    }
  }
  return lines;
}

function stochasticRound(x: number, draw: Draw): number {
  const floor = Math.floor(x);
  return floor + (draw.random() < x - floor ? 1 : 0);
}

function isIsoDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}
