import type { LatencyPoint } from "@/lib/data/types";

export type LatencySummary = {
  latest: LatencyPoint | null;
  worst: LatencyPoint | null;
  hoursWithData: number;
  hours: number;
};

/** What the chart shows, in words: the latest hour with data, the slowest hour by p95, and coverage. */
export function summariseLatency(points: LatencyPoint[]): LatencySummary {
  let latest: LatencyPoint | null = null;
  let worst: LatencyPoint | null = null;
  let hoursWithData = 0;
  for (const p of points) {
    if (p.p50 === null && p.p95 === null) continue;
    hoursWithData++;
    latest = p;
    if (p.p95 !== null && (worst === null || worst.p95 === null || p.p95 > worst.p95)) worst = p;
  }
  return { latest, worst, hoursWithData, hours: points.length };
}
