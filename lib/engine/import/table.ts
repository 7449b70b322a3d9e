/**
 * Reads one file as a table: a header and rows of cells, CSV (papaparse, streamed in chunks) or JSON. The caller
 * sees the header and a sample of rows first (to map columns and detect the decimal separator) and then gets every
 * data row with its spreadsheet row number. Empty rows are skipped but counted, so row numbers stay those Excel shows.
 */
import Papa from 'papaparse';
import { headerScore, normaliseHeader } from './columns.ts';
import { type IssueLog, makeIssue } from './report.ts';
import type { TableKind } from './types.ts';

/** The rows the reader looks at before the real pass: header detection and decimal sniffing. */
const PREVIEW_CHARS = 256 * 1024;
const PREVIEW_ROWS = 2000;
/** Lines above the header that an export may carry (report titles, dates). */
const MAX_TITLE_LINES = 10;
/** String chunk per papaparse step: large enough to be fast, small enough to keep the rows of one chunk small. */
const CHUNK_CHARS = 1024 * 1024;
const JSON_PROGRESS_ROWS = 50_000;

export interface TableStart {
  format: 'csv' | 'json';
  delimiter?: string;
  headers: string[];
  /** Spreadsheet row of the header. */
  headerRow: number;
  /** Up to PREVIEW_ROWS data rows, for sniffing. */
  sample: readonly (readonly unknown[])[];
}

export type RowHandler = (values: readonly unknown[], row: number) => void;

export interface TableContext {
  file: string;
  kind: TableKind;
  errors: IssueLog;
  warnings: IssueLog;
  /** Called per chunk of about 1 MB with the data rows read so far, and once at the end. */
  progress: (rows: number) => void;
}

/** A JSON export is parsed whole: more than this many characters is refused (V8 strings end at 2^29 − 24). */
export const MAX_JSON_CHARS = 256 * 1024 * 1024;
/** One CSV record (a row, with its quoted line breaks) may be at most this long; longer is an unclosed quote. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * Reads a table from text given in chunks of any size (`push`, then `end`): CSV, or JSON when the text starts with
 * `[` or `{`. `begin` gets the header and a sample and returns the row handler, or undefined to stop (e.g. when
 * required columns are missing). CSV rows reach the handler as the text comes, in about 1 MB steps, so memory holds
 * a chunk and the row being read, never the file; JSON is collected and parsed at the end (up to MAX_JSON_CHARS).
 * A leading BOM character is dropped. `end` returns the data rows read.
 */
export class TableParser {
  private sniffed: string[] = [];
  private sniffedChars = 0;
  private mode: 'sniff' | 'csv' | 'json' | 'done' = 'sniff';
  private csv: CsvState | undefined;
  private jsonChars = 0;
  private first = true;
  private rows = 0;

  /** False once reading has stopped (at the end, or early: no header, required columns missing, a limit passed). */
  get reading(): boolean {
    return this.mode !== 'done';
  }

  /** True when reading stopped at a limit (MAX_JSON_CHARS, MAX_RECORD_CHARS); the error is logged. */
  limited = false;

  constructor(
    private readonly ctx: TableContext,
    private readonly begin: (start: TableStart) => RowHandler | undefined,
  ) {}

  push(text: string): void {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length === 0) return;
    switch (this.mode) {
      case 'sniff':
        this.sniffed.push(text);
        this.sniffedChars += text.length;
        if (this.sniffedChars >= PREVIEW_CHARS) this.decide(false);
        return;
      case 'json':
        this.jsonChars += text.length;
        if (this.jsonChars > MAX_JSON_CHARS) {
          this.tooLarge();
          return;
        }
        this.sniffed.push(text);
        return;
      case 'csv':
        this.pushCsv(text, false);
        return;
      case 'done':
        return;
    }
  }

  end(): number {
    if (this.mode === 'sniff') this.decide(true);
    if (this.mode === 'csv') {
      this.pushCsv('', true);
      this.ctx.progress(this.rows);
    } else if (this.mode === 'json') {
      const text = this.sniffed.join('');
      this.sniffed = [];
      this.rows = readJson(text, this.ctx, this.begin);
    }
    this.mode = 'done';
    return this.rows;
  }

  private tooLarge(): void {
    this.limited = true;
    this.ctx.errors.add(makeIssue('too_large', this.ctx.file, 0, '', '', { limit: MAX_JSON_CHARS / 1024 / 1024 }));
    this.sniffed = [];
    this.mode = 'done';
  }

  private decide(last: boolean): void {
    const text = this.sniffed.join('');
    this.sniffed = [];
    const first = /\S/.exec(text.slice(0, 64))?.[0];
    if (first === undefined && last) {
      this.ctx.errors.add(makeIssue('empty_file', this.ctx.file, 0, '', ''));
      this.mode = 'done';
      return;
    }
    if (first === '[' || first === '{') {
      this.mode = 'json';
      this.jsonChars = text.length;
      if (this.jsonChars > MAX_JSON_CHARS) this.tooLarge();
      else this.sniffed.push(text);
      return;
    }
    const csv = startCsv(text, last, this.ctx, this.begin);
    if (!csv) {
      this.mode = 'done';
      return;
    }
    this.csv = csv;
    this.mode = 'csv';
    this.pushCsv(text, last);
  }

  private pushCsv(text: string, last: boolean): void {
    const csv = this.csv as CsvState;
    if (text.length > 0) {
      csv.pending.push(text);
      csv.pendingChars += text.length;
    }
    if (!last && csv.pendingChars < CHUNK_CHARS) return;
    let joined = csv.pending.join('');
    csv.pending = [];
    csv.pendingChars = 0;
    let ok = true;
    while (ok && joined.length >= CHUNK_CHARS && !(last && joined.length === CHUNK_CHARS)) {
      ok = parseCsvChunk(csv, joined.slice(0, CHUNK_CHARS), false, this.ctx);
      joined = joined.slice(CHUNK_CHARS);
    }
    if (ok && last) ok = parseCsvChunk(csv, joined, true, this.ctx);
    else if (ok && joined.length > 0) {
      csv.pending.push(joined);
      csv.pendingChars = joined.length;
    }
    this.rows = csv.dataRows;
    if (!ok) this.limited = true;
    if (!ok || last) this.mode = 'done';
  }
}

/**
 * Reads `text` as CSV or JSON (JSON when it starts with `[` or `{`); see TableParser. Returns the data rows read.
 */
export function readTable(
  text: string,
  ctx: TableContext,
  begin: (start: TableStart) => RowHandler | undefined,
): number {
  const parser = new TableParser(ctx, begin);
  for (let at = 0; at < text.length; at += CHUNK_CHARS) parser.push(text.slice(at, at + CHUNK_CHARS));
  return parser.end();
}

function isEmptyRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

interface CsvState {
  delimiter: string;
  newline: '\r\n' | '\n' | '\r';
  headerIndex: number;
  headers: string[];
  onRow: RowHandler;
  record: number;
  dataRows: number;
  base: number;
  partial: string;
  pending: string[];
  pendingChars: number;
}

/** Header detection and sniffing on the first PREVIEW_CHARS of the text; undefined when reading stops here. */
function startCsv(
  text: string,
  last: boolean,
  ctx: TableContext,
  begin: (start: TableStart) => RowHandler | undefined,
): CsvState | undefined {
  let previewText = text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) : text;
  const cut = previewText.length < text.length || !last ? previewText.lastIndexOf('\n') : -1;
  if (cut > 0) previewText = previewText.slice(0, cut);
  // Papaparse's guess counts empty lines as one-field rows, so it guesses on the non-empty ones; the preview proper
  // keeps them, so that its row indices are the file's.
  const delimiter = Papa.parse<string[]>(previewText, {
    preview: 50,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [';', ',', '\t', '|'],
  }).meta.delimiter;
  const preview = Papa.parse<string[]>(previewText, {
    delimiter,
    preview: PREVIEW_ROWS + MAX_TITLE_LINES,
    skipEmptyLines: false,
  });
  const newline = preview.meta.linebreak as '\r\n' | '\n' | '\r';
  const rows = preview.data;

  let headerIndex = -1;
  let best = 0;
  for (let i = 0; i < Math.min(rows.length, MAX_TITLE_LINES + 1); i++) {
    const cells = rows[i] as string[];
    if (isEmptyRow(cells)) continue;
    if (headerIndex < 0) headerIndex = i;
    const score = headerScore(ctx.kind, cells);
    if (score > best) {
      best = score;
      headerIndex = i;
    }
  }
  if (headerIndex < 0) {
    ctx.errors.add(makeIssue('empty_file', ctx.file, 0, '', ''));
    return undefined;
  }
  const skipped = rows.slice(0, headerIndex).filter((r) => !isEmptyRow(r)).length;
  if (skipped > 0) ctx.warnings.add(makeIssue('skipped_lines', ctx.file, headerIndex, '', '', { count: skipped }));
  const headers = (rows[headerIndex] as string[]).map((h) => h.trim());
  const sample = rows.slice(headerIndex + 1).filter((r) => !isEmptyRow(r));
  const onRow = begin({ format: 'csv', delimiter, headers, headerRow: headerIndex + 1, sample });
  if (!onRow) return undefined;
  return {
    delimiter,
    newline,
    headerIndex,
    headers,
    onRow,
    record: -1,
    dataRows: 0,
    base: 0,
    partial: '',
    pending: [],
    pendingChars: 0,
  };
}

/**
 * One step of papaparse's own string streaming, in a loop rather than its recursion (every level of which keeps its
 * chunk's text alive until the file ends): the unparsed tail of a chunk (a row cut in two, a quoted value with line
 * breaks) goes before the next chunk. Returns false when reading stops (a record beyond MAX_RECORD_CHARS).
 */
function parseCsvChunk(csv: CsvState, chunk: string, last: boolean, ctx: TableContext): boolean {
  const aggregate = csv.partial + chunk;
  const results = new Papa.Parser({ delimiter: csv.delimiter, newline: csv.newline, skipEmptyLines: false }).parse(
    aggregate,
    csv.base,
    !last,
  ) as Papa.ParseResult<string[]>;
  const cursor = results.meta.cursor;
  if (!last) {
    csv.partial = aggregate.substring(cursor - csv.base);
    csv.base = cursor;
  } else csv.partial = '';
  const { headers, delimiter, headerIndex, onRow } = csv;
  const first = csv.record + 1;
  for (const error of results.errors) {
    const row = first + (error.row ?? 0) + 1;
    ctx.errors.add(makeIssue('csv', ctx.file, row, '', '', { detail: error.message }));
  }
  for (const cells of results.data) {
    csv.record++;
    if (csv.record <= headerIndex || isEmptyRow(cells)) continue;
    csv.dataRows++;
    if (cells.length > headers.length) {
      const extra = cells.slice(headers.length).filter((c) => c.trim() !== '');
      if (extra.length > 0) {
        ctx.errors.add(
          makeIssue('too_many_fields', ctx.file, csv.record + 1, '', extra.join(delimiter), {
            found: cells.length,
            expected: headers.length,
          }),
        );
        continue;
      }
    }
    onRow(cells, csv.record + 1);
  }
  if (csv.partial.length > MAX_RECORD_CHARS) {
    ctx.errors.add(
      makeIssue('record_too_long', ctx.file, csv.record + 2, '', '', { limit: MAX_RECORD_CHARS / 1024 / 1024 }),
    );
    return false;
  }
  ctx.progress(csv.dataRows);
  return true;
}

/** `[{...}]`, or `{ "<kind>": [{...}] }`, or an object with exactly one array. Nested objects flatten to `a.b` keys. */
function readJson(text: string, ctx: TableContext, begin: (start: TableStart) => RowHandler | undefined): number {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    ctx.errors.add(makeIssue('json', ctx.file, 0, '', '', { detail: e instanceof Error ? e.message : String(e) }));
    return 0;
  }
  const list = jsonRows(data, ctx.kind);
  if (!list) {
    ctx.errors.add(makeIssue('json_shape', ctx.file, 0, '', '', { kind: ctx.kind }));
    return 0;
  }
  const objects: Record<string, unknown>[] = [];
  const keys = new Map<string, number>();
  list.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      ctx.errors.add(makeIssue('json_shape', ctx.file, i + 1, '', JSON.stringify(item) ?? '', { kind: ctx.kind }));
      objects.push({});
      return;
    }
    const flat = flatten(item as Record<string, unknown>);
    for (const k of Object.keys(flat)) if (!keys.has(k)) keys.set(k, keys.size);
    objects.push(flat);
  });
  const headers = [...keys.keys()];
  const toRow = (o: Record<string, unknown>): unknown[] => headers.map((h) => o[h]);
  const onRow = begin({ format: 'json', headers, headerRow: 0, sample: objects.slice(0, PREVIEW_ROWS).map(toRow) });
  if (!onRow) return 0;
  objects.forEach((o, i) => {
    onRow(toRow(o), i + 1);
    if ((i + 1) % JSON_PROGRESS_ROWS === 0) ctx.progress(i + 1);
  });
  ctx.progress(objects.length);
  return objects.length;
}

function jsonRows(data: unknown, kind: TableKind): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (data === null || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const named = Object.keys(record).find((k) => normaliseHeader(k) === kind);
  if (named !== undefined) return Array.isArray(record[named]) ? (record[named] as unknown[]) : undefined;
  const arrays = Object.values(record).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : undefined;
}

function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out[prefix + k] = v;
  }
  return out;
}
