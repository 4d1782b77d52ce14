import { combineLocations, type StateTimeline } from "./combine";
import { intersect, type Span } from "./intervals";
import { joinOutages } from "./join-outages";
import { coveredUntil, type ClosedSpan, type LocationFold } from "./location-fold";
import { timelineFromFold } from "./location-timeline";

/** One location as the live record keeps it: its closed spans overlapping the window and its open state. */
export type LocationParts = { closed: ClosedSpan[]; fold: LocationFold };

export type FunctionOutage = {
  start: number;
  /** null while nothing has answered correctly since the last failure (the outage is not resolved) */
  end: number | null;
  /** the end of the last measured downtime: where an unresolved outage's downtime stops for now */
  measuredUntil: number;
  /** time inside the outage that was not measured (no data, UNKNOWN): never downtime */
  unmeasured: Span[];
  downMs: number;
  confirmedAt: number;
  failures: number;
  errorClass: string | null;
  message: string | null;
};

/**
 * A function's outages within a window, from its locations' folds, by the rules
 * the reports use: each location's timeline (timelineFromFold), the quorum across
 * locations (combineLocations), DOWN spans joined across unmeasured holes
 * (joinOutages). The live record stores exactly these, so the public pages and
 * the contract reports count the same downtime.
 */
export function functionOutages(locations: LocationParts[], quorum: number, window: Span): { outages: FunctionOutage[]; timeline: StateTimeline } {
  const timeline = combineLocations(
    locations.map((l) => timelineFromFold(l.closed, l.fold, window)),
    quorum,
    window,
  );
  const located = locations.flatMap((l) => {
    const spans = l.closed.filter((s) => s.kind === "DOWN");
    const end = coveredUntil(l.fold);
    const o = l.fold.outage;
    if (o && end !== null)
      spans.push({ kind: "DOWN", start: o.start, end, confirmedAt: o.confirmedAt, failures: o.failures, errorClass: o.errorClass, message: o.message });
    return spans;
  });

  const outages = joinOutages(timeline).map((o): FunctionOutage => {
    const resolved = intersect([{ start: o.end, end: window.end }], timeline.up).length > 0;
    // The locations down when the function went down: the quorum-th of them to confirm confirmed it.
    const atStart = located.filter((l) => l.start <= o.start && o.start < l.end);
    const overlapping = located.filter((l) => l.start < o.end && l.end > o.start);
    const confirms = atStart.map((l) => l.confirmedAt ?? l.start).sort((a, b) => a - b);
    const confirmedAt = confirms.length > 0 ? Math.max(o.start, confirms[Math.min(quorum, confirms.length) - 1]!) : o.start;
    const first = [...(atStart.length > 0 ? atStart : overlapping)].sort((a, b) => a.start - b.start)[0];
    return {
      start: o.start,
      end: resolved ? o.end : null,
      measuredUntil: o.end,
      unmeasured: o.unmeasured,
      downMs: o.downMs,
      confirmedAt,
      failures: overlapping.reduce((n, l) => n + (l.failures ?? 0), 0),
      errorClass: first?.errorClass ?? null,
      message: first?.message ?? null,
    };
  });
  return { outages, timeline };
}
