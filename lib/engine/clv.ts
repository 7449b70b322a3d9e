/**
 * Customer lifetime value from RFM summaries, with the two "buy till you die" models of Fader, Hardie & Lee:
 *
 * - BG/NBD for the number of future orders: while alive a customer orders as a Poisson process with rate λ ~
 *   Gamma(r, α), and after each order drops out with probability p ~ Beta(a, b). Fader, Hardie & Lee (2005),
 *   "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2),
 *   https://brucehardie.com/papers/018/fader_et_al_mksc_05.pdf (likelihood eq. 6, P(alive) eq. 13, conditional
 *   expectation eq. 10).
 * - Gamma-Gamma for the value of an order: spends are Gamma(p, ν) around a customer's mean, with ν ~ Gamma(q, γ).
 *   Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4), and
 *   Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", https://brucehardie.com/notes/025/.
 *
 * Both are fitted by maximum likelihood on log-parameters with Nelder–Mead, so the parameters stay positive without
 * constraints. Likelihoods are summed on the log scale (log-gamma, log-sum-exp), so customers with hundreds of
 * orders neither overflow nor underflow. Time is in whatever unit the summaries use (weeks for CDNOW, days in the
 * engine); the rate parameter α and the horizon t of a prediction share that unit.
 */
import { hyp2f1, logHyp2f1 } from './math/hyp2f1.ts';
import { logGamma } from './math/log-gamma.ts';
import { logAddExp } from './math/log-sum-exp.ts';
import { nelderMead } from './math/nelder-mead.ts';

/** One customer's history in a calibration period; the clock starts at the first order. */
export interface RfmSummary {
  /** Repeat orders in the period (x): all orders minus the first. A non-negative integer. */
  frequency: number;
  /** Time of the last repeat order after the first order (t_x); 0 when frequency is 0. */
  recency: number;
  /** Time from the first order to the end of the period (T), > 0 and ≥ recency. */
  T: number;
  /** Mean value of the repeat orders (the first order excluded), for Gamma-Gamma. */
  monetaryValue?: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  logLikelihood: number;
}
export type BgNbdShape = Pick<BgNbdParams, 'r' | 'alpha' | 'a' | 'b'>;

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
  logLikelihood: number;
}
export type GammaGammaShape = Pick<GammaGammaParams, 'p' | 'q' | 'gamma'>;

/** Per-customer objective tolerances: the fitted log-parameters are good to about 1e-6. */
const FIT_OPTIONS = { step: 0.5, xTolerance: 1e-8, fTolerance: 1e-12, maxEvaluations: 20_000, maxRestarts: 5 };
/** Log-parameters beyond ±30 (e^30 ≈ 1e13) mean a degenerate fit; the search treats them as infeasible. */
const LOG_PARAM_LIMIT = 30;

/**
 * The BG/NBD log-likelihood of the data (Fader, Hardie & Lee 2005, eq. 6), summed over customers:
 * ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln[(α+T)^−(r+x) + δ(x>0) a/(b+x−1) (α+t_x)^−(r+x)],
 * the last term by log-sum-exp. Runs in `O(n)`.
 *
 * @throws {Error} when a parameter is not positive and finite, or a summary is invalid (see {@link fitBgNbd})
 * @example
 * bgNbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnow); // => -9582.43 (CDNOW, 2,357 customers)
 */
export function bgNbdLogLikelihood(params: BgNbdShape, data: readonly RfmSummary[]): number {
  checkPositive('bgNbdLogLikelihood', params);
  return prepareBgNbd('bgNbdLogLikelihood', data, false).logLikelihood(params.r, params.alpha, params.a, params.b);
}

/**
 * Fits the BG/NBD model by maximum likelihood (Nelder–Mead with restarts on ln r, ln α, ln a, ln b). Customers with
 * the same (x, t_x, T) are evaluated once. About 1,500 likelihood evaluations of `O(distinct summaries)` each.
 *
 * @param data one summary per customer; at least one must have a repeat order
 * @throws {Error} on empty data, an invalid summary (frequency not a non-negative integer, T ≤ 0, recency outside
 *   [0, T], non-finite values), when no customer has a repeat order (the model is then not identified), or when
 *   the search does not converge
 * @param opts.maxEvaluations likelihood evaluations allowed (default 20,000)
 * @param opts.bestEffort return the best point found instead of throwing when the budget runs out, e.g. when the
 *   likelihood climbs a ridge toward a, b → ∞ (dropout equal for every customer) and has no interior maximum
 * @example
 * fitBgNbd(cdnow); // => { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258, logLikelihood: -9582.43 }
 */
export function fitBgNbd(
  data: readonly RfmSummary[],
  opts: { maxEvaluations?: number; bestEffort?: boolean } = {},
): BgNbdParams {
  const prepared = prepareBgNbd('fitBgNbd', data, true);
  const n = data.length;
  const meanT = data.reduce((s, c) => s + c.T, 0) / n;
  const meanX = data.reduce((s, c) => s + c.frequency, 0) / n;
  // Start at r = 1, a = b = 1 and α matching the mean order rate (r / α = mean x / mean T).
  const start = [0, Math.log(meanT / meanX), 0, 0];
  const result = nelderMead(
    (theta) => {
      if (theta.some((v) => Math.abs(v) > LOG_PARAM_LIMIT)) return Infinity;
      const [lr = 0, lalpha = 0, la = 0, lb = 0] = theta;
      return -prepared.logLikelihood(Math.exp(lr), Math.exp(lalpha), Math.exp(la), Math.exp(lb)) / n;
    },
    start,
    { ...FIT_OPTIONS, maxEvaluations: opts.maxEvaluations ?? FIT_OPTIONS.maxEvaluations },
  );
  if (!result.converged && opts.bestEffort !== true) {
    throw new Error(`fitBgNbd: the likelihood search did not converge on ${n} customers`);
  }
  const [r = 0, alpha = 0, a = 0, b = 0] = result.x.map(Math.exp);
  return { r, alpha, a, b, logLikelihood: -result.value * n };
}

/**
 * The probability that a customer is still alive at T (Fader, Hardie & Lee 2005, eq. 13, and Fader, Hardie & Lee
 * 2008, "Computing P(alive) using the BG/NBD model", https://brucehardie.com/notes/021/):
 * 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)). A customer without repeat orders cannot have dropped out
 * yet under BG/NBD, so this is 1 for x = 0. Runs in `O(1)`.
 *
 * @throws {Error} on invalid parameters or an invalid summary
 * @example
 * bgNbdPAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }); // => 0.7266
 */
export function bgNbdPAlive(params: BgNbdShape, c: RfmSummary): number {
  checkPositive('bgNbdPAlive', params);
  checkSummary('bgNbdPAlive', c, 0);
  const { r, alpha, a, b } = params;
  const x = c.frequency;
  if (x === 0) return 1;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + c.T) / (alpha + c.recency));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * The expected number of orders in the next t time units for a customer with summary (x, t_x, T) (Fader, Hardie &
 * Lee 2005, eq. 10):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
 * Runs in `O(k)` for the ₂F₁ series, k ≈ 40 terms when t ≈ T. Loses precision when a is within about 1e-6 of 1,
 * where the formula has a removable singularity.
 *
 * @param t horizon, ≥ 0, in the unit of the summaries
 * @throws {Error} on invalid parameters, an invalid summary, a negative or non-finite t, or a = 1 exactly
 * @example
 * bgNbdExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, { frequency: 2, recency: 30.43, T: 38.86 }); // => 1.2260
 */
export function bgNbdExpectedPurchases(params: BgNbdShape, t: number, c: RfmSummary): number {
  checkPositive('bgNbdExpectedPurchases', params);
  checkSummary('bgNbdExpectedPurchases', c, 0);
  if (!(t >= 0 && Number.isFinite(t))) throw new Error(`bgNbdExpectedPurchases: t must be finite and ≥ 0, got ${t}`);
  const { r, alpha, a, b } = params;
  if (a === 1) throw new Error('bgNbdExpectedPurchases: a = 1 exactly is a singular point of the formula');
  if (t === 0) return 0;
  const x = c.frequency;
  const z = t / (alpha + c.T + t);
  const logShrink = (r + x) * Math.log((alpha + c.T) / (alpha + c.T + t));
  // For x ≥ 1 every 2F1 parameter is positive, so its log is safe even beyond the double range; for x = 0 the third
  // parameter a + b − 1 may be negative and the value is moderate, so sum it directly.
  const hypTerm =
    x > 0
      ? Math.exp(logShrink + logHyp2f1(r + x, b + x, a + b + x - 1, z))
      : Math.exp(logShrink) * hyp2f1(r, b, a + b - 1, z);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - hypTerm);
  const deadOdds = x > 0 ? (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + c.T) / (alpha + c.recency))) : 0;
  return numerator / (1 + deadOdds);
}

/**
 * The Gamma-Gamma log-likelihood of the mean spends of repeat buyers (Fader & Hardie 2013, note 025, eq. 3), over
 * the rows with frequency > 0 and monetaryValue > 0:
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄). Runs in `O(n)`.
 *
 * @throws {Error} on invalid parameters or summaries, or when no row qualifies
 * @example
 * gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnow); // => -4055.92 (946 repeat buyers)
 */
export function gammaGammaLogLikelihood(params: GammaGammaShape, data: readonly RfmSummary[]): number {
  checkPositive('gammaGammaLogLikelihood', params);
  return prepareGammaGamma('gammaGammaLogLikelihood', data).logLikelihood(params.p, params.q, params.gamma);
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood (Nelder–Mead with restarts on ln p, ln q, ln γ) on the
 * rows with frequency > 0 and monetaryValue > 0; the others carry no information about spend and are skipped.
 * Runs in `O(n)` per evaluation, a few hundred evaluations.
 *
 * @throws {Error} when no row has frequency > 0 and monetaryValue > 0, a summary is invalid, or the search does not
 *   converge
 * @example
 * fitGammaGamma(cdnow); // => { p: 6.2488, q: 3.7446, gamma: 15.4478, logLikelihood: -4055.92 }
 */
export function fitGammaGamma(data: readonly RfmSummary[]): GammaGammaParams {
  const prepared = prepareGammaGamma('fitGammaGamma', data);
  const n = prepared.rows;
  // Start at p = 1, q = 2, where the population mean spend p γ / (q − 1) equals γ: so γ = the observed mean.
  const start = [0, Math.log(2), Math.log(prepared.meanSpend)];
  const result = nelderMead(
    (theta) => {
      if (theta.some((v) => Math.abs(v) > LOG_PARAM_LIMIT)) return Infinity;
      const [lp = 0, lq = 0, lg = 0] = theta;
      return -prepared.logLikelihood(Math.exp(lp), Math.exp(lq), Math.exp(lg)) / n;
    },
    start,
    FIT_OPTIONS,
  );
  if (!result.converged) throw new Error(`fitGammaGamma: the likelihood search did not converge on ${n} rows`);
  const [p = 0, q = 0, gamma = 0] = result.x.map(Math.exp);
  return { p, q, gamma, logLikelihood: -result.value * n };
}

/**
 * The expected value of a customer's future orders given their mean spend z̄ over x repeat orders (Fader, Hardie &
 * Lee 2005, "RFM and CLV", eq. 5): p (γ + x z̄) / (p x + q − 1), a weighted mean of the population mean p γ / (q − 1)
 * and z̄. Without repeat orders or without monetaryValue it is the population mean. Runs in `O(1)`.
 *
 * @throws {Error} on invalid parameters or summary, or when p x + q ≤ 1 (the mean does not exist)
 * @example
 * gammaGammaExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }); // => 24.66
 */
export function gammaGammaExpectedSpend(params: GammaGammaShape, c: RfmSummary): number {
  checkPositive('gammaGammaExpectedSpend', params);
  checkSummary('gammaGammaExpectedSpend', c, 0);
  const { p, q, gamma } = params;
  const m = c.monetaryValue;
  if (m !== undefined && !(m >= 0 && Number.isFinite(m))) {
    throw new Error(`gammaGammaExpectedSpend: monetaryValue must be finite and ≥ 0, got ${m}`);
  }
  const x = m === undefined ? 0 : c.frequency;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new Error(`gammaGammaExpectedSpend: p·x + q must exceed 1 for the mean to exist, got ${denominator + 1}`);
  }
  return (p * (gamma + x * (m ?? 0))) / denominator;
}

interface PreparedBgNbd {
  logLikelihood(r: number, alpha: number, a: number, b: number): number;
}

/** Validates the summaries and groups identical (x, t_x, T) so that each distinct summary is evaluated once. */
function prepareBgNbd(caller: string, data: readonly RfmSummary[], forFit: boolean): PreparedBgNbd {
  if (data.length === 0) throw new Error(`${caller}: no customers given`);
  const groups = new Map<string, { x: number; tx: number; T: number; weight: number }>();
  let repeatBuyers = 0;
  data.forEach((c, i) => {
    checkSummary(caller, c, i);
    const tx = c.frequency === 0 ? 0 : c.recency;
    const key = `${c.frequency}|${tx}|${c.T}`;
    const group = groups.get(key);
    if (group) group.weight++;
    else groups.set(key, { x: c.frequency, tx, T: c.T, weight: 1 });
    if (c.frequency > 0) repeatBuyers++;
  });
  if (forFit && repeatBuyers === 0) {
    throw new Error(`${caller}: none of the ${data.length} customers has a repeat order; the model is not identified`);
  }
  const rows = [...groups.values()];
  const distinct = (values: number[]) => {
    const unique = [...new Set(values)];
    const indexOf = new Map(unique.map((v, i) => [v, i]));
    return { values: Float64Array.from(unique), index: Int32Array.from(values, (v) => indexOf.get(v)!) };
  };
  // Per distinct x: ln Γ(r+x) − ln Γ(r) + ln Γ(b+x) − ln Γ(a+b+x) and ln a − ln(b+x−1); per distinct T and t_x:
  // ln(α+T) and ln(α+t_x). Summaries share few distinct values (CDNOW: 23 x, 84 T, 256 t_x in 1,016 rows).
  const xs = distinct(rows.map((g) => g.x));
  const Ts = distinct(rows.map((g) => g.T));
  const txs = distinct(rows.map((g) => g.tx));
  const m = rows.length;
  const x = Float64Array.from(rows, (g) => g.x);
  const weight = Float64Array.from(rows, (g) => g.weight);
  const perX = new Float64Array(xs.values.length);
  const dropTerm = new Float64Array(xs.values.length);
  const logAlphaT = new Float64Array(Ts.values.length);
  const logAlphaTx = new Float64Array(txs.values.length);

  return {
    logLikelihood(r, alpha, a, b) {
      const base = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
      for (let k = 0; k < xs.values.length; k++) {
        const xk = xs.values[k]!;
        perX[k] = base + logGamma(r + xk) + logGamma(b + xk) - logGamma(a + b + xk);
        dropTerm[k] = xk > 0 ? Math.log(a) - Math.log(b + xk - 1) : -Infinity;
      }
      for (let k = 0; k < Ts.values.length; k++) logAlphaT[k] = Math.log(alpha + Ts.values[k]!);
      for (let k = 0; k < txs.values.length; k++) logAlphaTx[k] = Math.log(alpha + txs.values[k]!);
      let sum = 0;
      for (let i = 0; i < m; i++) {
        const k = xs.index[i]!;
        const rx = r + x[i]!;
        const survived = -rx * logAlphaT[Ts.index[i]!]!;
        const term = x[i]! > 0 ? logAddExp(survived, dropTerm[k]! - rx * logAlphaTx[txs.index[i]!]!) : survived;
        sum += weight[i]! * (perX[k]! + term);
      }
      return sum;
    },
  };
}

interface PreparedGammaGamma {
  rows: number;
  meanSpend: number;
  logLikelihood(p: number, q: number, gamma: number): number;
}

function prepareGammaGamma(caller: string, data: readonly RfmSummary[]): PreparedGammaGamma {
  const xs: number[] = [];
  const spends: number[] = [];
  data.forEach((c, i) => {
    checkSummary(caller, c, i);
    const m = c.monetaryValue;
    if (c.frequency > 0 && m !== undefined && m > 0) {
      if (!Number.isFinite(m)) throw new Error(`${caller}: customer ${i} has monetaryValue ${m}`);
      xs.push(c.frequency);
      spends.push(m);
    }
  });
  const n = xs.length;
  if (n === 0) {
    throw new Error(`${caller}: none of the ${data.length} rows has frequency > 0 and monetaryValue > 0`);
  }
  const distinctX = [...new Set(xs)];
  const xIndexOf = new Map(distinctX.map((x, i) => [x, i]));
  const x = Float64Array.from(xs);
  const xIndex = Int32Array.from(xs, (v) => xIndexOf.get(v)!);
  const spend = Float64Array.from(spends);
  const logSpend = Float64Array.from(spends, Math.log);
  const logX = Float64Array.from(xs, Math.log);
  const perX = new Float64Array(distinctX.length);
  return {
    rows: n,
    meanSpend: spends.reduce((s, v) => s + v, 0) / n,
    logLikelihood(p, q, gamma) {
      for (let k = 0; k < distinctX.length; k++) {
        const px = p * distinctX[k]!;
        perX[k] = logGamma(px + q) - logGamma(px);
      }
      const constant = q * Math.log(gamma) - logGamma(q);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const px = p * x[i]!;
        sum +=
          perX[xIndex[i]!]! + (px - 1) * logSpend[i]! + px * logX[i]! - (px + q) * Math.log(gamma + x[i]! * spend[i]!);
      }
      return sum + n * constant;
    },
  };
}

function checkPositive(caller: string, params: object): void {
  for (const [name, value] of Object.entries(params)) {
    if (name === 'logLikelihood') continue;
    if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new Error(`${caller}: parameter ${name} must be a positive finite number, got ${String(value)}`);
    }
  }
}

function checkSummary(caller: string, c: RfmSummary, index: number): void {
  const { frequency: x, recency, T } = c;
  const where = `${caller}: customer ${index} (frequency ${x}, recency ${recency}, T ${T})`;
  if (!(Number.isInteger(x) && x >= 0)) throw new Error(`${where}: frequency must be a non-negative integer`);
  if (!(T > 0 && Number.isFinite(T))) throw new Error(`${where}: T must be a positive finite number`);
  if (!(recency >= 0 && recency <= T)) throw new Error(`${where}: recency must lie in [0, T]`);
}
