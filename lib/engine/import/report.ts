/**
 * Import issues: their texts in English and German, the capped log that collects them, and the one-line-per-issue
 * report. The engine renders both languages itself (as it does for talking points) so that the CLI, the hub and the
 * extension print the same report.
 */
import type { ImportIssue, IssueCode } from './types.ts';

type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const MESSAGES: Record<IssueCode, { en: Text; de: Text }> = {
  empty_file: { en: () => 'the file is empty', de: () => 'die Datei ist leer' },
  too_large: {
    en: (p) => `the file is larger than the ${p.limit} MB a JSON export may have here; export it as CSV instead`,
    de: (p) =>
      `die Datei ist größer als die ${p.limit} MB, die ein JSON-Export hier haben darf; bitte als CSV exportieren`,
  },
  record_too_long: {
    en: (p) => `the row starting here is longer than the ${p.limit} MB a row may have (an unclosed quote?)`,
    de: (p) =>
      `die hier beginnende Zeile ist länger als die ${p.limit} MB, die eine Zeile haben darf (ein nicht geschlossenes Anführungszeichen?)`,
  },
  encoding: {
    en: (p) =>
      `bytes after offset ${p.offset} are not UTF-8 although the text before them is; save the file in one encoding`,
    de: (p) =>
      `Bytes nach Position ${p.offset} sind kein UTF-8, der Text davor aber schon; bitte die Datei in einer Kodierung speichern`,
  },
  no_rows: {
    en: () => 'the file has a header but no data rows',
    de: () => 'die Datei hat Spaltenköpfe, aber keine Datenzeilen',
  },
  csv: {
    en: (p) => `the CSV cannot be read here: ${p.detail}`,
    de: (p) => `die CSV-Datei ist hier nicht lesbar: ${p.detail}`,
  },
  json: { en: (p) => `not valid JSON: ${p.detail}`, de: (p) => `kein gültiges JSON: ${p.detail}` },
  json_shape: {
    en: (p) => `expected an array of objects or an object with "${p.kind}": [...]`,
    de: (p) => `erwartet wird eine Liste von Objekten oder ein Objekt mit "${p.kind}": [...]`,
  },
  missing_column: {
    en: (p) => `required column missing; looked for "${p.column}" and its aliases (${p.aliases})`,
    de: (p) => `Pflichtspalte fehlt; gesucht wurde „${p.column}“ und ihre Alternativen (${p.aliases})`,
  },
  mapped_column_missing: {
    en: (p) => `the mapping names header "${p.header}" for ${p.column}, but the file has no such (free) column`,
    de: (p) =>
      `die Zuordnung nennt für ${p.column} die Spalte „${p.header}“, die Datei hat keine solche (freie) Spalte`,
  },
  unknown_mapping: {
    en: (p) => `the mapping names "${p.column}", which is not a column of ${p.kind}`,
    de: (p) => `die Zuordnung nennt „${p.column}“, keine Spalte von ${p.kind}`,
  },
  duplicate_header: {
    en: () => 'a second column with this header is ignored',
    de: () => 'eine zweite Spalte mit dieser Überschrift wird ignoriert',
  },
  ignored_column: { en: () => 'column not used', de: () => 'Spalte wird nicht verwendet' },
  skipped_lines: {
    en: (p) => `${p.count} line(s) above the header row skipped`,
    de: (p) => `${p.count} Zeile(n) über der Kopfzeile übersprungen`,
  },
  too_many_fields: {
    en: (p) => `the row has ${p.found} fields, the header ${p.expected} (an unquoted delimiter in a value?)`,
    de: (p) =>
      `die Zeile hat ${p.found} Felder, die Kopfzeile ${p.expected} (ein Trennzeichen ohne Anführungszeichen im Wert?)`,
  },
  required: { en: () => 'a value is required', de: () => 'Wert fehlt' },
  number: { en: () => 'not a number', de: () => 'keine Zahl' },
  date: {
    en: () => 'not a date (expected dd.mm.yyyy, d.m.yyyy, dd.mm.yy or yyyy-mm-dd)',
    de: () => 'kein Datum (erwartet: TT.MM.JJJJ, T.M.JJJJ, TT.MM.JJ oder JJJJ-MM-TT)',
  },
  no_such_date: { en: () => 'no such calendar date', de: () => 'dieses Datum gibt es nicht' },
  email: { en: () => 'not an email address', de: () => 'keine E-Mail-Adresse' },
  domain: { en: (p) => `"${p.part}" is not a domain`, de: (p) => `„${p.part}“ ist keine Domain` },
  currency: { en: () => 'not a three-letter currency code', de: () => 'kein dreibuchstabiger Währungscode' },
  crm_id: { en: (p) => `not a ${p.crm} id`, de: (p) => `keine ${p.crm}-ID` },
  duplicate: {
    en: (p) => `duplicate, first in row ${p.firstRow}`,
    de: (p) => `doppelt, zuerst in Zeile ${p.firstRow}`,
  },
  unknown_account: { en: (p) => `no such account in ${p.accounts}`, de: (p) => `kein solcher Kunde in ${p.accounts}` },
  unknown_sku: {
    en: (p) => `SKU not in ${p.products}; the product is taken from this line`,
    de: (p) => `Artikelnummer fehlt in ${p.products}; der Artikel wird aus dieser Zeile übernommen`,
  },
  product_name_conflict: {
    en: (p) => `the same SKU also has the name "${p.other}" (row ${p.otherRow}); the latest line's name is used`,
    de: (p) => `dieselbe Artikelnummer heißt auch „${p.other}“ (Zeile ${p.otherRow}); der Name der jüngsten Zeile gilt`,
  },
  invalid: { en: (p) => `invalid: ${p.detail}`, de: (p) => `ungültig: ${p.detail}` },
  more: { en: (p) => `and ${p.count} more`, de: (p) => `und ${p.count} weitere` },
};

/** Builds an issue with its English message. */
export function makeIssue(
  code: IssueCode,
  file: string,
  row: number,
  column: string,
  value: string,
  params: Params = {},
): ImportIssue {
  const issue: ImportIssue = { file, row, column, value, message: MESSAGES[code].en(params), code };
  if (Object.keys(params).length > 0) issue.params = params;
  return issue;
}

/** Collects issues up to a cap and counts the rest. */
export class IssueLog {
  private readonly kept: ImportIssue[] = [];
  private dropped = 0;

  constructor(private readonly max: number) {}

  add(issue: ImportIssue): void {
    if (this.kept.length < this.max) this.kept.push(issue);
    else this.dropped++;
  }

  get count(): number {
    return this.kept.length + this.dropped;
  }

  /** The kept issues, plus one "and N more" issue if any were dropped. */
  list(): ImportIssue[] {
    return this.dropped === 0
      ? this.kept.slice()
      : [...this.kept, makeIssue('more', '', 0, '', '', { count: this.dropped })];
  }
}

/**
 * A human-readable report, one line per issue: `orders.csv, row 7, column "Menge", value "zwei": not a number`.
 * German lines come from the issue's code and params (issues without a code keep their message). O(issues).
 *
 * @example
 * formatImportReport([{ file: 'a.csv', row: 3, column: 'Menge', value: 'x', message: 'not a number', code: 'number' }], 'de');
 * // => 'a.csv, Zeile 3, Spalte „Menge“, Wert „x“: keine Zahl'
 */
export function formatImportReport(errors: readonly ImportIssue[], locale: 'en' | 'de' = 'en'): string {
  return errors
    .map((e) => {
      const text = locale === 'de' && e.code ? MESSAGES[e.code].de(e.params ?? {}) : e.message;
      const parts: string[] = [];
      if (e.file) parts.push(e.file);
      if (e.row > 0) parts.push(locale === 'de' ? `Zeile ${e.row}` : `row ${e.row}`);
      if (e.column) parts.push(locale === 'de' ? `Spalte „${e.column}“` : `column "${e.column}"`);
      if (e.value) parts.push(locale === 'de' ? `Wert „${e.value}“` : `value "${e.value}"`);
      return parts.length > 0 ? `${parts.join(', ')}: ${text}` : text;
    })
    .join('\n');
}
