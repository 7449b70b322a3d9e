import { describe, expect, it } from 'vitest';
import { normaliseHeader, resolveColumns } from './columns.ts';
import { formatImportReport } from './report.ts';

describe('normaliseHeader', () => {
  it('ignores case, punctuation and umlaut spelling', () => {
    expect(['Kunden-Nr.', 'Währung', 'accountId', 'Account ID', 'crmIds.salesforce'].map(normaliseHeader)).toEqual([
      'kundennr',
      'waehrung',
      'accountid',
      'accountid',
      'crmidssalesforce',
    ]);
  });
});

describe('resolveColumns', () => {
  it('maps a DATEV-style header and lists what it does not use', () => {
    const r = resolveColumns('orders', [
      'Beleg',
      'Debitor',
      'Buchungsdatum',
      'Material',
      'Materialkurztext',
      'Sparte',
      'Liefermenge',
      'Nettowert',
      'Kostenstelle',
    ]);
    expect(r.mapping).toEqual({
      order_id: 'Beleg',
      account_id: 'Debitor',
      order_date: 'Buchungsdatum',
      sku: 'Material',
      product_name: 'Materialkurztext',
      category: 'Sparte',
      quantity: 'Liefermenge',
      net_amount: 'Nettowert',
    });
    expect(r.missing).toEqual([]);
    expect(r.ignored).toEqual([8]);
  });

  it('prefers the canonical name, then aliases in order, and flags a second column of the same name', () => {
    const r = resolveColumns('accounts', ['Kunde', 'name', 'Kundennummer', 'Name']);
    expect(r.mapping).toEqual({ account_id: 'Kundennummer', name: 'name' });
    expect(r.ignored).toEqual([0]);
    expect(r.duplicates).toEqual([3]);
  });
});

describe('formatImportReport', () => {
  it('writes one line per issue in English or German', () => {
    const issues = [
      { file: 'o.csv', row: 7, column: 'Menge', value: 'zwei', message: 'not a number', code: 'number' as const },
      { file: '', row: 0, column: '', value: '', message: 'and 3 more', code: 'more' as const, params: { count: 3 } },
    ];
    expect(formatImportReport(issues)).toBe('o.csv, row 7, column "Menge", value "zwei": not a number\nand 3 more');
    expect(formatImportReport(issues, 'de')).toBe(
      'o.csv, Zeile 7, Spalte „Menge“, Wert „zwei“: keine Zahl\nund 3 weitere',
    );
  });
});
