import { clip, normalize, subtract, type Span } from "./intervals";
import { coveredUntil, INITIAL_FOLD, outageSpansOf, stepLocation, type ClosedSpan, type FoldRun, type LocationFold } from "./location-fold";

export type Run = FoldRun;

/**
 * One location's view of one function over a window, as a partition of it:
 * - down: confirmed outages (first failing run of a confirmed streak → first UP run),
 *   less the time inside them that was not measured;
 * - unknown: covered by UNKNOWN results (the monitor could not measure);
 * - noData: not covered by any result (a gap longer than 2 × interval, before the
 *   first result, after the last);
 * - up: the rest (UP, DEGRADED, blips).
 *
 * Coverage: a result at t covers [t, t + interval); when the next result comes at
 * most 2 × interval later, the result covers until it (a late run is not a gap).
 */
export type LocationTimeline = { window: Span; down: Span[]; unknown: Span[]; noData: Span[]; up: Span[]; outages: Span[] };

export function locationTimeline(runs: Run[], window: Span, confirm: number): LocationTimeline {
  const sorted = [...runs].sort((a, b) => a.at - b.at);
  let fold = INITIAL_FOLD;
  const closed: ClosedSpan[] = [];
  for (const r of sorted) {
    const step = stepLocation(fold, r, confirm);
    fold = step.fold;
    closed.push(...step.closed);
  }
  return timelineFromFold(closed, fold, window);
}

/**
 * The same timeline from a location's closed spans and open state, as the live
 * record keeps them (lib/store): no raw results needed. `closed` must hold every
 * closed span that overlaps the window.
 */
export function timelineFromFold(closed: ClosedSpan[], fold: LocationFold, window: Span): LocationTimeline {
  const end = coveredUntil(fold);
  const gaps = closed.filter((s) => s.kind === "NO_DATA");
  const covered = fold.first !== null && end !== null ? subtract([{ start: fold.first, end }], gaps) : [];
  const unknown = closed.filter((s) => s.kind === "UNKNOWN").map((s) => ({ start: s.start, end: s.end }));
  if (fold.unknownStart !== null && end !== null) unknown.push({ start: fold.unknownStart, end });
  const win = [window];
  const noData = subtract(win, clip(covered, window));
  const unmeasured = normalize([...noData, ...unknown]);
  // An outage still open at the last result runs to the end of that result's coverage;
  // beyond it there is no data, which is never counted as downtime.
  const outages = normalize(outageSpansOf(closed, fold));
  const down = clip(subtract(outages, unmeasured), window);
  const up = subtract(subtract(win, down), unmeasured);
  return {
    window,
    down,
    unknown: clip(unknown, window),
    noData,
    up,
    outages: outages.filter((o) => o.end > window.start && o.start < window.end),
  };
}
