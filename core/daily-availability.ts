import { addDays, dayWindow, type LocalDate, formatLocalDate } from "./time-zone";

export type Interval = { start: Date; end: Date | null };
export type HourCoverage = { hourStart: Date; measuredSec: number };
export type DayBar = { date: string; start: Date; end: Date; downSec: number; measuredSec: number; availability: number | null };

/** Seconds of [a, b) ∩ [c, d). */
export function overlapSec(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart)) / 1000;
}

/**
 * Daily bars for the public page: per local calendar day, downtime (outages
 * intersected with the day, an open outage running to `now`) against the time
 * the probes measured. A day nobody measured has availability null ("no data"),
 * never 100%. The contract report (core/accounting) is the authority for money;
 * this is the picture.
 */
export function dailyBars(opts: { lastDay: LocalDate; days: number; timeZone: string; now: Date; outages: Interval[]; coverage: HourCoverage[] }): DayBar[] {
  const bars: DayBar[] = [];
  const now = opts.now.getTime();
  for (let i = opts.days - 1; i >= 0; i--) {
    const d = addDays(opts.lastDay, -i);
    const { start, end } = dayWindow(d, opts.timeZone);
    const s = start.getTime();
    const e = Math.min(end.getTime(), now);
    let measuredSec = 0;
    for (const h of opts.coverage) {
      const t = h.hourStart.getTime();
      if (t >= s && t < end.getTime()) measuredSec += h.measuredSec;
    }
    let downSec = 0;
    for (const o of opts.outages) downSec += overlapSec(o.start.getTime(), o.end ? o.end.getTime() : now, s, e);
    measuredSec = Math.min(Math.max(measuredSec, downSec), Math.max(0, (e - s) / 1000));
    downSec = Math.min(downSec, measuredSec);
    bars.push({ date: formatLocalDate(d), start, end, downSec, measuredSec, availability: measuredSec > 0 ? 1 - downSec / measuredSec : null });
  }
  return bars;
}

/**
 * The availability of a run of days (the service page's 90-day figure): 1 − Σ downtime ÷ Σ measured time.
 * Days without measurements add nothing to either sum; null when nothing was measured at all. No excused
 * time: the contract's figure is the report's.
 */
export function spanAvailability(bars: { downSec: number; measuredSec: number }[]): number | null {
  let down = 0;
  let measured = 0;
  for (const b of bars) {
    down += b.downSec;
    measured += b.measuredSec;
  }
  return measured > 0 ? 1 - Math.min(down, measured) / measured : null;
}
