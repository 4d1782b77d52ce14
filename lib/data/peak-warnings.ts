import { peakWarning, type HourFigure, type PeakRule, type PeakWarning } from "@/core/changeover/peak-warning";
import { mergeHistograms, quantile, type Histogram } from "@/core/latency-histogram";
import type { Db } from "@/lib/db";

const DAY = 86_400_000;

/**
 * The peak warnings of a service from its hourly roll-ups: per hour, the runs,
 * failures and p95 latency of all its active probes together (histograms merged,
 * so the p95 is within a bucket's width, about 9%).
 */
export async function peakWarningsOf(db: Db, slug: string, timeZone: string, now: Date): Promise<PeakWarning[]> {
  const service = await db.service.findUnique({ where: { slug }, select: { accounting: true, probes: { where: { active: true }, select: { id: true } } } });
  if (!service) return [];
  const rules = ((JSON.parse(service.accounting) as { peakWarnings?: (Omit<PeakRule, "warnBeforeMs"> & { warnBefore: number })[] }).peakWarnings ?? []).map((r) => ({ ...r, warnBeforeMs: r.warnBefore }));
  if (rules.length === 0 || service.probes.length === 0) return [];
  const months = Math.max(...rules.map((r) => r.months));
  // The judged peaks' months, with room for months without the day (the 31st)
  const from = new Date(now.getTime() - (months * 2 + 2) * 31 * DAY);
  const rows = await db.rollupHour.findMany({ where: { probeId: { in: service.probes.map((p) => p.id) }, hourStart: { gte: from, lte: now } }, select: { hourStart: true, up: true, degraded: true, down: true, histogram: true } });
  const byHour = new Map<number, { runs: number; failures: number; h: Histogram }>();
  for (const r of rows) {
    const k = r.hourStart.getTime();
    const cur = byHour.get(k) ?? { runs: 0, failures: 0, h: {} };
    cur.runs += r.up + r.degraded + r.down;
    cur.failures += r.down;
    cur.h = mergeHistograms(cur.h, JSON.parse(r.histogram) as Histogram);
    byHour.set(k, cur);
  }
  const hours: HourFigure[] = [...byHour].map(([hourStart, v]) => ({ hourStart, runs: v.runs, failures: v.failures, latencyP95: quantile(v.h, 0.95) }));
  return rules.map((r) => peakWarning(hours, r, timeZone, now.getTime()));
}
