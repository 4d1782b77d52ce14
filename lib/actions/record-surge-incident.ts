import { z } from "zod";
import { can } from "@/core/auth/permissions";
import { REPORT_BUCKET_MS } from "@/core/citizen/report-rules";
import { SURGE_WINDOW_MS } from "@/core/citizen/surge";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError, forbidden, notFound } from "./action-error";
import { actorOf } from "./actor";

export const recordSurgeIncidentInput = z.object({
  surge: z.coerce.number().int().positive(),
  /** the function the incident is about: the surge's own, or for in-store payment / other the one the admin judges */
  function: z.string().max(40).optional(),
  note: z.string().trim().max(500).default(""),
});

/**
 * An admin turns a surge of citizens' reports into a REPORTED incident: an outage row with
 * source REPORTED (never MEASURED, so the measured record and its rebuilds never touch it), from
 * the first 5-minute bucket with reports in the hour the surge was found to its end (or now),
 * citing the report counts as its source. One incident per surge; the audit log records who.
 */
export async function recordSurgeIncident(
  db: Db,
  user: SessionUser,
  input: z.input<typeof recordSurgeIncidentInput>,
  opts: { now: Date; publicUrl: string },
): Promise<{ outageId: number }> {
  const parsed = recordSurgeIncidentInput.parse(input);
  const actor = actorOf(user);
  if (!can(actor, "surge.record_incident")) throw forbidden();
  const surge = await db.reportSurge.findUnique({
    where: { id: parsed.surge },
    include: { service: { select: { id: true, slug: true, functions: { select: { id: true, key: true } } } } },
  });
  if (!surge) throw notFound(`surge ${parsed.surge}`);
  if (surge.incidentId !== null) throw new ActionError(409, "already_recorded", `this surge is already recorded as incident #${surge.incidentId}`);
  const fnKey = surge.service.functions.some((f) => f.key === surge.functionKey) ? surge.functionKey : parsed.function;
  const fn = surge.service.functions.find((f) => f.key === fnKey);
  if (!fn)
    throw new ActionError(
      400,
      "choose_function",
      `reports of "${surge.functionKey}" name no measured function: choose one of ${surge.service.functions.map((f) => f.key).join(", ")}`,
    );
  const end = surge.endedAt ?? opts.now;
  const first = await db.citizenReportCount.findFirst({
    where: { serviceId: surge.serviceId, functionKey: surge.functionKey, bucketStart: { gte: new Date(surge.startedAt.getTime() - SURGE_WINDOW_MS), lt: end } },
    orderBy: { bucketStart: "asc" },
    select: { bucketStart: true },
  });
  const start = first?.bucketStart ?? new Date(Math.floor(surge.startedAt.getTime() / REPORT_BUCKET_MS) * REPORT_BUCKET_MS);
  const [reports, clients] = await Promise.all([
    db.citizenReportCount.aggregate({
      where: { serviceId: surge.serviceId, functionKey: surge.functionKey, bucketStart: { gte: start, lt: end } },
      _sum: { count: true },
    }),
    db.citizenReport.groupBy({ by: ["client"], where: { serviceId: surge.serviceId, functionKey: surge.functionKey, at: { gte: start, lt: end } } }),
  ]);
  const count = reports._sum.count ?? 0;
  const window = `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date(end.getTime() + REPORT_BUCKET_MS).toISOString())}`;
  const sources = [
    {
      title:
        `시민 신고 ${count}건 (신고한 곳 ${clients.length}곳, 급증 기준 ${surge.threshold}건) · ` +
        `${count} citizen reports from ${clients.length} clients (surge threshold ${surge.threshold})`,
      url: `${opts.publicUrl}/api/v1/services/${surge.service.slug}/reports?${window}`,
      date: start.toISOString().slice(0, 10),
      citizenReports: { count, clients: clients.length, threshold: surge.threshold },
    },
  ];
  return inTransaction(db, async (tx) => {
    // The condition makes two admins' clicks record one incident.
    const outage = await tx.outage.create({
      data: {
        serviceId: surge.serviceId,
        functionId: fn.id,
        source: "REPORTED",
        startedAt: start,
        endedAt: end,
        message: parsed.note || null,
        sources: JSON.stringify(sources),
      },
    });
    const claimed = await tx.reportSurge.updateMany({ where: { id: surge.id, incidentId: null }, data: { incidentId: outage.id } });
    if (claimed.count !== 1) throw new ActionError(409, "already_recorded", "this surge was just recorded by someone else");
    await appendAudit(tx, {
      at: opts.now,
      actor: actor.audit,
      action: "surge.record_incident",
      serviceId: surge.serviceId,
      subject: `outage:${outage.id}`,
      details: {
        surge: surge.id,
        reportedKey: surge.functionKey,
        function: fn.key,
        start: start.toISOString(),
        end: end.toISOString(),
        reports: count,
        clients: clients.length,
        threshold: surge.threshold,
        median: surge.median,
        note: parsed.note,
      },
    });
    return { outageId: outage.id };
  });
}
