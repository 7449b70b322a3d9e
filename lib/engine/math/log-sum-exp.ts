/**
 * Sums of exponentials on the log scale: ln(e^a + e^b) without overflow or underflow. Likelihoods that are sums of
 * tiny terms (the two parts of the BG/NBD likelihood) are added this way.
 */

/**
 * ln(e^a + e^b), computed as max + ln(1 + e^−|a − b|) so that neither exponential overflows or underflows, like
 * numpy's `logaddexp`. Runs in `O(1)`.
 *
 * @returns `-Infinity` when both are `-Infinity` (ln 0 + ln 0); `NaN` when either is `NaN`
 * @example
 * logAddExp(Math.log(2), Math.log(3)); // => 1.6094379124341003 (ln 5)
 * logAddExp(-1000, -1000); // => -999.3068528194401 (−1000 + ln 2)
 */
export function logAddExp(a: number, b: number): number {
  const max = a > b ? a : b;
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  return max + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * ln Σ e^vᵢ over all values, shifted by the maximum (the
 * [log-sum-exp trick](https://en.wikipedia.org/wiki/LogSumExp)) so that the largest term is e^0. Runs in `O(n)`.
 *
 * @param values log-scale terms; `-Infinity` entries stand for zero terms
 * @returns `-Infinity` for an empty list (the log of an empty sum)
 * @example
 * logSumExp([Math.log(1), Math.log(2), Math.log(3)]); // => 1.791759469228055 (ln 6)
 * logSumExp([1000, 1000]); // => 1000.6931471805599
 */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) return NaN;
    if (v > max) max = v;
  }
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum);
}
