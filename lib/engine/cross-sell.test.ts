import { describe, expect, it } from 'vitest';
import { crossSellGaps, crossSellScore } from './cross-sell.ts';
import { buildHistories } from './patterns.ts';
import type { OrderLine } from './records.ts';
import type { Rule } from './snapshot.ts';

// Ten orders: A and C together in nine of them, B alone in the tenth; the account never bought F, G or H.
const lines: OrderLine[] = Array.from({ length: 10 }, (_, i) => (i < 9 ? ['A', 'C'] : ['B'])).flatMap((skus, i) =>
  skus.map((sku) => ({
    orderId: `O${i}`,
    accountId: 'acc',
    orderDate: `2024-01-${String(i + 1).padStart(2, '0')}`,
    sku,
    productName: sku,
    category: 'x',
    quantity: 1,
    netAmount: 10,
  })),
);
const history = buildHistories(lines, '2024-02-01').get('acc');
const rule = (antecedent: string[], consequent: string[], lift: number, confidence = 0.5, support = 0.1): Rule => ({
  antecedent,
  consequent,
  support,
  confidence,
  lift,
});
const names = (sku: string): string => `Product ${sku}`;

describe('crossSellGaps', () => {
  const rules = [
    rule(['A'], ['F'], 2),
    rule(['A', 'C'], ['F'], 3.1, 0.78),
    rule(['A'], ['B'], 5), // B already bought
    rule(['Z'], ['G'], 9), // antecedent not bought
    rule(['C'], ['H'], 1.5),
    rule(['A'], ['G', 'H'], 8), // several consequents: not a per-account gap
  ];
  const gaps = crossSellGaps(history, rules, 80, names);

  it('keeps rules whose antecedent is bought and whose consequent never was, the strongest per SKU, by lift', () => {
    expect(gaps.map((g) => [g.sku, g.antecedent, g.lift])).toEqual([
      ['F', ['A', 'C'], 3.1],
      ['H', ['C'], 1.5],
    ]);
  });

  it('reports how often the account orders the antecedent and scores by lift × value', () => {
    // A and C are together in 9 of 10 orders; score 3.1 × 80 / 100 = 2.48.
    expect(gaps[0]).toEqual({
      sku: 'F',
      name: 'Product F',
      antecedent: ['A', 'C'],
      support: 0.1,
      confidence: 0.78,
      lift: 3.1,
      antecedentShare: 0.9,
      score: 2.48,
    });
  });

  it('has no gaps without orders, and stops at max', () => {
    expect(crossSellGaps(undefined, rules, 80, names)).toEqual([]);
    expect(crossSellGaps(history, rules, 80, names, 1)).toHaveLength(1);
  });

  it('scores lift × value / 100', () => {
    expect(crossSellScore(2, 50)).toBe(1);
  });
});
