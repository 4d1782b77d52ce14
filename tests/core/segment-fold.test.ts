import { describe, expect, it } from "vitest";
import { INITIAL_FOLD, stepLocation, type ClosedSpan, type FoldBlip, type LocationFold } from "@/core/accounting/location-fold";
import { locationTimeline, type Run } from "@/core/accounting/location-timeline";
import { expandSegments, toSegments, type RunSegment } from "@/core/accounting/run-segments";
import { clipSegment, foldSegments, segmentTimeline } from "@/core/accounting/segment-fold";
import type { ProbeState } from "@/core/probe-result";
import { rng } from "../helpers/rng";

const T0 = Date.parse("2026-03-01T00:00:00Z");
const STATES: ProbeState[] = ["UP", "UP", "DEGRADED", "DOWN", "DOWN", "UNKNOWN"];

/** Runs with long stretches of one state (what pruned days look like), late runs, gaps and interval changes. */
function history(seed: number, n: number): Run[] {
  const r = rng(seed);
  const runs: Run[] = [];
  let at = T0 + Math.floor(r() * 1000);
  let state: ProbeState = "UP";
  let intervalMs = 30_000;
  for (let i = 0; i < n; i++) {
    if (r() < 0.04) state = STATES[Math.floor(r() * STATES.length)]!;
    if (r() < 0.005) intervalMs = intervalMs === 30_000 ? 10_000 : 30_000;
    runs.push({ at, state, intervalMs });
    const g = r();
    at += g < 0.9 ? intervalMs + Math.floor(r() * 300) : g < 0.98 ? Math.floor(intervalMs * (1 + r())) : intervalMs * (3 + Math.floor(r() * 20));
  }
  return runs;
}

function foldRuns(runs: Run[], confirm: number): { fold: LocationFold; closed: ClosedSpan[]; blips: FoldBlip[] } {
  let fold = INITIAL_FOLD;
  const closed: ClosedSpan[] = [];
  const blips: FoldBlip[] = [];
  for (const run of runs) {
    const step = stepLocation(fold, run, confirm);
    fold = step.fold;
    closed.push(...step.closed);
    blips.push(...step.blips);
  }
  return { fold, closed, blips };
}

const seg = (start: number, count: number, state: ProbeState, spacing = 30_000, intervalMs = 30_000): RunSegment => ({
  start,
  lastAt: start + (count - 1) * spacing,
  count,
  state,
  intervalMs,
});

describe("folding run segments without expanding them", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])("leaves the fold exactly where the expanded runs leave it (history %i)", (seed) => {
    const segments = toSegments(history(seed, 4000));
    const expanded = expandSegments(segments);
    for (const confirm of [1, 2, 3, 5, 40]) {
      expect(foldSegments(INITIAL_FOLD, segments, confirm)).toEqual(foldRuns(expanded, confirm));
      const window = { start: T0 + 3_600_000, end: expanded.at(-1)!.at - 3_600_000 };
      expect(segmentTimeline(segments, window, confirm)).toEqual(locationTimeline(expanded, window, confirm));
    }
  });

  it("opens the outage at the run that completes the streak, inside a segment and across two", () => {
    // DOWN × 10 at 30 s from 00:00, confirm 3: the third run (00:01:00) confirms an outage begun at 00:00.
    const one = foldSegments(INITIAL_FOLD, [seg(T0, 10, "DOWN")], 3).fold;
    expect(one.outage).toEqual({ start: T0, confirmedAt: T0 + 60_000, failures: 10, errorClass: null, message: null });
    // DOWN × 2 (from 00:00), then DOWN × 5 at 60 s from 00:01:00 (another interval, so another segment): the streak
    // reaches 3 at the second segment's first run, 00:01:00; failures 2 + 5 = 7.
    const two = foldSegments(INITIAL_FOLD, [seg(T0, 2, "DOWN"), seg(T0 + 60_000, 5, "DOWN", 60_000, 60_000)], 3).fold;
    expect(two.outage).toEqual({ start: T0, confirmedAt: T0 + 60_000, failures: 7, errorClass: null, message: null });
  });

  it("a streak shorter than the confirmation count stays a blip", () => {
    // UP × 4, DOWN × 2, UP × 4 at 30 s with confirm 3: no outage, no downtime, covered throughout.
    const segments = [seg(T0, 4, "UP"), seg(T0 + 120_000, 2, "DOWN"), seg(T0 + 180_000, 4, "UP")];
    const t = segmentTimeline(segments, { start: T0, end: T0 + 300_000 }, 3);
    expect(t.down).toEqual([]);
    expect(t.up).toEqual([{ start: T0, end: T0 + 300_000 }]);
  });

  it("folds malformed and overlapping segments run by run, as the expansion would", () => {
    // count 5 in 2 ms (instants collide), and a segment whose runs are 5 minutes apart at a 30 s interval (gaps inside).
    const odd: RunSegment[] = [
      { start: T0, lastAt: T0 + 2, count: 5, state: "DOWN", intervalMs: 30_000 },
      seg(T0 + 60_000, 4, "DOWN", 300_000),
      seg(T0 + 3_600_000, 3, "UP"),
    ];
    for (const confirm of [1, 3]) expect(foldSegments(INITIAL_FOLD, odd, confirm)).toEqual(foldRuns(expandSegments(odd), confirm));
    const overlapping = [seg(T0, 10, "UP"), seg(T0 + 45_000, 6, "DOWN")];
    const window = { start: T0, end: T0 + 600_000 };
    expect(segmentTimeline(overlapping, window, 2)).toEqual(locationTimeline(expandSegments(overlapping), window, 2));
  });

  it.each([1, 2, 3, 4, 5, 6])("clipped to a window, gives the timeline of the runs inside it (history %i)", (seed) => {
    const segments = toSegments(history(seed * 7, 3000));
    const expanded = expandSegments(segments);
    const r = rng(seed);
    for (let i = 0; i < 5; i++) {
      const a = expanded[Math.floor(r() * expanded.length)]!.at + Math.floor(r() * 20_000) - 10_000;
      const b = a + Math.floor(r() * 40 * 3_600_000);
      const clipped = segments.flatMap((s) => clipSegment(s, a, b));
      const inside = expanded.filter((run) => run.at >= a && run.at < b);
      expect(clipped.reduce((n, s) => n + s.count, 0)).toBe(inside.length);
      const window = { start: a - 600_000, end: b + 600_000 };
      for (const confirm of [1, 3]) expect(segmentTimeline(clipped, window, confirm)).toEqual(locationTimeline(inside, window, confirm));
    }
  });

  it("clips a segment to the runs in a half-open window", () => {
    // 10 runs at 00:00, 00:00:30, …, 00:04:30; [00:01:00, 00:02:30) holds 00:01:00, 00:01:30, 00:02:00.
    expect(clipSegment(seg(T0, 10, "UP"), T0 + 60_000, T0 + 150_000)).toEqual([seg(T0 + 60_000, 3, "UP")]);
    expect(clipSegment(seg(T0, 10, "UP"), T0 + 270_001, T0 + 900_000)).toEqual([]);
    expect(clipSegment(seg(T0, 10, "UP"), T0 - 1, T0 + 270_001)).toEqual([seg(T0, 10, "UP")]);
  });
});
