import { describe, expect, it } from 'vitest';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { fillMessage, formatArg, localize } from './index.ts';

const placeholders = (message: string): string[] => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();

describe('message catalogs', () => {
  it('have the same keys in en.json and de.json', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages, numbered from $1 without gaps', () => {
    for (const [key, entry] of Object.entries(en)) {
      const used = placeholders(entry.message);
      expect(placeholders((de as Record<string, { message: string }>)[key]!.message), key).toEqual(used);
      expect(used, key).toEqual(used.map((_, i) => `$${i + 1}`));
    }
  });

  it('use Chrome message names (letters, digits, _ and @)', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });
});

describe('formatArg', () => {
  // Expected strings are CLDR's en-US and de-DE patterns (de-DE separates the unit with a no-break space, U+00A0).
  it('formats money, percentages and decimals per locale', () => {
    expect(formatArg({ money: 1234.5, currency: 'EUR' }, 'de')).toBe('1.235\u00a0€');
    expect(formatArg({ money: 1234.5, currency: 'EUR' }, 'en')).toBe('€1,235');
    expect(formatArg({ percent: 0.78 }, 'de')).toBe('78\u00a0%');
    expect(formatArg({ percent: 0.78 }, 'en')).toBe('78%');
    expect(formatArg({ decimal: 3.14159 }, 'de')).toBe('3,1');
    expect(formatArg({ signed: 1.333 }, 'en')).toBe('+1.3');
    expect(formatArg({ int: 12345 }, 'de')).toBe('12.345');
  });

  it('formats dates in UTC and lists with the locale conjunction', () => {
    expect(formatArg({ date: '2024-03-15' }, 'de')).toBe('15.03.2024');
    expect(formatArg({ date: '2024-03-15' }, 'en')).toBe('Mar 15, 2024');
    expect(formatArg({ list: ['A', 'B', 'C'] }, 'de')).toBe('A, B und C');
    expect(formatArg({ list: ['A', 'C'] }, 'en')).toBe('A and C');
  });
});

describe('fillMessage and localize', () => {
  it('fills $1…$9 and leaves dollar signs inside arguments alone', () => {
    expect(fillMessage('en', 'tp_cross_sell_title', ['Toner $$ 5'])).toBe('Offer Toner $$ 5');
    expect(localize('tp_decline_title', [{ percent: 0.4 }])).toEqual({
      en: 'Revenue down 40%',
      de: 'Umsatz um 40\u00a0% gesunken',
    });
  });

  it('throws on a missing argument or an unknown key, naming the function', () => {
    expect(() => fillMessage('de', 'tp_cross_sell_title', [])).toThrow(
      /fillMessage: de.json "tp_cross_sell_title" needs \$1/,
    );
    expect(() => fillMessage('en', 'nope' as 'tp_cross_sell_title', [])).toThrow(/fillMessage: no message "nope"/);
  });
});
