/** Seeded B2B order baskets for the FP-growth benchmarks (bench/fp-growth.bench.ts, bench/cli.bench.ts). */
import type { RandomSource } from '../lib/engine/generate/random.ts';

/**
 * B2B order baskets: each order draws 1–12 SKUs with Zipf-like popularity (a few staples in many orders), and a
 * third of the orders also contain most of one of 25 bundles (machine + consumables + accessories, 2–5 SKUs).
 * Every basket lists a SKU at most once, as node-fpgrowth counts repeats.
 */
export function generateBaskets(count: number, skus: number, random: RandomSource): string[][] {
  const names = Array.from({ length: skus }, (_, i) => `SKU-${String(10_000 + i * 7)}`);
  const weights = names.map((_, i) => 1 / (i + 3) ** 0.9);
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative: number[] = [];
  weights.reduce((s, w) => (cumulative.push((s + w) / total), s + w), 0);
  const pick = () => {
    const u = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return names[lo]!;
  };
  const bundles = Array.from({ length: 25 }, () =>
    Array.from({ length: 2 + Math.floor(random() * 4) }, () => names[Math.floor(random() * skus)]!),
  );
  return Array.from({ length: count }, () => {
    const basket = new Set<string>();
    const size = 1 + Math.min(11, Math.floor(-Math.log(1 - random()) * 4));
    while (basket.size < size) basket.add(pick());
    if (random() < 0.33) {
      const bundle = bundles[Math.floor(random() * bundles.length)]!;
      for (const sku of bundle) if (random() < 0.85) basket.add(sku);
    }
    return [...basket];
  });
}
