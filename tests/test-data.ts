/**
 * Sample accounts, insights and contacts for the component tests, validated by the snapshot and insight schemas so
 * they can't drift from the contracts. Figures are made up but consistent (e.g. criteria points sum to the score).
 */
import { InsightSchema, type Insight, type InsightInput } from '../lib/engine/insight.ts';
import type { Dataset } from '../lib/engine/records.ts';
import { ScoredAccountSchema, type Contact, type ScoredAccount } from '../lib/engine/snapshot.ts';

const monthly = [
  3100, 4200, 3800, 5200, 4700, 3900, 4100, 5600, 6100, 4800, 3500, 2900, 4400, 5100, 4600, 6300, 5900, 4700, 5200,
  6800, 7100, 5600, 4300, 3900,
].map((revenue, i) => {
  const month = ((2 + i) % 12) + 1;
  const year = 2024 + Math.floor((2 + i) / 12);
  return { month: `${year}-${String(month).padStart(2, '0')}`, revenue };
});

export const ACCOUNT: ScoredAccount = ScoredAccountSchema.parse({
  id: 'ACC-1001',
  name: 'Müller Maschinenbau GmbH',
  domains: ['mueller-maschinenbau.de'],
  industry: 'Maschinenbau',
  region: 'Süd',
  crmIds: { hubspot: '123' },
  valueScore: 74.2,
  segment: 'A',
  criteria: [
    { id: 'revenue12m', raw: 63900, normalised: 1, weight: 0.25, points: 25 },
    { id: 'margin', raw: 0.31, normalised: 0.7, weight: 0.1, points: 7 },
    { id: 'frequency', raw: 14, normalised: 0.85, weight: 0.1, points: 8.5 },
    { id: 'regularity', raw: 0.42, normalised: 0.6, weight: 0.1, points: 6 },
    { id: 'recency', raw: 12, normalised: 0.9, weight: 0.1, points: 9 },
    { id: 'trend', raw: 0.12, normalised: 0.6, weight: 0.05, points: 3 },
    { id: 'clv', raw: 58200, normalised: 1, weight: 0.15, points: 15 },
    { id: 'referrals', raw: null, normalised: 0, weight: 0.05, points: 0 },
    { id: 'potential', raw: 1.5, normalised: 1, weight: 0.05, points: 5 },
    { id: 'risk', raw: 0.8, normalised: 0.86, weight: 0.05, points: -4.3 },
  ],
  clv: { pAlive: 0.94, expectedOrders12m: 13.6, expectedRevenue12m: 58200 },
  patterns: {
    topProducts: [
      { sku: 'BT-1002', name: 'Sechskantschraube M8 verzinkt', share: 0.34, orders: 11 },
      { sku: 'WZ-2001', name: 'Drehmomentschlüssel 40–200 Nm', share: 0.21, orders: 5 },
      { sku: 'AS-3004', name: 'Schutzhandschuh Nitril Gr. 9', share: 0.12, orders: 7 },
    ],
    topCategories: [{ category: 'Befestigungstechnik', share: 0.41 }],
    orders12m: 14,
    revenue12m: 63900,
    revenuePrev12m: 57050,
    ordersTotal: 29,
    firstOrderDate: '2023-05-04',
    lastOrderDate: '2026-02-17',
    medianIntervalDays: 26,
    regularity: 0.42,
    nextOrderExpected: '2026-03-15',
    overdue: false,
    trend: 0.12,
    monthly,
    seasonality: null,
  },
  crossSell: [
    {
      sku: 'BT-1010',
      name: 'Unterlegscheibe M8',
      antecedent: ['BT-1002'],
      support: 0.08,
      confidence: 0.62,
      lift: 2.4,
      antecedentShare: 0.34,
      score: 0.5,
    },
  ],
  talkingPoints: [
    {
      id: 'cross-sell:BT-1010',
      kind: 'cross-sell',
      title: { en: 'Offer Unterlegscheibe M8', de: 'Unterlegscheibe M8 anbieten' },
      why: {
        en: 'Buys Sechskantschraube M8 in 11 of 29 orders; 62% of such orders elsewhere also hold it.',
        de: 'Kauft Sechskantschraube M8 in 11 von 29 Bestellungen; 62 % solcher Bestellungen enthalten sie auch.',
      },
      skus: ['BT-1010'],
      priority: 0.55,
    },
    {
      id: 'competitor:01JQ0000000000000000000002',
      kind: 'competitor',
      title: { en: 'Competitor: Würth quoted 8% less', de: 'Wettbewerber: Würth 8 % günstiger' },
      why: {
        en: 'Anna Berger noted on Feb 20, 2026: “Würth quoted 8% less”.',
        de: 'Anna Berger notierte am 20.02.2026: „Würth 8 % günstiger“.',
      },
      insightIds: ['01JQ0000000000000000000002'],
      priority: 0.82,
    },
    {
      id: 'reorder-due:ACC-1001',
      kind: 'reorder-due',
      title: { en: 'Reorder due', de: 'Nachbestellung fällig' },
      why: {
        en: 'Orders about every 26 days; next order expected on Mar 15, 2026.',
        de: 'Bestellt etwa alle 26 Tage; nächste Bestellung erwartet am 15.03.2026.',
      },
      priority: 0.6,
    },
    {
      id: 'open-need:01JQ0000000000000000000001',
      kind: 'open-need',
      title: { en: 'Need: second assembly line', de: 'Bedarf: zweite Montagelinie' },
      why: { en: 'Noted on Feb 10, 2026.', de: 'Notiert am 10.02.2026.' },
      insightIds: ['01JQ0000000000000000000001'],
      priority: 0.5,
    },
  ],
});

/** A second account, for multi-match tabs. */
export const OTHER_ACCOUNT: ScoredAccount = ScoredAccountSchema.parse({
  ...ACCOUNT,
  id: 'ACC-2002',
  name: 'Müller Logistik KG',
  valueScore: 35.2,
  segment: 'C',
  talkingPoints: [],
  crossSell: [],
  patterns: { ...ACCOUNT.patterns, trend: -0.4, overdue: true, nextOrderExpected: '2026-01-20' },
});

export function insight(fields: Partial<InsightInput> & Pick<InsightInput, 'id' | 'title'>): Insight {
  return InsightSchema.parse({
    accountId: ACCOUNT.id,
    author: 'anna.berger@example.com',
    createdAt: '2026-02-10T09:30:00Z',
    updatedAt: '2026-02-10T09:30:00Z',
    type: 'need',
    ...fields,
  });
}

export const INSIGHTS: Insight[] = [
  insight({
    id: '01JQ0000000000000000000001',
    title: 'Second assembly line planned',
    body: 'Plans a second assembly line in Q3; needs fastening kits for 40 stations.',
    sentiment: 1,
    followUpAt: '2026-03-05',
  }),
  insight({
    id: '01JQ0000000000000000000002',
    type: 'competitor',
    title: 'Würth quoted 8% less',
    createdAt: '2026-02-20T14:00:00Z',
    updatedAt: '2026-02-20T14:00:00Z',
    sentiment: -1,
  }),
  insight({
    id: '01JQ0000000000000000000003',
    type: 'workshop-note',
    title: 'Workshop: torque tools',
    createdAt: '2026-01-15T10:00:00Z',
    updatedAt: '2026-01-15T10:00:00Z',
    status: 'done',
  }),
];

export const CONTACTS: Contact[] = [
  { email: 'k.mueller@mueller-maschinenbau.de', name: 'Klaus Müller', accountId: ACCOUNT.id, role: 'Einkaufsleiter' },
  { email: 'einkauf@mueller-maschinenbau.de', name: 'Einkauf', accountId: ACCOUNT.id },
  { email: 'someone@elsewhere.de', name: 'Other Person', accountId: 'ACC-9' },
];

const INSIGHT_TYPES = [
  'referral',
  'competitor',
  'need',
  'expansion',
  'budget',
  'risk',
  'complaint',
  'workshop-note',
] as const;

/** One insight on each of the first `count` accounts of a generated dataset, every field varied by its index. */
export function datasetInsights(dataset: Dataset, count: number): Insight[] {
  return dataset.accounts.slice(0, count).map((a, i) =>
    InsightSchema.parse({
      id: `01JF${String(i).padStart(22, '0')}`,
      accountId: a.id,
      author: `rep${i % 3}@example.com`,
      createdAt: `2025-${String((i % 12) + 1).padStart(2, '0')}-10T09:00:00Z`,
      updatedAt: `2025-${String((i % 12) + 1).padStart(2, '0')}-10T09:00:00Z`,
      type: INSIGHT_TYPES[i % INSIGHT_TYPES.length],
      title: `note ${i}`,
      sentiment: (i % 5) - 2,
      products: i % 4 === 0 ? [dataset.products[i]!.sku] : [],
      followUpAt: i % 3 === 0 ? '2025-11-20' : null,
    }),
  );
}
