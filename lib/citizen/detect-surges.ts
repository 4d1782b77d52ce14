import type { AlertPayload } from "@/core/alerts/alert-payload";
import { surgeDecision, surgeWindows, type SurgeDecision } from "@/core/citizen/surge";
import type { AlertPolicy, AlertsConfig } from "@/core/config/resolve";
import { enqueueOnce, policiesFor } from "@/lib/alerts/alert-plan";
import type { Db } from "@/lib/db";
import { citizenReportText } from "@/lib/i18n/citizen-report-messages";
import { citizenReportsOf } from "./report-target";

export type SurgeChange = { slug: string; functionKey: string; opened: boolean; decision: SurgeDecision; alerts: number };

/**
 * Applies the surge rule (core/citizen/surge.ts) to every function of every service taking
 * reports: a surge is opened (and alerted, once) when the last hour reaches the threshold and
 * ended when it falls below. Probes play no part: a surge is alerted while they see UP.
 */
export async function detectReportSurges(db: Db, alerts: AlertsConfig, opts: { now: number; publicUrl: string }): Promise<SurgeChange[]> {
  const w = surgeWindows(opts.now);
  const earliest = w.before.at(-1)!.start;
  const services = await db.service.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      nameEn: true,
      accounting: true,
      functions: { select: { key: true, name: true, nameEn: true } },
      contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 },
    },
  });
  const changes: SurgeChange[] = [];
  for (const s of services) {
    if (!citizenReportsOf(s.accounting).enabled) continue;
    const rows = await db.citizenReportCount.findMany({
      where: { serviceId: s.id, bucketStart: { gte: new Date(earliest), lt: new Date(w.current.end) } },
      select: { functionKey: true, bucketStart: true, count: true },
    });
    const open = await db.reportSurge.findMany({ where: { serviceId: s.id, endedAt: null } });
    const keys = new Set([...rows.map((r) => r.functionKey), ...open.map((o) => o.functionKey)]);
    for (const key of keys) {
      const sum = (win: { start: number; end: number }) =>
        rows.filter((r) => r.functionKey === key && r.bucketStart.getTime() >= win.start && r.bucketStart.getTime() < win.end).reduce((a, r) => a + r.count, 0);
      const decision = surgeDecision(sum(w.current), w.before.map(sum));
      const current = open.find((o) => o.functionKey === key);
      if (current && !decision.surge) {
        await db.reportSurge.update({ where: { id: current.id }, data: { endedAt: new Date(opts.now) } });
        changes.push({ slug: s.slug, functionKey: key, opened: false, decision, alerts: 0 });
      } else if (current) {
        if (decision.count > current.peakCount) await db.reportSurge.update({ where: { id: current.id }, data: { peakCount: decision.count } });
      } else if (decision.surge) {
        const surge = await db.reportSurge.create({
          data: {
            serviceId: s.id,
            functionKey: key,
            startedAt: new Date(opts.now),
            peakCount: decision.count,
            threshold: decision.threshold,
            median: decision.median,
          },
        });
        const fn = s.functions.find((f) => f.key === key);
        const payload: AlertPayload = {
          kind: "citizen_surge",
          service: { slug: s.slug, name: s.name, nameEn: s.nameEn, timeZone: s.contracts[0]?.timeZone ?? "Asia/Seoul" },
          function: fn ?? { key, name: citizenReportText("ko").extra[key] ?? key, nameEn: citizenReportText("en").extra[key] ?? key },
          outage: null,
          budget: null,
          surge: { id: surge.id, count: decision.count, median: decision.median, threshold: decision.threshold, since: new Date(opts.now).toISOString() },
          round: 0,
          level: 0,
          escalated: false,
          url: `${opts.publicUrl}/ko/services/${s.slug}#report`,
          createdAt: new Date(opts.now).toISOString(),
        };
        const n = await enqueueOnce(db, {
          policies: surgePolicies(alerts, s.slug),
          dedupe: `surge:${surge.id}`,
          kind: "citizen_surge",
          serviceId: s.id,
          payload,
          now: new Date(opts.now),
        });
        changes.push({ slug: s.slug, functionKey: key, opened: true, decision, alerts: n });
      }
    }
  }
  return changes;
}

/**
 * Who hears of a surge: the first level of every policy that asks for citizen_surge (the
 * operator), and the admins' instance channels not already among them.
 */
export function surgePolicies(alerts: AlertsConfig, slug: string): AlertPolicy[] {
  const policies = policiesFor(alerts, slug, "citizenSurge").map((p) => ({ ...p, levels: p.levels.slice(0, 1), maxRepeats: 0 }));
  const reached = new Set(policies.flatMap((p) => p.levels[0] ?? []));
  const admins = alerts.instanceChannels.filter((c) => !reached.has(c));
  if (admins.length > 0)
    policies.push({
      key: "admins",
      services: null,
      outage: false,
      errorBudget: false,
      peakWarning: false,
      citizenSurge: true,
      levels: [admins],
      repeatEveryMs: 3_600_000,
      maxRepeats: 0,
      objective: null,
    });
  return policies;
}
