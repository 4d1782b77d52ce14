/**
 * A token bucket per client address: `burst` requests at once, refilled at
 * `perMinute`. In memory, per edge worker process; addresses idle long enough to
 * have a full bucket again are forgotten, so the table stays small under a flood
 * of many addresses.
 */
export type RateLimiter = {
  /** null: allowed; a number: refused, retry after that many seconds */
  take(address: string): number | null;
  size(): number;
};

export function createRateLimiter(opts: { perMinute: number; burst: number; now?: () => number; maxAddresses?: number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const perMs = opts.perMinute / 60_000;
  const fullAfterMs = opts.burst / perMs;
  const max = opts.maxAddresses ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const sweep = (t: number) => {
    for (const [k, b] of buckets) if (t - b.at >= fullAfterMs) buckets.delete(k);
    // still too many (a flood of fresh addresses): drop the oldest
    while (buckets.size > max) buckets.delete(buckets.keys().next().value!);
  };
  return {
    take(address) {
      const t = now();
      let b = buckets.get(address);
      if (!b) {
        if (buckets.size >= max) sweep(t);
        b = { tokens: opts.burst, at: t };
        buckets.set(address, b);
      } else {
        b.tokens = Math.min(opts.burst, b.tokens + (t - b.at) * perMs);
        b.at = t;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
    },
    size: () => buckets.size,
  };
}
