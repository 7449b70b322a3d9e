/**
 * Reading the inputs of an effect measurement: the reps' marks (`account_id;talking_point_id;raised_at`, German or
 * English headers, any delimiter, German or ISO dates) and an orders export on its own (the accounts are the
 * snapshot's, so no accounts file is needed). Headers are matched like every import (lib/engine/import/columns.ts:
 * normalised, canonical name or an alias); every problem names file, row, column and value.
 */
import Papa from 'papaparse';
import type { RaisedMark } from './effects.ts';
import { COLUMNS, formatImportReport, normaliseHeader, parseDate } from './import/index.ts';
import { IssueLog } from './import/report.ts';
import { orderReader } from './import/rows.ts';
import { readSource } from './import/source.ts';
import type { Source } from './import/types.ts';
import type { OrderLine } from './records.ts';

const ACCOUNT_ALIASES = COLUMNS.accounts.find((c) => c.name === 'account_id')!.aliases;

/** The marks file's columns and the headers they are known by. */
export const MARK_COLUMNS = {
  account_id: ['accountId', ...ACCOUNT_ALIASES],
  talking_point_id: [
    'talkingPointId',
    'Talking Point',
    'Talking Point ID',
    'Point ID',
    'Gesprächspunkt',
    'Gesprächspunkt-ID',
    'Gesprächsthema',
    'Punkt',
  ],
  raised_at: [
    'raisedAt',
    'Raised',
    'Raised On',
    'Date',
    'Used At',
    'Angesprochen am',
    'Angesprochen',
    'Datum',
    'Besprochen am',
  ],
} as const;
type MarkColumn = keyof typeof MARK_COLUMNS;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const MAX_ERRORS = 100;

/**
 * Parses a marks file. O(size).
 * @example parseMarks('Kundennummer;Gesprächspunkt;Angesprochen am\n10001;cross-sell:A+B;12.01.2026\n', 'marks.csv') // => { ok: true, value: [{ accountId: '10001', talkingPointId: 'cross-sell:A+B', raisedAt: '2026-01-12' }] }
 */
export function parseMarks(text: string, file: string, locale: 'en' | 'de' = 'en'): ParseResult<RaisedMark[]> {
  const de = locale === 'de';
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { skipEmptyLines: true }).data;
  const headers = rows[0] ?? [];
  const norm = headers.map(normaliseHeader);
  const index = {} as Record<MarkColumn, number>;
  const errors: string[] = [];
  for (const [column, aliases] of Object.entries(MARK_COLUMNS) as [MarkColumn, readonly string[]][]) {
    const keys = [column, ...aliases].map(normaliseHeader);
    const at = keys.map((k) => norm.indexOf(k)).find((i) => i >= 0);
    if (at === undefined) {
      errors.push(
        de
          ? `${file}, Zeile 1: Spalte „${column}“ fehlt (auch bekannt als ${aliases.slice(0, 4).join(', ')}, …)`
          : `${file}, row 1: column "${column}" is missing (also known as ${aliases.slice(0, 4).join(', ')}, …)`,
      );
    } else index[column] = at;
  }
  if (errors.length > 0) return { ok: false, errors };
  const marks: RaisedMark[] = [];
  rows.slice(1).forEach((cells, k) => {
    const row = k + 2;
    const cell = (column: MarkColumn) => (cells[index[column]] ?? '').trim();
    const fail = (column: MarkColumn, value: string, en: string, deText: string) => {
      if (errors.length < MAX_ERRORS)
        errors.push(
          de
            ? `${file}, Zeile ${row}, Spalte „${headers[index[column]]}“, Wert „${value}“: ${deText}`
            : `${file}, row ${row}, column "${headers[index[column]]}", value "${value}": ${en}`,
        );
    };
    const accountId = cell('account_id');
    const talkingPointId = cell('talking_point_id');
    const rawDate = cell('raised_at');
    if (accountId === '') fail('account_id', '', 'empty', 'leer');
    if (!/^[a-z-]+:.+/.test(talkingPointId))
      fail(
        'talking_point_id',
        talkingPointId,
        'not a talking point id (kind:subject)',
        'keine Gesprächspunkt-ID (Art:Gegenstand)',
      );
    const date = parseDate(rawDate);
    if (!date.ok) fail('raised_at', rawDate, 'not a date', 'kein Datum');
    if (accountId !== '' && date.ok && /^[a-z-]+:.+/.test(talkingPointId))
      marks.push({ accountId, talkingPointId, raisedAt: date.iso });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: marks };
}

/**
 * Imports an orders export without an accounts file (any export `lens score` reads). O(size).
 * @example importOrders({ name: 'after.csv', content: 'Belegnummer;Kundennummer;Belegdatum;Artikelnummer;Menge;Nettobetrag\nRE-1;10001;31.01.2026;A-1;2;1.234,50\n' }).ok // => true
 */
export function importOrders(source: Source, locale: 'en' | 'de' = 'en'): ParseResult<OrderLine[]> {
  const logs = { errors: new IssueLog(MAX_ERRORS), warnings: new IssueLog(MAX_ERRORS) };
  const orders: OrderLine[] = [];
  const { readable } = readSource(source, 'orders', {}, logs, (r) => {
    const read = orderReader(r);
    return () => {
      const line = read();
      if (line) orders.push(line);
    };
  });
  if (logs.errors.count > 0 || !readable) {
    const report = formatImportReport(logs.errors.list(), locale);
    return { ok: false, errors: report === '' ? [`${source.name}: not an orders table`] : report.split('\n') };
  }
  return { ok: true, value: orders };
}
