/**
 * Messages between the options page and its import worker (import.worker.ts), as zod schemas: both sides parse what
 * they receive, so a malformed message is reported instead of half-handled.
 *
 * page → worker: `start` (the import request; its files are transferred, not copied)
 * worker → page: `progress` (any number), then exactly one `done` (the outcome) or `crash` (the worker failed)
 */
import { z } from 'zod';
import { ImportRequestSchema, type ImportProgress } from '../../lib/import-job.ts';

export const StartMessageSchema = z.object({
  type: z.literal('start'),
  request: ImportRequestSchema,
  lang: z.enum(['en', 'de']),
});
export type StartMessage = z.infer<typeof StartMessageSchema>;

const ProgressSchema = z.object({
  stage: z.enum(['parse', 'score', 'store']),
  file: z.string().optional(),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
}) satisfies z.ZodType<ImportProgress>;

const IssueSchema = z.object({
  file: z.string(),
  row: z.number(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const ColumnsSchema = z.array(
  z.object({
    file: z.string(),
    kind: z.enum(['accounts', 'orders', 'products', 'contacts']),
    headers: z.array(z.string()),
    mapping: z.record(z.string(), z.string()),
  }),
);

const OutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    accounts: z.number(),
    rules: z.number(),
    asOf: z.string(),
    source: z.string(),
    columns: ColumnsSchema.optional(),
  }),
  z.object({
    ok: z.literal(false),
    errors: z.array(IssueSchema),
    report: z.string(),
    columns: ColumnsSchema.optional(),
  }),
]);

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: ProgressSchema }),
  z.object({ type: z.literal('done'), outcome: OutcomeSchema }),
  z.object({ type: z.literal('crash'), error: z.string() }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;

/** The outcome as the page sees it (issue codes arrive as plain strings). */
export type PageOutcome = z.infer<typeof OutcomeSchema>;
