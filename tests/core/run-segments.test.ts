import { describe, expect, it } from "vitest";
import { locationTimeline, type Run } from "@/core/accounting/location-timeline";
import { decodeSegments, encodeSegments, expandSegments, toSegments } from "@/core/accounting/run-segments";
import { detectOutages } from "@/core/outage-detector";
import type { ProbeState } from "@/core/probe-result";
import { rng } from "../helpers/rng";

const T0 = Date.parse("2026-03-01T00:00:00Z");
const STATES: ProbeState[] = ["UP", "UP", "UP", "DEGRADED", "DOWN", "DOWN", "UNKNOWN"];

function history(seed: number, n: number): Run[] {
  const r = rng(seed);
  const runs: Run[] = [];
  let at = T0 + Math.floor(r() * 1000);
  let state: ProbeState = "UP";
  let intervalMs = 10_000;
  for (let i = 0; i < n; i++) {
    if (r() < 0.15) state = STATES[Math.floor(r() * STATES.length)]!;
    if (r() < 0.01) intervalMs = intervalMs === 10_000 ? 60_000 : 10_000;
    runs.push({ at, state, intervalMs });
    // Mostly on time, sometimes late, now and then a gap longer than 2 × interval (NO_DATA).
    const g = r();
    at += g < 0.9 ? intervalMs + Math.floor(r() * 300) : g < 0.97 ? Math.floor(intervalMs * (1 + r())) : intervalMs * (3 + Math.floor(r() * 20));
  }
  return runs;
}

describe("run segments", () => {
  it("UUUDDDU at 10 s with a 40 s gap before the last: four segments", () => {
    const at = (i: number) => T0 + i * 10_000;
    const runs: Run[] = ["UP", "UP", "UP", "DOWN", "DOWN", "DOWN"].map((s, i) => ({ at: at(i), state: s as ProbeState, intervalMs: 10_000 }));
    runs.push({ at: at(5) + 40_000, state: "DOWN", intervalMs: 10_000 });
    expect(toSegments(runs)).toEqual([
      { start: at(0), lastAt: at(2), count: 3, state: "UP", intervalMs: 10_000 },
      { start: at(3), lastAt: at(5), count: 3, state: "DOWN", intervalMs: 10_000 },
      { start: at(5) + 40_000, lastAt: at(5) + 40_000, count: 1, state: "DOWN", intervalMs: 10_000 },
    ]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("give the accounting exactly what the runs gave (history %i)", (seed) => {
    const runs = history(seed, 3000);
    const window = { start: T0 - 60_000, end: runs.at(-1)!.at + 3_600_000 };
    const segments = decodeSegments(encodeSegments(toSegments(runs)));
    expect(segments.length).toBeLessThan(runs.length);
    const expanded = expandSegments(segments);
    expect(expanded.length).toBe(runs.length);
    for (const confirm of [1, 3]) {
      expect(locationTimeline(expanded, window, confirm)).toEqual(locationTimeline(runs, window, confirm));
      const a = detectOutages(
        runs.map((r) => ({ at: new Date(r.at), state: r.state, intervalMs: r.intervalMs })),
        confirm,
      );
      const b = detectOutages(
        expanded.map((r) => ({ at: new Date(r.at), state: r.state, intervalMs: r.intervalMs })),
        confirm,
      );
      expect(b.outages.map((o) => [o.startedAt, o.endedAt, o.failures])).toEqual(a.outages.map((o) => [o.startedAt, o.endedAt, o.failures]));
      expect(b.blips).toEqual(a.blips);
    }
  });

  it("refuses runs out of order", () => {
    expect(() =>
      toSegments([
        { at: T0 + 10, state: "UP", intervalMs: 1000 },
        { at: T0, state: "UP", intervalMs: 1000 },
      ]),
    ).toThrow(/sorted/);
  });
});
