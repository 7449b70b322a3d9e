/**
 * Backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015): window =
 * min(maxMs, baseMs · 2^(failures − 1)), delay = window/2 + random · window/2. Expected values worked out by hand
 * from that formula with the default policy (base 30 s, cap 30 min).
 */
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const fixed = (r: number) => () => r;

describe('backoffDelay', () => {
  it('doubles the window with every failure', () => {
    // Windows 30 s, 60 s, 120 s, 240 s; random 0 gives half of each.
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, fixed(0)))).toEqual([15_000, 30_000, 60_000, 120_000]);
  });

  it('spreads the delay over the upper half of the window by the random draw', () => {
    expect(backoffDelay(3, fixed(0.5))).toBe(90_000); // 60 s + 0.5 · 60 s
    expect(backoffDelay(3, fixed(0.25))).toBe(75_000); // 60 s + 0.25 · 60 s
    expect(backoffDelay(1, fixed(0.999))).toBe(29_985); // 15 s + 0.999 · 15 s
  });

  it('stops growing at the cap, however long the device was offline', () => {
    // 30 s · 2^6 = 32 min > 30 min: from the 7th failure on the window is the cap.
    expect(backoffDelay(6, fixed(1))).toBe(960_000);
    expect(backoffDelay(7, fixed(1))).toBe(1_800_000);
    expect(backoffDelay(10_000, fixed(0))).toBe(900_000);
  });

  it('follows a custom policy', () => {
    expect(backoffDelay(2, fixed(0), { baseMs: 1000, maxMs: 10_000 })).toBe(1000);
    expect(backoffDelay(9, fixed(0), { baseMs: 1000, maxMs: 10_000 })).toBe(5000);
  });

  it('refuses a failure count below one and an inverted policy', () => {
    expect(() => backoffDelay(0, fixed(0))).toThrow('backoffDelay: failures must be a positive integer, got 0');
    expect(() => backoffDelay(1.5, fixed(0))).toThrow('got 1.5');
    expect(() => backoffDelay(1, fixed(0), { baseMs: 10, maxMs: 5 })).toThrow(
      'need 0 < baseMs ≤ maxMs, got baseMs 10, maxMs 5',
    );
  });
});
