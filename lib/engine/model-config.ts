/**
 * The value-score model: which criteria count, how much, and where the A/B/C segments begin. Versioned and
 * validated so that a team can change it (in the hub, or a JSON file for `lens score --model`) without code.
 *
 * Why the defaults are what they are:
 * - revenue12m 0.25: regular, valuable revenue is the core of customer value (value-oriented customer management);
 *   it is the strongest single signal but must not drown the rest.
 * - clv 0.15: the forward-looking view (BG/NBD + Gamma-Gamma) corrects revenue for accounts that are fading.
 * - margin 0.10: revenue at poor margin is worth less; only counted where the export has margins.
 * - frequency 0.10, regularity 0.10, recency 0.10: a steady buying rhythm is what makes revenue plannable.
 * - trend 0.05: growth or decline over 12 months, small because one big order swings it.
 * - referrals 0.05, potential 0.05, risk 0.05 (subtracting): the "small data" from the field; modest weights so
 *   that one note moves a score visibly but never flips a segment alone.
 * - Segments: A from 70 points, B from 40: roughly the top fifth is A in a typical portfolio (Pareto).
 */
import { z } from 'zod';

export const CRITERIA = [
  'revenue12m',
  'margin',
  'frequency',
  'regularity',
  'recency',
  'trend',
  'clv',
  'referrals',
  'potential',
  'risk',
] as const;
export const CriterionIdSchema = z.enum(CRITERIA);
export type CriterionId = z.infer<typeof CriterionIdSchema>;

export const MODEL_CONFIG_VERSION = 1;

export const ModelConfigSchema = z
  .object({
    version: z.literal(MODEL_CONFIG_VERSION),
    /** Non-negative weights; they are normalised to sum to 1 over the criteria that have data. */
    weights: z.record(CriterionIdSchema, z.number().min(0).max(10)),
    segments: z.object({ a: z.number().min(0).max(100), b: z.number().min(0).max(100) }),
    /** A criterion value is normalised by its rank across the portfolio (robust to outliers) unless 'minmax'. */
    normalisation: z.enum(['rank', 'minmax']).default('rank'),
    /** Days without an order after which recency scores 0. */
    recencyHorizonDays: z.number().int().positive().default(365),
    /** Half-life of an insight's effect on the referral, potential and risk criteria. */
    insightHalfLifeDays: z.number().int().positive().default(180),
    rules: z
      .object({
        minSupport: z.number().gt(0).max(1).default(0.01),
        minConfidence: z.number().gt(0).max(1).default(0.3),
        minLift: z.number().min(0).default(1.2),
        maxRules: z.number().int().positive().default(500),
      })
      .default({ minSupport: 0.01, minConfidence: 0.3, minLift: 1.2, maxRules: 500 }),
    talkingPoints: z.object({ max: z.number().int().positive().default(8) }).default({ max: 8 }),
  })
  .refine((m) => m.segments.a > m.segments.b, { message: 'segments.a must be above segments.b', path: ['segments'] });
export type ModelConfig = z.infer<typeof ModelConfigSchema>;

export const DEFAULT_MODEL_CONFIG: ModelConfig = ModelConfigSchema.parse({
  version: MODEL_CONFIG_VERSION,
  weights: {
    revenue12m: 0.25,
    margin: 0.1,
    frequency: 0.1,
    regularity: 0.1,
    recency: 0.1,
    trend: 0.05,
    clv: 0.15,
    referrals: 0.05,
    potential: 0.05,
    risk: 0.05,
  },
  segments: { a: 70, b: 40 },
});
