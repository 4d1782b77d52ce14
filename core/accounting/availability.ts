import type { StateTimeline } from "./combine";
import { clip, subtract, totalMs, union, type Span } from "./intervals";

/**
 * docs/methodology.md: availability = 1 − downtime / eligible, eligible = period − excused − unmeasured.
 * All figures in whole seconds (the durations themselves are millisecond-exact;
 * the report shows seconds). `availability` is null when nothing was eligible.
 */
export type PeriodFigures = {
  periodSec: number;
  downtimeSec: number;
  excusedSec: number;
  noDataSec: number;
  unknownSec: number;
  eligibleSec: number;
  /** measured / period: how much of the period the monitor could see */
  coverage: number;
  availability: number | null;
  /** exact form for comparisons: availability = availabilityNumerator / eligibleMs */
  downtimeMs: number;
  eligibleMs: number;
};

export function periodFigures(t: StateTimeline, excused: Span[]): PeriodFigures {
  const w = t.window;
  const exc = clip(excused, w);
  const downtimeMs = totalMs(subtract(t.down, exc));
  const noDataMs = totalMs(subtract(t.noData, exc));
  const unknownMs = totalMs(subtract(t.unknown, exc));
  const excusedMs = totalMs(exc);
  const periodMs = w.end - w.start;
  const eligibleMs = periodMs - excusedMs - noDataMs - unknownMs;
  const measuredMs = periodMs - totalMs(union(t.noData, t.unknown));
  return {
    periodSec: periodMs / 1000,
    downtimeSec: downtimeMs / 1000,
    excusedSec: excusedMs / 1000,
    noDataSec: noDataMs / 1000,
    unknownSec: unknownMs / 1000,
    eligibleSec: eligibleMs / 1000,
    coverage: periodMs > 0 ? measuredMs / periodMs : 0,
    availability: eligibleMs > 0 ? 1 - downtimeMs / eligibleMs : null,
    downtimeMs,
    eligibleMs,
  };
}
