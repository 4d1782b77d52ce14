import { addSample, type Histogram } from "./latency-histogram";
import type { ProbeState } from "./probe-result";

/**
 * What every roll-up (minute, hour, day) keeps for a probe: counts by state,
 * seconds covered by results that measured something, and latency of the
 * correct answers as a sum, a maximum and a histogram, so roll-ups of any
 * size add up exactly.
 */
export type RollupFigures = {
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  measuredSec: number;
  latencyN: number;
  latencySum: number;
  latencyMax: number;
  histogram: Histogram;
};

export function emptyFigures(): RollupFigures {
  return { up: 0, degraded: 0, down: 0, unknown: 0, measuredSec: 0, latencyN: 0, latencySum: 0, latencyMax: 0, histogram: {} };
}

/** Adds one result in place. */
export function addToFigures(f: RollupFigures, r: { state: ProbeState | string; intervalSec: number; latencyMs: number | null }): void {
  if (r.state === "UP") f.up++;
  else if (r.state === "DEGRADED") f.degraded++;
  else if (r.state === "DOWN") f.down++;
  else f.unknown++;
  if (r.state !== "UNKNOWN") f.measuredSec += r.intervalSec;
  // Latency percentiles describe answers that came back correct; timeouts would only measure the deadline.
  if ((r.state === "UP" || r.state === "DEGRADED") && r.latencyMs !== null) {
    f.latencyN++;
    f.latencySum += r.latencyMs;
    f.latencyMax = Math.max(f.latencyMax, r.latencyMs);
    f.histogram = addSample(f.histogram, r.latencyMs);
  }
}
