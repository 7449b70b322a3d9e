/**
 * A token bucket per key (the API token): `perMinute` requests a minute on average, bursts up to `burst`.
 * In memory, per process; O(1) per request, and idle buckets are swept so that the map stays small.
 */
export interface RateLimiter {
  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds to wait. */
  take(key: string | number): number;
}

export function createRateLimiter(
  perMinute: number,
  burst = Math.max(1, Math.ceil(perMinute / 6)),
  now = () => Date.now(),
): RateLimiter {
  if (!(perMinute > 0)) throw new Error(`createRateLimiter: perMinute must be positive, got ${perMinute}`);
  const perMs = perMinute / 60_000;
  const buckets = new Map<string | number, { tokens: number; at: number }>();
  let lastSweep = now();
  return {
    take(key) {
      const t = now();
      if (t - lastSweep > 60_000) {
        for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= burst) buckets.delete(k);
        lastSweep = t;
      }
      const b = buckets.get(key) ?? { tokens: burst, at: t };
      b.tokens = Math.min(burst, b.tokens + (t - b.at) * perMs);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - b.tokens) / perMs / 1000);
    },
  };
}
