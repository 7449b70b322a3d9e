import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './model-config.ts';
import {
  buildDistribution,
  buildDistributions,
  minMaxScale,
  normaliseCriterion,
  orientedValue,
  percentRank,
  scoreAccount,
  segmentOf,
  type CriterionRaw,
} from './score.ts';

const none: CriterionRaw = {
  revenue12m: null,
  margin: null,
  frequency: null,
  regularity: null,
  recency: null,
  trend: null,
  clv: null,
  referrals: null,
  potential: null,
  risk: null,
};

describe('buildDistribution', () => {
  it('keeps all values, sorted, when there are few', () => {
    expect(buildDistribution([3, 1, 2])).toEqual({ count: 3, quantiles: [1, 2, 3] });
  });

  it('keeps type-7 quantiles beyond the size', () => {
    // numpy.quantile([0, 10, 20, 30, 40], [0, .5, 1]) = [0, 20, 40]; numpy.quantile([1, 2, 3, 4], .5) = 2.5.
    expect(buildDistribution([40, 0, 30, 10, 20], 3)).toEqual({ count: 5, quantiles: [0, 20, 40] });
    expect(buildDistribution([1, 2, 3, 4], 3)).toEqual({ count: 4, quantiles: [1, 2.5, 4] });
  });

  it('throws on non-finite values, naming the function', () => {
    expect(() => buildDistribution([1, NaN])).toThrow(/buildDistribution: values must be finite/);
  });
});

describe('percentRank', () => {
  const dist = { count: 5, quantiles: [1, 2, 2, 3, 4] };

  it('matches R percent_rank at the values (ties share the lowest rank)', () => {
    // dplyr::percent_rank(c(1, 2, 2, 3, 4)) = 0, 0.25, 0.25, 0.75, 1
    expect([1, 2, 3, 4].map((x) => percentRank(dist, x))).toEqual([0, 0.25, 0.75, 1]);
  });

  it('interpolates between values and clamps outside', () => {
    expect(percentRank(dist, 3.5)).toBe(0.875); // halfway between ranks 3/4 and 4/4
    expect(percentRank(dist, 0)).toBe(0);
    expect(percentRank(dist, 9)).toBe(1);
  });

  it('ranks against one value, equal values or none', () => {
    expect(percentRank({ count: 1, quantiles: [5] }, 5)).toBe(1);
    expect(percentRank({ count: 3, quantiles: [5, 5, 5] }, 5)).toBe(1);
    expect(percentRank({ count: 3, quantiles: [5, 5, 5] }, 4)).toBe(0);
    expect(percentRank({ count: 1, quantiles: [5] }, 4)).toBe(0);
    expect(percentRank({ count: 0, quantiles: [] }, 4)).toBe(1);
  });
});

describe('minMaxScale', () => {
  it('scales linearly between the extremes and clamps', () => {
    expect(minMaxScale({ count: 3, quantiles: [10, 15, 30] }, 20)).toBe(0.5);
    expect(minMaxScale({ count: 3, quantiles: [10, 15, 30] }, 40)).toBe(1);
    expect(minMaxScale({ count: 3, quantiles: [10, 15, 30] }, 0)).toBe(0);
  });
});

describe('orientedValue and normaliseCriterion', () => {
  it('turns lower-is-better criteria round and drops empty insight signals', () => {
    expect(orientedValue('recency', 30)).toBe(-30);
    expect(orientedValue('regularity', 0.4)).toBe(-0.4);
    expect(orientedValue('revenue12m', 0)).toBe(0);
    expect(orientedValue('referrals', 0)).toBeNull();
    expect(orientedValue('trend', null)).toBeNull();
  });

  it('gives recency 0 from the horizon on', () => {
    const dists = buildDistributions([
      { ...none, recency: 10 },
      { ...none, recency: 400 },
    ]);
    expect(normaliseCriterion('recency', 400, dists, DEFAULT_MODEL_CONFIG)).toBe(0);
    expect(normaliseCriterion('recency', 10, dists, DEFAULT_MODEL_CONFIG)).toBe(1);
    expect(normaliseCriterion('recency', null, dists, DEFAULT_MODEL_CONFIG)).toBe(0);
  });

  it('normalises insight signals by the share of accounts with a signal no stronger', () => {
    const dists = buildDistributions([0.5, 1, 2, 4].map((r) => ({ ...none, referrals: r })));
    expect(normaliseCriterion('referrals', 1, dists, DEFAULT_MODEL_CONFIG)).toBe(0.5); // 0.5 and 1 of 4
    expect(normaliseCriterion('referrals', 4, dists, DEFAULT_MODEL_CONFIG)).toBe(1);
    expect(normaliseCriterion('referrals', null, dists, DEFAULT_MODEL_CONFIG)).toBe(0);
    const minmax: ModelConfig = { ...DEFAULT_MODEL_CONFIG, normalisation: 'minmax' };
    expect(normaliseCriterion('referrals', 1, dists, minmax)).toBe(0.25); // 1 / max 4
    // A first signal in a portfolio without any counts fully.
    expect(normaliseCriterion('potential', 0.3, dists, DEFAULT_MODEL_CONFIG)).toBe(1);
  });
});

describe('segmentOf', () => {
  it('cuts at the model thresholds (inclusive)', () => {
    expect(['A', 'B', 'B', 'C'].map(String)).toEqual(
      [70, 69.9, 40, 39.9].map((s) => segmentOf(s, DEFAULT_MODEL_CONFIG)),
    );
  });
});

describe('scoreAccount', () => {
  // Three accounts, worked by hand with the default weights (revenue .25, margin .10, frequency .10, regularity .10,
  // recency .10, trend .05, clv .15, referrals .05, potential .05, risk .05).
  const a: CriterionRaw = {
    ...none,
    revenue12m: 1000,
    frequency: 10,
    regularity: 0.2,
    recency: 10,
    trend: 0.5,
    clv: 800,
    referrals: 1,
  };
  const b: CriterionRaw = { ...none, revenue12m: 500, frequency: 5, regularity: 0.5, recency: 40, clv: 300, risk: 0.5 };
  const c: CriterionRaw = { ...none, revenue12m: 0, frequency: 0, recency: 400, trend: -0.5, clv: 0 };
  const dists = buildDistributions([a, b, c]);

  it('gives the top account full marks plus its referral bonus, clamped at 100', () => {
    // Counted: all order criteria but margin (no data): weights sum .75, scale 4/3. All normalised 1 → 100 points;
    // referrals add .05 × 4/3 × 100 = 6.67 → 106.67, clamped.
    const s = scoreAccount(a, dists, DEFAULT_MODEL_CONFIG);
    expect(s.valueScore).toBe(100);
    expect(s.segment).toBe('A');
    const byId = Object.fromEntries(s.criteria.map((k) => [k.id, k]));
    expect(byId['revenue12m']).toEqual({ id: 'revenue12m', raw: 1000, normalised: 1, weight: 0.3333, points: 33.33 });
    expect(byId['margin']).toEqual({ id: 'margin', raw: null, normalised: 0, weight: 0, points: 0 });
    expect(byId['referrals']).toEqual({ id: 'referrals', raw: 1, normalised: 1, weight: 0.0667, points: 6.67 });
    expect(s.criteria.map((k) => k.id)).toEqual([
      'revenue12m',
      'margin',
      'frequency',
      'regularity',
      'recency',
      'trend',
      'clv',
      'referrals',
      'potential',
      'risk',
    ]);
  });

  it('subtracts risk and rescales over the criteria with data', () => {
    // Counted: revenue, frequency, regularity, recency, clv (no trend): .7. Normalised: revenue .5, frequency .5,
    // regularity 0 (worst of two), recency .5, clv .5 → (.25 + .1 + .1 + .15) × .5 / .7 × 100 = 42.857;
    // risk: only signal in the portfolio → 1 → −.05/.7 × 100 = −7.143. Total 35.714.
    const s = scoreAccount(b, dists, DEFAULT_MODEL_CONFIG);
    expect(s.valueScore).toBe(35.7);
    expect(s.segment).toBe('C');
    expect(s.criteria.find((k) => k.id === 'risk')).toEqual({
      id: 'risk',
      raw: 0.5,
      normalised: 1,
      weight: 0.0714,
      points: -7.14,
    });
    expect(s.criteria.find((k) => k.id === 'trend')!.weight).toBe(0);
  });

  it('scores 0 for an account at the bottom of everything', () => {
    expect(scoreAccount(c, dists, DEFAULT_MODEL_CONFIG).valueScore).toBe(0);
  });

  it('scales between the extremes with minmax normalisation', () => {
    // revenue 500/1000 = .5, frequency .5, regularity 0, recency (−40 + 400)/(−10 + 400) = 360/390, clv 300/800:
    // (.25·.5 + .1·.5 + .1·360/390 + .15·.375)/.7 × 100 = 46.2225; risk −7.1429 → 39.08.
    const s = scoreAccount(b, dists, { ...DEFAULT_MODEL_CONFIG, normalisation: 'minmax' });
    expect(s.valueScore).toBe(39.1);
  });

  it('moves up with a potential note and never lowers the order points', () => {
    const withPotential = scoreAccount({ ...b, potential: 1 }, dists, DEFAULT_MODEL_CONFIG);
    expect(withPotential.valueScore).toBe(42.9); // 35.714 + .05/.7 × 100
  });
});
