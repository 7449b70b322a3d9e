import { describe, expect, it } from 'vitest';
import { InsightSchema, type Insight, type InsightInput } from './insight.ts';
import { insightSignals } from './insight-signals.ts';
import { DEFAULT_MODEL_CONFIG } from './model-config.ts';
import { dayNumber, isoDay } from './patterns.ts';

const asOf = '2025-01-01';
const daysBefore = (n: number): string => `${isoDay(dayNumber(asOf) - n)}T09:00:00Z`;
let seq = 0;
const note = (fields: Partial<InsightInput> & Pick<InsightInput, 'type'>, age = 0): Insight => {
  seq += 1;
  return InsightSchema.parse({
    id: `01JAAAAAAAAAAAAAAAAAAAAA${String(seq).padStart(2, '0')}`,
    accountId: 'acc-1',
    author: 'anna@example.com',
    createdAt: daysBefore(age),
    updatedAt: daysBefore(age),
    title: `${fields.type} note`,
    ...fields,
  });
};

describe('insightSignals', () => {
  // Half-life 180 days (the default): a note 180 days old counts 0.5, 360 days 0.25.
  const notes = [
    note({ type: 'referral', sentiment: 2 }, 180),
    note({ type: 'expansion', sentiment: 1 }, 0),
    note({ type: 'need', status: 'done' }, 0),
    note({ type: 'need', followUpAt: '2024-12-20' }, 30),
    note({ type: 'competitor', sentiment: -1, followUpAt: '2025-02-01' }, 360),
    note({ type: 'complaint', status: 'archived' }, 0),
    note({ type: 'risk', deletedAt: daysBefore(1) }, 10),
    note({ type: 'referral', accountId: 'acc-2' }, 0),
  ];
  const s = insightSignals(notes, 'acc-1', asOf, DEFAULT_MODEL_CONFIG);

  it('decays each note by its half-life into the referral, potential and risk measures', () => {
    expect(s.referrals).toBeCloseTo(0.5, 12);
    // Open expansion (1) and open need 30 days old (0.5^(30/180) = 0.890899); the done need does not count.
    expect(s.potential).toBeCloseTo(1 + 0.5 ** (30 / 180), 12);
    expect(s.risk).toBeCloseTo(0.25, 12);
    expect(s.lastReferralDays).toBe(180);
  });

  it('weights the mean sentiment by strength over open and done notes', () => {
    // Referral +2 × .5, expansion +1 × 1, done need 0 × 1, open need 0 × .8909, competitor −1 × .25.
    const w = 0.5 + 1 + 1 + 0.5 ** (30 / 180) + 0.25;
    expect(s.sentiment).toBeCloseTo((2 * 0.5 + 1 - 0.25) / w, 12);
  });

  it('lists due follow-ups and the notes behind talking points', () => {
    expect(s.followUps.map((w) => w.insight.followUpAt)).toEqual(['2024-12-20']); // 2025-02-01 is not due yet
    expect(s.competitors.map((w) => w.insight.type)).toEqual(['competitor']);
    expect(s.openNeeds).toHaveLength(1);
    expect(s.expansions.map((w) => [w.insight.type, w.strength, w.ageDays])).toEqual([['expansion', 1, 0]]);
  });

  it('is empty without notes, and counts a note from after asOf as fresh', () => {
    expect(insightSignals([], 'acc-1', asOf, DEFAULT_MODEL_CONFIG)).toMatchObject({
      referrals: null,
      potential: null,
      risk: null,
      sentiment: null,
      followUps: [],
    });
    const future = note({ type: 'budget' }, -20);
    expect(insightSignals([future], 'acc-1', asOf, DEFAULT_MODEL_CONFIG).potential).toBe(1);
  });
});
