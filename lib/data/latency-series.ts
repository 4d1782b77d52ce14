import { mergeHistograms, quantile, type Histogram } from "@/core/latency-histogram";
import { addDays, dayWindow, formatLocalDate, localDateOf } from "@/core/time-zone";
import type { DailyLatencyPoint, LatencyPoint } from "./types";

const HOUR_MS = 3_600_000;

type Rollup = { probeId: number; hourStart: Date; histogram: string; latencyN: number };

/** Hourly p50/p95 of one function's probes over the last `hours` hours (the hour now included). */
export function hourlyLatency(rollups: Rollup[], probeIds: Set<number>, now: Date, hours: number): LatencyPoint[] {
  const start = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS;
  const byHour = new Map<number, { h: Histogram; n: number }>();
  for (const r of rollups) {
    if (!probeIds.has(r.probeId) || r.hourStart.getTime() < start) continue;
    const t = r.hourStart.getTime();
    const prev = byHour.get(t) ?? { h: {}, n: 0 };
    byHour.set(t, { h: mergeHistograms(prev.h, JSON.parse(r.histogram) as Histogram), n: prev.n + r.latencyN });
  }
  const points: LatencyPoint[] = [];
  for (let t = start; t <= now.getTime(); t += HOUR_MS) {
    const v = byHour.get(t);
    points.push({ hourStart: new Date(t).toISOString(), p50: v ? quantile(v.h, 0.5) : null, p95: v ? quantile(v.h, 0.95) : null, samples: v?.n ?? 0 });
  }
  return points;
}

/**
 * Daily p50/p95 over the last `days` local calendar days (today included): each day's hour
 * histograms merged, so a day's percentile is of all its samples, not an average of hours.
 */
export function dailyLatency(rollups: Rollup[], probeIds: Set<number>, now: Date, days: number, timeZone: string): DailyLatencyPoint[] {
  const lastDay = localDateOf(now, timeZone);
  const byDay = new Map<string, { h: Histogram; n: number }>();
  for (const r of rollups) {
    if (!probeIds.has(r.probeId)) continue;
    const date = formatLocalDate(localDateOf(r.hourStart, timeZone));
    const prev = byDay.get(date) ?? { h: {}, n: 0 };
    byDay.set(date, { h: mergeHistograms(prev.h, JSON.parse(r.histogram) as Histogram), n: prev.n + r.latencyN });
  }
  const points: DailyLatencyPoint[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = addDays(lastDay, -i);
    const date = formatLocalDate(d);
    const v = byDay.get(date);
    points.push({ date, start: dayWindow(d, timeZone).start.toISOString(), p50: v ? quantile(v.h, 0.5) : null, p95: v ? quantile(v.h, 0.95) : null, samples: v?.n ?? 0 });
  }
  return points;
}
