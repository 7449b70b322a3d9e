import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { generateDataset } from './generate.ts';
import { InsightSchema, type Insight } from './insight.ts';
import {
  betaQuantile,
  learnedFactor,
  learnTalkingPointRates,
  regularizedBeta,
  rerankTalkingPoints,
  talkingPointKind,
  withLearnedPriority,
} from './outcomes.ts';
import { rescoreAccount } from './rescore.ts';
import type { Segment, TalkingPoint } from './snapshot.ts';

const round = (x: number, digits = 10) => Math.round(x * 10 ** digits) / 10 ** digits;
let serial = 0;
/** A ULID-shaped id: 26 Crockford characters. */
const nextId = () => `01JCCCCCCCCCCCCCCCCC${String(serial++).padStart(6, '0')}`;

const outcome = (
  accountId: string,
  result: 'order' | 'next-step' | 'no-interest',
  talkingPoints: string[],
  extra: Record<string, unknown> = {},
): Insight =>
  InsightSchema.parse({
    id: nextId(),
    accountId,
    author: 'Anna',
    createdAt: '2025-11-20T10:00:00Z',
    updatedAt: '2025-11-20T10:00:00Z',
    type: 'outcome',
    title: `Meeting: ${result}`,
    outcome: result,
    talkingPoints,
    ...extra,
  });

const point = (kind: TalkingPoint['kind'], priority: number, subject = 'account'): TalkingPoint => ({
  id: `${kind}:${subject}`,
  kind,
  title: { en: kind, de: kind },
  why: { en: '', de: '' },
  priority,
});

describe('regularizedBeta', () => {
  // Reference values: scipy.stats.beta.cdf(x, a, b), SciPy 1.17.1.
  it.each([
    [0.5, 2, 3, 0.6875],
    [0.3, 0.5, 0.5, 0.36901011956554536],
    [0.9, 50, 10, 0.9334105544171287],
  ])('I_%f(%f, %f) is the Beta CDF', (x, a, b, expected) => {
    expect(round(regularizedBeta(x, a, b))).toBe(round(expected));
  });

  it('is 0 and 1 at the ends', () => {
    expect(regularizedBeta(0, 3, 4)).toBe(0);
    expect(regularizedBeta(1, 3, 4)).toBe(1);
  });

  it('throws naming itself for a non-positive shape or x outside 0…1', () => {
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow('regularizedBeta: a and b must be positive, got a=0, b=1');
    expect(() => regularizedBeta(1.5, 1, 1)).toThrow('regularizedBeta: x must be within 0…1, got 1.5');
  });
});

describe('betaQuantile', () => {
  // Reference values: scipy.stats.beta.ppf(p, a, b), SciPy 1.17.1.
  it.each([
    [0.05, 10, 5, 0.4599945534760677],
    [0.95, 10, 5, 0.8472823776153369],
    [0.05, 5, 5, 0.25136762740817725],
    [0.95, 5, 25, 0.2883720089910313],
  ])('the %f-quantile of Beta(%f, %f)', (p, a, b, expected) => {
    expect(round(betaQuantile(p, a, b), 9)).toBe(round(expected, 9));
  });

  it('is the median 0.5 of a symmetric Beta', () => {
    expect(round(betaQuantile(0.5, 2, 2), 9)).toBe(0.5);
  });

  it('throws naming itself for p outside 0…1', () => {
    expect(() => betaQuantile(-0.1, 1, 1)).toThrow('betaQuantile: p must be within 0…1, got -0.1');
  });
});

describe('talkingPointKind', () => {
  it('reads the kind from the id and rejects unknown kinds', () => {
    expect(talkingPointKind('cross-sell:S1+S2')).toBe('cross-sell');
    expect(talkingPointKind('follow-up:01JCCCCCCCCCCCCCCCCCCCCCCC')).toBe('follow-up');
    expect(talkingPointKind('weather:today')).toBeNull();
    expect(talkingPointKind('no-colon')).toBeNull();
  });
});

describe('learnTalkingPointRates', () => {
  const segments: Record<string, Segment> = { a1: 'A', a2: 'A', c1: 'C' };
  const segmentOf = (id: string) => segments[id];

  it('counts a used talking point as a success when the outcome is an order or a next step', () => {
    const rates = learnTalkingPointRates(
      [
        outcome('a1', 'order', ['cross-sell:S1+S2', 'decline:account']),
        outcome('a2', 'next-step', ['cross-sell:S3+S4']),
        outcome('c1', 'no-interest', ['cross-sell:S1+S2']),
      ],
      segmentOf,
    );
    const counts = rates.rates.map((r) => [r.kind, r.segment, r.successes, r.trials]);
    expect(counts).toEqual([
      ['cross-sell', null, 2, 3],
      ['cross-sell', 'A', 2, 2],
      ['cross-sell', 'C', 0, 1],
      ['decline', null, 1, 1],
      ['decline', 'A', 1, 1],
    ]);
  });

  it('reports the posterior mean and 90 % interval of Beta(5 + s, 5 + n − s)', () => {
    const five = Array.from({ length: 5 }, () => outcome('a1', 'order', ['win-back:account']));
    const [all] = learnTalkingPointRates(five, segmentOf).rates;
    // Beta(10, 5): mean 2/3; scipy.stats.beta.ppf([0.05, 0.95], 10, 5) = 0.45999…, 0.84728…
    expect(all).toEqual({
      kind: 'win-back',
      segment: null,
      successes: 5,
      trials: 5,
      mean: 0.6667,
      low: 0.46,
      high: 0.8473,
    });
  });

  it('skips deleted and non-outcome insights, unknown kinds, unknown accounts and repeated ids', () => {
    const rates = learnTalkingPointRates(
      [
        outcome('a1', 'order', ['decline:account', 'decline:account', 'weather:today']),
        outcome('a1', 'order', ['decline:account'], { deletedAt: '2025-11-21T10:00:00Z' }),
        outcome('nobody', 'order', ['decline:account']),
        outcome('a1', 'order', ['decline:account'], { type: 'need' }),
        outcome('a1', 'order', ['decline:account'], { outcome: undefined }),
      ],
      segmentOf,
    );
    expect(rates.rates.map((r) => [r.segment, r.trials])).toEqual([
      [null, 1],
      ['A', 1],
    ]);
  });

  it('has no rates without outcomes and documents its prior', () => {
    expect(learnTalkingPointRates([], segmentOf)).toEqual({ prior: { alpha: 5, beta: 5 }, mass: 0.9, rates: [] });
  });

  it('throws naming itself for an improper prior', () => {
    expect(() => learnTalkingPointRates([], segmentOf, { prior: { alpha: 0, beta: 1 } })).toThrow(
      'learnTalkingPointRates: the prior must be positive, got Beta(0, 1)',
    );
  });
});

describe('learned ranking', () => {
  const fiveOrders = Array.from({ length: 5 }, () => outcome('a1', 'order', ['cross-sell:S1+S2']));
  const rates = learnTalkingPointRates(fiveOrders, () => 'A');

  it('multiplies the odds by the posterior odds over the prior odds', () => {
    // Beta(10, 5): odds 10/5 = 2 against the prior's 5/5 = 1.
    expect(learnedFactor(rates, 'cross-sell', 'A')).toBe(2);
    expect(learnedFactor(rates, 'cross-sell', 'B')).toBe(1);
    expect(learnedFactor(rates, 'decline', 'A')).toBe(1);
    // odds(0.6) = 1.5, × 2 = 3 → 3 / 4 = 0.75
    expect(withLearnedPriority(point('cross-sell', 0.6), rates, 'A')).toMatchObject({
      priority: 0.75,
      basePriority: 0.6,
    });
  });

  it('is idempotent and goes back to the base priority when the outcomes are gone', () => {
    const once = withLearnedPriority(point('cross-sell', 0.6), rates, 'A');
    expect(withLearnedPriority(once, rates, 'A')).toEqual(once);
    const none = learnTalkingPointRates([], () => 'A');
    expect(withLearnedPriority(once, none, 'A')).toEqual(point('cross-sell', 0.6));
  });

  it('reorders a kind that wins past one that ranked above it', () => {
    const ranked = rerankTalkingPoints([point('reorder-due', 0.7), point('cross-sell', 0.6, 'S1+S2')], rates, 'A');
    expect(ranked.map((p) => [p.kind, p.priority])).toEqual([
      ['cross-sell', 0.75],
      ['reorder-due', 0.7],
    ]);
  });
});

describe('buildSnapshot with outcomes', () => {
  // A generated portfolio where, in segment C, raising "reorder due" always leads to an order and raising
  // "decline" never to anything: 12 outcomes each, on other C accounts than the one watched.
  const dataset = generateDataset({ accounts: 80, seed: 7 });
  const base = buildSnapshot(dataset);
  const watched = base.accounts.find((a) => a.id === '10004')!;
  const others = base.accounts.filter((a) => a.segment === 'C' && a.id !== watched.id).map((a) => a.id);
  const outcomes = Array.from({ length: 12 }, (_, i) => [
    outcome(others[i % others.length]!, 'order', ['reorder-due:account']),
    outcome(others[(i + 5) % others.length]!, 'no-interest', ['decline:account']),
  ]).flat();
  const learned = buildSnapshot(dataset, { insights: outcomes });
  const after = learned.accounts.find((a) => a.id === watched.id)!;

  it('ranks decline above reorder-due before any outcome', () => {
    expect(watched.segment).toBe('C');
    expect(watched.talkingPoints.map((p) => [p.kind, p.priority])).toEqual([
      ['decline', 0.7839],
      ['reorder-due', 0.6],
    ]);
  });

  it('stores the learned rates with the snapshot', () => {
    // Beta(17, 5) and Beta(5, 17); intervals: scipy.stats.beta.ppf([0.05, 0.95], 17, 5) and (5, 17).
    expect(learned.talkingPointRates?.rates.filter((r) => r.segment === 'C')).toEqual([
      { kind: 'reorder-due', segment: 'C', successes: 12, trials: 12, mean: 0.7727, low: 0.6156, high: 0.9012 },
      { kind: 'decline', segment: 'C', successes: 0, trials: 12, mean: 0.2273, low: 0.0988, high: 0.3844 },
    ]);
    expect(base.talkingPointRates).toBeUndefined();
  });

  it('puts the kind that consistently succeeds first', () => {
    // reorder-due: odds 0.6/0.4 = 1.5 × 17/5 = 5.1 → 5.1/6.1; decline: odds(0.7839) × 5/17.
    const declineOdds = (0.7839 / (1 - 0.7839)) * (5 / 17);
    expect(after.talkingPoints.map((p) => [p.kind, p.priority, p.basePriority])).toEqual([
      ['reorder-due', round(5.1 / 6.1, 4), 0.6],
      ['decline', round(declineOdds / (1 + declineOdds), 4), 0.7839],
    ]);
  });

  it('leaves accounts of segments without outcomes as they were', () => {
    const b = (s: typeof base) => s.accounts.filter((a) => a.segment === 'B').map((a) => a.talkingPoints);
    expect(b(learned)).toEqual(b(base));
  });

  it('is reproduced by the incremental re-score', () => {
    const mine = outcomes.filter((i) => i.accountId === watched.id);
    expect(rescoreAccount(learned, watched.id, mine).talkingPoints).toEqual(after.talkingPoints);
  });
});
