import { nextDueMs } from "../schedule";
import { localParts } from "../time-zone";

/**
 * When a service's probes run at a shorter interval: from a changeover's cutover
 * until some days after the actual go-live, and in configured peak hours (e.g.
 * the 1st of the month, 08:30–11:00 local). Pure; the worker asks it for each
 * probe's next run.
 */
export type WatchPlan = {
  intervalMs: number;
  timeZone: string;
  /** absolute windows, half-open; end null while the go-live has not been made */
  windows: { start: number; end: number | null }[];
  /** local days of the month and minutes of the day, half-open [from, to) */
  peaks: { days: number[]; fromMin: number; toMin: number }[];
};

export function intensifiedAt(plan: WatchPlan, t: number): boolean {
  if (plan.windows.some((w) => t >= w.start && (w.end === null || t < w.end))) return true;
  if (plan.peaks.length === 0) return false;
  const p = localParts(new Date(t), plan.timeZone);
  const minute = p.hour * 60 + p.minute;
  return plan.peaks.some((k) => k.days.includes(p.day) && minute >= k.fromMin && minute < k.toMin);
}

/**
 * The next run strictly after `after` and whether it is a watch run (at the
 * shorter interval, and stored with that interval). Watch runs are taken at the
 * short interval's slots while the watch is on; when it ends, they continue
 * until the probe's next normal slot, so consecutive runs are never further
 * apart than 2 × the interval the earlier one states: no gap is mistaken for
 * NO_DATA at either switch (core/accounting/location-fold.ts).
 */
export function nextRun(key: string, normalMs: number, plan: WatchPlan | null, after: number, wasWatch: boolean): { at: number; watch: boolean } {
  const normalNext = nextDueMs(key, normalMs, after);
  if (!plan || plan.intervalMs >= normalMs) return { at: normalNext, watch: false };
  for (let s = nextDueMs(key, plan.intervalMs, after); s < normalNext; s += plan.intervalMs) {
    if (wasWatch || intensifiedAt(plan, s)) return { at: s, watch: true };
  }
  return { at: normalNext, watch: intensifiedAt(plan, normalNext) };
}
