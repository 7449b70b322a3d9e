/**
 * The import that the options page runs off the UI thread (in a Web Worker; see entrypoints/options/import.worker.ts):
 * CSV exports → engine import → full scoring → store, or a ready snapshot JSON (`lens score --out`) → store.
 * Either everything is stored in one transaction or nothing is: a bad file leaves the previous data untouched, and
 * the answer carries the engine's complete error report.
 */
import { z } from 'zod';
import { buildSnapshot } from './engine/build-snapshot.ts';
import { formatImportReport, importDataset, type ImportIssue } from './engine/import/index.ts';
import type { ImportFileStats } from './engine/import/types.ts';
import { parseSnapshot, type Snapshot } from './engine/snapshot.ts';
import { buildAccountIndex } from './match/index.ts';
import { readMany } from './store/read.ts';
import type { Db } from './store/open.ts';
import { storeSnapshot } from './store/snapshot.ts';

const FileSchema = z.object({ name: z.string().min(1).max(500), bytes: z.instanceof(Uint8Array) });
const MappingSchema = z.record(z.string().max(100), z.string().max(500));

export const ImportRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('csv'),
    accounts: FileSchema,
    orders: FileSchema,
    products: FileSchema.optional(),
    contacts: FileSchema.optional(),
    asOf: z.iso.date().optional(),
    /** Columns mapped by hand, per table: canonical column → header ('' = the file has none). */
    mapping: z
      .object({
        accounts: MappingSchema.optional(),
        orders: MappingSchema.optional(),
        products: MappingSchema.optional(),
        contacts: MappingSchema.optional(),
      })
      .optional(),
  }),
  z.object({ kind: z.literal('snapshot'), file: FileSchema }),
]);
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export type ImportProgress = { stage: 'parse' | 'score' | 'store'; file?: string; done: number; total: number };

/** How one file's columns were read: its headers in order and canonical column → header. */
export interface FileColumns {
  file: string;
  kind: 'accounts' | 'orders' | 'products' | 'contacts';
  headers: string[];
  mapping: Record<string, string>;
}

export type ImportOutcome =
  | { ok: true; accounts: number; rules: number; asOf: string; source: string; columns?: FileColumns[] }
  | { ok: false; errors: ImportIssue[]; report: string; columns?: FileColumns[] };

function columnsOf(files: readonly ImportFileStats[] | undefined): FileColumns[] {
  return (files ?? [])
    .filter((f) => f.format === 'csv' && f.headers.length > 0)
    .map((f) => ({ file: f.file, kind: f.kind, headers: f.headers, mapping: f.columns }));
}

/** Runs one import against the store. Never throws: every failure comes back as an outcome with a report. */
export async function runImport(
  db: Db,
  request: unknown,
  onProgress: (p: ImportProgress) => void = () => {},
  lang: 'en' | 'de' = 'en',
): Promise<ImportOutcome> {
  const parsed = ImportRequestSchema.safeParse(request);
  if (!parsed.success)
    return failure('request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const req = parsed.data;
  try {
    let snapshot: Snapshot;
    let source: string;
    let columns: FileColumns[] | undefined;
    if (req.kind === 'snapshot') {
      source = req.file.name;
      onProgress({ stage: 'parse', file: source, done: 0, total: req.file.bytes.length });
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8').decode(req.file.bytes));
      } catch (error) {
        return failure(source, `not JSON: ${(error as Error).message}`);
      }
      try {
        snapshot = parseSnapshot(json);
      } catch (error) {
        return failure(source, (error as Error).message);
      }
    } else {
      source = [req.accounts.name, req.orders.name].join(' + ');
      const result = await importDataset(
        {
          accounts: { name: req.accounts.name, content: req.accounts.bytes },
          orders: { name: req.orders.name, content: req.orders.bytes },
          ...(req.products ? { products: { name: req.products.name, content: req.products.bytes } } : {}),
          ...(req.contacts ? { contacts: { name: req.contacts.name, content: req.contacts.bytes } } : {}),
        },
        {
          onProgress: (p) => onProgress({ stage: 'parse', file: p.file, done: p.bytes, total: p.totalBytes }),
          ...(req.mapping ? { mapping: req.mapping } : {}),
        },
      );
      if (!result.ok)
        return {
          ok: false,
          errors: result.errors,
          report: formatImportReport(result.errors, lang),
          columns: columnsOf(result.files),
        };
      columns = columnsOf(result.stats.files);
      onProgress({ stage: 'score', done: 0, total: result.dataset.accounts.length });
      const insights = (await readMany(db, 'insights')).items.filter((i) => i.deletedAt === null);
      snapshot = buildSnapshot(result.dataset, {
        ...(req.asOf ? { asOf: req.asOf } : {}),
        insights,
        onProgress: (p) => onProgress({ stage: 'score', done: p.done, total: p.total }),
      });
    }
    onProgress({ stage: 'store', done: 0, total: snapshot.accounts.length });
    const index = buildAccountIndex(snapshot.accounts);
    await storeSnapshot(db, snapshot, index, { source });
    onProgress({ stage: 'store', done: snapshot.accounts.length, total: snapshot.accounts.length });
    return {
      ok: true,
      accounts: snapshot.accounts.length,
      rules: snapshot.rules.length,
      asOf: snapshot.asOf,
      source,
      ...(columns ? { columns } : {}),
    };
  } catch (error) {
    return failure('import', error instanceof Error ? error.message : String(error));
  }
}

function failure(file: string, message: string): ImportOutcome {
  const errors: ImportIssue[] = [{ file, row: 0, column: '', value: '', message }];
  return { ok: false, errors, report: `${file}: ${message}` };
}
