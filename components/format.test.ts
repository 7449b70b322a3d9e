/**
 * Expected strings follow the messages in public/_locales and CLDR's number and date patterns as Intl implements
 * them (en: "€64K", "31%", "Mar 5, 2026"; de: "63.900 €", "31 %", "05.03.2026"; German has no short form for
 * thousands in CLDR's compact notation; lib/i18n's compact money has no decimals: 4,100 → €4K).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import { CRITERIA, type CriterionId } from '../lib/engine/model-config.ts';
import {
  criterionLabel,
  formatChange,
  formatCriterionRaw,
  formatDays,
  formatOrders,
  formatPoints,
  insightTypeLabel,
  revenueSeriesLabel,
  sentimentLabel,
} from './format.ts';
import { staticTexts } from './static-texts.ts';
import { uiTexts } from './texts.ts';

const RAW: Record<CriterionId, number> = {
  revenue12m: 63900,
  margin: 0.31,
  frequency: 14,
  regularity: 0.42,
  recency: 12,
  trend: -0.4,
  clv: 58200,
  referrals: 1.5,
  potential: 2,
  risk: 0.8,
};

describe('formatCriterionRaw', () => {
  it('writes each criterion in its unit (English)', () => {
    const tx = staticTexts('en');
    expect(CRITERIA.map((id) => formatCriterionRaw(tx, id, RAW[id], 'EUR'))).toEqual([
      '€64K',
      '31%',
      '14 orders',
      'variation 0.42',
      '12 days',
      '-40%',
      '€58K',
      '1.5 notes (weighted)',
      '2 notes (weighted)',
      '0.8 notes (weighted)',
    ]);
  });

  it('writes each criterion in its unit (German)', () => {
    const tx = staticTexts('de');
    expect(CRITERIA.map((id) => formatCriterionRaw(tx, id, RAW[id], 'EUR'))).toEqual([
      '63.900\u00a0€',
      '31\u00a0%',
      '14 Bestellungen',
      'Schwankung 0,42',
      '12 Tage',
      '-40\u00a0%',
      '58.200\u00a0€',
      '1,5 Notizen (gewichtet)',
      '2 Notizen (gewichtet)',
      '0,8 Notizen (gewichtet)',
    ]);
  });

  it('says "no data" for a missing measure', () => {
    expect(formatCriterionRaw(staticTexts('en'), 'margin', null, 'EUR')).toBe('no data');
    expect(formatCriterionRaw(staticTexts('de'), 'margin', null, 'EUR')).toBe('keine Daten');
  });
});

describe('counts, points and changes', () => {
  const en = staticTexts('en');
  it('uses the singular for one', () => {
    expect([formatOrders(en, 1), formatOrders(en, 2), formatDays(en, 1), formatDays(en, 26.4)]).toEqual([
      '1 order',
      '2 orders',
      '1 day',
      '26 days',
    ]);
  });

  it('signs points with one decimal and changes as whole percentages', () => {
    expect([formatPoints(en, 25), formatPoints(en, -4.3), formatPoints(en, 0)]).toEqual(['+25.0', '-4.3', '0.0']);
    expect([formatChange(en, 0.12), formatChange(en, -0.404), formatChange(en, 0)]).toEqual(['+12%', '-40%', '0%']);
    expect(formatPoints(staticTexts('de'), -4.3)).toBe('-4,3');
  });

  it('labels criteria, insight types and sentiments', () => {
    expect(criterionLabel(en, 'clv')).toBe('Customer lifetime value');
    expect(criterionLabel(staticTexts('de'), 'recency')).toBe('Letzter Kauf');
    expect(insightTypeLabel(en, 'pain-point')).toBe('Pain point');
    expect(insightTypeLabel(staticTexts('de'), 'workshop-note')).toBe('Workshop-Notiz');
    expect([-2, -1, 0, 1, 2].map((s) => sentimentLabel(en, s))).toEqual([
      'very negative',
      'negative',
      'neutral',
      'positive',
      'very positive',
    ]);
  });
});

describe('revenueSeriesLabel', () => {
  it('summarises the months, the extremes and the last month', () => {
    const monthly = [
      { month: '2025-03', revenue: 0 },
      { month: '2025-04', revenue: 12300 },
      { month: '2026-02', revenue: 4100 },
    ];
    expect(revenueSeriesLabel(staticTexts('en'), monthly, 'EUR')).toBe(
      'Monthly revenue from Mar 2025 to Feb 2026: lowest €0, highest €12K, last month €4K',
    );
    expect(revenueSeriesLabel(staticTexts('en'), [], 'EUR')).toBe('');
  });
});

describe('uiTexts and staticTexts', () => {
  it('agree for the UI language, so the card and the exported brief read the same', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    const ui = uiTexts();
    const fixed = staticTexts('de');
    expect(ui.lang).toBe('de');
    for (const v of [0, 0.5, 999.99, 1000, 63900, -1234.5]) {
      expect(ui.currency(v, 'EUR')).toBe(fixed.currency(v, 'EUR'));
      expect(ui.currency(v, 'EUR', true)).toBe(fixed.currency(v, 'EUR', true));
      expect(ui.number(v)).toBe(fixed.number(v));
      expect(ui.percent(v / 1000, 1)).toBe(fixed.percent(v / 1000, 1));
    }
    for (const d of ['2026-03-05', '2026-02-20T14:00:00Z']) expect(ui.date(d)).toBe(fixed.date(d));
    expect(ui.date('2026-03-05')).toBe('05.03.2026');
    expect(ui.month('2026-03')).toBe(fixed.month('2026-03'));
    expect(ui.t('formTooLong', 200, 230)).toBe(fixed.t('formTooLong', 200, 230));
  });

  it('leaves an unparseable date as it is', () => {
    expect(staticTexts('en').date('soon')).toBe('soon');
    expect(staticTexts('en').month('2026-13')).toBe('2026-13');
  });
});
