/**
 * FP-growth: our typed-array implementation against the npm package node-fpgrowth on the same 50,000 seeded B2B
 * baskets (300 SKUs with skewed popularity, plus product bundles bought together). Checks that both find the same
 * itemsets with the same counts, then prints the median time of each and the speed-up.
 */
import { FPGrowth } from 'node-fpgrowth';
import { fpGrowth } from '../lib/engine/fp-growth.ts';
import { mulberry32 } from '../lib/engine/generate/random.ts';
import { generateBaskets } from './baskets.ts';

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
