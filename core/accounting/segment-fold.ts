import { INITIAL_FOLD, stepLocation, type ClosedSpan, type FoldBlip, type LocationFold } from "./location-fold";
import type { Span } from "./intervals";
import { locationTimeline, timelineFromFold, type LocationTimeline } from "./location-timeline";
import { expandSegments, type RunSegment } from "./run-segments";

/**
 * The location fold over run segments without expanding them: a month of a
 * pruned probe is a few hundred segments, not the 100,000 runs they stand for.
 *
 * Within a well-formed segment (same state and interval, runs at most
 * 2 × interval apart) only two runs can change more than the fold's "last run"
 * and streak count: the first (it may close an outage, a blip or unknown time,
 * or follow a gap) and, in a DOWN segment, the run whose streak reaches the
 * confirmation count (it opens the outage). Those two are stepped with
 * stepLocation itself; the runs between them are applied in one step. The fold
 * is therefore exactly the one stepLocation gives over expandSegments(segments)
 * (tests/core/segment-fold.test.ts), and so is every timeline built from it.
 */
export function foldSegments(fold: LocationFold, segments: RunSegment[], confirm: number): { fold: LocationFold; closed: ClosedSpan[]; blips: FoldBlip[] } {
  const closed: ClosedSpan[] = [];
  const blips: FoldBlip[] = [];
  let f = fold;
  for (const s of segments) {
    if (!wellFormed(s) || (f.last !== null && s.start <= f.last.at)) {
      // A segment the shortcut cannot vouch for is folded run by run, as before.
      for (const run of expandSegments([s])) {
        const step = stepLocation(f, run, confirm);
        f = step.fold;
        closed.push(...step.closed);
        blips.push(...step.blips);
      }
      continue;
    }
    const step = (k: number) => {
      const r = stepLocation(f, { at: runAt(s, k), state: s.state, intervalMs: s.intervalMs }, confirm);
      f = r.fold;
      closed.push(...r.closed);
      blips.push(...r.blips);
    };
    step(0);
    let next = 1;
    if (s.state === "DOWN" && !f.detector.outageOpen) {
      // Run k of the segment brings the streak to streakCount + k: the outage opens at k = confirm − streakCount.
      const opening = confirm - f.detector.streakCount;
      if (opening >= 1 && opening < s.count) {
        f = skipRuns(f, s, next, opening - 1);
        step(opening);
        next = opening + 1;
      }
    }
    f = skipRuns(f, s, next, s.count - 1);
  }
  return { fold: f, closed, blips };
}

/** A location's timeline from its run segments: locationTimeline(expandSegments(segments), …), computed on the segments. */
export function segmentTimeline(segments: RunSegment[], window: Span, confirm: number): LocationTimeline {
  return segmentTimelineAndBlips(segments, window, confirm).timeline;
}

/** The timeline and the blips (failure streaks too short to confirm an outage) of one location, in one fold. */
export function segmentTimelineAndBlips(segments: RunSegment[], window: Span, confirm: number): { timeline: LocationTimeline; blips: FoldBlip[] } {
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  // Overlapping segments interleave their runs: only the runs themselves can say in which order.
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.start <= sorted[i - 1]!.lastAt) {
      const runs = expandSegments(sorted);
      let fold = INITIAL_FOLD;
      const blips: FoldBlip[] = [];
      for (const r of [...runs].sort((a, b) => a.at - b.at)) {
        const step = stepLocation(fold, r, confirm);
        fold = step.fold;
        blips.push(...step.blips);
      }
      return { timeline: locationTimeline(runs, window, confirm), blips };
    }
  const { fold, closed, blips } = foldSegments(INITIAL_FOLD, sorted, confirm);
  return { timeline: timelineFromFold(closed, fold, window), blips };
}

/**
 * The part of a segment whose runs fall in [from, to), or null. The runs at its
 * two ends keep their instants; the timeline never reads the instants between
 * (the spacing stays ≤ 2 × interval), so the timeline is the one the runs in
 * [from, to) give. A malformed segment is returned as its runs in the window.
 */
export function clipSegment(s: RunSegment, from: number, to: number): RunSegment[] {
  if (s.start >= from && s.lastAt < to) return [s];
  if (s.lastAt < from || s.start >= to) return [];
  if (!wellFormed(s))
    return expandSegments([s])
      .filter((r) => r.at >= from && r.at < to)
      .map((r) => ({ start: r.at, lastAt: r.at, count: 1, state: r.state, intervalMs: r.intervalMs }));
  const first = firstIndex(s, (at) => at >= from);
  const last = firstIndex(s, (at) => at >= to) - 1;
  if (first > last) return [];
  return [{ start: runAt(s, first), lastAt: runAt(s, last), count: last - first + 1, state: s.state, intervalMs: s.intervalMs }];
}

/** The instant expandSegments gives run k of a segment. */
function runAt(s: RunSegment, k: number): number {
  if (k === 0) return s.start;
  if (k === s.count - 1) return s.lastAt;
  return s.start + Math.floor((k * (s.lastAt - s.start)) / (s.count - 1));
}

/** Runs strictly increasing and never more than 2 × interval apart, as toSegments makes them. */
function wellFormed(s: RunSegment): boolean {
  if (!Number.isInteger(s.count) || s.count < 1 || s.intervalMs <= 0) return false;
  if (s.count === 1) return s.lastAt === s.start;
  const span = s.lastAt - s.start;
  return span >= s.count - 1 && Math.ceil(span / (s.count - 1)) <= 2 * s.intervalMs;
}

/** The first run index whose instant satisfies a monotone predicate (count when none does). */
function firstIndex(s: RunSegment, ok: (at: number) => boolean): number {
  let lo = 0;
  let hi = s.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(runAt(s, mid))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Runs a..b of a segment after its first run has been stepped: no gap, no change
 * of state, no event but "outage extended", so only the last run, the streak and
 * the open outage's failure count move.
 */
function skipRuns(f: LocationFold, s: RunSegment, a: number, b: number): LocationFold {
  if (b < a) return f;
  const at = runAt(s, b);
  const n = b - a + 1;
  if (s.state !== "DOWN") return { ...f, detector: { ...f.detector, lastAt: new Date(at) }, last: { at, state: s.state, intervalMs: s.intervalMs } };
  const streakCount = f.detector.streakCount + n;
  return {
    ...f,
    detector: { ...f.detector, streakCount, lastFailureAt: new Date(at), lastAt: new Date(at) },
    outage: f.outage ? { ...f.outage, failures: streakCount } : null,
    last: { at, state: s.state, intervalMs: s.intervalMs },
  };
}
