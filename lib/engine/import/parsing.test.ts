import { describe, expect, it } from 'vitest';
import { normaliseCrmId, salesforceId18 } from './crm-ids.ts';
import { parseDate } from './dates.ts';
import { decodeText } from './decode.ts';
import { decimalEvidence, detectDecimal, parseNumber } from './numbers.ts';

describe('parseNumber', () => {
  it.each([
    ['1.234,56', ',', 1234.56],
    ['1234,56', ',', 1234.56],
    ['-12,5', ',', -12.5],
    ['1,234.56', '.', 1234.56],
    ['1234.56', '.', 1234.56],
    ['1.234.567,89', '.', 1234567.89],
    ['12,50-', '.', -12.5],
    ['1 234,56', ',', 1234.56],
    ["1'234.56", ',', 1234.56],
    ['0,125', '.', 0.125],
    [',5', ',', 0.5],
    ['1,5E+03', ',', 1500],
    ['+7', '.', 7],
  ] as const)('reads %s (file decimal %s) as its shape says: %d', (text, decimal, expected) => {
    expect(parseNumber(text, decimal)).toBe(expected);
  });

  it('reads one separator before exactly three digits by the file decimal', () => {
    expect(parseNumber('1.234', ',')).toBe(1234);
    expect(parseNumber('1.234', '.')).toBe(1.234);
    expect(parseNumber('1,234', '.')).toBe(1234);
    expect(parseNumber('1,234', ',')).toBe(1.234);
  });

  it.each(['', '-', 'zwei', '5,', '1.23,4', '12.34.56', '1.234,56,7', '1--2', '€ 5'])('rejects %j', (text) => {
    expect(parseNumber(text, ',')).toBeUndefined();
  });

  it('gives exactly what Number gives for two-decimal amounts (the fast path is correctly rounded)', () => {
    for (let cents = 0; cents < 200_000; cents += 7) {
      const s = (cents / 100).toFixed(2);
      expect(parseNumber(s.replace('.', ','), ',')).toBe(Number(s));
    }
    expect(parseNumber('1234567890123456,78', ',')).toBe(1234567890123456.78);
  });
});

describe('decimal detection', () => {
  it('takes evidence only from values that read one way', () => {
    expect(['1.234,56', '12,5', '1,234.5', '0.25', '1.234', '1,234', '42', '1.234.567'].map(decimalEvidence)).toEqual([
      ',',
      ',',
      '.',
      '.',
      undefined,
      undefined,
      undefined,
      ',',
    ]);
  });

  it('follows the majority, else the delimiter', () => {
    expect(detectDecimal(['1.234', '12,5', '7,25'], ',')).toBe(',');
    expect(detectDecimal(['1,234', '12.5'], ';')).toBe('.');
    expect(detectDecimal(['1.234', '42'], ';')).toBe(',');
    expect(detectDecimal(['1.234', '42'], ',')).toBe('.');
  });
});

describe('parseDate', () => {
  it.each([
    ['31.01.2024', '2024-01-31'],
    ['1.3.2024', '2024-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['15.03.24', '2024-03-15'],
    ['15.03.29', '2029-03-15'],
    ['15.03.30', '1930-03-15'], // Excel's window: 30–99 → 1930–1999
    ['05.02.2024 13:45', '2024-02-05'],
    ['2024-03-01T10:15:00Z', '2024-03-01'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ ok: true, iso });
  });

  it('tells a non-existent date from a malformed one', () => {
    expect(parseDate('31.02.2024')).toEqual({ ok: false, reason: 'no_such_date' });
    expect(parseDate('29.02.2023')).toEqual({ ok: false, reason: 'no_such_date' });
    expect(parseDate('29.02.2000')).toEqual({ ok: true, iso: '2000-02-29' });
    expect(parseDate('29.02.1900')).toEqual({ ok: false, reason: 'no_such_date' });
    expect(parseDate('2024-13-01')).toEqual({ ok: false, reason: 'no_such_date' });
    expect(parseDate('2024/03/01')).toEqual({ ok: false, reason: 'format' });
    expect(parseDate('03/01/2024')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('decodeText', () => {
  it('drops a UTF-8 BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x4d, 0xc3, 0xbc]))).toEqual({ text: 'Mü', encoding: 'utf-8' });
  });

  it('reads valid UTF-8 without BOM as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Größe „A“'))).toEqual({ text: 'Größe „A“', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252, including the 0x80–0x9F block', () => {
    // Reference: Python 3 bytes([0x80, 0x84, 0x93, 0x96, 0x9f, 0xe4, 0xdf, 0x81]).decode('cp1252', 'replace') = '€„“–Ÿäß' + the
    // undefined 0x81, which WHATWG maps to U+0081.
    expect(decodeText(new Uint8Array([0x80, 0x84, 0x93, 0x96, 0x9f, 0xe4, 0xdf, 0x81]))).toEqual({
      text: '€„“–Ÿäß\u0081',
      encoding: 'windows-1252',
    });
  });
});

describe('CRM ids', () => {
  it('computes Salesforce check characters', () => {
    // Worked example from gammone.com "How to convert Salesforce ID from 15 to 18 chars".
    expect(salesforceId18('a0D30000001n7Pi')).toBe('a0D30000001n7PiEAI');
    expect(() => salesforceId18('001')).toThrow(/salesforceId18/);
  });

  it('normalises ids as the CRMs show them', () => {
    expect(normaliseCrmId('salesforce', 'a0D30000001n7Pi')).toBe('a0D30000001n7PiEAI');
    expect(normaliseCrmId('salesforce', 'A0D30000001N7PIEAI')).toBe('a0D30000001n7PiEAI');
    // 18-character ids are case-insensitive: the check characters decide the case.
    expect(normaliseCrmId('salesforce', 'a0D30000001n7PiEAA')).toBe('a0D30000001n7piEAA');
    expect(normaliseCrmId('salesforce', 'a0D30000001n7PiE9I')).toBeUndefined();
    expect(normaliseCrmId('salesforce', 'a0D30000001n7PiE5I')).toBeUndefined(); // 5 = all upper, but "00000" are digits
    expect(normaliseCrmId('dynamics', '{6F9619FF-8B86-D011-B42D-00C04FC964FF}')).toBe(
      '6f9619ff-8b86-d011-b42d-00c04fc964ff',
    );
    expect(normaliseCrmId('hubspot', '5812345678')).toBe('5812345678');
    expect(normaliseCrmId('pipedrive', '12a')).toBeUndefined();
  });
});
