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
 * - experiment: absent (off). With `holdoutShare` > 0 a deterministic share of (account, kind) pairs of the kinds
 *   that orders can judge is held out: computed but not shown, so that lib/engine/effects.ts can measure what
 *   showing and raising a point changes (lib/engine/holdout.ts).
 *
 * A model file may be partial (`{"experiment": {"holdoutShare": 0.1}}`): `resolveModelConfig` merges it over the
 * defaults, for `lens score`, `lens publish` and the hub alike.
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

/** The talking-point kinds whose success later orders can judge (lib/engine/effects.ts); only these are held out. */
export const MEASURED_KINDS = ['cross-sell', 'reorder-due', 'win-back', 'decline'] as const;
export const MeasuredKindSchema = z.enum(MEASURED_KINDS);
export type MeasuredKind = z.infer<typeof MeasuredKindSchema>;

export const ExperimentSchema = z.object({
  /** Share of (account, kind) pairs held out, 0…0.5; 0 is off. A tenth is typical. */
  holdoutShare: z.number().min(0).max(0.5),
  /** Mixed into the hold-out hash: the same salt keeps the split across re-scores, a new one draws a new split. */
  salt: z.string().max(200).default(''),
  /** The kinds held out; default every kind that orders can judge. */
  kinds: z
    .array(MeasuredKindSchema)
    .min(1)
    .default([...MEASURED_KINDS]),
});
export type Experiment = z.infer<typeof ExperimentSchema>;

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
    /** Hold-outs for measuring effects; absent (the default) is off. */
    experiment: ExperimentSchema.optional(),
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

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function mergeOver(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeOver(base[key], value);
  return out;
}

/**
 * A model file merged over `base` (default: the defaults): objects merge key by key, everything else (numbers,
 * strings, arrays) replaces. Not validated; `ModelConfigInputSchema` or `resolveModelConfig` validate the result.
 * O(size of the file).
 * @example mergeModelConfig({ experiment: { holdoutShare: 0.1 } }).weights // => DEFAULT_MODEL_CONFIG.weights
 */
export function mergeModelConfig(partial: unknown, base: ModelConfig = DEFAULT_MODEL_CONFIG): unknown {
  return mergeOver(base, partial);
}

/** A model as a file or request gives it: possibly partial, merged over the defaults, then validated. */
export const ModelConfigInputSchema = z.preprocess((value) => mergeModelConfig(value), ModelConfigSchema);

/**
 * Validates a possibly partial model over the defaults.
 * @throws {z.ZodError} naming the invalid paths
 * @example resolveModelConfig({ experiment: { holdoutShare: 0.1 } }).experiment // => { holdoutShare: 0.1, salt: '', kinds: ['cross-sell', 'reorder-due', 'win-back', 'decline'] }
 */
export function resolveModelConfig(partial: unknown): ModelConfig {
  return ModelConfigInputSchema.parse(partial);
}
