import type { Db } from "@/lib/db";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Citizens' reports follow the raw results' retention: reports and their 5-minute counts from
 * before the first kept UTC day are deleted. The limit counters of reports (keyed by the daily
 * client hash) are deleted once their window (an hour at most) has ended. Surges stay: a handful
 * of rows, and an incident an admin made from one cites it.
 */
export async function pruneCitizenReports(db: Db, opts: { now: number; retentionDays: number }): Promise<{ reports: number; counts: number; limits: number }> {
  const firstKept = new Date(Math.floor(opts.now / DAY_MS) * DAY_MS - opts.retentionDays * DAY_MS);
  const reports = await db.citizenReport.deleteMany({ where: { at: { lt: firstKept } } });
  const counts = await db.citizenReportCount.deleteMany({ where: { bucketStart: { lt: firstKept } } });
  const limits = await db.attemptLimit.deleteMany({ where: { key: { startsWith: "report" }, windowStart: { lt: new Date(opts.now - HOUR_MS) } } });
  return { reports: reports.count, counts: counts.count, limits: limits.count };
}
