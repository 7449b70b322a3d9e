/** `lens basket` reads a basket file straight into item ids (lib/cli/commands/basket.ts): same itemsets as FP-growth on the lines split by hand. */
import { describe, expect, it } from 'vitest';
import { encodeBasketLines } from '../../lib/cli/commands/basket.ts';
import { fpGrowth, fpGrowthEncoded } from '../../lib/engine/fp-growth.ts';
import { mulberry32 } from '../../lib/engine/generate/random.ts';

describe('encodeBasketLines', () => {
  it('skips blank lines, splits on spaces, tabs and CRLF, and counts an item once per basket', () => {
    const encoded = encodeBasketLines('a b c\r\n\n  \nb\tc c\n\t a  \nc');
    expect(encoded.names).toEqual(['a', 'b', 'c']);
    expect([...encoded.starts]).toEqual([0, 3, 5, 6, 7]);
    expect([...encoded.ids.subarray(0, 7)]).toEqual([0, 1, 2, 1, 2, 0, 2]);
    expect(encoded.counts).toEqual([2, 2, 3]);
  });

  it('reads nothing from an empty or blank text', () => {
    expect(encodeBasketLines('').starts.length).toBe(1);
    expect(encodeBasketLines('\n \n\t\n').starts.length).toBe(1);
  });

  it('finds the same itemsets as fpGrowth on the split lines, on seeded baskets of every size', () => {
    const random = mulberry32(7);
    const lines = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 9) }, () => `SKU-${Math.floor(random() * 40) ** 2}`),
    );
    const text = lines.map((l) => l.join(random() < 0.5 ? ' ' : '\t')).join('\n');
    const expected = fpGrowth(lines, 0.01);
    expect(expected.length).toBeGreaterThan(40);
    expect(fpGrowthEncoded(encodeBasketLines(text), 0.01)).toEqual(expected);
  });
});
