import { monthWindow } from "../accounting/periods";
import { localParts, zonedTimeToUtc } from "../time-zone";

const HOUR = 3_600_000;

/** One hour of a service's measurements (from the hourly roll-ups). */
export type HourFigure = { hourStart: number; runs: number; failures: number; latencyP95: number | null };

/** A recurring peak hour (e.g. the 1st at 09:00 local) and when its history counts as degraded. */
export type PeakRule = {
  id: string;
  day: number;
  hour: number;
  /** degraded when the peak hour's p95 latency is more than this × the month's median hourly p95 */
  latencyFactor: number;
  /** or when its error rate exceeds the month's median hourly error rate by more than this (0.05 = 5 points) */
  errorRateAbove: number;
  /** consecutive past peaks that must be degraded */
  months: number;
  /** how long before the next peak the warning shows */
  warnBeforeMs: number;
};

export type PeakMonth = {
  month: string;
  peakStart: number;
  latencyP95: number | null;
  medianLatencyP95: number | null;
  errorRate: number | null;
  medianErrorRate: number | null;
  degraded: "latency" | "errors" | null;
};

export type PeakWarning = {
  ruleId: string;
  /** the last `months` peaks were all degraded */
  firing: boolean;
  nextPeak: number;
  /** firing and the next peak is within warnBefore (or under way) */
  showNow: boolean;
  /** the past peaks judged, oldest first */
  months: PeakMonth[];
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The peak of a local month, or null when the month has no such day (the 31st in April). */
function peakOf(year: number, month: number, rule: PeakRule, timeZone: string): number | null {
  const start = zonedTimeToUtc({ year, month, day: rule.day }, rule.hour, 0, timeZone).getTime();
  const p = localParts(new Date(start), timeZone);
  return p.month === month && p.day === rule.day ? start : null;
}

/**
 * Pure early warning from history: for each of the last `months` peaks that
 * ended before `now`, compare the peak hour with the median hour of its month.
 * A peak without data is never called degraded (nothing is claimed unmeasured).
 */
export function peakWarning(hours: HourFigure[], rule: PeakRule, timeZone: string, now: number): PeakWarning {
  const byHour = new Map(hours.map((h) => [h.hourStart, h]));
  const past: number[] = [];
  const nowParts = localParts(new Date(now), timeZone);
  let y = nowParts.year;
  let m = nowParts.month;
  let nextPeak: number | null = null;
  // Walk months backwards from this one; at most 4 × months + 2 steps (months without the day are skipped).
  for (let i = 0; i < rule.months * 4 + 2 && past.length < rule.months; i++) {
    const start = peakOf(y, m, rule, timeZone);
    if (start !== null && start + HOUR <= now) past.push(start);
    m--;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  // The next peak: this month's if it has not ended, else the next month that has the day.
  [y, m] = [nowParts.year, nowParts.month];
  for (let i = 0; i < 14 && nextPeak === null; i++) {
    const start = peakOf(y, m, rule, timeZone);
    if (start !== null && start + HOUR > now) nextPeak = start;
    m++;
    if (m === 13) [y, m] = [y + 1, 1];
  }

  const months = past.reverse().map((peakStart): PeakMonth => {
    const p = localParts(new Date(peakStart), timeZone);
    const win = monthWindow({ year: p.year, month: p.month }, timeZone);
    const inMonth = hours.filter((h) => h.hourStart >= win.start && h.hourStart < win.end && h.runs > 0);
    const peak = byHour.get(peakStart);
    const latencyP95 = peak?.latencyP95 ?? null;
    const errorRate = peak && peak.runs > 0 ? peak.failures / peak.runs : null;
    const medianLatencyP95 = median(inMonth.flatMap((h) => (h.latencyP95 === null ? [] : [h.latencyP95])));
    const medianErrorRate = median(inMonth.map((h) => h.failures / h.runs));
    const slow = latencyP95 !== null && medianLatencyP95 !== null && latencyP95 > rule.latencyFactor * medianLatencyP95;
    const failing = errorRate !== null && medianErrorRate !== null && errorRate > medianErrorRate + rule.errorRateAbove;
    return {
      month: `${p.year}-${String(p.month).padStart(2, "0")}`,
      peakStart,
      latencyP95,
      medianLatencyP95,
      errorRate,
      medianErrorRate,
      degraded: slow ? "latency" : failing ? "errors" : null,
    };
  });
  const firing = months.length === rule.months && months.every((x) => x.degraded !== null);
  const next = nextPeak ?? Number.POSITIVE_INFINITY;
  return { ruleId: rule.id, firing, nextPeak: next, showNow: firing && now >= next - rule.warnBeforeMs && now < next + HOUR, months };
}
