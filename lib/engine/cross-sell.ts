/**
 * Cross-sell gaps: association rules (antecedent → one consequent SKU) whose antecedent the account buys and whose
 * consequent it has never bought. Per consequent SKU the strongest rule is kept (highest lift, then confidence,
 * then support). Gaps are ranked by lift; `score` = lift × value score / 100 ranks them across accounts, so strong
 * rules at valuable accounts come first. Rules with several consequent items are left to the portfolio view.
 */
import type { AccountHistory } from './patterns.ts';
import type { CrossSell, Rule } from './snapshot.ts';

const MAX_GAPS = 5;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const stronger = (x: Rule, y: Rule): number =>
  y.lift - x.lift ||
  y.confidence - x.confidence ||
  y.support - x.support ||
  byText(x.antecedent.join('+'), y.antecedent.join('+'));

/**
 * The cross-account rank of a gap: lift × value score / 100, 4 decimals.
 * @example crossSellScore(3.1, 80) // => 2.48
 */
export function crossSellScore(lift: number, valueScore: number): number {
  return round4((lift * valueScore) / 100);
}

/**
 * The account's cross-sell gaps, at most `max`. O(rules × antecedent size + orders × gaps kept).
 * @example crossSellGaps(historyBuyingAandC, [{antecedent: ['A','C'], consequent: ['F'], support: 0.1, confidence: 0.78, lift: 3.1}], 80, (s) => s)[0]?.sku // => 'F'
 */
export function crossSellGaps(
  history: AccountHistory | undefined,
  rules: readonly Rule[],
  valueScore: number,
  productName: (sku: string) => string,
  max = MAX_GAPS,
): CrossSell[] {
  if (history === undefined || history.orders.length === 0) return [];
  const bought = history.products;
  const best = new Map<string, Rule>();
  for (const rule of rules) {
    const sku = rule.consequent[0];
    if (rule.consequent.length !== 1 || sku === undefined || bought.has(sku)) continue;
    if (!rule.antecedent.every((a) => bought.has(a))) continue;
    const current = best.get(sku);
    if (current === undefined || stronger(rule, current) < 0) best.set(sku, rule);
  }
  const ranked = [...best.entries()]
    .sort(([skuX, x], [skuY, y]) => stronger(x, y) || (skuX < skuY ? -1 : 1))
    .slice(0, max);
  return ranked.map(([sku, rule]) => {
    let withAntecedent = 0;
    for (const order of history.orders) if (rule.antecedent.every((a) => order.skus.includes(a))) withAntecedent += 1;
    return {
      sku,
      name: productName(sku),
      antecedent: [...rule.antecedent],
      support: rule.support,
      confidence: rule.confidence,
      lift: rule.lift,
      antecedentShare: withAntecedent / history.orders.length,
      score: crossSellScore(rule.lift, valueScore),
    };
  });
}
