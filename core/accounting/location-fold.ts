import { INITIAL_DETECTOR_STATE, stepDetector, type DetectorState } from "../outage-detector";
import type { ProbeState } from "../probe-result";
import type { Span } from "./intervals";

/**
 * One location's results folded one at a time, in time order, into closed spans
 * and a small open state. The same fold serves the reports (locationTimeline
 * folds a month of raw results) and the live record (lib/store keeps the open
 * state per probe and the closed spans as rows), so both see the same outages,
 * unknown time and gaps by construction.
 *
 * Coverage (docs/methodology.md): a result at t covers [t, t + interval); when the next
 * result comes at most 2 × interval later, it covers until that one (a late run
 * is not a gap). A longer gap is NO_DATA.
 */
export type FoldRun = { at: number; state: ProbeState; intervalMs: number; errorClass?: string | null; message?: string | null };

export type SpanKind = "DOWN" | "UNKNOWN" | "NO_DATA";

/** A finished piece of a location's timeline. DOWN is a confirmed outage there, from its first failing run to its first correct run. */
export type ClosedSpan = {
  kind: SpanKind;
  start: number;
  end: number;
  confirmedAt?: number | null;
  failures?: number;
  errorClass?: string | null;
  message?: string | null;
};

export type OpenOutage = { start: number; confirmedAt: number; failures: number; errorClass: string | null; message: string | null };

export type LocationFold = {
  detector: DetectorState;
  first: number | null;
  last: { at: number; state: ProbeState; intervalMs: number } | null;
  /** the error of the current streak's first failure, carried to the outage it may become */
  streakError: { errorClass: string | null; message: string | null } | null;
  outage: OpenOutage | null;
  /** start of the run of UNKNOWN results the last result belongs to */
  unknownStart: number | null;
};

export type FoldBlip = { start: number; end: number; failures: number };

export const INITIAL_FOLD: LocationFold = { detector: INITIAL_DETECTOR_STATE, first: null, last: null, streakError: null, outage: null, unknownStart: null };

export function stepLocation(
  fold: LocationFold,
  run: FoldRun,
  confirm: number,
): { fold: LocationFold; closed: ClosedSpan[]; blips: FoldBlip[]; opened: boolean } {
  const closed: ClosedSpan[] = [];
  const blips: FoldBlip[] = [];
  const last = fold.last;
  // Out of order or a duplicate: the record is append-only in time (the detector's rule too).
  if (last && run.at <= last.at) return { fold, closed, blips, opened: false };

  const gap = last !== null && run.at - last.at > 2 * last.intervalMs;
  const coveredUntil = last ? (gap ? last.at + last.intervalMs : run.at) : run.at;
  let unknownStart = fold.unknownStart;
  if (unknownStart !== null && (gap || run.state !== "UNKNOWN")) {
    closed.push({ kind: "UNKNOWN", start: unknownStart, end: coveredUntil });
    unknownStart = null;
  }
  if (gap) closed.push({ kind: "NO_DATA", start: last.at + last.intervalMs, end: run.at });
  if (run.state === "UNKNOWN" && unknownStart === null) unknownStart = run.at;

  const step = stepDetector(fold.detector, { at: new Date(run.at), state: run.state, intervalMs: run.intervalMs }, confirm);
  let streakError = fold.streakError;
  let outage = fold.outage;
  let opened = false;
  for (const e of step.events) {
    if (e.type === "blip") blips.push({ start: e.startedAt.getTime(), end: e.endedAt.getTime(), failures: e.failures });
    else if (e.type === "outage_opened") {
      outage = {
        start: e.startedAt.getTime(),
        confirmedAt: e.confirmedAt.getTime(),
        failures: e.failures,
        errorClass: streakError?.errorClass ?? run.errorClass ?? null,
        message: streakError?.message ?? run.message ?? null,
      };
      opened = true;
    } else if (e.type === "outage_extended" && outage) outage = { ...outage, failures: e.failures };
    else if (e.type === "outage_closed" && outage) {
      closed.push({
        kind: "DOWN",
        start: outage.start,
        end: e.endedAt.getTime(),
        confirmedAt: outage.confirmedAt,
        failures: e.failures,
        errorClass: outage.errorClass,
        message: outage.message,
      });
      outage = null;
    }
  }
  if (step.state.streakCount === 0) streakError = null;
  else if (run.state === "DOWN" && step.state.streakCount === 1) streakError = { errorClass: run.errorClass ?? null, message: run.message ?? null };
  // An outage opened in this step carries the streak's first error, set just above for a one-run streak.
  if (opened && outage && step.state.streakCount === 1) outage = { ...outage, errorClass: run.errorClass ?? null, message: run.message ?? null };

  return {
    fold: {
      detector: step.state,
      first: fold.first ?? run.at,
      last: { at: run.at, state: run.state, intervalMs: run.intervalMs },
      streakError,
      outage,
      unknownStart,
    },
    closed,
    blips,
    opened,
  };
}

/** The end of what a location's results cover so far (null before its first result). */
export function coveredUntil(fold: LocationFold): number | null {
  return fold.last ? fold.last.at + fold.last.intervalMs : null;
}

/** The location's outages (closed and open) as spans; an open one runs to the end of coverage. */
export function outageSpansOf(closed: ClosedSpan[], fold: LocationFold): Span[] {
  const spans = closed.filter((s) => s.kind === "DOWN").map((s) => ({ start: s.start, end: s.end }));
  const end = coveredUntil(fold);
  if (fold.outage && end !== null) spans.push({ start: fold.outage.start, end });
  return spans;
}
