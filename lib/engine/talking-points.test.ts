import { describe, expect, it } from 'vitest';
import { InsightSchema } from './insight.ts';
import type { InsightSignals } from './insight-signals.ts';
import { DEFAULT_MODEL_CONFIG } from './model-config.ts';
import type { Patterns } from './snapshot.ts';
import { talkingPoints, type TalkingPointContext } from './talking-points.ts';

const NBSP = '\u00a0'; // de-DE puts a no-break space before % and €
const insight = (id: string, type: 'competitor' | 'need', extra: Record<string, unknown> = {}) =>
  InsightSchema.parse({
    id,
    accountId: 'acc',
    author: 'Anna',
    createdAt: '2024-12-01T10:00:00Z',
    updatedAt: '2024-12-01T10:00:00Z',
    type,
    title: type === 'competitor' ? 'Rival offers 10 % off' : 'Needs a second printer',
    ...extra,
  });
const followUp = insight('01JBBBBBBBBBBBBBBBBBBBBBB1', 'need', { followUpAt: '2024-12-25' });
const rival = insight('01JBBBBBBBBBBBBBBBBBBBBBB2', 'competitor');

const patterns: Patterns = {
  topProducts: [],
  topCategories: [],
  orders12m: 6,
  revenue12m: 6000,
  revenuePrev12m: 10000,
  ordersTotal: 10,
  firstOrderDate: '2023-01-10',
  lastOrderDate: '2024-12-01',
  medianIntervalDays: 30,
  regularity: 0.2,
  nextOrderExpected: '2024-12-31',
  overdue: false,
  trend: -0.4,
  monthly: [],
  seasonality: null,
};
const signals: InsightSignals = {
  referrals: null,
  potential: 0.9,
  risk: 1,
  sentiment: 1,
  lastReferralDays: null,
  followUps: [{ insight: followUp, strength: 0.9, ageDays: 31 }],
  competitors: [{ insight: rival, strength: 1, ageDays: 0 }],
  openNeeds: [],
  expansions: [],
};
const ctx: TalkingPointContext = {
  asOf: '2025-01-01',
  currency: 'EUR',
  model: DEFAULT_MODEL_CONFIG,
  valueScore: 81.5,
  segment: 'A',
  clv: { pAlive: 0.9, expectedOrders12m: 8, expectedRevenue12m: 5000 },
  patterns,
  crossSell: [
    {
      sku: 'F',
      name: 'Fuser',
      antecedent: ['A', 'C'],
      support: 0.05,
      confidence: 0.78,
      lift: 3.1,
      antecedentShare: 0.9,
      score: 2.5,
    },
  ],
  signals,
  productName: (sku) => ({ A: 'Toner', C: 'Paper' })[sku] ?? sku,
};

describe('talkingPoints', () => {
  const points = talkingPoints(ctx);

  it('ranks the points by priority as the table in the module header says', () => {
    // follow-up 7 days late: .85 + .07 = .92; competitor at full strength: .6 + .3 = .9; decline of 40 %: .5 + .2;
    // cross-sell: .35 + .15 × (3.1 − 1)/4 + .3 × .78 × .9 = .63935; reorder due in −1 days (not overdue): .6;
    // referral-ask with sentiment +1: .45 + .05.
    expect(points.map((p) => [p.kind, p.priority])).toEqual([
      ['follow-up', 0.92],
      ['competitor', 0.9],
      ['decline', 0.7],
      ['cross-sell', expect.closeTo(0.6394, 4)],
      ['reorder-due', 0.6],
      ['referral-ask', 0.5],
    ]);
    expect(points.map((p) => p.id)).toEqual([
      `follow-up:${followUp.id}`,
      `competitor:${rival.id}`,
      'decline:account',
      'cross-sell:A+C+F',
      'reorder-due:account',
      'referral-ask:account',
    ]);
  });

  it('states the cross-sell evidence in numbers, in both languages', () => {
    const p = points.find((x) => x.kind === 'cross-sell')!;
    expect(p.title).toEqual({ en: 'Offer Fuser', de: 'Fuser anbieten' });
    expect(p.why.en).toBe(
      'Buys Toner and Paper in 9 of 10 orders; across customers, 78% of orders with Toner and Paper include Fuser (lift 3.1); never bought Fuser.',
    );
    expect(p.why.de).toBe(
      `Kauft Toner und Paper in 9 von 10 Bestellungen; kundenübergreifend enthalten 78${NBSP}% der Bestellungen mit Toner und Paper auch Fuser (Lift 3,1); hat Fuser nie gekauft.`,
    );
    expect(p.skus).toEqual(['A', 'C', 'F']);
  });

  it('writes the decline and the reorder rhythm with locale numbers and dates', () => {
    const decline = points.find((x) => x.kind === 'decline')!;
    expect(decline.why.en).toBe('Revenue of the last 12 months €6,000 against €10,000 in the 12 months before (-40%).');
    expect(decline.why.de).toBe(
      `Umsatz der letzten 12 Monate 6.000${NBSP}€ gegenüber 10.000${NBSP}€ in den 12 Monaten davor (-40${NBSP}%).`,
    );
    const reorder = points.find((x) => x.kind === 'reorder-due')!;
    expect(reorder.why.en).toBe(
      'Orders about every 30 days; last order 31 days ago (Dec 1, 2024); next order expected on Dec 31, 2024.',
    );
    expect(reorder.why.de).toBe(
      'Bestellt etwa alle 30 Tage; letzte Bestellung vor 31 Tagen (01.12.2024); nächste Bestellung erwartet am 31.12.2024.',
    );
  });

  it('quotes the note behind a follow-up or a competitor', () => {
    const p = points.find((x) => x.kind === 'follow-up')!;
    expect(p.title.en).toBe('Follow up: Needs a second printer');
    expect(p.why.de).toBe('Wiedervorlage fällig am 25.12.2024 (vor 7 Tagen), notiert von Anna am 01.12.2024.');
    expect(p.insightIds).toEqual([followUp.id]);
    const c = points.find((x) => x.kind === 'competitor')!;
    expect(c.why.en).toBe(
      'Anna noted on Dec 1, 2024: “Rival offers 10 % off”; revenue of the last 12 months at stake: €6,000.',
    );
  });

  it('turns a broken rhythm into win-back instead of reorder-due', () => {
    // 100 days without an order against a 30-day rhythm (> 3 × 30); P(alive) .9 → priority .5 + .4 × .1.
    const late = talkingPoints({ ...ctx, asOf: '2025-03-11' });
    const p = late.find((x) => x.kind === 'win-back')!;
    expect(p.priority).toBe(0.54);
    expect(p.why.en).toBe(
      'Usually orders every 30 days, but the last order was 100 days ago (Dec 1, 2024); P(alive) 90%.',
    );
    expect(late.some((x) => x.kind === 'reorder-due')).toBe(false);
  });

  it('asks for a win-back on a low P(alive) without a rhythm, and cuts at the model maximum', () => {
    const lone = talkingPoints({
      ...ctx,
      patterns: { ...patterns, medianIntervalDays: null, nextOrderExpected: null },
      clv: { ...ctx.clv, pAlive: 0.2 },
      model: { talkingPoints: { max: 2 } },
    });
    expect(lone.map((p) => p.kind)).toEqual(['follow-up', 'competitor']);
    const all = talkingPoints({
      ...ctx,
      patterns: { ...patterns, medianIntervalDays: null, nextOrderExpected: null },
      clv: { ...ctx.clv, pAlive: 0.2 },
    });
    expect(all.find((p) => p.kind === 'win-back')!.why.en).toBe(
      'P(alive) only 20% after 10 orders; last order 31 days ago (Dec 1, 2024).',
    );
  });

  it('leaves out the referral ask below segment A or when a referral is recent', () => {
    expect(talkingPoints({ ...ctx, segment: 'B' }).some((p) => p.kind === 'referral-ask')).toBe(false);
    expect(
      talkingPoints({ ...ctx, signals: { ...signals, lastReferralDays: 20 } }).some((p) => p.kind === 'referral-ask'),
    ).toBe(false);
  });
});
