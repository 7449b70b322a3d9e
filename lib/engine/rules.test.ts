import { describe, expect, it } from 'vitest';
import { fpGrowth } from './fp-growth.ts';
import { associationRules, mineRules } from './rules.ts';

// Tan, Steinbach & Kumar, "Introduction to Data Mining" (2006), table 6.1: the market-basket example.
const BASKETS = [
  ['bread', 'milk'],
  ['bread', 'diapers', 'beer', 'eggs'],
  ['milk', 'diapers', 'beer', 'cola'],
  ['bread', 'milk', 'diapers', 'beer'],
  ['bread', 'milk', 'diapers', 'cola'],
];
const ITEMSETS = fpGrowth(BASKETS, 0.4);
const arrow = (r: { antecedent: string[]; consequent: string[] }) =>
  `${r.antecedent.join(',')} → ${r.consequent.join(',')}`;

describe('associationRules', () => {
  it("gives the textbook's figures for {milk, diapers} → {beer}", () => {
    // Tan et al. §6.1: support 2/5 = 0.4, confidence 2/3 ≈ 0.67; lift = (2/3) / (3/5) = 10/9 by hand.
    const rule = associationRules(ITEMSETS, 5, { minConfidence: 0 }).find((r) => arrow(r) === 'diapers,milk → beer');
    expect(rule?.support).toBeCloseTo(0.4, 15);
    expect(rule?.confidence).toBeCloseTo(2 / 3, 15);
    expect(rule?.lift).toBeCloseTo(10 / 9, 15);
  });

  it('finds exactly the eight rules of confidence 1, sorted by lift, confidence, support, then items', () => {
    // By hand from the counts bread 4, milk 4, diapers 4, beer 3, cola 2; pairs bread-beer 2, milk-beer 2,
    // milk-cola 2, diapers-beer 3, diapers-cola 2; triples {milk, diapers, cola} 2, {bread, diapers, beer} 2,
    // {milk, diapers, beer} 2: confidence 1 needs count(A) = count(A ∪ C). cola → {diapers, milk} has lift
    // 1 / (3/5) = 5/3; the others lift 1 / (4/5) = 1.25, and beer → diapers has the largest support, 3/5.
    const rules = associationRules(ITEMSETS, 5, { minConfidence: 1 });
    expect(rules.map(arrow)).toEqual([
      'cola → diapers,milk',
      'beer → diapers',
      'beer,bread → diapers',
      'beer,milk → diapers',
      'cola → diapers',
      'cola → milk',
      'cola,diapers → milk',
      'cola,milk → diapers',
    ]);
    expect(rules[0]).toEqual({
      antecedent: ['cola'],
      consequent: ['diapers', 'milk'],
      support: 0.4,
      confidence: 1,
      lift: 5 / 3,
    });
    expect(rules[1]?.support).toBe(0.6);
    expect(rules.slice(1).every((r) => Math.abs(r.lift - 1.25) < 1e-12)).toBe(true);
  });

  it('filters on lift and truncates to maxRules', () => {
    const all = associationRules(ITEMSETS, 5, { minConfidence: 0 });
    // 8 pairs give 2 rules each and 4 triples give 6 each: 16 + 24 = 40.
    expect(all).toHaveLength(40);
    const positive = associationRules(ITEMSETS, 5, { minConfidence: 0, minLift: 1.2 });
    expect(positive.every((r) => r.lift >= 1.2)).toBe(true);
    expect(positive.length).toBeLessThan(all.length);
    expect(associationRules(ITEMSETS, 5, { minConfidence: 0, maxRules: 3 })).toEqual(all.slice(0, 3));
  });

  it('rejects itemsets that are not downward closed and out-of-range options', () => {
    const partial = ITEMSETS.filter((s) => s.items.join() !== 'cola');
    expect(() => associationRules(partial, 5, { minConfidence: 0.5 })).toThrow(
      /associationRules: itemset \[.*\] is listed but its subset \[cola\] is not/,
    );
    expect(() => associationRules(ITEMSETS, 0, { minConfidence: 0.5 })).toThrow(/transactionCount .* got 0/);
    expect(() => associationRules(ITEMSETS, 5, { minConfidence: 1.5 })).toThrow(/minConfidence/);
    expect(() => associationRules(ITEMSETS, 5, { minConfidence: 0.5, minLift: -1 })).toThrow(/minLift/);
    expect(() => associationRules(ITEMSETS, 5, { minConfidence: 0.5, maxRules: 1.5 })).toThrow(/maxRules/);
  });
});

describe('mineRules', () => {
  it('chains fpGrowth and associationRules', () => {
    expect(mineRules(BASKETS, { minSupport: 0.4, minConfidence: 1, maxRules: 2 })).toEqual(
      associationRules(ITEMSETS, 5, { minConfidence: 1 }).slice(0, 2),
    );
    // With pairs only, the five rules that come from triples disappear: 3 of the 8 remain.
    expect(mineRules(BASKETS, { minSupport: 0.4, minConfidence: 1, maxSize: 2 }).map(arrow)).toEqual([
      'beer → diapers',
      'cola → diapers',
      'cola → milk',
    ]);
    expect(mineRules([], { minSupport: 0.1, minConfidence: 0.5 })).toEqual([]);
  });
});
