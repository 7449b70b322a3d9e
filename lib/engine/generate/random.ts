/**
 * Seeded randomness for the demo generator. The source is injected (as simple-statistics' `shuffle(x, randomSource)`
 * does), so every draw is reproducible from one seed.
 */

/** A uniform random source on [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/**
 * [Mulberry32](https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): a 32-bit PRNG with a
 * period of 2^32, fast and good enough for synthetic data (not for cryptography). O(1) per draw.
 *
 * @example
 * const r = mulberry32(1); r(); // => 0.6270739405881613
 */
export function mulberry32(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draw helpers over one source. */
export class Draw {
  constructor(readonly random: RandomSource) {}

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('Draw.pick: empty list');
    return item;
  }

  /** Picks by weight; `weights` are non-negative and not all zero. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.random() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Standard normal by the Box–Muller transform. */
  normal(): number {
    const u = 1 - this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
  }

  /** Log-normal with mean 1 (μ = −σ²/2). */
  lognormal(sigma: number): number {
    return Math.exp(-0.5 * sigma * sigma + sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.random());
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}
