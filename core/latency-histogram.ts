/**
 * A sparse log-scale latency histogram: bucket i holds latencies in
 * (2^((i-1)/8), 2^(i/8)] ms, so a percentile read from it is within about 9%.
 * Histograms add, so hourly roll-ups merge into days and months exactly.
 */
export type Histogram = Record<string, number>;

const STEPS_PER_DOUBLING = 8;

export function bucketOf(latencyMs: number): number {
  if (latencyMs <= 1) return 0;
  return Math.ceil(Math.log2(latencyMs) * STEPS_PER_DOUBLING);
}

export function bucketUpperMs(bucket: number): number {
  return 2 ** (bucket / STEPS_PER_DOUBLING);
}

export function addSample(h: Histogram, latencyMs: number): Histogram {
  const b = String(bucketOf(latencyMs));
  return { ...h, [b]: (h[b] ?? 0) + 1 };
}

export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  const out: Histogram = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** The q-quantile (0..1), as the upper bound of the bucket it falls in; null when empty. */
export function quantile(h: Histogram, q: number): number | null {
  const entries = Object.entries(h)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((x, y) => x[0] - y[0]);
  const total = entries.reduce((n, [, v]) => n + v, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, count] of entries) {
    seen += count;
    if (seen >= rank) return Math.round(bucketUpperMs(bucket));
  }
  return Math.round(bucketUpperMs(entries.at(-1)![0]));
}
