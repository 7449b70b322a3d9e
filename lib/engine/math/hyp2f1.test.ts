import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from './hyp2f1.ts';

// Reference values: mpmath 1.3.0 hyp2f1 at 30 significant digits, rounded to 17.
const CASES: Array<[a: number, b: number, c: number, z: number, value: number]> = [
  [1, 1, 2, 0.5, 1.3862943611198906], // = 2 ln 2
  [0.5, 0.5, 1.5, 0.25, 1.0471975511965977], // = asin(z^½)/z^½ = π/3
  [2.243, 4.426, 4.219, 39 / (4.414 + 38.86 + 39), 4.5753158976436893], // the CDNOW BG/NBD example
  [3, -2, 1.5, 0.7, -0.232], // terminating polynomial
  [1.5, 2.5, 0.5, -0.6, -0.270214155531966], // alternating series
  [0.3, 0.8, 1.7, 0.95, 1.3053933111272129], // slow convergence near z = 1
  [10, 12, 3, 0.99, 8.5349362771271356e40],
];

describe('hyp2f1', () => {
  it.each(CASES)('2F1(%d, %d; %d; %d) matches mpmath to 1e-13 relative', (a, b, c, z, expected) => {
    expect(Math.abs(hyp2f1(a, b, c, z) / expected - 1)).toBeLessThan(1e-13);
  });

  it('is 1 at z = 0', () => {
    expect(hyp2f1(2.5, 3.5, 1.2, 0)).toBe(1);
  });

  it('throws outside the unit disc and at poles of c, naming the function', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/hyp2f1: .*\|z\| < 1/);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/hyp2f1: c must not be/);
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(/hyp2f1/);
  });
});

describe('logHyp2f1', () => {
  it('matches ln of mpmath values, including one beyond the double range', () => {
    expect(logHyp2f1(1, 1, 2, 0.5)).toBeCloseTo(0.32663425997828098, 14);
    expect(logHyp2f1(10, 12, 3, 0.99)).toBeCloseTo(94.247571609914412, 11);
    // 2F1(200.2, 202.4; 201.2; 0.9) = 2.4984e201: the running sum is rescaled on the way.
    expect(logHyp2f1(200.2, 202.4, 201.2, 0.9)).toBeCloseTo(463.7352602987824, 9);
  });

  it('throws when the value is not positive', () => {
    expect(() => logHyp2f1(3, -2, 1.5, 0.7)).toThrow(/logHyp2f1: .* is not positive/);
  });
});
