/**
 * A field insight: what a rep heard at a visit or in a workshop. The schema is shared by the engine (insights feed
 * the value score and the talking points), the local store, the sync protocol and the hub, so it lives here, in
 * the one part that all of them may import.
 */
import { z } from 'zod';

export const INSIGHT_TYPES = [
  'need',
  'pain-point',
  'competitor',
  'budget',
  'decision-maker',
  'expansion',
  'risk',
  'referral',
  'complaint',
  'workshop-note',
  'outcome',
  'other',
] as const;
export const InsightTypeSchema = z.enum(INSIGHT_TYPES);
export type InsightType = z.infer<typeof InsightTypeSchema>;

export const INSIGHT_SOURCES = [
  'crm',
  'webmail',
  'overlay',
  'sidepanel',
  'context-menu',
  'popup',
  'import',
  'hub',
] as const;
export const OUTCOMES = ['order', 'next-step', 'no-interest'] as const;
/** What a meeting led to, recorded on an `outcome` insight. */
export type Outcome = (typeof OUTCOMES)[number];

/** Limits that keep one note from filling the store; the capture UI says so before it gets here. */
export const INSIGHT_LIMITS = { title: 200, body: 20_000, tags: 30, products: 50 } as const;

/** ULID: 26 Crockford base-32 characters, time-sortable. */
export const UlidSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID (26 characters, Crockford base 32)');
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const InsightSchema = z.object({
  id: UlidSchema,
  /** null while unassigned; linkable later. */
  accountId: z.string().min(1).max(200).nullable(),
  author: z.string().min(1).max(200),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  type: InsightTypeSchema,
  title: z.string().trim().min(1).max(INSIGHT_LIMITS.title),
  body: z.string().max(INSIGHT_LIMITS.body).default(''),
  /** −2 (very negative) … +2 (very positive). */
  sentiment: z.number().int().min(-2).max(2).default(0),
  products: z.array(z.string().min(1).max(100)).max(INSIGHT_LIMITS.products).default([]),
  tags: z.array(z.string().min(1).max(60)).max(INSIGHT_LIMITS.tags).default([]),
  followUpAt: isoDate.nullable().default(null),
  source: z
    .object({ kind: z.enum(INSIGHT_SOURCES), url: z.string().max(2000).optional() })
    .default({ kind: 'sidepanel' }),
  visibility: z.enum(['private', 'team']).default('team'),
  status: z.enum(['open', 'done', 'archived']).default('open'),
  /** For `outcome` insights: what happened, and which talking points (by id) were used. */
  outcome: z.enum(OUTCOMES).optional(),
  talkingPoints: z.array(z.string().max(200)).max(50).optional(),
  /** Local edit counter; the sync protocol uses it to detect concurrent edits. */
  rev: z.number().int().nonnegative().default(1),
  deletedAt: isoDateTime.nullable().default(null),
});
export type Insight = z.infer<typeof InsightSchema>;
export type InsightInput = z.input<typeof InsightSchema>;
