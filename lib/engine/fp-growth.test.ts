import { describe, expect, it } from 'vitest';
import { mulberry32 } from './generate/random.ts';
import { fpGrowth, type FrequentItemset } from './fp-growth.ts';

/** Itemsets as "a,b:count" strings, order-free, for comparing with hand-derived or brute-force lists. */
const asKeys = (itemsets: FrequentItemset[]) => itemsets.map((s) => `${s.items.join(',')}:${s.count}`).sort();

// Han, Pei & Yin (2000), "Mining Frequent Patterns without Candidate Generation", SIGMOD, table 1, with ξ = 3 of 5.
const HAN_PEI_YIN = [
  ['f', 'a', 'c', 'd', 'g', 'i', 'm', 'p'],
  ['a', 'b', 'c', 'f', 'l', 'm', 'o'],
  ['b', 'f', 'h', 'j', 'o'],
  ['b', 'c', 'k', 's', 'p'],
  ['a', 'f', 'c', 'e', 'l', 'p', 'm', 'n'],
];

describe('fpGrowth', () => {
  it('finds the 18 frequent patterns of Han, Pei & Yin’s example', () => {
    // By hand, as in the paper's table 2: frequent items f:4 c:4 a:3 b:3 m:3 p:3. Transactions 1, 2 and 5 contain
    // f, c, a and m, so every subset of {f, c, a, m} has count 3 except the singletons f, c (4) and {c, f} (3);
    // p occurs with c in 1, 4, 5 (cp:3) but with f, a, m only twice; b occurs with nothing else three times.
    const expected = [
      'f:4',
      'c:4',
      'a:3',
      'b:3',
      'm:3',
      'p:3',
      'c,f:3',
      'a,f:3',
      'a,c:3',
      'a,m:3',
      'c,m:3',
      'f,m:3',
      'c,p:3',
      'a,c,f:3',
      'a,c,m:3',
      'a,f,m:3',
      'c,f,m:3',
      'a,c,f,m:3',
    ];
    expect(asKeys(fpGrowth(HAN_PEI_YIN, 0.6))).toEqual([...expected].sort());
  });

  it('reports support as the share of transactions and sorts by count, size, then items', () => {
    const result = fpGrowth(HAN_PEI_YIN, 0.6);
    expect(result[0]).toEqual({ items: ['c'], count: 4, support: 0.8 });
    expect(result[1]).toEqual({ items: ['f'], count: 4, support: 0.8 });
    expect(result[2]).toEqual({ items: ['a'], count: 3, support: 0.6 });
    expect(result.at(-1)).toEqual({ items: ['a', 'c', 'f', 'm'], count: 3, support: 0.6 });
  });

  it('stops at maxSize', () => {
    const result = fpGrowth(HAN_PEI_YIN, 0.6, { maxSize: 2 });
    expect(result).toHaveLength(13);
    expect(Math.max(...result.map((s) => s.items.length))).toBe(2);
  });

  it('counts an item listed twice in a transaction once', () => {
    // By hand: a is in 2 of 3 baskets, b in 2, both together in 1 (below ⌈0.5 · 3⌉ = 2).
    expect(asKeys(fpGrowth([['a', 'a', 'b'], ['a'], ['b', 'b']], 0.5))).toEqual(['a:2', 'b:2']);
    expect(
      asKeys(
        fpGrowth(
          [
            ['a', 'a', 'b'],
            ['a', 'b', 'b'],
          ],
          1,
        ),
      ),
    ).toEqual(['a,b:2', 'a:2', 'b:2']);
  });

  it('treats a support that rounds just above a whole count as that count', () => {
    // 0.3 · 10 = 3.0000000000000004 in floating point; three transactions of ten must qualify.
    const baskets = [...Array.from({ length: 3 }, () => ['x']), ...Array.from({ length: 7 }, () => ['y'])];
    expect(asKeys(fpGrowth(baskets, 0.3))).toEqual(['x:3', 'y:7']);
  });

  it('returns nothing for no transactions or nothing frequent', () => {
    expect(fpGrowth([], 0.1)).toEqual([]);
    expect(fpGrowth([['a'], ['b'], []], 0.5)).toEqual([]);
  });

  it('throws on a support outside (0, 1] or a bad maxSize', () => {
    expect(() => fpGrowth(HAN_PEI_YIN, 0)).toThrow(/fpGrowth: minSupport .* got 0/);
    expect(() => fpGrowth(HAN_PEI_YIN, 1.5)).toThrow(/fpGrowth: minSupport/);
    expect(() => fpGrowth(HAN_PEI_YIN, 0.5, { maxSize: 0 })).toThrow(/fpGrowth: maxSize .* got 0/);
  });

  it('gives the same itemsets with more frequent items than the pair table holds (over 1,024)', () => {
    // A chain of 1,200 items: baskets {i, i+1} twice each, and a triple {0, 1, 2} three times.
    const name = (i: number) => `sku-${String(i).padStart(4, '0')}`;
    const baskets: string[][] = [];
    for (let i = 0; i < 1_200; i++) baskets.push([name(i), name(i + 1)], [name(i + 1), name(i)]);
    for (let r = 0; r < 3; r++) baskets.push([name(0), name(1), name(2)]);
    const result = fpGrowth(baskets, 2 / baskets.length);
    const bySize = [1, 2, 3].map((size) => result.filter((s) => s.items.length === size).length);
    expect(bySize).toEqual([1_201, 1_201, 1]);
    expect(result.find((s) => s.items.join() === [name(0), name(2)].join())?.count).toBe(3);
    expect(result.find((s) => s.items.join() === [name(0), name(1), name(2)].join())?.count).toBe(3);
    expect(result.find((s) => s.items.join() === [name(7), name(8)].join())?.count).toBe(2);
    expect(result.find((s) => s.items.join() === name(1_200))?.count).toBe(2);
  });

  it.each([
    [1, 0.02, Infinity],
    [2, 0.05, Infinity],
    [3, 0.1, 3],
    [4, 0.01, 4],
  ])(
    'agrees with brute-force enumeration on random baskets (seed %i, support %d, maxSize %d)',
    (seed, support, maxSize) => {
      const random = mulberry32(seed);
      const itemNames = Array.from({ length: 14 }, (_, i) => `sku-${String.fromCharCode(97 + i)}`);
      // Skewed item popularity and bundles, so that deep itemsets and single-path trees both occur.
      const baskets = Array.from({ length: 400 }, () => {
        const basket = itemNames.filter((_, i) => random() < 0.5 / (1 + i * 0.3));
        if (random() < 0.3) basket.push('sku-k', 'sku-l', 'sku-m', 'sku-n');
        return basket;
      });
      const result = fpGrowth(baskets, support, { maxSize });
      expect(result.length).toBeGreaterThan(30);
      expect(asKeys(result)).toEqual(bruteForce(baskets, itemNames, support, maxSize));
    },
  );
});

/** Every subset of the item universe counted against every basket as a bitmask: O(2^items · baskets). */
function bruteForce(baskets: string[][], itemNames: string[], support: number, maxSize: number): string[] {
  const sorted = [...itemNames].sort();
  const masks = baskets.map((b) => b.reduce((m, item) => m | (1 << sorted.indexOf(item)), 0));
  const keys: string[] = [];
  for (let subset = 1; subset < 1 << sorted.length; subset++) {
    const items = sorted.filter((_, i) => subset & (1 << i));
    if (items.length > maxSize) continue;
    const count = masks.filter((m) => (m & subset) === subset).length;
    if (count >= support * baskets.length) keys.push(`${items.join(',')}:${count}`);
  }
  return keys.sort();
}
