/**
 * How long the sync client waits after failed attempts: exponential backoff with "equal jitter"
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). The window doubles with every
 * failure up to a cap; the delay is half the window plus a random share of the other half, so many devices that
 * lost the hub at the same moment do not come back at the same moment, and no retry follows straight away.
 */

export interface BackoffPolicy {
  /** The window after the first failure, in ms. */
  baseMs: number;
  /** The largest window, in ms (a device offline for days still tries this often). */
  maxMs: number;
}

/** 30 s, 1 min, 2 min … up to 30 min: Chrome's alarms fire at most every 30 s anyway. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 30 * 60_000 };

/**
 * The delay before the next attempt after `failures` failed attempts in a row. Runs in O(1).
 * @param failures consecutive failures so far (1 after the first)
 * @param random a source of numbers in [0, 1) (Math.random; tests pass a fixed one)
 * @throws {Error} when failures is not a positive integer or the policy is not 0 < baseMs ≤ maxMs
 * @example backoffDelay(3, () => 0.5) // => 90000 (window 120 s: 60 s + 0.5 × 60 s)
 */
export function backoffDelay(failures: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(failures) || failures < 1) {
    throw new Error(`backoffDelay: failures must be a positive integer, got ${failures}`);
  }
  if (!(policy.baseMs > 0 && policy.maxMs >= policy.baseMs)) {
    throw new Error(`backoffDelay: need 0 < baseMs ≤ maxMs, got baseMs ${policy.baseMs}, maxMs ${policy.maxMs}`);
  }
  // 2 ** 40 already exceeds any sensible cap; clamping the exponent keeps the product finite.
  const window = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(window / 2 + (r * window) / 2);
}
