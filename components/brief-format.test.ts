/**
 * Exact exports of the sample account (test-data.ts) on 2026-03-01. Words from public/_locales, numbers and dates
 * as Intl writes them for en-US and de-DE (German puts a no-break space before € and %). The sparkline is worked
 * out by hand: each month's revenue over the maximum 7,100, times 7, rounded, indexes ▁▂▃▄▅▆▇█ (3,100 → 3 → ▄).
 */
import { describe, expect, it } from 'vitest';
import {
  briefContent,
  briefToMarkdown,
  briefToText,
  escapeMarkdown,
  FOLLOW_UP_HORIZON_DAYS,
  textSparkline,
} from './brief-format.ts';
import { ACCOUNT, CONTACTS, INSIGHTS, insight } from '../tests/test-data.ts';

const NB = '\u00a0';
const SPARK = '▄▅▅▆▆▅▅▇▇▆▄▄▅▆▆▇▇▆▆██▇▅▅';

describe('textSparkline', () => {
  it('maps values onto eight block heights from zero to the maximum', () => {
    expect(textSparkline([0, 5, 10])).toBe('▁▅█');
    expect(textSparkline([0, 0])).toBe('▁▁');
    expect(textSparkline([])).toBe('');
    expect(textSparkline(ACCOUNT.patterns.monthly.map((m) => m.revenue))).toBe(SPARK);
  });
});

describe('escapeMarkdown', () => {
  it('escapes what Markdown would read as syntax', () => {
    expect(escapeMarkdown('*Big* deal_ [link](x) #1 <b> a|b')).toBe(
      '\\*Big\\* deal\\_ \\[link\\](x) \\#1 \\<b\\> a\\|b',
    );
  });
});

describe('briefContent', () => {
  it('keeps the account’s open needs, follow-ups up to two weeks ahead (2026-03-15 in, 03-16 out), latest insights and contacts', () => {
    const later = insight({
      id: '01JQ0000000000000000000004',
      title: 'Call about VMI',
      followUpAt: '2026-03-15',
      createdAt: '2026-02-25T08:00:00Z',
      updatedAt: '2026-02-25T08:00:00Z',
      type: 'other',
    });
    const tooLate = insight({
      id: '01JQ0000000000000000000005',
      title: 'Annual review',
      followUpAt: '2026-03-16',
      createdAt: '2026-02-24T08:00:00Z',
      updatedAt: '2026-02-24T08:00:00Z',
      type: 'other',
    });
    const otherAccount = insight({ id: '01JQ0000000000000000000006', title: 'Not ours', accountId: 'ACC-9' });
    const c = briefContent(ACCOUNT, [...INSIGHTS, later, tooLate, otherAccount], CONTACTS, { today: '2026-03-01' });
    expect(FOLLOW_UP_HORIZON_DAYS).toBe(14);
    expect(c.followUps.map((i) => i.title)).toEqual(['Second assembly line planned', 'Call about VMI']);
    expect(c.openNeeds.map((i) => i.title)).toEqual(['Second assembly line planned']);
    expect(c.latest.map((i) => i.title)).toEqual([
      'Call about VMI',
      'Annual review',
      'Würth quoted 8% less',
      'Second assembly line planned',
      'Workshop: torque tools',
    ]);
    expect(c.contacts.map((ct) => ct.name)).toEqual(['Einkauf', 'Klaus Müller']);
    expect(c.criteria.map((cr) => cr.id)).toEqual([
      'revenue12m',
      'clv',
      'recency',
      'frequency',
      'margin',
      'regularity',
      'potential',
      'trend',
      'risk',
    ]);
    expect(c.talkingPoints.map((tp) => tp.kind)).toEqual(['competitor', 'reorder-due', 'cross-sell', 'open-need']);
  });
});

describe('briefToMarkdown', () => {
  it('writes the whole brief in English', () => {
    expect(briefToMarkdown(ACCOUNT, INSIGHTS, CONTACTS, 'en', { today: '2026-03-01' })).toBe(
      [
        '# Meeting brief: Müller Maschinenbau GmbH',
        '',
        '_As of Mar 1, 2026 · segment A · value score 74/100_',
        '',
        '## Value score and why',
        '',
        '- **Revenue (12 months)**: +25.0 points (€64K)',
        '- **Customer lifetime value**: +15.0 points (€58K)',
        '- **Recency**: +9.0 points (12 days)',
        '- **Order frequency**: +8.5 points (14 orders)',
        '- **Margin**: +7.0 points (31%)',
        '- **Regularity**: +6.0 points (variation 0.42)',
        '- **Potential**: +5.0 points (1.5 notes (weighted))',
        '- **Trend**: +3.0 points (+12%)',
        '- **Risk**: -4.3 points (0.8 notes (weighted))',
        '',
        '## Outlook',
        '',
        '- **Still buying (P alive)**: 94%',
        '- **Expected revenue, 12 months**: €58,200',
        '- **Expected orders, 12 months**: 13.6',
        '',
        '## Purchase pattern',
        '',
        '- **Revenue, last 12 months**: €63,900 (+12% vs. the year before)',
        '- **Orders**: every 26 days',
        '- **Last order**: Feb 17, 2026',
        '- **Next order expected**: Mar 15, 2026',
        '- **Top products**: Sechskantschraube M8 verzinkt (34%), Drehmomentschlüssel 40–200 Nm (21%), Schutzhandschuh Nitril Gr. 9 (12%)',
        `- **Monthly revenue Mar 2024 – Feb 2026**: ${SPARK}`,
        '',
        '## Cross-sell gaps',
        '',
        '- **Unterlegscheibe M8 (BT-1010)**: in other accounts 62% of orders with Sechskantschraube M8 verzinkt also contain it (lift 2.4)',
        '',
        '## Talking points',
        '',
        '1. **Competitor: Würth quoted 8% less** — Anna Berger noted on Feb 20, 2026: “Würth quoted 8% less”.',
        '2. **Reorder due** — Orders about every 26 days; next order expected on Mar 15, 2026.',
        '3. **Offer Unterlegscheibe M8** — Buys Sechskantschraube M8 in 11 of 29 orders; 62% of such orders elsewhere also hold it.',
        '4. **Need: second assembly line** — Noted on Feb 10, 2026.',
        '',
        '## Open needs',
        '',
        '- **Second assembly line planned**: noted Feb 10, 2026 by anna.berger@example.com',
        '',
        '## Follow-ups due',
        '',
        '- **Second assembly line planned**: Mar 5, 2026',
        '',
        '## Latest insights',
        '',
        '- **Würth quoted 8% less**: Competitor · Feb 20, 2026',
        '- **Second assembly line planned**: Need · Feb 10, 2026',
        '- **Workshop: torque tools**: Workshop note · Jan 15, 2026',
        '',
        '## Contacts',
        '',
        '- **Einkauf**: einkauf@mueller-maschinenbau.de',
        '- **Klaus Müller, Einkaufsleiter**: k.mueller@mueller-maschinenbau.de',
        '',
      ].join('\n'),
    );
  });

  it('marks overdue follow-ups and an overdue next order, escapes user text, and leaves out empty sections', () => {
    const account = {
      ...ACCOUNT,
      name: 'Hahn *Werke* AG',
      criteria: [],
      crossSell: [],
      talkingPoints: [],
      patterns: {
        ...ACCOUNT.patterns,
        overdue: true,
        nextOrderExpected: '2026-02-20',
        trend: null,
        medianIntervalDays: null,
        topProducts: [],
        monthly: [],
      },
    };
    const due = [
      insight({ id: '01JQ0000000000000000000007', title: 'Send _new_ quote', followUpAt: '2026-02-27', type: 'other' }),
      insight({
        id: '01JQ0000000000000000000008',
        title: 'Call back',
        followUpAt: '2026-03-01',
        type: 'other',
        createdAt: '2026-02-11T09:30:00Z',
        updatedAt: '2026-02-11T09:30:00Z',
      }),
    ].map((i) => ({ ...i, accountId: account.id }));
    expect(briefToMarkdown(account, due, [], 'en', { today: '2026-03-01', currency: 'CHF' })).toBe(
      [
        '# Meeting brief: Hahn \\*Werke\\* AG',
        '',
        '_As of Mar 1, 2026 · segment A · value score 74/100_',
        '',
        '## Outlook',
        '',
        '- **Still buying (P alive)**: 94%',
        `- **Expected revenue, 12 months**: CHF${NB}58,200`,
        '- **Expected orders, 12 months**: 13.6',
        '',
        '## Purchase pattern',
        '',
        `- **Revenue, last 12 months**: CHF${NB}63,900`,
        '- **Last order**: Feb 17, 2026',
        '- **Next order expected**: Feb 20, 2026 (overdue)',
        '',
        '## Follow-ups due',
        '',
        '- **Send \\_new\\_ quote**: Feb 27, 2026 (overdue)',
        '- **Call back**: Mar 1, 2026 (today)',
        '',
        '## Latest insights',
        '',
        '- **Call back**: Other · Feb 11, 2026',
        '- **Send \\_new\\_ quote**: Other · Feb 10, 2026',
        '',
      ].join('\n'),
    );
  });
});

describe('briefToText', () => {
  it('writes the whole brief in German as plain text', () => {
    expect(briefToText(ACCOUNT, INSIGHTS, CONTACTS, 'de', { today: '2026-03-01' })).toBe(
      [
        'Gesprächsvorbereitung: Müller Maschinenbau GmbH',
        'Stand 01.03.2026 · Segment A · Kundenwert 74/100',
        '',
        'KUNDENWERT UND BEGRÜNDUNG',
        '',
        `• Umsatz (12 Monate): +25,0 Punkte (63.900${NB}€)`,
        `• Kundenwert (CLV): +15,0 Punkte (58.200${NB}€)`,
        '• Letzter Kauf: +9,0 Punkte (12 Tage)',
        '• Bestellhäufigkeit: +8,5 Punkte (14 Bestellungen)',
        `• Marge: +7,0 Punkte (31${NB}%)`,
        '• Regelmäßigkeit: +6,0 Punkte (Schwankung 0,42)',
        '• Potenzial: +5,0 Punkte (1,5 Notizen (gewichtet))',
        `• Trend: +3,0 Punkte (+12${NB}%)`,
        '• Risiko: -4,3 Punkte (0,8 Notizen (gewichtet))',
        '',
        'AUSBLICK',
        '',
        `• Kauft noch (P aktiv): 94${NB}%`,
        `• Erwarteter Umsatz, 12 Monate: 58.200${NB}€`,
        '• Erwartete Bestellungen, 12 Monate: 13,6',
        '',
        'KAUFMUSTER',
        '',
        `• Umsatz der letzten 12 Monate: 63.900${NB}€ (+12${NB}% gegenüber dem Vorjahr)`,
        '• Bestellt: alle 26 Tage',
        '• Letzte Bestellung: 17.02.2026',
        '• Nächste Bestellung erwartet: 15.03.2026',
        `• Top-Produkte: Sechskantschraube M8 verzinkt (34${NB}%), Drehmomentschlüssel 40–200 Nm (21${NB}%), Schutzhandschuh Nitril Gr. 9 (12${NB}%)`,
        `• Monatsumsatz März 2024 – Feb. 2026: ${SPARK}`,
        '',
        'CROSS-SELLING-LÜCKEN',
        '',
        `• Unterlegscheibe M8 (BT-1010): bei anderen Kunden enthalten 62${NB}% der Bestellungen mit Sechskantschraube M8 verzinkt auch dieses Produkt (Lift 2,4)`,
        '',
        'GESPRÄCHSANSÄTZE',
        '',
        '1. Wettbewerber: Würth 8 % günstiger — Anna Berger notierte am 20.02.2026: „Würth 8 % günstiger“.',
        '2. Nachbestellung fällig — Bestellt etwa alle 26 Tage; nächste Bestellung erwartet am 15.03.2026.',
        '3. Unterlegscheibe M8 anbieten — Kauft Sechskantschraube M8 in 11 von 29 Bestellungen; 62 % solcher Bestellungen enthalten sie auch.',
        '4. Bedarf: zweite Montagelinie — Notiert am 10.02.2026.',
        '',
        'OFFENER BEDARF',
        '',
        '• Second assembly line planned: notiert am 10.02.2026 von anna.berger@example.com',
        '',
        'FÄLLIGE WIEDERVORLAGEN',
        '',
        '• Second assembly line planned: 05.03.2026',
        '',
        'NEUESTE ERKENNTNISSE',
        '',
        '• Würth quoted 8% less: Wettbewerb · 20.02.2026',
        '• Second assembly line planned: Bedarf · 10.02.2026',
        '• Workshop: torque tools: Workshop-Notiz · 15.01.2026',
        '',
        'ANSPRECHPARTNER',
        '',
        '• Einkauf: einkauf@mueller-maschinenbau.de',
        '• Klaus Müller, Einkaufsleiter: k.mueller@mueller-maschinenbau.de',
        '',
      ].join('\n'),
    );
  });

  it('does not escape Markdown characters in plain text', () => {
    const text = briefToText({ ...ACCOUNT, name: 'Hahn *Werke* AG' }, [], [], 'en', { today: '2026-03-01' });
    expect(text.split('\n')[0]).toBe('Meeting brief: Hahn *Werke* AG');
  });
});
