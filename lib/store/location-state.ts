import type { ClosedSpan, LocationFold } from "@/core/accounting/location-fold";
import type { ProbeState } from "@/core/probe-result";

/**
 * The stored form of a location's fold (ProbeStatus rows and LocationSpan rows)
 * and back. Only conversions: the rules are in core/accounting/location-fold.ts.
 */
export type ProbeStatusRow = {
  probeId: number;
  state: string;
  since: Date;
  firstResultAt: Date;
  lastResultAt: Date;
  lastIntervalSec: number;
  lastState: string;
  lastLatencyMs: number | null;
  lastError: string | null;
  streakStart: Date | null;
  streakCount: number;
  lastFailureAt: Date | null;
  streakErrorClass: string | null;
  streakMessage: string | null;
  outageStart: Date | null;
  outageConfirmedAt: Date | null;
  outageFailures: number;
  outageErrorClass: string | null;
  outageMessage: string | null;
  unknownStart: Date | null;
};

export type LocationSpanRow = {
  kind: string;
  start: Date;
  end: Date;
  confirmedAt: Date | null;
  failures: number;
  errorClass: string | null;
  message: string | null;
};

export function foldOf(row: ProbeStatusRow): LocationFold {
  return {
    detector: {
      streakStart: row.streakStart,
      streakCount: row.streakCount,
      lastFailureAt: row.lastFailureAt,
      outageOpen: row.outageStart !== null,
      lastAt: row.lastResultAt,
    },
    first: row.firstResultAt.getTime(),
    last: { at: row.lastResultAt.getTime(), state: row.lastState as ProbeState, intervalMs: row.lastIntervalSec * 1000 },
    streakError: row.streakCount > 0 ? { errorClass: row.streakErrorClass, message: row.streakMessage } : null,
    outage: row.outageStart
      ? {
          start: row.outageStart.getTime(),
          confirmedAt: (row.outageConfirmedAt ?? row.outageStart).getTime(),
          failures: row.outageFailures,
          errorClass: row.outageErrorClass,
          message: row.outageMessage,
        }
      : null,
    unknownStart: row.unknownStart?.getTime() ?? null,
  };
}

/** The fold's columns of a ProbeStatus row (the display columns are set by the caller). */
export function foldColumns(f: LocationFold) {
  const d = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));
  return {
    firstResultAt: new Date(f.first!),
    lastResultAt: new Date(f.last!.at),
    lastIntervalSec: Math.round(f.last!.intervalMs / 1000),
    lastState: f.last!.state,
    streakStart: f.detector.streakStart,
    streakCount: f.detector.streakCount,
    lastFailureAt: f.detector.lastFailureAt,
    streakErrorClass: f.streakError?.errorClass ?? null,
    streakMessage: f.streakError?.message?.slice(0, 500) ?? null,
    outageStart: d(f.outage?.start),
    outageConfirmedAt: d(f.outage?.confirmedAt),
    outageFailures: f.outage?.failures ?? 0,
    outageErrorClass: f.outage?.errorClass ?? null,
    outageMessage: f.outage?.message?.slice(0, 500) ?? null,
    unknownStart: d(f.unknownStart),
  };
}

export function spanOf(row: LocationSpanRow): ClosedSpan {
  return {
    kind: row.kind as ClosedSpan["kind"],
    start: row.start.getTime(),
    end: row.end.getTime(),
    confirmedAt: row.confirmedAt?.getTime() ?? null,
    failures: row.failures,
    errorClass: row.errorClass,
    message: row.message,
  };
}

export function spanRow(probeId: number, s: ClosedSpan) {
  return {
    probeId,
    kind: s.kind,
    start: new Date(s.start),
    end: new Date(s.end),
    confirmedAt: s.confirmedAt === null || s.confirmedAt === undefined ? null : new Date(s.confirmedAt),
    failures: s.failures ?? 0,
    errorClass: s.errorClass ?? null,
    message: s.message?.slice(0, 500) ?? null,
  };
}
