import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './generate/random.ts';
import {
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type RfmSummary,
} from './clv.ts';

/**
 * The CDNOW 1/10 sample, 2,357 customers over 39 weeks (tests/fixtures/cdnow/README.md says where it comes from;
 * CDNOW_SUMMARY_CSV overrides the path).
 */
function readCdnow(): RfmSummary[] {
  const path =
    process.env['CDNOW_SUMMARY_CSV'] ?? new URL('../../tests/fixtures/cdnow/cdnow-summary.csv', import.meta.url);
  const text = readFileSync(path, 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [, x, tx, T, m] = line.split(',').map(Number);
      return { frequency: x!, recency: tx!, T: T!, monetaryValue: m! };
    });
}
const cdnow = readCdnow();

// Published estimates: Fader, Hardie & Lee (2005), Marketing Science 24(2), table 1 (BG/NBD), and
// Fader, Hardie & Lee (2005), JMR 42(4) (Gamma-Gamma).
const PUBLISHED_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_GG = { p: 6.25, q: 3.74, gamma: 15.44 };
/** The customer of Hardie's spreadsheet notes: 2 repeat orders, the last at week 30.43, observed for 38.86 weeks. */
const CUSTOMER = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };

describe('BG/NBD on CDNOW', () => {
  it('fits the published parameters and log-likelihood', () => {
    const fit = fitBgNbd(cdnow);
    expect(Math.abs(fit.r - PUBLISHED_BG.r)).toBeLessThan(0.0005);
    expect(Math.abs(fit.alpha - PUBLISHED_BG.alpha)).toBeLessThan(0.0005);
    expect(Math.abs(fit.a - PUBLISHED_BG.a)).toBeLessThan(0.0005);
    expect(Math.abs(fit.b - PUBLISHED_BG.b)).toBeLessThan(0.0005);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('stops at a maximum: moving any parameter by ±0.1 % lowers the likelihood', () => {
    const fit = fitBgNbd(cdnow);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.999, 1.001]) {
        expect(bgNbdLogLikelihood({ ...fit, [name]: fit[name] * factor }, cdnow)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it('computes the log-likelihood at the published parameters', () => {
    // Reference: an independent numpy/scipy 1.17 implementation of FHL eq. 6 with scipy.special.gammaln/betaln.
    expect(bgNbdLogLikelihood(PUBLISHED_BG, cdnow)).toBeCloseTo(-9582.426831182365, 6);
  });

  it("predicts Hardie's example customer: 1.226 orders in the next 39 weeks, P(alive) 0.727", () => {
    // Reference: scipy.special.hyp2f1 in FHL eq. 10 gives 1.226028174767135; eq. 13 gives 0.726578570080673.
    expect(bgNbdExpectedPurchases(PUBLISHED_BG, 39, CUSTOMER)).toBeCloseTo(1.226028174767135, 10);
    expect(bgNbdPAlive(PUBLISHED_BG, CUSTOMER)).toBeCloseTo(0.726578570080673, 12);
    const fit = fitBgNbd(cdnow);
    expect(bgNbdExpectedPurchases(fit, 39, CUSTOMER)).toBeCloseTo(1.226, 3);
    expect(bgNbdPAlive(fit, CUSTOMER)).toBeCloseTo(0.727, 3);
  });

  it('predicts a customer without repeat orders (2F1 with c = a + b − 1 < 1)', () => {
    const newcomer = { frequency: 0, recency: 0, T: 38.86 };
    // Reference: scipy.special.hyp2f1 in FHL eq. 10 with x = 0.
    expect(bgNbdExpectedPurchases(PUBLISHED_BG, 39, newcomer)).toBeCloseTo(0.19509805201125396, 10);
    expect(bgNbdPAlive(PUBLISHED_BG, newcomer)).toBe(1);
  });

  it('expects nothing over no time and more over a longer horizon', () => {
    expect(bgNbdExpectedPurchases(PUBLISHED_BG, 0, CUSTOMER)).toBe(0);
    const horizons = [1, 13, 26, 52, 104].map((t) => bgNbdExpectedPurchases(PUBLISHED_BG, t, CUSTOMER));
    for (let i = 1; i < horizons.length; i++) expect(horizons[i]!).toBeGreaterThan(horizons[i - 1]!);
  });

  it('stays accurate for a customer with 300 orders (2F1 beyond the double range)', () => {
    const heavy = { frequency: 300, recency: 51, T: 52 };
    // Reference: FHL eq. 10 in mpmath 1.3.0 at 40 digits gives 134.36330120961297 (2F1 itself is about 1.7e85).
    expect(bgNbdExpectedPurchases(PUBLISHED_BG, 52, heavy)).toBeCloseTo(134.36330120961297, 8);
    // Positive: the likelihood is a density in t_x (FHL eq. 6 in mpmath gives 195.42461722535590).
    expect(bgNbdLogLikelihood(PUBLISHED_BG, [heavy])).toBeCloseTo(195.4246172253559, 9);
  });
});

describe('BG/NBD on simulated data', () => {
  it('recovers the parameters it simulated from (seeded, 4,000 customers)', () => {
    const truth = { r: 0.5, alpha: 8, a: 0.7, b: 2.5 };
    const data = simulateBgNbd(truth, 4000, 52, mulberry32(42));
    const fit = fitBgNbd(data);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, data));
    expect(fit.r / truth.r).toBeGreaterThan(0.85);
    expect(fit.r / truth.r).toBeLessThan(1.15);
    expect(fit.alpha / truth.alpha).toBeGreaterThan(0.8);
    expect(fit.alpha / truth.alpha).toBeLessThan(1.2);
    expect(fit.a / truth.a).toBeGreaterThan(0.6);
    expect(fit.a / truth.a).toBeLessThan(1.4);
    expect(fit.b / truth.b).toBeGreaterThan(0.6);
    expect(fit.b / truth.b).toBeLessThan(1.4);
  });
});

describe('Gamma-Gamma on CDNOW', () => {
  it('fits the published parameters on the 946 repeat buyers', () => {
    const fit = fitGammaGamma(cdnow);
    expect(Math.abs(fit.p - PUBLISHED_GG.p)).toBeLessThan(0.005);
    expect(Math.abs(fit.q - PUBLISHED_GG.q)).toBeLessThan(0.005);
    expect(Math.abs(fit.gamma - PUBLISHED_GG.gamma)).toBeLessThan(0.01);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(PUBLISHED_GG, cdnow));
  });

  it('computes the log-likelihood at the published parameters', () => {
    // Reference: an independent numpy/scipy 1.17 implementation of Fader & Hardie's note 025, eq. 3.
    expect(gammaGammaLogLikelihood(PUBLISHED_GG, cdnow)).toBeCloseTo(-4055.9247127301687, 6);
  });

  it('shrinks a customer mean towards the population mean', () => {
    // By hand: p (γ + x z̄) / (p x + q − 1) = 6.25 · (15.44 + 44.7) / 15.24 = 24.66371391076115.
    expect(gammaGammaExpectedSpend(PUBLISHED_GG, CUSTOMER)).toBeCloseTo(24.663713910761153, 12);
    // Without repeat orders: the population mean p γ / (q − 1) = 96.5 / 2.74 = 35.21897810218978.
    expect(gammaGammaExpectedSpend(PUBLISHED_GG, { frequency: 0, recency: 0, T: 30 })).toBeCloseTo(
      35.21897810218978,
      12,
    );
    expect(gammaGammaExpectedSpend(PUBLISHED_GG, { frequency: 3, recency: 20, T: 30 })).toBeCloseTo(
      35.21897810218978,
      12,
    );
  });
});

describe('input checks', () => {
  it('rejects empty data and data without repeat orders', () => {
    expect(() => fitBgNbd([])).toThrow(/fitBgNbd: no customers/);
    expect(() => fitBgNbd([{ frequency: 0, recency: 0, T: 10 }])).toThrow(/fitBgNbd: none of the 1 customers/);
    expect(() => fitGammaGamma([{ frequency: 0, recency: 0, T: 10, monetaryValue: 5 }])).toThrow(
      /fitGammaGamma: none of the 1 rows/,
    );
  });

  it('names the offending customer', () => {
    const bad = [CUSTOMER, { frequency: 1, recency: 12, T: 10 }];
    expect(() => fitBgNbd(bad)).toThrow(/fitBgNbd: customer 1 .*recency must lie in \[0, T\]/);
    expect(() => bgNbdPAlive(PUBLISHED_BG, { frequency: 1.5, recency: 1, T: 10 })).toThrow(/non-negative integer/);
    expect(() => bgNbdLogLikelihood(PUBLISHED_BG, [{ frequency: 1, recency: 0, T: 0 }])).toThrow(/T must be/);
  });

  it('rejects non-positive parameters and horizons', () => {
    expect(() => bgNbdPAlive({ ...PUBLISHED_BG, a: 0 }, CUSTOMER)).toThrow(/bgNbdPAlive: parameter a/);
    expect(() => bgNbdExpectedPurchases(PUBLISHED_BG, -1, CUSTOMER)).toThrow(/t must be finite/);
    expect(() => gammaGammaExpectedSpend({ p: 1, q: 0.5, gamma: 1 }, { frequency: 0, recency: 0, T: 1 })).toThrow(
      /mean to exist/,
    );
  });
});

/** Simulates BG/NBD customers as FHL 2005 §2 describes them: Poisson orders at rate λ, drop-out with probability p after each repeat order. */
function simulateBgNbd(
  params: { r: number; alpha: number; a: number; b: number },
  n: number,
  T: number,
  random: () => number,
): RfmSummary[] {
  return Array.from({ length: n }, () => {
    const lambda = gammaVariate(params.r, random) / params.alpha;
    const ga = gammaVariate(params.a, random);
    const p = ga / (ga + gammaVariate(params.b, random));
    let t = 0;
    let x = 0;
    let recency = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > T) break;
      x++;
      recency = t;
      if (random() < p) break;
    }
    return { frequency: x, recency, T };
  });
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
function gammaVariate(shape: number, random: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const v = (1 + c * normal) ** 3;
    if (v > 0 && Math.log(1 - random()) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return d * v;
  }
}
