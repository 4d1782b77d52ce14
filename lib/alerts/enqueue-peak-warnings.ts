import type { AlertPayload } from "@/core/alerts/alert-payload";
import type { AlertsConfig } from "@/core/config/resolve";
import { peakWarningsOf } from "@/lib/data/peak-warnings";
import type { Db } from "@/lib/db";
import { enqueueOnce, policiesFor } from "./alert-plan";

/**
 * Ahead of a peak hour whose last occurrences were all degraded (the warning the
 * service page shows), one alert per policy and channel into the outbox; once per
 * rule and peak, however often this runs.
 */
export async function enqueuePeakWarnings(db: Db, alerts: AlertsConfig, opts: { now: () => number; publicUrl: string }): Promise<number> {
  const now = new Date(opts.now());
  const services = await db.service.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      nameEn: true,
      accounting: true,
      contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 },
    },
  });
  let enqueued = 0;
  for (const s of services) {
    const policies = policiesFor(alerts, s.slug, "peakWarning");
    if (policies.length === 0 || !s.accounting.includes("peakWarnings")) continue;
    const timeZone = s.contracts[0]?.timeZone ?? "Asia/Seoul";
    for (const w of await peakWarningsOf(db, s.slug, timeZone, now)) {
      if (!w.showNow) continue;
      const payload: AlertPayload = {
        kind: "peak_warning",
        service: { slug: s.slug, name: s.name, nameEn: s.nameEn, timeZone },
        function: null,
        outage: null,
        budget: null,
        peak: {
          ruleId: w.ruleId,
          nextPeak: new Date(w.nextPeak).toISOString(),
          months: w.months.map((m) => ({
            month: m.month,
            latencyP95: m.latencyP95,
            medianLatencyP95: m.medianLatencyP95,
            errorRate: m.errorRate,
            degraded: m.degraded,
          })),
        },
        round: 0,
        level: 0,
        escalated: false,
        url: `${opts.publicUrl}/ko/services/${s.slug}`,
        createdAt: now.toISOString(),
      };
      enqueued += await enqueueOnce(db, { policies, dedupe: `peak:${s.id}:${w.ruleId}:${w.nextPeak}`, kind: "peak_warning", serviceId: s.id, payload, now });
    }
  }
  return enqueued;
}
