/**
 * Association rules (antecedent → consequent) from frequent itemsets, as in Agrawal, Imieliński & Swami (1993),
 * "Mining Association Rules between Sets of Items in Large Databases", SIGMOD: every split of a frequent itemset I
 * into A → I∖A, with support(I), confidence = count(I) / count(A) and lift = confidence / support(I∖A).
 */
import { fpGrowth, type FrequentItemset } from './fp-growth.ts';
import type { Rule } from './snapshot.ts';

export interface AssociationRuleOptions {
  /** Minimum confidence, in [0, 1]. */
  minConfidence: number;
  /** Minimum lift, ≥ 0. Default 0 (no filter); 1 keeps only positively associated rules. */
  minLift?: number;
  /** Keep at most this many rules, the best first. Default: all. */
  maxRules?: number;
}

/** Itemsets larger than this would need more than a million splits each. */
const MAX_ITEMSET_SIZE = 20;

/**
 * All rules A → C with A ∪ C a frequent itemset, A and C non-empty and disjoint, that pass the confidence and lift
 * thresholds; sorted by lift, then confidence, then support (all descending), then antecedent and consequent.
 * The itemsets must be downward closed (every subset of an itemset listed too), as {@link fpGrowth} returns them.
 *
 * Runs in `O(Σ 2^|I| · |I|)` over the itemsets I, plus the sort.
 *
 * @param itemsets frequent itemsets with sorted items and absolute counts
 * @param transactionCount number of transactions the counts refer to
 * @throws {Error} when transactionCount is not a positive integer, an option is out of range, an itemset has more
 *   than 20 items, or a subset of an itemset is missing from the list
 * @example
 * associationRules(fpGrowth([['a', 'b'], ['a', 'b'], ['a']], 0.5), 3, { minConfidence: 0.9 });
 * // => [{ antecedent: ['b'], consequent: ['a'], support: 0.6667, confidence: 1, lift: 1 }]
 */
export function associationRules(
  itemsets: FrequentItemset[],
  transactionCount: number,
  opts: AssociationRuleOptions,
): Rule[] {
  if (!(Number.isInteger(transactionCount) && transactionCount > 0)) {
    throw new Error(`associationRules: transactionCount must be a positive integer, got ${transactionCount}`);
  }
  const { minConfidence, minLift = 0, maxRules = Infinity } = opts;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new Error(`associationRules: minConfidence must lie in [0, 1], got ${minConfidence}`);
  }
  if (!(minLift >= 0)) throw new Error(`associationRules: minLift must be ≥ 0, got ${minLift}`);
  if (!(maxRules === Infinity || (Number.isInteger(maxRules) && maxRules >= 0))) {
    throw new Error(`associationRules: maxRules must be a non-negative integer, got ${maxRules}`);
  }

  const countOf = new Map<string, number>();
  for (const set of itemsets) countOf.set(keyOf(set.items), set.count);
  const lookup = (items: string[], whole: FrequentItemset): number => {
    const count = countOf.get(keyOf(items));
    if (count === undefined) {
      throw new Error(
        `associationRules: itemset [${whole.items.join(', ')}] is listed but its subset [${items.join(', ')}] is not; ` +
          'pass the complete output of fpGrowth',
      );
    }
    return count;
  };

  const rules: Rule[] = [];
  for (const set of itemsets) {
    const size = set.items.length;
    if (size < 2) continue;
    if (size > MAX_ITEMSET_SIZE) {
      throw new Error(`associationRules: itemset of ${size} items is too large to split (at most ${MAX_ITEMSET_SIZE})`);
    }
    for (let mask = 1; mask < (1 << size) - 1; mask++) {
      const antecedent = set.items.filter((_, i) => mask & (1 << i));
      const consequent = set.items.filter((_, i) => !(mask & (1 << i)));
      const confidence = set.count / lookup(antecedent, set);
      if (confidence < minConfidence) continue;
      const lift = (confidence * transactionCount) / lookup(consequent, set);
      if (lift < minLift) continue;
      rules.push({ antecedent, consequent, support: set.count / transactionCount, confidence, lift });
    }
  }
  rules.sort(
    (x, y) =>
      y.lift - x.lift ||
      y.confidence - x.confidence ||
      y.support - x.support ||
      compareItems(x.antecedent, y.antecedent) ||
      compareItems(x.consequent, y.consequent),
  );
  return rules.length > maxRules ? rules.slice(0, maxRules) : rules;
}

export interface MineRulesOptions extends AssociationRuleOptions {
  /** Minimum support of the itemsets the rules come from, a fraction in (0, 1]. */
  minSupport: number;
  /** Largest itemset (antecedent plus consequent) to consider. Default: no limit. */
  maxSize?: number;
}

/**
 * Baskets to rules in one call: {@link fpGrowth} then {@link associationRules}.
 *
 * @throws {Error} as fpGrowth and associationRules
 * @example
 * mineRules([['a', 'b'], ['a', 'b'], ['a']], { minSupport: 0.5, minConfidence: 0.9 });
 * // => [{ antecedent: ['b'], consequent: ['a'], support: 0.6667, confidence: 1, lift: 1 }]
 */
export function mineRules(transactions: readonly (readonly string[])[], opts: MineRulesOptions): Rule[] {
  if (transactions.length === 0) return [];
  const { minSupport, maxSize, ...ruleOptions } = opts;
  const itemsets = fpGrowth(transactions, minSupport, maxSize === undefined ? {} : { maxSize });
  return associationRules(itemsets, transactions.length, ruleOptions);
}

function keyOf(items: readonly string[]): string {
  return items.join('\u0000');
}

/** Element-wise string order; a list that is a prefix of the other comes first. */
function compareItems(x: readonly string[], y: readonly string[]): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}
