/**
 * The scoring snapshot: everything the extension and the hub need to know about the portfolio at one date, in one
 * versioned JSON document (`lens score --out`). The overlay reads it, the store indexes it, the hub serves it.
 * Bump SNAPSHOT_SCHEMA_VERSION on any incompatible change and teach `parseSnapshot` the old shape.
 */
import { z } from 'zod';
import { CriterionIdSchema, ModelConfigSchema } from './model-config.ts';
import { decodeSnapshotV2, SNAPSHOT_V2_VERSION } from './snapshot-v2.ts';
import { TALKING_POINT_KINDS } from './talking-point-kinds.ts';

/** The version of the expanded document the code works with; files and the wire carry v2 (snapshot-v2.ts). */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Whether a value claims to be a compact v2 snapshot. */
export function isSnapshotV2(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { schemaVersion?: unknown }).schemaVersion === SNAPSHOT_V2_VERSION
  );
}

const isoDate = z.iso.date();
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const share = z.number().min(0).max(1);

/** A text in every UI language; the engine renders talking points in both so that Node and the UI agree. */
export const LocalizedTextSchema = z.object({ en: z.string(), de: z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const CrmIdsSchema = z.object({
  salesforce: z.string().optional(),
  hubspot: z.string().optional(),
  dynamics: z.string().optional(),
  pipedrive: z.string().optional(),
  zoho: z.string().optional(),
  /** A self-hosted CRM's own record id (matched by user-defined adapters), never the ERP customer number. */
  custom: z.string().optional(),
});
export type CrmIds = z.infer<typeof CrmIdsSchema>;
export const CRM_KEYS = ['salesforce', 'hubspot', 'dynamics', 'pipedrive', 'zoho'] as const;
/** The CRMs whose ids an accounts file may carry: the hosted ones, and `custom` for a self-hosted CRM. */
export type CrmKey = (typeof CRM_KEYS)[number] | 'custom';

export const CriterionResultSchema = z.object({
  id: CriterionIdSchema,
  /** The raw measure (EUR, orders, days, ratio …); null where the account has no data for it. */
  raw: finite.nullable(),
  /** 0…1 after normalisation across the portfolio (risk: 1 = highest risk). */
  normalised: share,
  /** Effective weight after renormalising over the criteria with data. */
  weight: z.number().min(0).max(1),
  /** Signed contribution to the 0–100 score (risk is negative). */
  points: finite,
});
export type CriterionResult = z.infer<typeof CriterionResultSchema>;

export const ClvSchema = z.object({
  pAlive: share,
  expectedOrders12m: z.number().min(0),
  expectedRevenue12m: z.number().min(0),
});

export const PatternsSchema = z.object({
  topProducts: z.array(z.object({ sku: z.string(), name: z.string(), share, orders: z.number().int().nonnegative() })),
  topCategories: z.array(z.object({ category: z.string(), share })),
  orders12m: z.number().int().nonnegative(),
  revenue12m: finite,
  /** Revenue of the 12 months before the last 12 (the base of `trend`). */
  revenuePrev12m: finite.optional(),
  /** Orders (distinct order id and date) up to asOf. */
  ordersTotal: z.number().int().nonnegative().optional(),
  firstOrderDate: isoDate.nullable(),
  lastOrderDate: isoDate.nullable(),
  medianIntervalDays: z.number().nonnegative().nullable(),
  /** Coefficient of variation of the order intervals: 0 = clockwork, above 1 = erratic. */
  regularity: z.number().nonnegative().nullable(),
  nextOrderExpected: isoDate.nullable(),
  overdue: z.boolean(),
  /** Relative change of the last 12 months' revenue against the 12 before: −0.4 means 40 % down. */
  trend: finite.nullable(),
  /** Monthly revenue, oldest first, for the last 24 months up to asOf. */
  monthly: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), revenue: finite })),
  /** Calendar months (1–12) that carry clearly more revenue than the average, where the data shows it. */
  seasonality: z.object({ peakMonths: z.array(z.number().int().min(1).max(12)), strength: share }).nullable(),
});
export type Patterns = z.infer<typeof PatternsSchema>;

export const RuleSchema = z.object({
  antecedent: z.array(z.string()).min(1),
  consequent: z.array(z.string()).min(1),
  support: share,
  confidence: share,
  lift: z.number().nonnegative(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const CrossSellSchema = z.object({
  sku: z.string(),
  name: z.string(),
  antecedent: z.array(z.string()).min(1),
  support: share,
  confidence: share,
  lift: z.number().nonnegative(),
  /** How often the account's orders contain the whole antecedent (0…1). */
  antecedentShare: share,
  score: z.number().nonnegative(),
});
export type CrossSell = z.infer<typeof CrossSellSchema>;

export { TALKING_POINT_KINDS };
export const TalkingPointKindSchema = z.enum(TALKING_POINT_KINDS);
export type TalkingPointKind = z.infer<typeof TalkingPointKindSchema>;

export const TalkingPointSchema = z.object({
  /** Stable across re-scoring: kind plus its subject (skus or insight id), so feedback on it can be kept. */
  id: z.string().min(1),
  kind: TalkingPointKindSchema,
  title: LocalizedTextSchema,
  why: LocalizedTextSchema,
  skus: z.array(z.string()).optional(),
  insightIds: z.array(z.string()).optional(),
  /** 0…1, higher first. */
  priority: share,
  /** The priority before learned re-ranking (lib/engine/outcomes.ts); present only when outcomes moved it. */
  basePriority: share.optional(),
  /** What the ranking went by: a measured effect on orders, or the reported outcomes; absent without either. */
  basis: LocalizedTextSchema.optional(),
});
export type TalkingPoint = z.infer<typeof TalkingPointSchema>;

export const SegmentSchema = z.enum(['A', 'B', 'C']);
export type Segment = z.infer<typeof SegmentSchema>;

/** How often a talking-point kind led to an order or a next step (lib/engine/outcomes.ts: Beta-Binomial). */
export const TalkingPointRateSchema = z.object({
  kind: TalkingPointKindSchema,
  /** null: all segments together. */
  segment: SegmentSchema.nullable(),
  successes: z.number().int().nonnegative(),
  trials: z.number().int().nonnegative(),
  /** Posterior mean and the equal-tailed credible interval of the success rate. */
  mean: share,
  low: share,
  high: share,
});
export type TalkingPointRate = z.infer<typeof TalkingPointRateSchema>;

export const TalkingPointRatesSchema = z.object({
  prior: z.object({ alpha: z.number().positive(), beta: z.number().positive() }),
  /** Probability mass of the credible intervals, e.g. 0.9. */
  mass: z.number().gt(0).lt(1),
  rates: z.array(TalkingPointRateSchema),
});
export type TalkingPointRates = z.infer<typeof TalkingPointRatesSchema>;

const GroupCountSchema = z.object({ n: z.number().int().nonnegative(), converted: z.number().int().nonnegative() });
const UpliftSchema = z.object({
  mean: z.number().min(-1).max(1),
  lo: z.number().min(-2).max(2),
  hi: z.number().min(-2).max(2),
});

/** A measured effect of a kind on later orders (lib/engine/effects.ts); uplifts null where data is too thin. */
export const EffectSchema = z.object({
  kind: z.enum(['cross-sell', 'reorder-due', 'win-back', 'decline']),
  segment: SegmentSchema.nullable(),
  shown: GroupCountSchema,
  heldOut: GroupCountSchema,
  raised: GroupCountSchema,
  ittUplift: UpliftSchema.nullable(),
  raisedUplift: UpliftSchema.nullable(),
});

/** Effects measured on an earlier snapshot's points; talking points are ranked with them where they are known. */
export const TalkingPointEffectsSchema = z.object({
  /** asOf of the snapshot whose points were measured. */
  measuredAsOf: isoDate,
  /** The day after the orders the measurement saw (exclusive). */
  until: isoDate,
  effects: z.array(EffectSchema),
});
export type TalkingPointEffects = z.infer<typeof TalkingPointEffectsSchema>;

export const ScoredAccountSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  domains: z.array(z.string()),
  industry: z.string().optional(),
  region: z.string().optional(),
  ownerEmail: z.string().optional(),
  crmIds: CrmIdsSchema,
  valueScore: z.number().min(0).max(100),
  segment: SegmentSchema,
  criteria: z.array(CriterionResultSchema),
  clv: ClvSchema,
  patterns: PatternsSchema,
  crossSell: z.array(CrossSellSchema),
  talkingPoints: z.array(TalkingPointSchema),
  /** Points an experiment holds out (lib/engine/holdout.ts): computed and ranked, never shown; absent without. */
  heldOutTalkingPoints: z.array(TalkingPointSchema).optional(),
});
export type ScoredAccount = z.infer<typeof ScoredAccountSchema>;

/**
 * The portfolio's distribution of one criterion's oriented value (higher = better, risk: higher = riskier): all
 * values sorted when there are few, else evenly spaced quantiles. Full scoring and the incremental re-score of one
 * account both normalise through it, so they agree.
 */
export const CriterionDistributionSchema = z.object({
  /** Accounts with data for the criterion. */
  count: z.number().int().nonnegative(),
  /** Sorted ascending; quantile k of K + 1 entries sits at probability k / K. */
  quantiles: z.array(finite),
});
export type CriterionDistribution = z.infer<typeof CriterionDistributionSchema>;

export const ContactSchema = z.object({
  email: z.string(),
  name: z.string(),
  accountId: z.string(),
  role: z.string().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const SnapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  asOf: isoDate,
  generatedAt: z.iso.datetime({ offset: true }),
  model: ModelConfigSchema,
  clvParams: z.object({
    bgnbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), logLikelihood: z.number() }),
    gammaGamma: z.object({ p: z.number(), q: z.number(), gamma: z.number(), logLikelihood: z.number() }).nullable(),
  }),
  accounts: z.array(ScoredAccountSchema),
  rules: z.array(RuleSchema),
  products: z.array(z.object({ sku: z.string(), name: z.string(), category: z.string() })).default([]),
  contacts: z.array(ContactSchema).default([]),
  currency: z.string().length(3).default('EUR'),
  /** Per-criterion portfolio distributions for `rescoreAccount`; absent in snapshots from before it. */
  distributions: z.record(CriterionIdSchema, CriterionDistributionSchema).optional(),
  /** What outcomes taught about talking-point kinds; talking points are ranked with it. Absent without outcomes. */
  talkingPointRates: TalkingPointRatesSchema.optional(),
  /** Effects measured on orders after an earlier snapshot (lib/engine/effects.ts); absent until there are any. */
  talkingPointEffects: TalkingPointEffectsSchema.optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/**
 * Validates a snapshot read from a file, IndexedDB or the wire: the expanded v1 document, or the compact v2 one
 * (snapshot-v2.ts), which is decoded into the expanded shape first.
 * @throws {Error} naming the first invalid paths when the document is not a snapshot of this version
 */
export function parseSnapshot(value: unknown): Snapshot {
  if (isSnapshotV2(value)) {
    try {
      value = decodeSnapshotV2(value);
    } catch (error) {
      throw new Error(`parseSnapshot: not a valid AccountLens snapshot (schemaVersion 2): ${(error as Error).message}`);
    }
  }
  const result = SnapshotSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new Error(
    `parseSnapshot: not a valid AccountLens snapshot (schemaVersion ${SNAPSHOT_SCHEMA_VERSION}): ${issues}`,
  );
}
