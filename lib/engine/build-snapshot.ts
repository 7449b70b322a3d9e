/**
 * Full scoring: a dataset (accounts, order lines, products, contacts) and the field insights in, the scoring
 * snapshot out. Steps, each O(lines) or O(accounts) unless noted:
 * 1. fold the order lines before asOf into one history per account (patterns.ts);
 * 2. purchase patterns per account;
 * 3. BG/NBD and Gamma-Gamma fitted on the portfolio (weeks; transactions = distinct order days), then P(alive),
 *    expected orders and revenue in the next 12 months per account;
 * 4. FP-growth over all orders' SKU sets and association rules (model.rules);
 * 5. insight signals, raw criteria, portfolio distributions, value score and segment per account;
 * 6. talking-point success rates learned from outcome insights (outcomes.ts), cross-sell gaps and talking points
 *    per account, ranked with those rates.
 * Pure TypeScript without Node or DOM APIs, so it runs in a Web Worker as well as in the CLI and the hub.
 */
import {
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  type BgNbdParams,
  type GammaGammaParams,
} from './clv.ts';
import { crossSellGaps } from './cross-sell.ts';
import { fpGrowth } from './fp-growth.ts';
import type { Insight } from './insight.ts';
import { insightSignals } from './insight-signals.ts';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './model-config.ts';
import {
  buildHistories,
  computePatterns,
  dayNumber,
  isoDay,
  orderDays,
  rfmSummary,
  WEEKS_PER_YEAR,
  type AccountHistory,
} from './patterns.ts';
import type { Dataset } from './records.ts';
import { associationRules } from './rules.ts';
import { buildDistributions, insightCriteriaRaw, orderCriteriaRaw, scoreAccount, type CriterionRaw } from './score.ts';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type Rule,
  type ScoredAccount,
  type Snapshot,
  type TalkingPointEffects,
} from './snapshot.ts';
import { talkingPoints } from './talking-points.ts';
import { talkingPointFields } from './holdout.ts';
import { learnTalkingPointRates } from './outcomes.ts';

export type BuildStage = 'patterns' | 'clv' | 'rules' | 'score' | 'talking-points';
export interface BuildProgress {
  stage: BuildStage;
  done: number;
  total: number;
}

export interface BuildSnapshotOptions {
  /** YYYY-MM-DD, exclusive. Default: the day after the last order. */
  asOf?: string;
  insights?: readonly Insight[];
  model?: ModelConfig;
  /** Called at the start and end of each stage. */
  onProgress?: (progress: BuildProgress) => void;
  /** The currency of the amounts (ISO 4217). Default: the order lines' currency, else EUR. */
  currency?: string;
  /** Effects measured on an earlier snapshot (effects.ts): rank the talking points and are kept in the snapshot. */
  effects?: TalkingPointEffects;
  /**
   * The order lines already folded into histories as they were read (HistoryFolder.finish, e.g. from an import with
   * `fold`): used instead of `dataset.orders`, which may then be empty. Its asOf is the snapshot's.
   */
  folded?: FoldedOrders;
}

/** What HistoryFolder.finish gives. */
export interface FoldedOrders {
  histories: Map<string, AccountHistory>;
  asOf: string;
  currency: string | undefined;
}

type Clv = ScoredAccount['clv'];
/**
 * CDNOW converges in about 1,500 evaluations; portfolios whose accounts all drop out alike push the likelihood up a
 * ridge (a, b → ∞) without an interior maximum, where the best point after this budget predicts the same as one
 * after 20,000 (checked on generated portfolios) at a twentieth of the time.
 */
const BGNBD_MAX_EVALUATIONS = 2_000;
/**
 * On that ridge the likelihood no longer depends on a + b (on generated portfolios it changes by 0.02 between
 * a + b = 10⁴ and 3·10⁶), while the ₂F₁ series of the predictions needs O(b) terms; so the estimate is moved
 * along the ridge to a + b = 10,000, keeping a / (a + b), and its log-likelihood recomputed there.
 */
const RIDGE_CONCENTRATION = 10_000;
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Fitted BTYD parameters of the portfolio and a function giving one account's CLV. */
export interface PortfolioClv {
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  clvOf(history: AccountHistory | undefined, asOfDay: number): Clv;
}

/**
 * Fits BG/NBD on every account with an order (best point within BGNBD_MAX_EVALUATIONS) and Gamma-Gamma on the repeat buyers with a positive mean spend.
 * Expected revenue = expected orders × Gamma-Gamma expected spend; where Gamma-Gamma cannot be fitted (or its mean
 * does not exist) the account's own mean order-day revenue is used. Accounts without orders get 0 everywhere.
 * @throws {Error} when BG/NBD cannot be fitted (no account with a repeat order)
 * @example fitPortfolioClv(histories, asOfDay).bgnbd.r // => the fitted r
 */
export function fitPortfolioClv(histories: ReadonlyMap<string, AccountHistory>, asOfDay: number): PortfolioClv {
  const summaries = [...histories.values()].flatMap((h) => rfmSummary(h, asOfDay) ?? []);
  let bgnbd: BgNbdParams;
  try {
    bgnbd = fitBgNbd(summaries, { maxEvaluations: BGNBD_MAX_EVALUATIONS, bestEffort: true });
    if (bgnbd.a + bgnbd.b > RIDGE_CONCENTRATION) {
      const k = RIDGE_CONCENTRATION / (bgnbd.a + bgnbd.b);
      const onRidge = { r: bgnbd.r, alpha: bgnbd.alpha, a: bgnbd.a * k, b: bgnbd.b * k };
      bgnbd = { ...onRidge, logLikelihood: bgNbdLogLikelihood(onRidge, summaries) };
    }
  } catch (error) {
    throw new Error(
      `buildSnapshot: cannot fit the CLV model on ${summaries.length} accounts: ${(error as Error).message}`,
    );
  }
  // Without a repeat buyer with a positive spend there is nothing to fit: each account's mean order value is used.
  // A fit that fails on data it could use (no convergence) falls back the same way, but says so.
  let gammaGamma: GammaGammaParams | null = null;
  if (summaries.some((s) => s.frequency > 0 && (s.monetaryValue ?? 0) > 0)) {
    try {
      gammaGamma = fitGammaGamma(summaries);
    } catch (error) {
      console.warn(
        `buildSnapshot: the spend model (Gamma-Gamma) could not be fitted, using each account's mean order value: ${(error as Error).message}`,
      );
    }
  }
  const horizon = WEEKS_PER_YEAR;
  return {
    bgnbd,
    gammaGamma,
    clvOf(history, day) {
      const rfm = rfmSummary(history, day);
      if (rfm === null || history === undefined) return { pAlive: 0, expectedOrders12m: 0, expectedRevenue12m: 0 };
      const expectedOrders = bgNbdExpectedPurchases(bgnbd, horizon, rfm);
      let spend: number | null = null;
      if (gammaGamma !== null && gammaGamma.p * rfm.frequency + gammaGamma.q > 1) {
        spend = gammaGammaExpectedSpend(gammaGamma, { ...rfm, monetaryValue: Math.max(0, rfm.monetaryValue) });
      }
      if (spend === null) {
        const days = orderDays(history);
        spend = days.reduce((s, d) => s + d.revenue, 0) / days.length;
      }
      return {
        pAlive: round(bgNbdPAlive(bgnbd, rfm), 4),
        expectedOrders12m: round(expectedOrders, 3),
        expectedRevenue12m: round(Math.max(0, expectedOrders * spend), 2),
      };
    },
  };
}

/** The day after the last order line, or today (UTC) when there is none. */
function defaultAsOf(dataset: Dataset): string {
  let last = '';
  for (const line of dataset.orders) if (line.orderDate > last) last = line.orderDate;
  return last === '' ? new Date().toISOString().slice(0, 10) : isoDay(dayNumber(last) + 1);
}

function catalog(dataset: Dataset): Snapshot['products'] {
  if (dataset.products.length > 0)
    return dataset.products.map((p) => ({ sku: p.sku, name: p.name, category: p.category }));
  const seen = new Map<string, Snapshot['products'][number]>();
  for (const line of dataset.orders) {
    if (!seen.has(line.sku)) seen.set(line.sku, { sku: line.sku, name: line.productName, category: line.category });
  }
  return [...seen.values()];
}

/**
 * Mines the portfolio's rules: FP-growth over the distinct SKUs of every order before asOf, then association
 * rules with model.rules (minSupport, minConfidence, minLift, maxRules).
 * @example portfolioRules(histories, DEFAULT_MODEL_CONFIG.rules).length // => number of rules found
 */
export function portfolioRules(histories: ReadonlyMap<string, AccountHistory>, rules: ModelConfig['rules']): Rule[] {
  const transactions: string[][] = [];
  for (const history of histories.values()) for (const order of history.orders) transactions.push(order.skus);
  if (transactions.length === 0) return [];
  const itemsets = fpGrowth(transactions, rules.minSupport);
  return associationRules(itemsets, transactions.length, {
    minConfidence: rules.minConfidence,
    minLift: rules.minLift,
    maxRules: rules.maxRules,
  }).map((r) => ({
    antecedent: r.antecedent,
    consequent: r.consequent,
    support: r.support,
    confidence: r.confidence,
    lift: r.lift,
  }));
}

/**
 * Scores a whole portfolio into a snapshot (see the module header for the steps). Roughly linear in order lines
 * and accounts; FP-growth can grow faster as model.rules.minSupport falls.
 * @throws {Error} when asOf is not YYYY-MM-DD or the CLV model cannot be fitted (no account with a repeat order)
 * @example buildSnapshot(generateDataset({ accounts: 50, seed: 1 })).accounts.length // => 50
 */
export function buildSnapshot(dataset: Dataset, opts: BuildSnapshotOptions = {}): Snapshot {
  const model = opts.model ?? DEFAULT_MODEL_CONFIG;
  const folded = opts.folded;
  if (folded !== undefined && opts.asOf !== undefined && opts.asOf !== folded.asOf)
    throw new Error(`buildSnapshot: asOf ${opts.asOf} differs from the folded orders' ${folded.asOf}`);
  const asOf = folded?.asOf ?? opts.asOf ?? defaultAsOf(dataset);
  const asOfDay = dayNumber(asOf);
  const insights = opts.insights ?? [];
  const progress = opts.onProgress ?? (() => undefined);
  const n = dataset.accounts.length;
  const currency =
    opts.currency ??
    (folded ? folded.currency : dataset.orders.find((l) => l.currency !== undefined)?.currency) ??
    'EUR';

  progress({ stage: 'patterns', done: 0, total: n });
  const histories = folded?.histories ?? buildHistories(dataset.orders, asOf);
  const patterns = dataset.accounts.map((a) => computePatterns(histories.get(a.id), asOfDay));
  progress({ stage: 'patterns', done: n, total: n });

  progress({ stage: 'clv', done: 0, total: n });
  const clvModel = fitPortfolioClv(histories, asOfDay);
  const clvs = dataset.accounts.map((a) => clvModel.clvOf(histories.get(a.id), asOfDay));
  progress({ stage: 'clv', done: n, total: n });

  progress({ stage: 'rules', done: 0, total: 1 });
  const rules = portfolioRules(histories, model.rules);
  progress({ stage: 'rules', done: 1, total: 1 });

  progress({ stage: 'score', done: 0, total: n });
  const byAccount = new Map<string, Insight[]>();
  for (const insight of insights) {
    if (insight.accountId === null) continue;
    const list = byAccount.get(insight.accountId);
    if (list === undefined) byAccount.set(insight.accountId, [insight]);
    else list.push(insight);
  }
  const signals = dataset.accounts.map((a) => insightSignals(byAccount.get(a.id) ?? [], a.id, asOf, model));
  const raws: CriterionRaw[] = dataset.accounts.map((_, i) => ({
    ...orderCriteriaRaw(patterns[i]!, clvs[i]!.expectedRevenue12m),
    ...insightCriteriaRaw(signals[i]!),
  }));
  const distributions = buildDistributions(raws);
  const scores = raws.map((raw) => scoreAccount(raw, distributions, model));
  progress({ stage: 'score', done: n, total: n });

  progress({ stage: 'talking-points', done: 0, total: n });
  const segments = new Map(dataset.accounts.map((a, i) => [a.id, scores[i]!.segment]));
  const learned = learnTalkingPointRates(insights, (id) => segments.get(id));
  const rates = learned.rates.length > 0 ? learned : undefined;
  const products = catalog(dataset);
  const names = new Map(products.map((p) => [p.sku, p.name]));
  const productName = (sku: string): string => names.get(sku) ?? sku;
  const accounts: ScoredAccount[] = dataset.accounts.map((account, i) => {
    const score = scores[i]!;
    const crossSell = crossSellGaps(histories.get(account.id), rules, score.valueScore, productName);
    const p = patterns[i]!.patterns;
    return {
      id: account.id,
      name: account.name,
      domains: account.domains,
      ...(account.industry !== undefined ? { industry: account.industry } : {}),
      ...(account.region !== undefined ? { region: account.region } : {}),
      ...(account.ownerEmail !== undefined ? { ownerEmail: account.ownerEmail } : {}),
      crmIds: account.crmIds,
      valueScore: score.valueScore,
      segment: score.segment,
      criteria: score.criteria,
      clv: clvs[i]!,
      patterns: p,
      crossSell,
      ...talkingPointFields(
        talkingPoints({
          asOf,
          currency,
          model,
          valueScore: score.valueScore,
          segment: score.segment,
          clv: clvs[i]!,
          patterns: p,
          crossSell,
          signals: signals[i]!,
          productName,
          rates,
          effects: opts.effects,
        }),
        account.id,
        model,
      ),
    };
  });
  progress({ stage: 'talking-points', done: n, total: n });

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    asOf,
    generatedAt: new Date().toISOString(),
    model,
    clvParams: { bgnbd: clvModel.bgnbd, gammaGamma: clvModel.gammaGamma },
    accounts,
    rules,
    products,
    contacts: dataset.contacts.map((c) => ({
      email: c.email,
      name: c.name,
      accountId: c.accountId,
      ...(c.role !== undefined ? { role: c.role } : {}),
    })),
    currency,
    distributions,
    ...(rates !== undefined ? { talkingPointRates: rates } : {}),
    ...(opts.effects !== undefined ? { talkingPointEffects: opts.effects } : {}),
  };
}
