/** The engine's public surface for the extension, the CLI and the hub. Re-exports only. */
export {
  buildSnapshot,
  fitPortfolioClv,
  portfolioRules,
  type BuildProgress,
  type BuildSnapshotOptions,
  type BuildStage,
} from './build-snapshot.ts';
export { rescoreAccount } from './rescore.ts';
export { crossSellGaps, crossSellScore } from './cross-sell.ts';
export { insightSignals, type InsightSignals, type WeightedInsight } from './insight-signals.ts';
export { talkingPoints, type TalkingPointContext } from './talking-points.ts';
export {
  formatArg,
  fillMessage,
  localize,
  LOCALES,
  type Locale,
  type MessageArg,
  type MessageKey,
} from './messages/index.ts';
export {
  buildHistories,
  computePatterns,
  dayNumber,
  isoDay,
  isOverdue,
  orderDays,
  orderRhythm,
  rfmSummary,
  seasonality,
  type AccountHistory,
  type AccountPatterns,
} from './patterns.ts';
export {
  buildDistribution,
  buildDistributions,
  minMaxScale,
  normaliseCriterion,
  percentRank,
  scoreAccount,
  segmentOf,
  type CriterionRaw,
  type Distributions,
  type ValueScore,
} from './score.ts';
export * from './snapshot.ts';
export * from './model-config.ts';
export * from './insight.ts';
export * from './records.ts';
