/** The shared CSV writer: formulas defused, separators quoted, numbers kept, and what it writes reads back. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { defuseCell, readCsvCell, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes every text cell with a comma, semicolon or tab, so a German Excel cannot split out a formula', () => {
    expect(toCsv(['body'], [['see;=1+1;'], ['a,b'], ['tab\there'], ['plain']])).toBe(
      'body\r\n"see;=1+1;"\r\n"a,b"\r\n"tab\there"\r\nplain\r\n',
    );
  });

  it('neutralises formula starts in every text cell and keeps numbers numbers', () => {
    const csv = toCsv(['a', 'b', 'c', 'd', 'e'], [['=HYPERLINK("x")', '+1', '@SUM(A1)', '  =2', -2]]);
    expect(csv).toBe(`a,b,c,d,e\r\n"'=HYPERLINK(""x"")","'+1","'@SUM(A1)","'  =2",-2\r\n`);
    expect(toCsv(['n'], [[0], [3.5], [null], [undefined]])).toBe('n\r\n0\r\n3.5\r\n\r\n\r\n');
  });

  it('reads back to the same texts (quotes, line breaks, apostrophes)', () => {
    const texts = ['say "hi", then', 'two\r\nlines', '=1+1', "'already", '-', ' padded '];
    const csv = toCsv(
      ['t'],
      texts.map((t) => [t]),
    );
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { header: false })
      .data.slice(1)
      .map((r) => readCsvCell(r[0]!));
    expect(parsed).toEqual(texts);
    expect(defuseCell('fine')).toBe('fine');
  });
});
