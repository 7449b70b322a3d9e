/**
 * Export and import of insights, as CSV (a header row, one insight per row, lists as JSON arrays so nothing is
 * lost) or JSON (`{schemaVersion, exportedAt, accountId, insights}`). An export imports back unchanged, and importing
 * the same file twice changes nothing: rows are matched by id, and a stored rev at least as new wins.
 *
 * CSV is written by lib/csv.ts (shared with the hub's review export): cells that a spreadsheet would run as a
 * formula get a leading apostrophe, which the import takes off again; cells with a separator are quoted.
 */
import Papa from 'papaparse';
import { readCsvCell, toCsv } from '../csv.ts';
import { z } from 'zod';
import { InsightSchema, type Insight } from '../engine/insight.ts';
import type { Mutation } from '../sync/protocol.ts';
import { describeIssues, StoreError } from './errors.ts';
import {
  checkClientId,
  inTransaction,
  MUTATION_STORES,
  newestFirst,
  readInsightForWrite,
  type ChangeContext,
} from './insights.ts';
import { takeMutationId } from './meta.ts';
import type { Db } from './open.ts';
import { readMany } from './read.ts';

export const EXPORT_SCHEMA_VERSION = 1;

export const CSV_COLUMNS = [
  'id',
  'accountId',
  'author',
  'createdAt',
  'updatedAt',
  'type',
  'title',
  'body',
  'sentiment',
  'products',
  'tags',
  'followUpAt',
  'sourceKind',
  'sourceUrl',
  'visibility',
  'status',
  'outcome',
  'talkingPoints',
  'rev',
  'deletedAt',
] as const;
type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

const ExportFileSchema = z.object({
  schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
  insights: z.array(z.unknown()),
});

export interface ExportOptions {
  format: 'csv' | 'json';
  /** One account's insights; all when omitted. */
  accountId?: string;
  /** Soft-deleted insights are exported too unless false (they are tombstones the hub needs). */
  includeDeleted?: boolean;
  now?: Date;
}

/**
 * Serialises insights, newest first. Damaged records are quarantined (as on every read) and left out.
 * @example
 * await exportInsights(db, { format: 'csv', accountId: 'A-17' }); // => 'id,accountId,author,…\r\n01J…,A-17,…'
 */
export async function exportInsights(db: Db, options: ExportOptions): Promise<string> {
  const { items } =
    options.accountId === undefined
      ? await readMany(db, 'insights')
      : await readMany(db, 'insights', { index: 'accountId', key: options.accountId });
  const insights = items.filter((i) => options.includeDeleted !== false || i.deletedAt === null).sort(newestFirst);
  if (options.format === 'json') {
    const exportedAt = (options.now ?? new Date()).toISOString();
    return JSON.stringify(
      { schemaVersion: EXPORT_SCHEMA_VERSION, exportedAt, accountId: options.accountId ?? null, insights },
      null,
      2,
    );
  }
  return toCsv(
    CSV_COLUMNS,
    insights.map((i) => {
      const row = toCsvRow(i);
      return CSV_COLUMNS.map((c) => row[c]);
    }),
  );
}

export interface InsightImportIssue {
  /** "row 3" (the spreadsheet row, header = row 1) for CSV, "insights[2]" for JSON, "file" for the whole file. */
  row: string;
  path: string;
  message: string;
}

export interface ImportReport {
  added: number;
  updated: number;
  /** Already stored with the same or a newer rev (or repeated in the file). */
  skipped: number;
  errors: InsightImportIssue[];
}

export interface ImportContext extends ChangeContext {
  /** What to do with a row whose account is not in the snapshot: refuse the row (default) or import it unassigned. */
  unknownAccount?: 'reject' | 'unassign';
}

/**
 * Imports an export (CSV or JSON, detected from the text). Every valid row is written, with its outbox mutation,
 * in one transaction; invalid rows are reported by row and field and change nothing.
 * Idempotent: a row whose id is stored with the same or a newer rev is skipped.
 * @throws {StoreError} 'invalid' when the text is neither an AccountLens CSV (missing `id` column) nor JSON export
 */
export async function importInsights(db: Db, text: string, ctx: ImportContext): Promise<ImportReport> {
  const now = ctx.now ?? new Date();
  checkClientId('importInsights', ctx.clientId);
  const report: ImportReport = { added: 0, updated: 0, skipped: 0, errors: [] };
  const rows = text.trimStart().startsWith('{') ? readJsonRows(text) : readCsvRows(text, report);

  const newest = new Map<string, { row: string; insight: Insight }>();
  for (const { row, value } of rows) {
    const parsed = InsightSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error)) report.errors.push({ row, ...issue });
      continue;
    }
    const seen = newest.get(parsed.data.id);
    if (seen && seen.insight.rev >= parsed.data.rev) report.skipped++;
    else {
      if (seen) report.skipped++;
      newest.set(parsed.data.id, { row, insight: parsed.data });
    }
  }

  const written: Insight[] = [];
  const tx = db.transaction(MUTATION_STORES, 'readwrite');
  await inTransaction(tx, async () => {
    for (const { row, insight: imported } of newest.values()) {
      const existing = await readInsightForWrite(tx, imported.id, now);
      if (existing && existing.rev >= imported.rev) {
        report.skipped++;
        continue;
      }
      let insight = imported;
      if (
        insight.accountId !== null &&
        insight.accountId !== existing?.accountId &&
        (await tx.objectStore('accounts').getKey(insight.accountId)) === undefined
      ) {
        if (ctx.unknownAccount !== 'unassign') {
          report.errors.push({
            row,
            path: 'accountId',
            message: `unknown account "${insight.accountId}" (import the snapshot first, or import unassigned)`,
          });
          continue;
        }
        insight = { ...insight, accountId: null };
      }
      const mutationId = await takeMutationId(tx, now);
      const mutation: Mutation = { kind: 'insight.put', mutationId, insight, baseRev: existing?.rev ?? 0 };
      await tx.objectStore('insights').put(insight);
      await tx
        .objectStore('outbox')
        .add({ mutationId, mutation, clientId: ctx.clientId, createdAt: now.toISOString(), attempts: 0 });
      if (existing) report.updated++;
      else report.added++;
      written.push(insight);
    }
  });
  for (const insight of written) ctx.searchIndex?.upsert(insight);
  return report;
}

function toCsvRow(i: Insight): CsvRow {
  return {
    id: i.id,
    accountId: i.accountId ?? '',
    author: i.author,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    type: i.type,
    title: i.title,
    body: i.body,
    sentiment: i.sentiment,
    products: JSON.stringify(i.products),
    tags: JSON.stringify(i.tags),
    followUpAt: i.followUpAt ?? '',
    sourceKind: i.source.kind,
    sourceUrl: i.source.url ?? '',
    visibility: i.visibility,
    status: i.status,
    outcome: i.outcome ?? '',
    talkingPoints: i.talkingPoints ? JSON.stringify(i.talkingPoints) : '',
    rev: i.rev,
    deletedAt: i.deletedAt ?? '',
  };
}

interface RawRow {
  row: string;
  value: unknown;
}

function readJsonRows(text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StoreError('invalid', `importInsights: the file is not valid JSON (${(error as Error).message})`);
  }
  const file = ExportFileSchema.safeParse(data);
  if (!file.success) {
    throw new StoreError(
      'invalid',
      `importInsights: not an AccountLens insight export (expected {schemaVersion: ${EXPORT_SCHEMA_VERSION}, insights: [...]})`,
      describeIssues(file.error),
    );
  }
  return file.data.insights.map((value, i) => ({ row: `insights[${i}]`, value }));
}

function readCsvRows(text: string, report: ImportReport): RawRow[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
  });
  const fields = parsed.meta.fields ?? [];
  const missing = CSV_COLUMNS.filter((c) => !fields.includes(c));
  if (missing.includes('id'))
    throw new StoreError(
      'invalid',
      `importInsights: not an AccountLens insight export (no "id" column; columns: ${fields.join(', ') || 'none'})`,
    );
  for (const error of parsed.errors)
    report.errors.push({ row: `row ${(error.row ?? 0) + 2}`, path: '', message: `CSV: ${error.message}` });
  const broken = new Set(parsed.errors.map((e) => e.row));
  return parsed.data.flatMap((cells, i) => {
    if (broken.has(i)) return [];
    const row = `row ${i + 2}`;
    const { value, issues } = fromCsvRow(cells);
    for (const issue of issues) report.errors.push({ row, ...issue });
    return issues.length ? [] : [{ row, value }];
  });
}

/** Turns CSV cells back into an insight-shaped object (zod validates it afterwards); `issues` for unreadable lists. */
function fromCsvRow(cells: Record<string, string>): {
  value: Record<string, unknown>;
  issues: { path: string; message: string }[];
} {
  const issues: { path: string; message: string }[] = [];
  const text = (c: string): string | undefined => {
    const v = cells[c];
    if (v === undefined) return undefined;
    return readCsvCell(v);
  };
  const orNull = (c: string): string | null => text(c) || null;
  const orUndefined = (c: string): string | undefined => text(c) || undefined;
  const number = (c: string): number | undefined => (text(c) ? Number(text(c)) : undefined);
  const list = (c: string): unknown => {
    const v = text(c);
    if (!v) return undefined;
    try {
      return JSON.parse(v);
    } catch {
      issues.push({ path: c, message: 'expected a JSON list like ["a","b"]' });
      return undefined;
    }
  };
  const value = {
    id: text('id'),
    accountId: orNull('accountId'),
    author: text('author'),
    createdAt: text('createdAt'),
    updatedAt: text('updatedAt'),
    type: text('type'),
    title: text('title'),
    body: text('body') ?? '',
    sentiment: number('sentiment'),
    products: list('products'),
    tags: list('tags'),
    followUpAt: orNull('followUpAt'),
    source: { kind: text('sourceKind') || 'import', url: orUndefined('sourceUrl') },
    visibility: orUndefined('visibility'),
    status: orUndefined('status'),
    outcome: orUndefined('outcome'),
    talkingPoints: list('talkingPoints'),
    rev: number('rev'),
    deletedAt: orNull('deletedAt'),
  };
  return { value, issues };
}
