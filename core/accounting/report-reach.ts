import { intersect, normalize, subtract, union, type Span } from "./intervals";
import type { RunSegment } from "./run-segments";

/**
 * How far a report must read so that every outage it judges is whole.
 *
 * An outage is a fact about the whole timeline: it begins and ends where the
 * service answers correctly, however far that is from the month. A report reads
 * only part of the record, so it needs two instants where the whole service is
 * known to be UP: one at or before the earliest instant its rules look at (the
 * period's start less any rolling window) and one at or after the period's end.
 * Between two such instants the timeline read is exactly the timeline of the
 * whole record (a location's fold starts afresh at every correct answer, and an
 * UP instant of every function ends every joined outage), so no figure depends
 * on where the reading began or stopped.
 *
 * An instant t is settled when, for every function that has probes:
 * - every probe is either solidly UP at t (a correct run covers t, whatever
 *   the runs around it) or silent (no run it was given can cover t, and what
 *   it did before cannot reach past t), and
 * - at least one probe is solidly UP at t (so the function is UP there),
 * and no reported incident covers t.
 */
export type ReachProbe = {
  functionKey: string;
  segments: RunSegment[];
  /** the probe may have runs before the reading window (its fold may carry an open outage into it) */
  historyBefore: boolean;
};

export type ReachInput = {
  functions: string[];
  probes: ReachProbe[];
  /** the runs given are every run of every probe in [from, to) */
  from: number;
  to: number;
  reported: Span[];
};

export type Reach = {
  /** the latest settled instant at or before `needFrom`, or null when none was read */
  start: number | null;
  /** just after the earliest settled instant at or after `needTo` (so the window holds it), or null when none was read */
  end: number | null;
};

/** The settled instants within [from, to), as a set of spans. */
export function settledSpans(input: ReachInput, side: "before" | "after"): Span[] {
  const window: Span = { start: input.from, end: input.to };
  let settled: Span[] = [window];
  for (const fn of input.functions) {
    const probes = input.probes.filter((p) => p.functionKey === fn);
    if (probes.length === 0) continue; // a function without probes is never measured: its state does not depend on what is read
    let good: Span[] = [window];
    let anySolid: Span[] = [];
    for (const p of probes) {
      const s = solidUp(p.segments, input.to);
      anySolid = union(anySolid, s);
      good = intersect(good, union(s, side === "before" ? harmlessBefore(p, input.from) : silent(p.segments)));
    }
    settled = intersect(settled, intersect(good, anySolid));
    if (settled.length === 0) break;
  }
  return subtract(settled, input.reported);
}

/**
 * Where a report's reading is whole: the latest settled instant at or before
 * `needFrom` and the earliest at or after `needTo`.
 */
export function reportReach(input: ReachInput, needFrom: number, needTo: number): Reach {
  const before = settledSpans(input, "before").filter((s) => s.start <= needFrom);
  const last = before.at(-1);
  const after = settledSpans(input, "after").filter((s) => s.end > needTo);
  const first = after[0];
  return {
    start: last ? Math.min(needFrom, last.end - 1) : null,
    end: first ? Math.max(needTo, first.start) + 1 : null,
  };
}

/**
 * Where a correct run certainly covers: from the run to the earlier of one
 * interval later and the next run (the next run given, or the end of the
 * reading, since no run before it is missing).
 */
function solidUp(segments: RunSegment[], to: number): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.state !== "UP" && s.state !== "DEGRADED") continue;
    const next = segments[i + 1]?.start ?? to;
    out.push({ start: s.start, end: Math.min(s.lastAt + s.intervalMs, next, to) });
  }
  return normalize(out);
}

/** Where no run given can cover: more than two intervals after a run (a later run would make it a gap). */
function silent(segments: RunSegment[]): Span[] {
  const reach = segments.map((s) => ({ start: s.start, end: s.lastAt + 2 * s.intervalMs + 1 }));
  return subtract([{ start: -Infinity, end: Infinity }], reach);
}

/**
 * Silent, and unable to carry anything from before the reading into what comes
 * after t: the probe has no earlier history, or its fold was reset by a correct
 * run read before t, or nothing of it was read after t.
 */
function harmlessBefore(p: ReachProbe, from: number): Span[] {
  const quiet = silent(p.segments);
  if (!p.historyBefore || p.segments.length === 0) return quiet;
  const firstUp = p.segments.find((s) => (s.state === "UP" || s.state === "DEGRADED") && s.start >= from)?.start ?? Infinity;
  const lastStart = p.segments.at(-1)!.start;
  return intersect(quiet, [{ start: Math.min(firstUp, lastStart + 1), end: Infinity }]);
}
