/** Small pure helpers the benchmarks share: percentiles, summaries and the capacity search. */

/** Nearest-rank percentile of an ascending array (q in 0..1); NaN when empty. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export type Summary = { n: number; min: number; p50: number; p90: number; p99: number; max: number };

/** p50/p90/p99 (nearest rank), min and max of unsorted samples. */
export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, min: s[0] ?? NaN, p50: percentile(s, 0.5), p90: percentile(s, 0.9), p99: percentile(s, 0.99), max: s.at(-1) ?? NaN };
}

/**
 * The largest load that passes: tries `steps` in ascending order and stops at the
 * first that fails, then tries up to `refine` loads halfway between the last
 * passing and the first failing one (rounded down to `grain`). Assumes passing is
 * monotone (a load that fails makes every larger one fail), as capacity is.
 */
export async function capacitySearch<T extends { pass: boolean }>(
  steps: number[],
  tryLoad: (n: number) => Promise<T>,
  opts: { refine?: number; grain?: number } = {},
): Promise<{ best: number | null; bestResult: T | null; tried: { n: number; result: T }[] }> {
  const tried: { n: number; result: T }[] = [];
  let best: number | null = null;
  let bestResult: T | null = null;
  let failed: number | null = null;
  for (const n of [...steps].sort((a, b) => a - b)) {
    const result = await tryLoad(n);
    tried.push({ n, result });
    if (!result.pass) {
      failed = n;
      break;
    }
    best = n;
    bestResult = result;
  }
  const grain = opts.grain ?? 1;
  for (let i = 0; i < (opts.refine ?? 0) && failed !== null; i++) {
    const low = best ?? 0;
    const mid = Math.floor((low + failed) / 2 / grain) * grain;
    if (mid <= low || mid >= failed) break;
    const result = await tryLoad(mid);
    tried.push({ n: mid, result });
    if (result.pass) {
      best = mid;
      bestResult = result;
    } else failed = mid;
  }
  return { best, bestResult, tried };
}
