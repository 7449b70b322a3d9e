import { describe, expect, it } from 'vitest';
import { OrderLineSchema, type OrderLine } from '../records.ts';
import { CHECKED_ORDER_FIELDS, OrderLineCheck } from './order-check.ts';

const valid: OrderLine = {
  orderId: 'RE-1',
  accountId: '10001',
  orderDate: '2024-02-29',
  sku: 'A-1',
  productName: 'Toner',
  category: '',
  quantity: 2,
  netAmount: -12.5,
  currency: 'EUR',
  margin: 3.25,
};
// Each variant breaks one constraint of OrderLineSchema (records.ts), or keeps to it at an edge.
const variants: Record<string, unknown>[] = [
  {},
  { currency: undefined, margin: undefined },
  { orderId: '' },
  { accountId: '' },
  { sku: '' },
  { orderId: 7 },
  { productName: 1 },
  { category: null },
  { orderDate: '2023-02-29' }, // not a leap year
  { orderDate: '2024-13-01' },
  { orderDate: '2024-04-31' },
  { orderDate: '24-01-01' },
  { orderDate: '2024-1-1' },
  { quantity: Number.NaN },
  { quantity: Infinity },
  { netAmount: -Infinity },
  { netAmount: '1' },
  { quantity: 0, netAmount: -0 },
  { currency: 'EU' },
  { currency: 'EURO' },
  { currency: 978 },
  { margin: Number.NaN },
  { margin: null },
];

describe('OrderLineCheck', () => {
  it('knows every field of OrderLineSchema', () => {
    expect([...CHECKED_ORDER_FIELDS].sort()).toEqual(Object.keys(OrderLineSchema.shape).sort());
  });

  it('passes exactly the lines the schema accepts, for every variant', () => {
    const check = new OrderLineCheck();
    const verdicts = variants.map((v) => {
      const line = { ...valid, ...v } as OrderLine;
      return [check.passes(line), OrderLineSchema.safeParse(line).success];
    });
    // Agreement on every variant; the reference verdict is zod's own.
    for (const [fast, schema] of verdicts) expect(fast).toBe(schema);
    expect(verdicts.filter(([, schema]) => schema).length).toBe(3);
  });

  it('remembers the schema verdict per date text, also for repeated dates', () => {
    const check = new OrderLineCheck();
    expect(check.passes({ ...valid, orderDate: '2023-02-29' })).toBe(false);
    expect(check.passes({ ...valid, orderDate: '2023-02-29' })).toBe(false);
    expect(check.passes({ ...valid, orderDate: '2023-02-28' })).toBe(true);
  });
});
