/**
 * FP-growth: our typed-array implementation against the npm package node-fpgrowth on the same 50,000 seeded B2B
 * baskets (300 SKUs with skewed popularity, plus product bundles bought together). Checks that both find the same
 * itemsets with the same counts, then prints the median time of each and the speed-up.
 */
import { FPGrowth } from 'node-fpgrowth';
import { fpGrowth } from '../lib/engine/fp-growth.ts';

const BASKETS = 50_000;
const SKUS = 300;
const MIN_SUPPORTS = [0.01, 0.004, 0.002];
const RUNS = 5;

export async function run(): Promise<void> {
  const baskets = generateBaskets(BASKETS, SKUS, mulberry32(2024));
  const items = baskets.reduce((s, b) => s + b.length, 0);
  console.log(`${BASKETS} baskets, ${SKUS} SKUs, ${(items / BASKETS).toFixed(2)} items per basket on average`);

  for (const minSupport of MIN_SUPPORTS) {
    const ours = fpGrowth(baskets, minSupport);
    const theirs = await new FPGrowth<string>(minSupport).exec(baskets.map((b) => [...b]));
    const same = sameItemsets(
      ours.map((s) => ({ items: s.items, count: s.count })),
      theirs.map((s) => ({ items: [...s.items].sort(), count: s.support })),
    );
    // Interleaved, so that load from other processes on a shared machine hits both alike.
    const oursTimes: number[] = [];
    const theirsTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      oursTimes.push(await time(() => fpGrowth(baskets, minSupport)));
      theirsTimes.push(await time(() => new FPGrowth<string>(minSupport).exec(baskets.map((b) => [...b]))));
    }
    const oursMs = median(oursTimes);
    const theirsMs = median(theirsTimes);
    const largest = Math.max(...ours.map((s) => s.items.length));
    console.log(
      `minSupport ${minSupport} (${Math.ceil(minSupport * BASKETS)} baskets): ${ours.length} itemsets (largest ${largest} items), ` +
        `identical to node-fpgrowth: ${same ? 'yes' : 'NO'}`,
    );
    console.log(
      `  ours ${oursMs.toFixed(1)} ms, node-fpgrowth ${theirsMs.toFixed(1)} ms (median of ${RUNS}), ` +
        `speed-up ${(theirsMs / oursMs).toFixed(1)}×`,
    );
  }
}

async function time(f: () => unknown): Promise<number> {
  const start = performance.now();
  await f();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function sameItemsets(a: { items: string[]; count: number }[], b: { items: string[]; count: number }[]): boolean {
  const keys = (sets: { items: string[]; count: number }[]) =>
    sets.map((s) => `${s.items.join('\u0000')}\u0001${s.count}`).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/**
 * B2B order baskets: each order draws 1–12 SKUs with Zipf-like popularity (a few staples in many orders), and a
 * third of the orders also contain most of one of 25 bundles (machine + consumables + accessories, 2–5 SKUs).
 * Every basket lists a SKU at most once, as node-fpgrowth counts repeats.
 */
function generateBaskets(count: number, skus: number, random: () => number): string[][] {
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

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
