/**
 * The one CSV writer for exports that people open in a spreadsheet (the extension's insight export and the hub's
 * review export), on papaparse: RFC 4180 (comma, CRLF, quotes doubled), plus two defences against CSV injection
 * (OWASP):
 * - a text cell that starts like a formula (= + - @, a tab or CR, also after leading spaces) gets a leading
 *   apostrophe, so a spreadsheet shows it as text; numbers stay numbers (−2 is written as -2);
 * - every text cell holding a separator a spreadsheet may split on (comma, semicolon — Excel's list separator in
 *   German — or tab) is quoted, so `see;=1+1;` stays one cell instead of yielding a `=1+1` cell.
 * `readCsvCell` takes the apostrophe off again, so an export imports back unchanged.
 */
import Papa from 'papaparse';

/** What a spreadsheet would run as a formula. */
export const FORMULA_START = /^(?:[=+\-@\t\r]| +[=+\-@])/;

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One text cell as written (apostrophe added where it starts like a formula), before quoting.
 * @example defuseCell('=1+1') // => "'=1+1"
 */
export function defuseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A cell as read back from a file this module wrote: the apostrophe `defuseCell` added is taken off.
 * @example readCsvCell("'=1+1") // => '=1+1'
 */
export function readCsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

/**
 * CSV text with a header row `fields` and one line per row (values in the order of `fields`), CRLF after every
 * line. O(total size).
 * @example toCsv(['title', 'sentiment'], [['see;=1+1;', -2]]) // => 'title,sentiment\r\n"see;=1+1;",-2\r\n'
 */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const data = rows.map((row) =>
    row.map((v) => (v === null || v === undefined ? '' : typeof v === 'string' ? defuseCell(v) : v)),
  );
  const text = Papa.unparse(
    { fields: [...fields], data },
    {
      newline: '\r\n',
      // Defused above (papaparse's own escapeFormulae would not see cells with leading spaces).
      escapeFormulae: false,
      quotes: (value: unknown) => typeof value === 'string' && (NEEDS_QUOTES.test(value) || value.startsWith("'")),
    },
  );
  return `${text}\r\n`;
}
