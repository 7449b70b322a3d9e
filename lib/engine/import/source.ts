/**
 * One source file end to end: decode, read the table, map the header onto canonical columns (reporting what is
 * missing, unknown or ignored), detect the decimal separator from the numeric columns' values, then hand every row
 * to a converter.
 */
import { aliasesOf, resolveColumns } from './columns.ts';
import { DateReader } from './dates.ts';
import { MixedEncodingError, StreamDecoder } from './decode.ts';
import { detectDecimal, type DecimalSeparator } from './numbers.ts';
import { type IssueLog, makeIssue } from './report.ts';
import { RowReader } from './rows.ts';
import { TableParser } from './table.ts';
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

/** Bytes handed to the decoder at a time when a source is in memory. */
const BYTE_CHUNK = 1024 * 1024;

/**
 * Reads a source. `setup` gets the file's reader once its columns are known and returns the per-row handler, which
 * runs with the reader positioned on each data row. `readable` is false when the file could not be read as a table
 * of this kind (empty, bad JSON, required columns missing, beyond a limit). A source in memory is read at once; a
 * streamed one (`content` with `chunks`) goes through readSourceStream.
 * @throws {Error} when `source.content` is streamed
 */
export function readSource(
  source: Source,
  kind: TableKind,
  opts: ImportOptions,
  logs: Logs,
  setup: (r: RowReader) => () => void,
): { stats: ImportFileStats; readable: boolean } {
  const content = source.content;
  if (typeof content !== 'string' && !(content instanceof Uint8Array))
    throw new Error(`readSource: ${source.name} is streamed; use readSourceStream`);
  const reader = new SourceReader(source.name, kind, content.length, opts, logs, setup);
  if (typeof content === 'string') {
    reader.stats.encoding = 'utf-8';
    for (let at = 0; at < content.length; at += BYTE_CHUNK)
      reader.pushText(content.slice(at, at + BYTE_CHUNK), BYTE_CHUNK);
  } else {
    for (let at = 0; at < content.length && reader.reading; at += BYTE_CHUNK)
      reader.pushBytes(content.subarray(at, at + BYTE_CHUNK));
  }
  return reader.end();
}

/**
 * Reads any source, streamed ones chunk by chunk as they arrive (memory holds a chunk and the row being read, not
 * the file); see readSource.
 */
export async function readSourceStream(
  source: Source,
  kind: TableKind,
  opts: ImportOptions,
  logs: Logs,
  setup: (r: RowReader) => () => void,
): Promise<{ stats: ImportFileStats; readable: boolean }> {
  const content = source.content;
  if (typeof content === 'string' || content instanceof Uint8Array) return readSource(source, kind, opts, logs, setup);
  const reader = new SourceReader(source.name, kind, content.bytes, opts, logs, setup);
  for await (const chunk of content.chunks()) {
    if (!reader.reading) break;
    reader.pushBytes(chunk);
  }
  return reader.end();
}

/** Decoder, table parser and column mapping of one source, fed chunk by chunk. */
class SourceReader {
  readonly stats: ImportFileStats;
  private readonly decoder = new StreamDecoder();
  private readonly table: TableParser;
  private consumed = 0;
  private failed = false;
  private readable = false;

  constructor(
    private readonly file: string,
    kind: TableKind,
    private readonly totalBytes: number,
    opts: ImportOptions,
    private readonly logs: Logs,
    setup: (r: RowReader) => () => void,
  ) {
    this.stats = {
      file,
      kind,
      format: 'csv',
      encoding: 'utf-8',
      decimal: '.',
      rows: 0,
      bytes: totalBytes,
      columns: {},
      headers: [],
    };
    const stats = this.stats;
    const dates = new DateReader();
    this.table = new TableParser(
      {
        file,
        kind,
        errors: logs.errors,
        warnings: logs.warnings,
        progress: (rows) => opts.onProgress?.({ file, rows, bytes: Math.min(this.consumed, totalBytes), totalBytes }),
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
        this.readable = true;
        return (values, row) => {
          reader.start(values, row);
          onRow();
        };
      },
    );
  }

  /** False once the file cannot be read further (its bytes are in no one encoding, a limit is passed). */
  get reading(): boolean {
    return !this.failed && this.table.reading;
  }

  pushBytes(bytes: Uint8Array): void {
    if (!this.reading) return;
    let text: string;
    try {
      text = this.decoder.push(bytes);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.pushText(text, bytes.length);
  }

  pushText(text: string, bytes: number): void {
    this.consumed += bytes;
    this.table.push(text);
  }

  end(): { stats: ImportFileStats; readable: boolean } {
    if (!this.failed) {
      try {
        this.table.push(this.decoder.end());
      } catch (error) {
        this.fail(error);
      }
    }
    this.consumed = this.totalBytes;
    this.stats.rows = this.table.end();
    this.stats.encoding = this.decoder.encoding;
    return { stats: this.stats, readable: this.readable && !this.failed && !this.table.limited };
  }

  private fail(error: unknown): void {
    if (!(error instanceof MixedEncodingError)) throw error;
    this.failed = true;
    this.logs.errors.add(makeIssue('encoding', this.file, 0, '', '', { offset: error.byteOffset }));
  }
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
