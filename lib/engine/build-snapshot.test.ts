import { describe, expect, it } from 'vitest';
import { buildSnapshot, type BuildProgress } from './build-snapshot.ts';
import { bgNbdLogLikelihood, fitBgNbd } from './clv.ts';
import { InsightSchema, type Insight } from './insight.ts';
import { dayNumber, isoDay } from './patterns.ts';
import type { AccountRecord, Dataset, OrderLine } from './records.ts';
import { parseSnapshot } from './snapshot.ts';

/**
 * A hand-made portfolio: six accounts whose order days are written out below, so that every summary the engine
 * derives can be written down independently here.
 */
const ASOF = '2025-01-01';
const D = dayNumber(ASOF);
// Days before asOf of each account's orders, and the SKUs of every order.
const plan: Record<string, { ages: number[]; skus: string[]; amount: number }> = {
  K1: { ages: [700, 600, 500, 400, 300, 200, 100, 20], skus: ['A', 'C', 'F'], amount: 300 },
  K2: { ages: [690, 590, 490, 390, 290, 190, 90, 15], skus: ['A', 'C'], amount: 250 },
  K3: { ages: [650, 500, 350, 200, 60], skus: ['A', 'C', 'F'], amount: 120 },
  K4: { ages: [720, 713, 706, 699, 692, 685], skus: ['B'], amount: 80 },
  K5: { ages: [40], skus: ['B', 'F'], amount: 60 },
  K7: { ages: [400, 380, 30], skus: ['A', 'B'], amount: 50 },
};
const account = (id: string): AccountRecord => ({
  id,
  name: `Account ${id}`,
  domains: [`${id.toLowerCase()}.example`],
  crmIds: {},
});
const lines: OrderLine[] = Object.entries(plan).flatMap(([id, p]) =>
  p.ages.flatMap((age, i) =>
    p.skus.map((sku) => ({
      orderId: `${id}-${i}`,
      accountId: id,
      orderDate: isoDay(D - age),
      sku,
      productName: `Product ${sku}`,
      category: sku === 'B' ? 'Tools' : 'Office',
      quantity: 1,
      netAmount: p.amount / p.skus.length,
    })),
  ),
);
const dataset: Dataset = {
  accounts: ['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7'].map(account),
  orders: lines,
  products: [],
  contacts: [{ email: 'eva@k1.example', name: 'Eva', accountId: 'K1' }],
};
const insight = (id: string, accountId: string, type: Insight['type'], extra: Record<string, unknown> = {}): Insight =>
  InsightSchema.parse({
    id,
    accountId,
    author: 'Anna',
    createdAt: '2024-12-10T10:00:00Z',
    updatedAt: '2024-12-10T10:00:00Z',
    type,
    title: `${type} note`,
    ...extra,
  });
const insights = [
  insight('01JCCCCCCCCCCCCCCCCCCCCCC1', 'K2', 'need', { followUpAt: '2024-12-15' }),
  insight('01JCCCCCCCCCCCCCCCCCCCCCC2', 'K3', 'competitor', { sentiment: -1 }),
];

describe('buildSnapshot', () => {
  const stages: BuildProgress[] = [];
  const snapshot = buildSnapshot(dataset, { insights, onProgress: (p) => stages.push(p) });
  const byId = new Map(snapshot.accounts.map((a) => [a.id, a]));

  it('scores as of the day after the last order and validates as a snapshot', () => {
    // The latest order is K2's, 15 days before 2025-01-01.
    expect(snapshot.asOf).toBe(isoDay(D - 15 + 1));
    expect(buildSnapshot(dataset, { asOf: ASOF }).asOf).toBe(ASOF);
    expect(parseSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
    expect(snapshot.accounts.map((a) => a.id)).toEqual(['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7']);
    expect(snapshot.products.map((p) => p.sku).sort()).toEqual(['A', 'B', 'C', 'F']);
    expect(snapshot.contacts).toEqual([{ email: 'eva@k1.example', name: 'Eva', accountId: 'K1' }]);
  });

  it('reports progress per stage in order', () => {
    expect(stages.map((s) => `${s.stage}:${s.done}`)).toEqual([
      'patterns:0',
      'patterns:7',
      'clv:0',
      'clv:7',
      'rules:0',
      'rules:1',
      'score:0',
      'score:7',
      'talking-points:0',
      'talking-points:7',
    ]);
  });

  it('fits BG/NBD on the per-account summaries in weeks', () => {
    // Summaries written from the plan at asOf = D − 14: one order per day, so x = orders − 1, t_x = (oldest −
    // newest age) / 7, T = (oldest age − 14) / 7.
    const asOfAge = 14;
    const summaries = Object.values(plan).map(({ ages }) => ({
      frequency: ages.length - 1,
      recency: (ages[0]! - ages[ages.length - 1]!) / 7,
      T: (ages[0]! - asOfAge) / 7,
    }));
    const expected = fitBgNbd(summaries, { maxEvaluations: 2000, bestEffort: true });
    const got = snapshot.clvParams.bgnbd;
    expect([got.r, got.alpha]).toEqual([expected.r, expected.alpha]);
    // Six accounts that all drop out alike send the search up the a, b → ∞ ridge (a + b ≈ 1.2e7 here); the
    // estimate is moved along it to a + b = 10,000 with a / (a + b) kept and the likelihood taken there.
    expect(expected.a + expected.b).toBeGreaterThan(10_000);
    expect(got.a + got.b).toBeCloseTo(10_000, 8);
    expect(got.a / (got.a + got.b)).toBeCloseTo(expected.a / (expected.a + expected.b), 12);
    expect(got.logLikelihood).toBe(bgNbdLogLikelihood(got, summaries));
    expect(got.logLikelihood).toBeCloseTo(expected.logLikelihood, 1);
    expect(byId.get('K6')!.clv).toEqual({ pAlive: 0, expectedOrders12m: 0, expectedRevenue12m: 0 });
    // K4 bought weekly for five weeks two years ago: almost surely gone, unlike the steady K1.
    expect(byId.get('K4')!.clv.pAlive).toBeLessThan(byId.get('K1')!.clv.pAlive);
  });

  it('mines rules over all orders', () => {
    // 31 orders (8 + 8 + 5 + 6 + 1 + 3); A and C together in K1's 8, K2's 8 and K3's 5 = 21; F with them in K1's
    // and K3's 13: confidence 13/21; F is in 8 + 5 + 1 = 14 orders, so lift = (13/21) / (14/31).
    const rule = snapshot.rules.find((r) => r.antecedent.join() === 'A,C' && r.consequent.join() === 'F')!;
    expect(rule.support).toBeCloseTo(13 / 31, 10);
    expect(rule.confidence).toBeCloseTo(13 / 21, 10);
    expect(rule.lift).toBeCloseTo(13 / 21 / (14 / 31), 10);
  });

  it('finds the cross-sell gap of the account that buys A and C but never F', () => {
    const gap = byId.get('K2')!.crossSell.find((g) => g.sku === 'F')!;
    expect(gap.antecedentShare).toBe(1);
    expect(gap.name).toBe('Product F');
    expect(byId.get('K1')!.crossSell.some((g) => g.sku === 'F')).toBe(false);
  });

  it('reads patterns per account', () => {
    const k2 = byId.get('K2')!.patterns;
    // asOf = D − 14: the last 12 months hold the orders 290, 190, 90 and 15 days before D (276 … 1 days before asOf).
    expect(k2.orders12m).toBe(4);
    expect(k2.revenue12m).toBe(1000);
    expect(k2.revenuePrev12m).toBe(1000); // 690 … 390 days before D: 676 … 376 days before asOf
    expect(k2.trend).toBe(0);
    expect(k2.medianIntervalDays).toBe(100);
    expect(byId.get('K6')!.patterns.lastOrderDate).toBeNull();
  });

  it('orders the segments by value and puts the insight-driven talking points first', () => {
    const k2 = byId.get('K2')!;
    expect(k2.talkingPoints[0]!.id).toBe('follow-up:01JCCCCCCCCCCCCCCCCCCCCCC1');
    expect(byId.get('K3')!.talkingPoints.map((p) => p.kind)).toContain('competitor');
    expect(byId.get('K3')!.criteria.find((c) => c.id === 'risk')!.points).toBeLessThan(0);
    expect(byId.get('K1')!.valueScore).toBeGreaterThan(byId.get('K4')!.valueScore);
    expect(byId.get('K6')!.valueScore).toBe(0);
    expect(byId.get('K4')!.talkingPoints.map((p) => p.kind)).toContain('win-back');
  });

  it('stores the portfolio distributions for re-scoring', () => {
    // Revenue of the last 12 months per account, sorted: K6 0, K4 0, K5 60, K7 50, K3 360, K1 1200, K2 1000.
    expect(snapshot.distributions!.revenue12m).toEqual({ count: 7, quantiles: [0, 0, 50, 60, 360, 1000, 1200] });
    expect(snapshot.distributions!.risk.count).toBe(1);
  });
});
