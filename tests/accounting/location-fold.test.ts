import { describe, expect, it } from "vitest";
import { detectOutages } from "@/core/outage-detector";
import type { ProbeState } from "@/core/probe-result";
import { clip, normalize, subtract, type Span } from "@/core/accounting/intervals";
import { INITIAL_FOLD, stepLocation, type ClosedSpan } from "@/core/accounting/location-fold";
import { locationTimeline, timelineFromFold, type LocationTimeline, type Run } from "@/core/accounting/location-timeline";

/**
 * The location timeline before it was built on the incremental fold, kept here as
 * the reference: the fold (used live and by the reports) must give the same
 * partition for any sequence of results.
 */
function referenceTimeline(runs: Run[], window: Span, confirm: number): LocationTimeline {
  const sorted = [...runs].sort((a, b) => a.at - b.at).filter((r, i, a) => i === 0 || r.at !== a[i - 1]!.at);
  const covered: Span[] = [];
  const unknown: Span[] = [];
  sorted.forEach((r, i) => {
    const next = sorted[i + 1];
    const end = next && next.at - r.at <= 2 * r.intervalMs ? next.at : r.at + r.intervalMs;
    covered.push({ start: r.at, end });
    if (r.state === "UNKNOWN") unknown.push({ start: r.at, end });
  });
  const win = [window];
  const noData = subtract(win, clip(covered, window));
  const unmeasured = normalize([...noData, ...unknown]);
  const detected = detectOutages(
    sorted.map((r) => ({ at: new Date(r.at), state: r.state, intervalMs: r.intervalMs })),
    confirm,
  );
  const lastCovered = covered.at(-1)?.end ?? window.start;
  const outages = normalize(detected.outages.map((o) => ({ start: o.startedAt.getTime(), end: o.endedAt ? o.endedAt.getTime() : lastCovered })));
  const down = clip(subtract(outages, unmeasured), window);
  const up = subtract(subtract(win, down), unmeasured);
  return { window, down, unknown: clip(unknown, window), noData, up, outages: outages.filter((o) => o.end > window.start && o.start < window.end) };
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRuns(seed: number): Run[] {
  const r = rng(seed);
  const states: ProbeState[] = ["UP", "UP", "DOWN", "DOWN", "DOWN", "UNKNOWN", "DEGRADED"];
  const runs: Run[] = [];
  let t = 1_000_000;
  const n = 5 + Math.floor(r() * 60);
  for (let i = 0; i < n; i++) {
    // mostly on time, sometimes late (still covered), sometimes a gap (no data)
    const x = r();
    t += x < 0.8 ? 10_000 : x < 0.9 ? 10_000 + Math.floor(r() * 10_000) : 20_001 + Math.floor(r() * 60_000);
    runs.push({ at: t, state: states[Math.floor(r() * states.length)]!, intervalMs: 10_000 });
  }
  return runs;
}

describe("the location fold", () => {
  it("gives the reference timeline for 500 random result sequences", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const runs = randomRuns(seed);
      const confirm = 1 + (seed % 3);
      const window = { start: runs[0]!.at - 25_000 + (seed % 7) * 5_000, end: runs.at(-1)!.at + 5_000 + (seed % 5) * 10_000 };
      expect(locationTimeline(runs, window, confirm), `seed ${seed}`).toEqual(referenceTimeline(runs, window, confirm));
    }
  });

  it("rebuilt from stored closed spans and open state, equals the timeline of the raw results", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const runs = randomRuns(seed);
      let fold = INITIAL_FOLD;
      const closed: ClosedSpan[] = [];
      for (const run of runs) {
        const step = stepLocation(fold, run, 3);
        fold = step.fold;
        closed.push(...step.closed);
      }
      // any window: the live record reads the spans overlapping it
      const mid = runs[Math.floor(runs.length / 2)]!.at;
      const window = { start: mid - 30_000, end: runs.at(-1)!.at + 10_000 };
      const overlapping = closed.filter((s) => s.end >= window.start && s.start < window.end);
      expect(timelineFromFold(overlapping, fold, window), `seed ${seed}`).toEqual(locationTimeline(runs, window, 3));
    }
  });

  it("a worker that stops during an outage leaves no data, not downtime, and restarting it continues the outage", () => {
    // 10 s interval, confirm 3. DOWN at 0, 10, 20, 30 s; the worker is stopped; it runs again at
    // 100 s (DOWN), 110 s (DOWN), 120 s (UP).
    // Coverage: the 30 s result covers [30, 40); [40, 100) has no result: NO_DATA.
    // The outage [0, 120) stays open across the gap, but its downtime is [0, 40) + [100, 120) = 60 s.
    const runs: Run[] = [0, 10, 20, 30, 100, 110].map((s) => ({ at: s * 1000, state: "DOWN", intervalMs: 10_000 }));
    runs.push({ at: 120_000, state: "UP", intervalMs: 10_000 });
    const t = locationTimeline(runs, { start: 0, end: 130_000 }, 3);
    expect(t.outages).toEqual([{ start: 0, end: 120_000 }]);
    expect(t.noData).toEqual([{ start: 40_000, end: 100_000 }]);
    expect(t.down).toEqual([
      { start: 0, end: 40_000 },
      { start: 100_000, end: 120_000 },
    ]);
    expect(t.up).toEqual([{ start: 120_000, end: 130_000 }]);
  });

  it("closed spans carry the outage's confirmation, failures and first error", () => {
    let fold = INITIAL_FOLD;
    const closed: ClosedSpan[] = [];
    const states: [number, ProbeState, string | null][] = [
      [0, "UP", null],
      [10, "DOWN", "TIMEOUT"],
      [20, "DOWN", "ASSERTION_STATUS"],
      [30, "DOWN", "ASSERTION_STATUS"],
      [40, "UP", null],
    ];
    for (const [s, state, errorClass] of states) {
      const step = stepLocation(fold, { at: s * 1000, state, intervalMs: 10_000, errorClass, message: errorClass && `${errorClass} at ${s}` }, 3);
      fold = step.fold;
      closed.push(...step.closed);
    }
    expect(closed).toEqual([{ kind: "DOWN", start: 10_000, end: 40_000, confirmedAt: 30_000, failures: 3, errorClass: "TIMEOUT", message: "TIMEOUT at 10" }]);
  });
});
