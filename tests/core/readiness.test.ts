import { describe, expect, it } from "vitest";
import { readinessActive, readinessStatus, type ReadinessRun } from "@/core/changeover/readiness";
import type { ProbeState } from "@/core/probe-result";

const T = Date.parse("2022-03-01T00:00:00+09:00");
const MIN = 60_000;
const runs = (...states: ProbeState[]): ReadinessRun[] => states.map((state, i) => ({ at: T + i * MIN, state }));

describe("readiness of a new operator's function", () => {
  it.each([
    // [name, runs, deadline offset in minutes, expected]
    ["no run yet", runs(), 0, { state: "unmeasured", since: null, lastAt: null, atDeadline: "unmeasured" }],
    [
      "all failing: failing since the first run",
      runs("DOWN", "DOWN", "DOWN"),
      1,
      { state: "not_ready", since: T, lastAt: T + 2 * MIN, atDeadline: "not_ready" },
    ],
    [
      "fixed at minute 2: ready since then",
      runs("DOWN", "DOWN", "UP", "UP"),
      1,
      { state: "ready", since: T + 2 * MIN, lastAt: T + 3 * MIN, atDeadline: "not_ready" },
    ],
    ["slow but correct counts as ready", runs("DOWN", "DEGRADED", "UP"), 5, { state: "ready", since: T + MIN, lastAt: T + 2 * MIN, atDeadline: "ready" }],
    [
      "UNKNOWN (monitor's fault) neither breaks nor starts a streak",
      runs("UP", "UNKNOWN", "UP", "UNKNOWN"),
      0,
      { state: "ready", since: T, lastAt: T + 2 * MIN, atDeadline: "ready" },
    ],
    [
      "broke again at minute 3",
      runs("UP", "UP", "UP", "DOWN", "UNKNOWN", "DOWN"),
      2,
      { state: "not_ready", since: T + 3 * MIN, lastAt: T + 5 * MIN, atDeadline: "ready" },
    ],
    ["deadline before the first run", runs("UP"), -1, { state: "ready", since: T, lastAt: T, atDeadline: "unmeasured" }],
  ] as const)("%s", (_name, list, deadlineMin, expected) => {
    expect(readinessStatus([...list], T + deadlineMin * MIN)).toEqual(expected);
  });

  it("readiness is watched until the actual go-live, not after", () => {
    const start = "2022-04-04T09:00:00+09:00";
    expect(readinessActive(start, Date.parse(start) - 1)).toBe(true);
    expect(readinessActive(start, Date.parse(start))).toBe(false);
    expect(readinessActive(null, Date.parse("2030-01-01T00:00:00Z"))).toBe(true);
  });
});
