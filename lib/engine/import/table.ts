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
  /** Called per chunk with the data rows read so far and the share of the text consumed. */
  progress: (rows: number, share: number) => void;
}

/**
 * Reads `text` as CSV or JSON (JSON when it starts with `[` or `{`). `begin` gets the header and a sample and returns
 * the row handler, or undefined to stop (e.g. when required columns are missing). Returns the data rows read.
 */
export function readTable(
  text: string,
  ctx: TableContext,
  begin: (start: TableStart) => RowHandler | undefined,
): number {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body.slice(0, 64))?.[0];
  if (first === undefined) {
    ctx.errors.add(makeIssue('empty_file', ctx.file, 0, '', ''));
    return 0;
  }
  return first === '[' || first === '{' ? readJson(body, ctx, begin) : readCsv(body, ctx, begin);
}

function isEmptyRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

function readCsv(text: string, ctx: TableContext, begin: (start: TableStart) => RowHandler | undefined): number {
  let previewText = text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) : text;
  const cut = previewText.length < text.length ? previewText.lastIndexOf('\n') : -1;
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
    return 0;
  }
  const skipped = rows.slice(0, headerIndex).filter((r) => !isEmptyRow(r)).length;
  if (skipped > 0) ctx.warnings.add(makeIssue('skipped_lines', ctx.file, headerIndex, '', '', { count: skipped }));
  const headers = (rows[headerIndex] as string[]).map((h) => h.trim());
  const sample = rows.slice(headerIndex + 1).filter((r) => !isEmptyRow(r));
  const onRow = begin({ format: 'csv', delimiter, headers, headerRow: headerIndex + 1, sample });
  if (!onRow) return 0;

  let record = -1;
  let dataRows = 0;
  // Chunk by chunk as papaparse's own string streaming does it (the unparsed tail of a chunk, e.g. a row cut in two
  // or a quoted value with line breaks, goes before the next chunk), but in a loop: papaparse recurses once per
  // chunk, and every level keeps its chunk's text alive until the whole file is read.
  let base = 0;
  let partial = '';
  for (let at = 0; at < text.length; at += CHUNK_CHARS) {
    const last = at + CHUNK_CHARS >= text.length;
    const aggregate = partial + text.slice(at, at + CHUNK_CHARS);
    const results = new Papa.Parser({ delimiter, newline, skipEmptyLines: false }).parse(
      aggregate,
      base,
      !last,
    ) as Papa.ParseResult<string[]>;
    const cursor = results.meta.cursor;
    if (!last) {
      partial = aggregate.substring(cursor - base);
      base = cursor;
    }
    const first = record + 1;
    for (const error of results.errors) {
      const row = first + (error.row ?? 0) + 1;
      ctx.errors.add(makeIssue('csv', ctx.file, row, '', '', { detail: error.message }));
    }
    for (const cells of results.data) {
      record++;
      if (record <= headerIndex || isEmptyRow(cells)) continue;
      dataRows++;
      if (cells.length > headers.length) {
        const extra = cells.slice(headers.length).filter((c) => c.trim() !== '');
        if (extra.length > 0) {
          ctx.errors.add(
            makeIssue('too_many_fields', ctx.file, record + 1, '', extra.join(delimiter), {
              found: cells.length,
              expected: headers.length,
            }),
          );
          continue;
        }
      }
      onRow(cells, record + 1);
    }
    ctx.progress(dataRows, Math.min(1, cursor / text.length));
  }
  ctx.progress(dataRows, 1);
  return dataRows;
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
    if ((i + 1) % JSON_PROGRESS_ROWS === 0) ctx.progress(i + 1, (i + 1) / objects.length);
  });
  ctx.progress(objects.length, 1);
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
