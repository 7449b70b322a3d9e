import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from './log-gamma.ts';

// Reference values: mpmath 1.3.0 at 30 significant digits, log(abs(gamma(x))) and log(beta(a, b)),
// rounded to 17 digits (the same values R's lgamma() and lbeta() print with digits = 17).
const LGAMMA: Array<[number, number]> = [
  [1e-8, 18.420680738180209],
  [0.001, 6.9071788853838537],
  [0.1, 2.2527126517342059],
  [0.5, 0.57236494292470009],
  [1, 0],
  [1.5, -0.12078223763524522],
  [2, 0],
  [2.5, 0.28468287047291916],
  [3.7, 1.4280723266653881],
  [10, 12.80182748008147],
  [100, 359.1342053695754],
  [1e5, 1051287.7089736569],
  [1e10, 220258509288.81058],
  [-0.5, 1.2655121234846454],
  [-2.5, -0.056243716497674051],
  [0.999, 0.00057803853289138024],
  [1.001, -0.00057639359828330615],
  [2.000001, 4.227846576245292e-7],
];

describe('logGamma', () => {
  it.each(LGAMMA)('ln |Γ(%d)| matches mpmath to 1e-12 (relative above 1)', (x, expected) => {
    const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
    expect(Math.abs(logGamma(x) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('gives ln n! at the integers', () => {
    let lnFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      lnFactorial += Math.log(n);
      expect(logGamma(n + 1)).toBeCloseTo(lnFactorial, 11);
    }
  });

  it('is infinite at the poles and NaN for NaN', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(logGamma(NaN)).toBeNaN();
  });
});

describe('logBeta', () => {
  it('matches mpmath log(beta(a, b))', () => {
    expect(logBeta(2, 3)).toBeCloseTo(-2.4849066497880003, 13);
    expect(logBeta(0.793, 2.426)).toBeCloseTo(-0.51156928859370334, 13);
    expect(logBeta(1e-3, 1e3)).toBeCloseTo(6.900271629687955, 11);
  });

  it('throws on non-positive shapes, naming the function', () => {
    expect(() => logBeta(0, 1)).toThrow(/logBeta: .*a = 0/);
    expect(() => logBeta(1, -2)).toThrow(/logBeta/);
  });
});
