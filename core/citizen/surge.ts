/**
 * When citizens' reports for a function are a surge (docs/methodology.md, "Citizen reports"):
 * the reports of the last hour are at least 10 times the median of the same hour on each of the
 * 7 days before (a day without reports counts 0), and at least 20. The minimum keeps a quiet
 * function from surging on a handful of reports; the median keeps one odd day from setting the
 * usual level. Pure.
 */
import { REPORT_BUCKET_MS, reportBucket } from "./report-rules";

export const SURGE_FACTOR = 10;
export const SURGE_MIN_COUNT = 20;
export const SURGE_DAYS = 7;
export const SURGE_WINDOW_MS = 60 * 60_000;
export const DAY_MS = 86_400_000;

export type SurgeDecision = { count: number; median: number; threshold: number; surge: boolean };

/** The median of the counts (the middle one of 7; the lower middle of an even number). */
export function medianCount(counts: readonly number[]): number {
  if (counts.length === 0) return 0;
  const sorted = [...counts].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** `count`: reports in the last hour; `sameHourBefore`: the same hour on each of the days before. */
export function surgeDecision(count: number, sameHourBefore: readonly number[]): SurgeDecision {
  const median = medianCount(sameHourBefore);
  const threshold = Math.max(SURGE_MIN_COUNT, SURGE_FACTOR * median);
  return { count, median, threshold, surge: count >= threshold };
}

/**
 * The windows the rule compares: the last hour, as the 12 five-minute buckets up to and including
 * the one `now` is in, and the same hour on each day before.
 */
export function surgeWindows(now: number): { current: { start: number; end: number }; before: { start: number; end: number }[] } {
  const end = reportBucket(now) + REPORT_BUCKET_MS;
  const current = { start: end - SURGE_WINDOW_MS, end };
  const before = Array.from({ length: SURGE_DAYS }, (_, i) => ({ start: current.start - (i + 1) * DAY_MS, end: current.end - (i + 1) * DAY_MS }));
  return { current, before };
}
