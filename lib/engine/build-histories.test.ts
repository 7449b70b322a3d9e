import { describe, expect, it } from 'vitest';
import { mulberry32 } from './generate.ts';
import { buildHistories, dayNumber, monthIndexOfDay, type AccountHistory } from './patterns.ts';
import type { OrderLine } from './records.ts';

/**
 * buildHistories folds each account's lines in runs and merges the runs of one order afterwards. The reference here
 * is the definition, written the plain way: one order per distinct (id, date) per account, every sum taken in line
 * order, orders sorted by day then id.
 */
function reference(lines: readonly OrderLine[], asOf: string): Map<string, AccountHistory> {
  const out = new Map<string, AccountHistory>();
  const byKey = new Map<string, AccountHistory['orders'][number]>();
  for (const line of lines) {
    if (line.orderDate >= asOf) continue;
    let h = out.get(line.accountId);
    if (h === undefined) out.set(line.accountId, (h = { orders: [], products: new Map() }));
    const key = `${line.accountId}|${line.orderId}|${line.orderDate}`;
    let order = byKey.get(key);
    if (order === undefined) {
      const day = dayNumber(line.orderDate);
      order = { orderId: line.orderId, day, month: monthIndexOfDay(day), revenue: 0, margin: null, skus: [] };
      byKey.set(key, order);
      h.orders.push(order);
    }
    order.revenue += line.netAmount;
    if (line.margin !== undefined) order.margin = (order.margin ?? 0) + line.margin;
    let p = h.products.get(line.sku);
    if (p === undefined)
      h.products.set(line.sku, (p = { name: line.productName, category: line.category, revenue: 0, orders: 0 }));
    p.revenue += line.netAmount;
    if (!order.skus.includes(line.sku)) {
      order.skus.push(line.sku);
      p.orders += 1;
    }
  }
  for (const h of out.values()) h.orders.sort((x, y) => x.day - y.day || (x.orderId < y.orderId ? -1 : 1));
  return out;
}

const line = (
  orderId: string,
  accountId: string,
  orderDate: string,
  sku: string,
  netAmount: number,
  margin?: number,
): OrderLine => ({
  orderId,
  accountId,
  orderDate,
  sku,
  productName: `Product ${sku}`,
  category: 'C',
  quantity: 1,
  netAmount,
  ...(margin === undefined ? {} : { margin }),
});

describe('buildHistories with the lines of an order apart', () => {
  it('merges the runs of one order, adding in line order', () => {
    // O1's lines come in three runs; 0.1 + 0.2 + 0.3 in that order is 0.6000000000000001, not 0.6.
    const lines = [
      line('O1', 'a', '2024-01-10', 'X', 0.1, 1),
      line('O2', 'a', '2024-01-09', 'Y', 5),
      line('O1', 'a', '2024-01-10', 'Y', 0.2),
      line('B1', 'b', '2024-01-10', 'X', 7),
      line('O1', 'a', '2024-01-10', 'X', 0.3, 2),
      line('O1', 'a', '2024-01-10', 'Z', 0),
    ];
    const a = buildHistories(lines, '2024-02-01').get('a')!;
    expect(a.orders.map((o) => [o.orderId, o.revenue, o.margin, o.skus])).toEqual([
      ['O2', 5, null, ['Y']],
      ['O1', 0.6000000000000001, 3, ['X', 'Y', 'Z']],
    ]);
    expect([...a.products.entries()].map(([sku, p]) => [sku, p.orders])).toEqual([
      ['X', 1],
      ['Y', 2],
      ['Z', 1],
    ]);
    expect([...buildHistories(lines, '2024-02-01').keys()]).toEqual(['a', 'b']);
  });

  it('agrees with the plain definition on shuffled lines, bit for bit', () => {
    const random = mulberry32(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const dates = ['2024-01-02', '2024-01-03', '2024-02-29', '2024-03-01', '2024-03-02'];
    const lines: OrderLine[] = [];
    for (let k = 0; k < 3000; k++) {
      const amount = Math.round(random() * 100_000) / 100 - 100;
      lines.push(
        line(
          `O${Math.floor(random() * 40)}`,
          pick(['a', 'b', 'c', 'd']),
          pick(dates),
          pick(['S1', 'S2', 'S3', 'S4', 'S5']),
          amount,
          random() < 0.5 ? amount / 3 : undefined,
        ),
      );
    }
    const expected = reference(lines, '2024-03-02');
    const actual = buildHistories(lines, '2024-03-02');
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [id, h] of expected) {
      const got = actual.get(id)!;
      expect(got.orders).toEqual(h.orders);
      expect(got.orders.every((o, i) => Object.is(o.revenue, h.orders[i]!.revenue))).toBe(true);
      expect([...got.products.entries()]).toEqual([...h.products.entries()]);
    }
  });
});
