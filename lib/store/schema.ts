/**
 * The extension's one IndexedDB database: its name, version, the typed shape of every store (for `idb`) and the
 * zod schema every record is validated against when it is read back. The upgrade steps live in upgrades.ts.
 *
 * Stores (current version):
 * - snapshot      'current' → the scoring snapshot without its accounts (they live in `accounts`), plus import meta
 * - accounts      ScoredAccount by id, so the overlay reads one account without loading the whole snapshot
 * - accountIndex  'current' → the serialisable AccountIndex built by lib/match (opaque here)
 * - insights      Insight by id; indexes accountId, updatedAt, type, author
 * - drafts        autosaved capture forms by id
 * - outbox        mutations waiting for the hub, by mutationId (see outbox.ts)
 * - meta          key/value: clientId, nextMutationId, syncCursor, corrections, neverMatchDomains
 * - quarantine    records that failed validation, kept aside with the reason
 * - feedback      talking-point marks by [accountId, talkingPointId]
 * - conflicts     losing versions from sync
 * - rejections    mutations the hub rejected, with its reason, for the UI
 */
import type { DBSchema } from 'idb';
import { z } from 'zod';
import { INSIGHT_LIMITS, InsightSchema, InsightTypeSchema, UlidSchema, type Insight } from '../engine/insight.ts';
import { ScoredAccountSchema, SnapshotSchema, type ScoredAccount } from '../engine/snapshot.ts';
import { AnyMutationSchema, ClientIdSchema } from '../sync/protocol.ts';

export const DB_NAME = 'accountlens';
export const DB_VERSION = 2;

const isoDateTime = z.iso.datetime({ offset: true });

export const SnapshotMetaSchema = z.object({
  importedAt: isoDateTime,
  /** Where the snapshot came from: a file name, `hub`, `local-rescore` … */
  source: z.string().min(1).max(500),
  accountCount: z.number().int().nonnegative(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;

/** The snapshot as stored: accounts are kept one per record in `accounts`, so here the list is empty. */
export const StoredSnapshotSchema = z.object({
  snapshot: SnapshotSchema.extend({ accounts: z.array(ScoredAccountSchema).max(0) }),
  meta: SnapshotMetaSchema,
});
export type StoredSnapshot = z.infer<typeof StoredSnapshotSchema>;

/** lib/match's AccountIndex is opaque to the store: any plain object, stored and handed back as it came. */
export const AccountIndexRecordSchema = z.object({
  storedAt: isoDateTime,
  index: z.record(z.string(), z.unknown()),
});
export type AccountIndexRecord = z.infer<typeof AccountIndexRecordSchema>;

/**
 * An autosaved capture form. Fields are what the rep has typed so far, so nothing is required yet, but the same
 * limits as an insight apply and types must be right: a draft that breaks them is corrupted, not unfinished.
 */
export const DraftSchema = z.object({
  id: UlidSchema,
  /** The insight being edited, or null for a new one. */
  insightId: UlidSchema.nullable(),
  accountId: z.string().min(1).max(200).nullable(),
  savedAt: isoDateTime,
  fields: z.object({
    type: InsightTypeSchema.optional(),
    title: z.string().max(INSIGHT_LIMITS.title).optional(),
    body: z.string().max(INSIGHT_LIMITS.body).optional(),
    sentiment: z.number().int().min(-2).max(2).optional(),
    products: z.array(z.string().max(100)).max(INSIGHT_LIMITS.products).optional(),
    tags: z.array(z.string().max(60)).max(INSIGHT_LIMITS.tags).optional(),
    /** Free text while the rep is typing a date; validated when the insight is saved. */
    followUpAt: z.string().max(40).nullable().optional(),
    visibility: z.enum(['private', 'team']).optional(),
    outcome: InsightSchema.shape.outcome,
    talkingPoints: InsightSchema.shape.talkingPoints,
  }),
});
export type Draft = z.infer<typeof DraftSchema>;

export const OutboxEntrySchema = z
  .object({
    mutationId: z.number().int().positive(),
    /** An insight change, or the end of a conflict the hub keeps (`conflict.resolve`). */
    mutation: AnyMutationSchema,
    clientId: ClientIdSchema,
    createdAt: isoDateTime,
    /** Push attempts that failed without an answer from the hub (network, 5xx). */
    attempts: z.number().int().nonnegative(),
    lastError: z.string().max(2000).optional(),
  })
  .refine((e) => e.mutation.mutationId === e.mutationId, {
    message: 'mutationId differs from mutation.mutationId',
    path: ['mutationId'],
  });
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export const RejectionSchema = z.object({
  mutationId: z.number().int().positive(),
  mutation: AnyMutationSchema,
  reason: z.string().max(2000),
  at: isoDateTime,
});
export type Rejection = z.infer<typeof RejectionSchema>;

export const FEEDBACK_MARKS = ['used', 'not-relevant', 'done'] as const;
export const FeedbackSchema = z.object({
  accountId: z.string().min(1).max(200),
  talkingPointId: z.string().min(1).max(500),
  mark: z.enum(FEEDBACK_MARKS),
  at: isoDateTime,
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export const ConflictSchema = z.object({
  id: z.number().int().positive().optional(),
  insightId: UlidSchema,
  accountId: z.string().nullable(),
  /** The version that lost (usually the local one), kept so the rep can copy from it. */
  losing: InsightSchema,
  /** The rev of the version that won. */
  winningRev: z.number().int().nonnegative(),
  at: isoDateTime,
  /** The hub's id of this conflict, which its resolution is reported with (absent in records from before). */
  hubId: z.number().int().positive().optional(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const QuarantineEntrySchema = z.object({
  id: z.number().int().positive().optional(),
  store: z.string(),
  key: z.unknown(),
  value: z.unknown(),
  error: z.string(),
  at: isoDateTime,
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

/** The meta store's keys and the schema of each value. */
export const MetaSchemas = {
  clientId: ClientIdSchema,
  nextMutationId: z.number().int().positive(),
  /** The highest mutation id the hub has acknowledged; the counter never restarts below it. */
  lastAckedMutationId: z.number().int().nonnegative(),
  /** The hub's pull cookie, opaque to the store. */
  syncCursor: z.string().max(2000).nullable(),
  /** The rep's own matches ("this page is account X", or null: "no account"), consulted before the index. */
  corrections: z.array(
    z.object({ key: z.string().min(1).max(500), accountId: z.string().min(1).nullable(), at: isoDateTime }),
  ),
  neverMatchDomains: z.array(z.string().min(1).max(253)),
  /**
   * The last time sync had to start a new client group (outbox.ts `startNewClientGroup`): why, when, how many
   * queued changes moved over, and whether the rep's notes the hub lacked were queued again (`reconciled`).
   */
  syncRecovery: z.object({
    kind: z.enum(['hub-forgot', 'gap', 'new-hub']),
    at: isoDateTime,
    previousClientId: ClientIdSchema.nullable(),
    clientId: ClientIdSchema,
    /** Queued changes carried over to the new group. */
    carried: z.number().int().nonnegative(),
    /** Damaged queued changes set aside in quarantine while re-basing. */
    quarantined: z.number().int().nonnegative(),
    /** The rep's notes queued again because the hub lacked them or held an older version; null until compared. */
    resent: z.number().int().nonnegative().nullable(),
    /** True once the rep has seen the notice in the popup. */
    seen: z.boolean(),
  }),
} as const;
export type MetaKey = keyof typeof MetaSchemas;
export type MetaValue<K extends MetaKey> = z.infer<(typeof MetaSchemas)[K]>;

export interface AccountLensDB extends DBSchema {
  snapshot: { key: string; value: StoredSnapshot };
  accounts: { key: string; value: ScoredAccount; indexes: { domain: string; segment: string } };
  accountIndex: { key: string; value: AccountIndexRecord };
  insights: {
    key: string;
    value: Insight;
    indexes: { accountId: string; updatedAt: string; type: string; author: string };
  };
  drafts: { key: string; value: Draft; indexes: { accountId: string; savedAt: string } };
  outbox: { key: number; value: OutboxEntry };
  meta: { key: string; value: unknown };
  quarantine: { key: number; value: QuarantineEntry; indexes: { store: string } };
  feedback: { key: [string, string]; value: Feedback; indexes: { accountId: string } };
  conflicts: { key: number; value: Conflict; indexes: { insightId: string } };
  rejections: { key: number; value: Rejection };
}

export type StoreName =
  | 'snapshot'
  | 'accounts'
  | 'accountIndex'
  | 'insights'
  | 'drafts'
  | 'outbox'
  | 'quarantine'
  | 'feedback'
  | 'conflicts'
  | 'rejections';

/** The schema each store's records are validated against on reading. */
export const RECORD_SCHEMAS = {
  snapshot: StoredSnapshotSchema,
  accounts: ScoredAccountSchema,
  accountIndex: AccountIndexRecordSchema,
  insights: InsightSchema,
  drafts: DraftSchema,
  outbox: OutboxEntrySchema,
  quarantine: QuarantineEntrySchema,
  feedback: FeedbackSchema,
  conflicts: ConflictSchema,
  rejections: RejectionSchema,
} satisfies Record<StoreName, z.ZodType>;

/** The key of the single record in `snapshot` and `accountIndex`. */
export const CURRENT = 'current';
