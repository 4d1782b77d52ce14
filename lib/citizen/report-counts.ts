import { REPORT_BUCKET_MS } from "@/core/citizen/report-rules";
import type { Db } from "@/lib/db";
import { reportTarget, type ReportTarget } from "./report-target";

export type ReportCountRow = { functionKey: string; district: string | null; bucketStart: string; count: number };
export type SurgeView = {
  id: number;
  functionKey: string;
  startedAt: string;
  endedAt: string | null;
  peakCount: number;
  threshold: number;
  median: number;
  incidentId: number | null;
};

export type CitizenReportCounts = {
  target: ReportTarget;
  from: string;
  to: string;
  bucketMs: number;
  /** non-zero 5-minute counts in [from, to), by function and district, oldest first */
  counts: ReportCountRow[];
  /** surges overlapping the window (open ones have endedAt null) */
  surges: SurgeView[];
};

/** Citizens' report counts of a service in [from, to) and its surges; null for an unknown service. */
export async function citizenReportCounts(db: Db, slug: string, range: { from: Date; to: Date }): Promise<CitizenReportCounts | null> {
  const target = await reportTarget(db, slug);
  if (!target) return null;
  const [rows, surges] = await Promise.all([
    db.citizenReportCount.findMany({
      where: { serviceId: target.serviceId, bucketStart: { gte: range.from, lt: range.to } },
      orderBy: [{ bucketStart: "asc" }, { functionKey: "asc" }, { district: "asc" }],
    }),
    db.reportSurge.findMany({
      where: { serviceId: target.serviceId, startedAt: { lt: range.to }, OR: [{ endedAt: null }, { endedAt: { gt: range.from } }] },
      orderBy: { startedAt: "asc" },
    }),
  ]);
  const order = new Map(target.keys.map((k, i) => [k, i]));
  return {
    target,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    bucketMs: REPORT_BUCKET_MS,
    counts: rows
      .map((r) => ({ functionKey: r.functionKey, district: r.district || null, bucketStart: r.bucketStart.toISOString(), count: r.count }))
      .sort((a, b) => a.bucketStart.localeCompare(b.bucketStart) || (order.get(a.functionKey) ?? 99) - (order.get(b.functionKey) ?? 99)),
    surges: surges.map((s) => ({
      id: s.id,
      functionKey: s.functionKey,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt?.toISOString() ?? null,
      peakCount: s.peakCount,
      threshold: s.threshold,
      median: s.median,
      incidentId: s.incidentId,
    })),
  };
}

/** The body of GET …/reports (lib/openapi/schemas.ts, CitizenReports). */
export type CitizenReportsBody = {
  generatedAt: string;
  service: string;
  kind: "CITIZEN_REPORTS";
  note: string;
  from: string;
  to: string;
  bucketSec: number;
  keys: string[];
  districts: { key: string; name: string; nameEn: string }[];
  counts: ReportCountRow[];
  surges: SurgeView[];
};

export function citizenReportsBody(c: CitizenReportCounts, now: Date): CitizenReportsBody {
  return {
    generatedAt: now.toISOString(),
    service: c.target.slug,
    kind: "CITIZEN_REPORTS",
    note: "citizens' reports, not measurements; never counted as downtime",
    from: c.from,
    to: c.to,
    bucketSec: c.bucketMs / 1000,
    keys: c.target.keys,
    districts: c.target.districts,
    counts: c.counts,
    surges: c.surges,
  };
}

/** Per reportable key: reports in the last hour and in the last 5-minute bucket, from counts of the last hour. */
export function lastHourSummary(c: CitizenReportCounts, now: number): { key: string; hour: number; last5: number; buckets: number[] }[] {
  const end = Math.floor(now / REPORT_BUCKET_MS) * REPORT_BUCKET_MS + REPORT_BUCKET_MS;
  const start = end - 12 * REPORT_BUCKET_MS;
  return c.target.keys.map((key) => {
    const buckets = Array.from({ length: 12 }, () => 0);
    for (const r of c.counts) {
      const t = Date.parse(r.bucketStart);
      if (r.functionKey === key && t >= start && t < end) buckets[(t - start) / REPORT_BUCKET_MS]! += r.count;
    }
    return { key, hour: buckets.reduce((a, b) => a + b, 0), last5: buckets[11]!, buckets };
  });
}
