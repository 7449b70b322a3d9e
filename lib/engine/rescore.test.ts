import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { InsightSchema, type Insight } from './insight.ts';
import { dayNumber, isoDay } from './patterns.ts';
import type { Dataset, OrderLine } from './records.ts';
import { rescoreAccount } from './rescore.ts';

// Twelve accounts buying A and B every 20 + 5·i days for two years, with amounts growing with i; K0 also buys C.
const ASOF = '2025-01-01';
const D = dayNumber(ASOF);
const lines: OrderLine[] = [];
for (let i = 0; i < 12; i++) {
  const step = 20 + 5 * i;
  for (let age = 700 - 13 * i, n = 0; age > 0; age -= step, n++) {
    for (const sku of i === 0 ? ['A', 'B', 'C'] : ['A', 'B']) {
      lines.push({
        orderId: `K${i}-${n}`,
        accountId: `K${i}`,
        orderDate: isoDay(D - age),
        sku,
        productName: sku,
        category: 'x',
        quantity: 1,
        netAmount: 10 * (i + 1),
      });
    }
  }
}
const dataset: Dataset = {
  accounts: Array.from({ length: 12 }, (_, i) => ({ id: `K${i}`, name: `K${i}`, domains: [], crmIds: {} })),
  orders: lines,
  products: [],
  contacts: [],
};
const note = (
  id: string,
  type: Insight['type'],
  createdAt = '2024-12-01T00:00:00Z',
  extra: Record<string, unknown> = {},
): Insight =>
  InsightSchema.parse({
    id,
    accountId: 'K5',
    author: 'Anna',
    createdAt,
    updatedAt: createdAt,
    type,
    title: type,
    ...extra,
  });
const existing = [note('01JDDDDDDDDDDDDDDDDDDDDDD1', 'competitor')];
const snapshot = buildSnapshot(dataset, { asOf: ASOF, insights: existing });
const k5 = snapshot.accounts.find((a) => a.id === 'K5')!;

describe('rescoreAccount', () => {
  it('reproduces the snapshot account with the same insights and asOf', () => {
    expect(rescoreAccount(snapshot, 'K5', existing)).toEqual(k5);
  });

  it('adds a referral as a bonus of its weight, normalised against the portfolio', () => {
    const referral = note('01JDDDDDDDDDDDDDDDDDDDDDD2', 'referral', '2025-01-01T08:00:00Z', { sentiment: 2 });
    const after = rescoreAccount(snapshot, 'K5', [...existing, referral]);
    const criterion = after.criteria.find((c) => c.id === 'referrals')!;
    // A fresh note counts 1; no other account has a referral, so it normalises to 1. The data has no margins, so
    // the order weights sum to 1 − .10 − .15 (insight criteria) = .75, the scale is 4/3 and the bonus
    // .05 × 4/3 × 100 = 6.67 points.
    expect(criterion).toEqual({ id: 'referrals', raw: 1, normalised: 1, weight: 0.0667, points: 6.67 });
    expect(after.valueScore).toBeCloseTo(Math.min(100, k5.valueScore + 6.67), 0);
    expect(after.criteria.filter((c) => c.id !== 'referrals')).toEqual(k5.criteria.filter((c) => c.id !== 'referrals'));
  });

  it('drops the competitor risk when the note is archived', () => {
    const archived = [{ ...existing[0]!, status: 'archived' as const }];
    const after = rescoreAccount(snapshot, 'K5', archived);
    const risk = k5.criteria.find((c) => c.id === 'risk')!;
    expect(risk.points).toBeLessThan(0);
    expect(after.criteria.find((c) => c.id === 'risk')!.points).toBe(0);
    expect(after.valueScore).toBeCloseTo(Math.min(100, k5.valueScore - risk.points), 0);
    expect(after.talkingPoints.some((p) => p.kind === 'competitor')).toBe(false);
  });

  it('moves recency and the insight decay with a later asOf', () => {
    const later = rescoreAccount(snapshot, 'K5', existing, '2025-06-30');
    const days = dayNumber('2025-06-30') - dayNumber(k5.patterns.lastOrderDate!);
    expect(later.criteria.find((c) => c.id === 'recency')!.raw).toBe(days);
    // The competitor note is 211 days old on 2025-06-30: 0.5^(211/180) = 0.4434.
    expect(later.criteria.find((c) => c.id === 'risk')!.raw).toBeCloseTo(0.5 ** (211 / 180), 4);
    expect(later.patterns.overdue).toBe(true);
  });

  it('throws for an unknown account or a snapshot without distributions', () => {
    expect(() => rescoreAccount(snapshot, 'nope', [])).toThrow(/rescoreAccount: no account "nope"/);
    const { distributions: _, ...old } = snapshot;
    expect(() => rescoreAccount(old, 'K5', [])).toThrow(/rescoreAccount: the snapshot has no criterion distributions/);
  });
});
