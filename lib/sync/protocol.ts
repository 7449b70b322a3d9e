/**
 * The sync wire format, shared by the extension (lib/store's outbox, lib/sync's client) and the hub (server/).
 *
 * Modelled on Replicache's push/pull: every client has an id and numbers its mutations 1, 2, 3 … in the order they
 * were made. The hub applies mutation n only after n − 1, skips those it already applied (replays are harmless),
 * and when one is rejected it still advances the client's last mutation id, so one bad note never blocks the
 * queue behind it; the rejection reason goes back to the client, which shows it to the rep.
 */
import { z } from 'zod';
import { InsightSchema, UlidSchema } from '../engine/insight.ts';
import { ModelConfigInputSchema, ModelConfigSchema } from '../engine/model-config.ts';
import { ScoredAccountSchema, SnapshotSchema } from '../engine/snapshot.ts';

export const PROTOCOL_VERSION = 1;

export const ClientIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const MutationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('insight.put'),
    mutationId: z.number().int().positive(),
    /** The insight as the client has it after the edit (rev already incremented). */
    insight: InsightSchema,
    /** The rev this edit started from (0 for a new insight): the hub detects concurrent edits with it. */
    baseRev: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('insight.delete'),
    mutationId: z.number().int().positive(),
    insightId: z.string(),
    baseRev: z.number().int().nonnegative(),
    deletedAt: z.iso.datetime({ offset: true }),
  }),
]);
export type Mutation = z.infer<typeof MutationSchema>;

/**
 * Ends a conflict (see PullResponse.conflicts) once the rep has merged it into a new `insight.put` or decided to
 * keep the winner. Only the conflict's author may resolve it.
 */
export const ConflictResolveMutationSchema = z.object({
  kind: z.literal('conflict.resolve'),
  mutationId: z.number().int().positive(),
  conflictId: z.number().int().positive(),
});

/** Every mutation kind the hub accepts: MutationSchema's plus `conflict.resolve`. */
export const AnyMutationSchema = z.discriminatedUnion('kind', [
  ...MutationSchema.options,
  ConflictResolveMutationSchema,
]);
export type AnyMutation = z.infer<typeof AnyMutationSchema>;

// ---------------------------------------------------------------------------------------------------------------
// What the hub's database can store. JSON and zod accept more than PostgreSQL does: a NUL character or a lone
// surrogate in a text, an integer column's 2³¹, a year 0000 or a time zone offset of 16 hours. The hub checks every
// mutation with `storableIssues` and rejects one that fails alone (its id is used up like any rejection), so the
// rest of the batch is stored and the client's queue moves on; the reason names the field. Clients may run the
// same check before queueing a note, to tell the rep at once.
// ---------------------------------------------------------------------------------------------------------------

/** The largest value of a PostgreSQL `int` (revs and conflict ids are stored as such). */
export const MAX_DB_INT = 2 ** 31 - 1;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL cannot store `text`, or null when it can.
 * @example textIssue('a\u0000b') // => 'contains a NUL character (U+0000)'
 */
export function textIssue(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (broken Unicode)';
  return null;
}

const OFFSET = /(?:Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * Why PostgreSQL cannot store the ISO date or date-time `value` (already valid ISO 8601), or null when it can:
 * years 0001 to 9999 only (also once converted to UTC), offsets below 16 hours.
 * @example dateIssue('0000-01-01T00:00:00Z') // => 'year 0000 is outside 0001..9999'
 */
export function dateIssue(value: string): string | null {
  const year = Number(value.slice(0, 4));
  if (!(year >= 1 && year <= 9999)) return `year ${value.slice(0, 4)} is outside 0001..9999`;
  if (value.length > 10) {
    const offset = OFFSET.exec(value);
    if (offset?.[1] && Number(offset[2]) * 60 + Number(offset[3]) >= 16 * 60)
      return `time zone offset ${offset[0]} is beyond ±15:59`;
    const utcYear = new Date(Date.parse(value)).getUTCFullYear();
    if (!(utcYear >= 1 && utcYear <= 9999)) return `${value} is outside the years 0001..9999 in UTC`;
  }
  return null;
}

const DATE_FIELDS = new Set(['createdAt', 'updatedAt', 'deletedAt', 'followUpAt']);
const INT_FIELDS = new Set(['rev', 'baseRev', 'conflictId']);

/**
 * Every reason the hub's database would refuse `mutation` (a parsed AnyMutation), each with the field's path;
 * empty when it can be stored. O(size of the mutation).
 * @example storableIssues({ kind: 'conflict.resolve', mutationId: 1, conflictId: 2 ** 31 }) // => [{ path: 'conflictId', message: 'must be at most 2147483647' }]
 */
export function storableIssues(mutation: AnyMutation): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    const key = path[path.length - 1];
    const at = () => path.join('.');
    if (typeof value === 'string') {
      const text = textIssue(value);
      if (text) issues.push({ path: at(), message: text });
      else if (typeof key === 'string' && DATE_FIELDS.has(key)) {
        const date = dateIssue(value);
        if (date) issues.push({ path: at(), message: date });
      }
    } else if (typeof value === 'number') {
      if (typeof key === 'string' && INT_FIELDS.has(key) && value > MAX_DB_INT)
        issues.push({ path: at(), message: `must be at most ${MAX_DB_INT}` });
    } else if (Array.isArray(value)) {
      value.forEach((v, k) => walk(v, [...path, k]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(mutation, []);
  // A delete stores rev baseRev + 1.
  if (mutation.kind === 'insight.delete' && mutation.baseRev >= MAX_DB_INT)
    issues.push({ path: 'baseRev', message: `must be below ${MAX_DB_INT}` });
  return issues;
}

/** AnyMutationSchema narrowed to what the hub can store (see `storableIssues`). */
export const StorableMutationSchema = AnyMutationSchema.superRefine((m, ctx) => {
  for (const issue of storableIssues(m))
    ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
});

// ---------------------------------------------------------------------------------------------------------------
// Push: POST /v1/push, `Authorization: Bearer <token>`, JSON body PushRequest → 200 PushResponse.
//
// The client sends its outbox oldest first, at most PUSH_LIMITS.maxMutations per request and below
// PUSH_LIMITS.maxBytes, mutation ids strictly increasing. The hub walks the batch in order:
// - id ≤ lastMutationId: `skipped` (already applied; replays and duplicated batches are harmless);
// - id = lastMutationId + 1: applied (`applied`, or `conflict` when it lost against a concurrent edit, or
//   `rejected` with a reason — e.g. a field the database cannot store, see `storableIssues`, or a write the
//   database refused); either way the id is used up and lastMutationId advances;
// - id > lastMutationId + 1: `deferred` (a gap: the hub waits for the missing ones), as are all after it.
// The client drops every outbox row whose id ≤ response.lastMutationId and shows `rejected` reasons to the rep;
// `deferred` rows stay and are sent again (from lastMutationId + 1). A response lost in transit is no problem:
// send the same rows again. The hub re-scores the accounts the push touched right after it (rescoringAccountIds);
// the next pull already carries their new scores.
// Errors: 400 (body invalid, with `error` and `issues`), 401 (no or unknown token), 403 (clientId belongs to another
// user), 413 (body too large), 429 (rate limit, `Retry-After` seconds) — all as ErrorResponse; nothing is stored.
// ---------------------------------------------------------------------------------------------------------------

export const PUSH_LIMITS = { maxMutations: 500, maxBytes: 4 * 1024 * 1024 } as const;

export const PushRequestSchema = z
  .object({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    clientId: ClientIdSchema,
    mutations: z.array(AnyMutationSchema).min(1).max(PUSH_LIMITS.maxMutations),
  })
  .refine((r) => r.mutations.every((m, i) => i === 0 || m.mutationId > r.mutations[i - 1]!.mutationId), {
    message: 'mutation ids must be strictly increasing',
    path: ['mutations'],
  });
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const MUTATION_STATUSES = ['applied', 'skipped', 'conflict', 'rejected', 'deferred'] as const;
export const MutationResultSchema = z.object({
  mutationId: z.number().int().positive(),
  status: z.enum(MUTATION_STATUSES),
  /** Why a mutation was rejected, deferred or lost a conflict; shown to the rep. */
  reason: z.string().optional(),
  /** For `conflict`: the conflict row that now holds the losing version. */
  conflictId: z.number().int().positive().optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  /** The highest mutation id the hub has consumed for this client. */
  lastMutationId: z.number().int().nonnegative(),
  results: z.array(MutationResultSchema),
  /** Accounts this push queued for re-scoring; the next pull brings their new scores. */
  rescoringAccountIds: z.array(z.string()),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Pull: GET /v1/pull?clientId=<id>&cursor=<cursor> → 200 PullResponse. Omit `cursor` on the first pull.
//
// The cursor is opaque (today: the hub's change version as decimal digits). The response carries everything the
// caller may see that changed after it: insights (tombstones included, in the order the hub applied them), the
// ids of insights that left the caller's view (made private by their author), the caller's conflicts, and the
// scoring snapshot — `full` when the snapshot itself changed (new dataset or model), `delta` with just the
// re-scored accounts otherwise (replace them by id), or null when nothing in it changed. Insights come whole: put
// them by id (a tombstone has deletedAt set). `conflicts` are the caller's own losing versions (resolvedAt null
// while open; resolve with a `conflict.resolve` mutation). Polling every minute or two is plenty. Store `cursor` for the next pull. When
// `reset` is true the hub did not recognise the cursor (e.g. restored from a backup): replace local hub data.
// ---------------------------------------------------------------------------------------------------------------

const cursorPattern = /^\d{1,18}$/;
export const PullQuerySchema = z.object({
  clientId: ClientIdSchema,
  cursor: z.string().regex(cursorPattern, 'cursor must be one returned by /v1/pull').optional(),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

export const ConflictSchema = z.object({
  id: z.number().int().positive(),
  insightId: UlidSchema,
  /** The version that lost (the caller's); the winner arrives in `insights`. */
  losing: InsightSchema,
  winningRev: z.number().int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const SnapshotChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full'), snapshotId: z.number().int().positive(), snapshot: SnapshotSchema }),
  z.object({
    kind: z.literal('delta'),
    /** The snapshot the delta applies to; a client holding another one must pull without a cursor. */
    snapshotId: z.number().int().positive(),
    accounts: z.array(ScoredAccountSchema),
  }),
]);
export type SnapshotChange = z.infer<typeof SnapshotChangeSchema>;

export const PullResponseSchema = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  cursor: z.string().regex(cursorPattern),
  reset: z.boolean(),
  lastMutationId: z.number().int().nonnegative(),
  insights: z.array(InsightSchema),
  revokedInsightIds: z.array(UlidSchema),
  conflicts: z.array(ConflictSchema),
  snapshot: SnapshotChangeSchema.nullable(),
  /** The model the current snapshot was scored with (null before the first dataset). */
  model: ModelConfigSchema.nullable(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Every 4xx/5xx body: a sentence for humans, zod issues for 400s. Never contains other users' data. */
export const ErrorResponseSchema = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Dataset upload (sales ops, `lens publish`): POST /v1/admin/dataset, admin token. Either JSON DatasetUpload, or
// multipart/form-data with file or text fields `accounts` and `orders` (required), `products`, `contacts`, and
// text fields `asOf` and `model` (JSON of a ModelConfig); files are passed to the importer as bytes, so Windows-1252
// exports work. The hub imports with lib/engine/import, scores with the
// model given (or the current one, or the default), stores a new snapshot and answers 201 DatasetUploadResponse;
// 422 with the import's row errors (as `issues`, one line each) when the exports cannot be imported; 400 for a
// missing accounts/orders field, 403 for a non-admin token. Limit: DATASET_LIMITS.maxBytes. The model alone can be
// changed with PUT /v1/admin/model (body: a ModelConfig; re-scores the latest dataset; answers {snapshotId}).
// ---------------------------------------------------------------------------------------------------------------

export const DATASET_LIMITS = { maxBytes: 64 * 1024 * 1024 } as const;

export const DatasetUploadSchema = z.object({
  /** CSV texts as exported (any delimiter, German or English headers): the importer maps them. */
  accounts: z.string().min(1),
  orders: z.string().min(1),
  products: z.string().optional(),
  contacts: z.string().optional(),
  /** Scoring date, YYYY-MM-DD; default: the last order date. */
  asOf: z.iso
    .date()
    .refine((d) => dateIssue(d) === null, { message: 'must be a date in the years 0001..9999' })
    .optional(),
  /** A ModelConfig, or part of one merged over the defaults (`{"experiment": {"holdoutShare": 0.1}}`). */
  model: ModelConfigInputSchema.optional(),
});
export type DatasetUpload = z.infer<typeof DatasetUploadSchema>;

export const DatasetUploadResponseSchema = z.object({
  snapshotId: z.number().int().positive(),
  asOf: z.iso.date(),
  accounts: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  /** Rows the importer skipped, with reasons (first 100). */
  warnings: z.array(z.string()),
});
export type DatasetUploadResponse = z.infer<typeof DatasetUploadResponseSchema>;
