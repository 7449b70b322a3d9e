import { describe, expect, it } from 'vitest';
import {
  buildHistories,
  computePatterns,
  dayNumber,
  isOverdue,
  isoDay,
  orderDays,
  orderRhythm,
  rfmSummary,
  seasonality,
} from './patterns.ts';
import type { OrderLine } from './records.ts';

const line = (
  orderId: string,
  date: string,
  sku: string,
  netAmount: number,
  extra: Partial<OrderLine> = {},
): OrderLine => ({
  orderId,
  accountId: 'a',
  orderDate: date,
  sku,
  productName: `Product ${sku}`,
  category: sku === 'Y' ? 'Paper' : 'Toner',
  quantity: 1,
  netAmount,
  ...extra,
});

describe('dayNumber and isoDay', () => {
  it('counts days since 1970-01-01 UTC', () => {
    // 2024-01-01: 54 years × 365 + 13 leap days (1972 … 2020) = 19,723; March 1st adds 31 + 29 (leap February).
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-01-01')).toBe(19_723);
    expect(dayNumber('2024-03-01')).toBe(19_783);
    expect(isoDay(19_783)).toBe('2024-03-01');
  });

  it('throws on anything but YYYY-MM-DD, naming the function', () => {
    expect(() => dayNumber('2024-3-1')).toThrow(/dayNumber: "2024-3-1"/);
    expect(() => dayNumber('01.03.2024')).toThrow(/dayNumber/);
  });
});

describe('buildHistories', () => {
  const lines = [
    line('O1', '2024-01-10', 'X', 100, { margin: 20 }),
    line('O1', '2024-01-10', 'Y', 50),
    line('O1', '2024-01-10', 'X', 30),
    line('O2', '2024-02-10', 'X', 70),
    line('O2', '2024-02-11', 'X', 5),
    line('O3', '2024-03-01', 'Y', 999),
    line('B1', '2024-01-05', 'X', 1, { accountId: 'b' }),
  ];
  const histories = buildHistories(lines, '2024-03-01');

  it('makes one order per distinct order id and date, leaving out lines on or after asOf', () => {
    const a = histories.get('a')!;
    // O1 on 01-10, O2 on 02-10 and O2 on 02-11 are three orders; O3 (dated asOf) is left out.
    expect(a.orders.map((o) => [o.orderId, isoDay(o.day), o.revenue])).toEqual([
      ['O1', '2024-01-10', 180],
      ['O2', '2024-02-10', 70],
      ['O2', '2024-02-11', 5],
    ]);
    expect(a.orders[0]!.skus).toEqual(['X', 'Y']);
    expect(a.orders[0]!.margin).toBe(20);
    expect(a.orders[1]!.margin).toBeNull();
    expect(histories.get('b')!.orders).toHaveLength(1);
  });

  it('sums revenue per SKU and counts the orders containing it once each', () => {
    const x = histories.get('a')!.products.get('X')!;
    expect(x).toEqual({ name: 'Product X', category: 'Toner', revenue: 205, orders: 3 });
    expect(histories.get('a')!.products.get('Y')).toEqual({
      name: 'Product Y',
      category: 'Paper',
      revenue: 50,
      orders: 1,
    });
  });
});

describe('orderRhythm', () => {
  it('gives the median interval and the population coefficient of variation', () => {
    // Intervals 10, 20, 10: median 10, mean 40/3, SD √(200/9) = 10√2/3, so CV = √2/4.
    const r = orderRhythm([0, 10, 30, 40]);
    expect(r.medianIntervalDays).toBe(10);
    expect(r.regularity).toBeCloseTo(Math.SQRT2 / 4, 12);
  });

  it('has no rhythm from one order and no regularity from one interval', () => {
    expect(orderRhythm([5])).toEqual({ medianIntervalDays: null, regularity: null });
    expect(orderRhythm([5, 12])).toEqual({ medianIntervalDays: 7, regularity: null });
  });
});

describe('isOverdue', () => {
  it('allows a quarter of the interval, at least 3 days', () => {
    expect(isOverdue(100, 20, 105)).toBe(false); // 5 late, grace 5
    expect(isOverdue(100, 20, 106)).toBe(true);
    expect(isOverdue(100, 4, 103)).toBe(false); // grace is the 3-day minimum
    expect(isOverdue(100, 4, 104)).toBe(true);
  });
});

describe('seasonality', () => {
  const flat = (peakAt: number, peak: number): number[] =>
    Array.from({ length: 12 }, (_, i) => (i === peakAt ? peak : 10));

  it('finds a December peak that repeats in both years', () => {
    // Both years are 10 + k·e₁₂, affine in the same vector, so r = 1; the mean month is 440/24 ≈ 18.3 and December
    // averages 110.
    expect(seasonality([...flat(11, 100), ...flat(11, 120)], 0)).toEqual({ peakMonths: [12], strength: 1 });
    // The same series starting in July: index 5 is December.
    expect(seasonality([...flat(5, 100), ...flat(5, 120)], 6)).toEqual({ peakMonths: [12], strength: 1 });
  });

  it('shows none when the years disagree or nothing stands out', () => {
    expect(seasonality([...flat(0, 100), ...flat(6, 100)], 0)).toBeNull(); // r < 0
    expect(seasonality(new Array(24).fill(10), 0)).toBeNull(); // no variance
    expect(seasonality(new Array(24).fill(0), 0)).toBeNull();
  });
});

describe('computePatterns', () => {
  const asOf = '2025-01-01';
  const D = dayNumber(asOf);
  // Orders 400, 300, 200, 100 and 10 days before asOf; the oldest in the year before the last 12 months.
  const ages = [400, 300, 200, 100, 10];
  const lines = ages.flatMap((age, i) => [
    line(`O${i}`, isoDay(D - age), 'X', age === 400 ? 100 : 40, { margin: 10 }),
    ...(age === 400 ? [] : [line(`O${i}`, isoDay(D - age), 'Y', 10)]),
  ]);
  const history = buildHistories(lines, asOf).get('a');

  it('measures the last 12 months against the 12 before', () => {
    const { patterns, margin12m, daysSinceLastOrder } = computePatterns(history, D);
    expect(patterns.orders12m).toBe(4);
    expect(patterns.ordersTotal).toBe(5);
    expect(patterns.revenue12m).toBe(200); // 4 × (40 + 10)
    expect(patterns.revenuePrev12m).toBe(100);
    expect(patterns.trend).toBe(1); // 200 / 100 − 1
    expect(margin12m).toBe(40);
    expect(daysSinceLastOrder).toBe(10);
  });

  it('reads the rhythm and the next order', () => {
    const { patterns } = computePatterns(history, D);
    // Intervals 100, 100, 100, 90: median 100; mean 97.5, SD √(3·2.5² + 7.5²)/2 = √18.75, CV = 0.0444.
    expect(patterns.medianIntervalDays).toBe(100);
    expect(patterns.regularity).toBe(0.0444);
    expect(patterns.nextOrderExpected).toBe(isoDay(D + 90));
    expect(patterns.overdue).toBe(false);
    expect(computePatterns(history, D + 115).patterns.overdue).toBe(false); // 25 days late = grace
    expect(computePatterns(history, D + 116).patterns.overdue).toBe(true);
  });

  it('counts an overdue open interval in the regularity the score uses', () => {
    expect(computePatterns(history, D).scoredRegularity).toBe(0.0444); // the open 10 days are not overdue
    // 200 days later the open interval is 210 days: intervals 100, 100, 100, 90, 210 have mean 120 and population
    // variance (3·400 + 900 + 8100)/5 = 2040, so CV = √2040 / 120 = 0.3764.
    const late = computePatterns(history, D + 200);
    expect(late.scoredRegularity).toBe(0.3764);
    expect(late.patterns.regularity).toBe(0.0444);
  });

  it('ranks products and categories by their share of revenue', () => {
    const { patterns } = computePatterns(history, D);
    // X: 100 + 4 × 40 = 260, Y: 4 × 10 = 40, total 300.
    expect(patterns.topProducts).toEqual([
      { sku: 'X', name: 'Product X', share: 0.8667, orders: 5 },
      { sku: 'Y', name: 'Product Y', share: 0.1333, orders: 4 },
    ]);
    expect(patterns.topCategories).toEqual([
      { category: 'Toner', share: 0.8667 },
      { category: 'Paper', share: 0.1333 },
    ]);
  });

  it('gives 24 months ending with the month before asOf', () => {
    const { patterns } = computePatterns(history, D);
    expect(patterns.monthly).toHaveLength(24);
    expect(patterns.monthly[0]!.month).toBe('2023-01');
    expect(patterns.monthly[23]).toEqual({ month: '2024-12', revenue: 50 }); // the order 10 days before asOf
    expect(patterns.monthly.reduce((s, m) => s + m.revenue, 0)).toBe(300);
    expect(patterns.seasonality).toBeNull(); // history shorter than 24 months
  });

  it('is empty for an account without orders', () => {
    const { patterns, margin12m, daysSinceLastOrder } = computePatterns(undefined, D);
    expect(patterns).toMatchObject({
      orders12m: 0,
      revenue12m: 0,
      trend: null,
      medianIntervalDays: null,
      overdue: false,
    });
    expect(patterns.topProducts).toEqual([]);
    expect(margin12m).toBeNull();
    expect(daysSinceLastOrder).toBeNull();
  });
});

describe('orderDays and rfmSummary', () => {
  const lines = [
    line('1', '2024-01-01', 'X', 20),
    line('2', '2024-01-08', 'X', 30),
    line('3', '2024-01-15', 'X', 10),
    line('4', '2024-01-15', 'Y', 5),
  ];
  const history = buildHistories(lines, '2024-02-01').get('a');

  it('merges orders of the same day into one transaction', () => {
    expect(orderDays(history!).map((d) => d.revenue)).toEqual([20, 30, 15]);
  });

  it('summarises in weeks with the mean of the repeat days as monetary value', () => {
    // First 2024-01-01, last 2024-01-15 (2 weeks later), asOf 2024-02-01 (31 days = 31/7 weeks); repeats 30 and 15.
    expect(rfmSummary(history, dayNumber('2024-02-01'))).toEqual({
      frequency: 2,
      recency: 2,
      T: 31 / 7,
      monetaryValue: 22.5,
    });
    expect(rfmSummary(undefined, 0)).toBeNull();
  });
});
