/**
 * One source file end to end: decode, read the table, map the header onto canonical columns (reporting what is
 * missing, unknown or ignored), detect the decimal separator from the numeric columns' values, then hand every row
 * to a converter.
 */
import { aliasesOf, resolveColumns } from './columns.ts';
import { DateReader } from './dates.ts';
import { decodeText } from './decode.ts';
import { detectDecimal, type DecimalSeparator } from './numbers.ts';
import { type IssueLog, makeIssue } from './report.ts';
import { RowReader } from './rows.ts';
import { readTable } from './table.ts';
import type { ImportFileStats, ImportOptions, Source, TableKind } from './types.ts';

const NUMERIC_COLUMNS: Record<TableKind, readonly string[]> = {
  accounts: [],
  orders: ['quantity', 'net_amount', 'margin'],
  products: [],
  contacts: [],
};
const ALIASES_IN_MESSAGE = 6;

export interface Logs {
  errors: IssueLog;
  warnings: IssueLog;
}

/**
 * Reads a source. `setup` gets the file's reader once its columns are known and returns the per-row handler, which
 * runs with the reader positioned on each data row. `readable` is false when the file could not be read as a table
 * of this kind (empty, bad JSON, required columns missing).
 */
export function readSource(
  source: Source,
  kind: TableKind,
  opts: ImportOptions,
  logs: Logs,
  setup: (r: RowReader) => () => void,
): { stats: ImportFileStats; readable: boolean } {
  const file = source.name;
  const decoded =
    typeof source.content === 'string'
      ? { text: source.content, encoding: 'utf-8' as const }
      : decodeText(source.content);
  const totalBytes = typeof source.content === 'string' ? source.content.length : source.content.byteLength;
  const stats: ImportFileStats = {
    file,
    kind,
    format: 'csv',
    encoding: decoded.encoding,
    decimal: '.',
    rows: 0,
    bytes: totalBytes,
    columns: {},
    headers: [],
  };
  const dates = new DateReader();
  let readable = false;
  stats.rows = readTable(
    decoded.text,
    {
      file,
      kind,
      errors: logs.errors,
      warnings: logs.warnings,
      progress: (rows, share) => opts.onProgress?.({ file, rows, bytes: Math.round(share * totalBytes), totalBytes }),
    },
    (start) => {
      stats.format = start.format;
      if (start.delimiter !== undefined) stats.delimiter = start.delimiter;
      const columns = resolveColumns(kind, start.headers, opts.mapping?.[kind]);
      stats.columns = columns.mapping;
      stats.headers = [...start.headers];
      const before = logs.errors.count;
      const at = start.headerRow;
      for (const column of columns.unknownMapping)
        logs.errors.add(makeIssue('unknown_mapping', file, at, column, '', { column, kind }));
      for (const { column, header } of columns.mappedMissing)
        logs.errors.add(makeIssue('mapped_column_missing', file, at, header, '', { column, header }));
      for (const column of columns.missing) {
        const aliases = aliasesOf(kind, column).slice(0, ALIASES_IN_MESSAGE).join(', ');
        logs.errors.add(makeIssue('missing_column', file, at, column, '', { column, aliases: `${aliases}, …` }));
      }
      for (const i of columns.duplicates)
        logs.warnings.add(makeIssue('duplicate_header', file, at, start.headers[i] ?? '', ''));
      for (const i of columns.ignored)
        logs.warnings.add(makeIssue('ignored_column', file, at, start.headers[i] ?? '', ''));
      if (logs.errors.count > before) return undefined;

      const decimal = sniffDecimal(kind, columns.index, start.sample, start.delimiter ?? ',');
      stats.decimal = decimal;
      const reader = new RowReader(file, columns, decimal, logs.errors, dates);
      const onRow = setup(reader);
      readable = true;
      return (values, row) => {
        reader.start(values, row);
        onRow();
      };
    },
  );
  return { stats, readable };
}

function sniffDecimal(
  kind: TableKind,
  index: Record<string, number>,
  sample: readonly (readonly unknown[])[],
  delimiter: string,
): DecimalSeparator {
  const values: string[] = [];
  for (const column of NUMERIC_COLUMNS[kind]) {
    const i = index[column];
    if (i === undefined) continue;
    for (const row of sample) {
      const v = row[i];
      if (typeof v === 'string') values.push(v);
    }
  }
  return detectDecimal(values, delimiter);
}
