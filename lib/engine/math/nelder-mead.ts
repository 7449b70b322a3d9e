/**
 * Derivative-free minimisation for the engine's maximum-likelihood fits (BG/NBD, Gamma-Gamma). The fits work on
 * log-parameters, so the search space is unbounded and a simplex method needs no constraints.
 */

export interface NelderMeadOptions {
  /** Edge length of the starting simplex around x0 (and around the best point at each restart). Default 0.5. */
  step?: number;
  /** Converged when every vertex lies within this distance of the best one in every coordinate. Default 1e-10. */
  xTolerance?: number;
  /** …and the function values across the simplex differ by at most this much. Default 1e-12. */
  fTolerance?: number;
  /** Budget of function evaluations over all restarts. Default 20,000. */
  maxEvaluations?: number;
  /** Fresh simplices built around the best point after convergence, to escape a collapsed simplex. Default 5. */
  maxRestarts?: number;
}

export interface NelderMeadResult {
  /** The best point found. */
  x: number[];
  /** f(x). */
  value: number;
  evaluations: number;
  /** Restarts run; the search stops early when a restart no longer improves the minimum by fTolerance. */
  restarts: number;
  /** False when the evaluation budget ran out before the tolerances were met. */
  converged: boolean;
}

/**
 * Minimises f with the [Nelder–Mead simplex method](https://en.wikipedia.org/wiki/Nelder%E2%80%93Mead_method), using
 * the dimension-adaptive coefficients of Gao & Han (2012, "Implementing the Nelder-Mead simplex algorithm with
 * adaptive parameters", Comput. Optim. Appl. 51) and restarting from the best point until a restart stops paying
 * off (the usual cure for a simplex that collapsed before reaching the minimum). NaN values count as +∞, so f may
 * return Infinity outside its domain.
 *
 * Costs `O(n)` evaluations of f per iteration plus `O(n²)` arithmetic, n = x0.length.
 *
 * @param f objective; receives a fresh array it may keep
 * @param x0 starting point, n ≥ 1 finite coordinates
 * @throws {Error} when x0 is empty or not finite, or f(x0) is not finite
 * @example
 * nelderMead(([x = 0, y = 0]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).x; // => [1, -2] (to ~1e-10)
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n === 0 || !x0.every(Number.isFinite)) {
    throw new Error(`nelderMead: x0 must be a non-empty array of finite numbers, got [${x0.join(', ')}]`);
  }
  const step = options.step ?? 0.5;
  const xTol = options.xTolerance ?? 1e-10;
  const fTol = options.fTolerance ?? 1e-12;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  const maxRestarts = options.maxRestarts ?? 5;

  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };

  let best = [...x0];
  let bestValue = evaluate(best);
  if (!Number.isFinite(bestValue))
    throw new Error(`nelderMead: f(x0) must be finite, got ${bestValue} at [${x0.join(', ')}]`);

  let restarts = 0;
  let converged = false;
  for (;;) {
    const run = simplexSearch(evaluate, best, bestValue, step, xTol, fTol, () => evaluations < maxEvaluations);
    const improvement = bestValue - run.value;
    if (run.value <= bestValue) {
      best = run.x;
      bestValue = run.value;
    }
    converged = run.converged;
    if (!converged || restarts >= maxRestarts || (restarts > 0 && improvement <= fTol)) break;
    restarts++;
  }
  return { x: best, value: bestValue, evaluations, restarts, converged };
}

/** One Nelder–Mead run from a right-angled simplex of edge `step` at `start`. */
function simplexSearch(
  evaluate: (x: number[]) => number,
  start: number[],
  startValue: number,
  step: number,
  xTol: number,
  fTol: number,
  withinBudget: () => boolean,
): { x: number[]; value: number; converged: boolean } {
  const n = start.length;
  const alpha = 1;
  const beta = 1 + 2 / n; // expansion
  const gamma = 0.75 - 1 / (2 * n); // contraction
  const delta = 1 - 1 / n || 0.5; // shrink (n = 1 would give 0)

  const points: number[][] = [start];
  const values: number[] = [startValue];
  for (let i = 0; i < n; i++) {
    const p = [...start];
    p[i]! += step;
    points.push(p);
    values.push(evaluate(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Array<number>(n);
  const along = (from: number[], to: number[], t: number): number[] => from.map((v, i) => v + t * (to[i]! - v));

  for (;;) {
    order.sort((i, j) => values[i]! - values[j]!);
    const bestI = order[0]!;
    const worstI = order[n]!;
    const secondWorstValue = values[order[n - 1]!]!;
    const bestP = points[bestI]!;

    let spread = 0;
    for (const i of order) {
      for (let d = 0; d < n; d++) spread = Math.max(spread, Math.abs(points[i]![d]! - bestP[d]!));
    }
    if (spread <= xTol && values[worstI]! - values[bestI]! <= fTol) {
      return { x: bestP, value: values[bestI]!, converged: true };
    }
    if (!withinBudget()) return { x: bestP, value: values[bestI]!, converged: false };

    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]!]!;
      for (let d = 0; d < n; d++) centroid[d]! += p[d]! / n;
    }
    const worst = points[worstI]!;
    const reflected = along(centroid, worst, -alpha);
    const fr = evaluate(reflected);
    if (fr < values[bestI]!) {
      const expanded = along(centroid, worst, -alpha * beta);
      const fe = evaluate(expanded);
      if (fe < fr) replace(worstI, expanded, fe);
      else replace(worstI, reflected, fr);
    } else if (fr < secondWorstValue) {
      replace(worstI, reflected, fr);
    } else {
      const outside = fr < values[worstI]!;
      const contracted = outside ? along(centroid, reflected, gamma) : along(centroid, worst, gamma);
      const fc = evaluate(contracted);
      if (fc < (outside ? fr : values[worstI]!)) {
        replace(worstI, contracted, fc);
      } else {
        for (const i of order.slice(1)) {
          points[i] = along(bestP, points[i]!, delta);
          values[i] = evaluate(points[i]!);
        }
      }
    }
  }

  function replace(i: number, p: number[], v: number): void {
    points[i] = p;
    values[i] = v;
  }
}
