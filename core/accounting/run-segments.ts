import type { ProbeState } from "../probe-result";
import type { Run } from "./location-timeline";

/**
 * A probe's runs, run-length encoded: a segment is a stretch of consecutive
 * runs with the same state and interval, each run at most 2 × interval after
 * the one before (so coverage never breaks inside a segment). Kept for good
 * after raw results are pruned, it is all the accounting needs: expanding it
 * gives runs on which locationTimeline computes exactly the same coverage,
 * outages and blips as on the original runs (tests/core/run-segments.test.ts).
 * Only the instants of the runs strictly inside a segment are lost, and no
 * rule reads them.
 */
export type RunSegment = { start: number; lastAt: number; count: number; state: ProbeState; intervalMs: number };

/** Runs sorted by time, one per instant (as stored). */
export function toSegments(runs: Run[]): RunSegment[] {
  const out: RunSegment[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && r.at <= last.lastAt)
      throw new Error(`runs must be sorted by time, one per instant (${new Date(r.at).toISOString()} after ${new Date(last.lastAt).toISOString()})`);
    if (last && last.state === r.state && last.intervalMs === r.intervalMs && r.at - last.lastAt <= 2 * r.intervalMs) {
      last.lastAt = r.at;
      last.count++;
    } else out.push({ start: r.at, lastAt: r.at, count: 1, state: r.state, intervalMs: r.intervalMs });
  }
  return out;
}

/**
 * Runs standing in for the segments: the first and last at their true instants,
 * those between evenly spaced (never more than 2 × interval apart, since the
 * true ones were not).
 */
export function expandSegments(segments: RunSegment[]): Run[] {
  const runs: Run[] = [];
  for (const s of segments) {
    runs.push({ at: s.start, state: s.state, intervalMs: s.intervalMs });
    if (s.count === 1) continue;
    const span = s.lastAt - s.start;
    for (let k = 1; k < s.count - 1; k++) runs.push({ at: s.start + Math.floor((k * span) / (s.count - 1)), state: s.state, intervalMs: s.intervalMs });
    runs.push({ at: s.lastAt, state: s.state, intervalMs: s.intervalMs });
  }
  return runs;
}

const CODES: Record<ProbeState, string> = { UP: "U", DEGRADED: "S", DOWN: "D", UNKNOWN: "?" };
const STATES: Record<string, ProbeState> = { U: "UP", S: "DEGRADED", D: "DOWN", "?": "UNKNOWN" };

/** Stored as JSON: [[startMs, lastAtMs, count, stateCode, intervalSec], …], compact for long days of flapping. */
export function encodeSegments(segments: RunSegment[]): string {
  return JSON.stringify(segments.map((s) => [s.start, s.lastAt, s.count, CODES[s.state], s.intervalMs / 1000]));
}

export function decodeSegments(text: string): RunSegment[] {
  const rows = JSON.parse(text) as [number, number, number, string, number][];
  return rows.map(([start, lastAt, count, code, intervalSec]) => {
    const state = STATES[code];
    if (!state) throw new Error(`unknown state code "${code}" in stored run segments`);
    return { start, lastAt, count, state, intervalMs: intervalSec * 1000 };
  });
}
