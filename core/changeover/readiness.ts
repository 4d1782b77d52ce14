import type { ProbeState } from "../probe-result";

/** One run of a readiness probe, as the readiness panel needs it. */
export type ReadinessRun = { at: number; state: ProbeState };

/**
 * Where one function of the new operator stands before go-live:
 * `ready` when its latest measured run answered correctly (UP, or DEGRADED:
 * correct but slow), `not_ready` when it failed, `unmeasured` with no run yet.
 * `since` is the first run of the current streak; UNKNOWN runs (the monitor's
 * own failures) neither break nor start a streak.
 */
export type ReadinessStatus = {
  state: "ready" | "not_ready" | "unmeasured";
  since: number | null;
  lastAt: number | null;
  /** the state of the latest measured run at or before the readiness deadline */
  atDeadline: "ready" | "not_ready" | "unmeasured";
};

export const answersCorrectly = (s: ProbeState) => s === "UP" || s === "DEGRADED";

/** The status from a function's runs in time order (pure; lib/data/readiness.ts reads the same from the database). */
export function readinessStatus(runs: ReadinessRun[], deadlineMs: number): ReadinessStatus {
  const measured = runs.filter((r) => r.state !== "UNKNOWN");
  const last = measured.at(-1);
  const beforeDeadline = measured.filter((r) => r.at <= deadlineMs).at(-1);
  const atDeadline = beforeDeadline ? (answersCorrectly(beforeDeadline.state) ? "ready" : "not_ready") : "unmeasured";
  if (!last) return { state: "unmeasured", since: null, lastAt: null, atDeadline };
  const ok = answersCorrectly(last.state);
  let i = measured.length - 1;
  while (i > 0 && answersCorrectly(measured[i - 1]!.state) === ok) i--;
  return { state: ok ? "ready" : "not_ready", since: measured[i]!.at, lastAt: last.at, atDeadline };
}

/** Readiness is watched from the configuration's load until the service actually goes live. */
export function readinessActive(actualStart: string | null, nowMs: number): boolean {
  return actualStart === null || nowMs < Date.parse(actualStart);
}
