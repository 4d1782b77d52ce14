import { z } from "zod";
import { excusedTime } from "@/core/accounting/excused";
import { can } from "@/core/auth/permissions";
import type { ContractConfig } from "@/core/config/contract-schema";
import { parseLocalDateTime } from "@/core/local-date-time";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError, forbidden, notFound } from "./action-error";
import { actorOf } from "./actor";

const MAX_SPAN_MS = 31 * 86_400_000;

export const announceMaintenanceInput = z.object({
  service: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  /** wall-clock time in the contract's zone (datetime-local) or an ISO instant with offset */
  start: z.string().min(1, "give the start").max(40),
  end: z.string().min(1, "give the end").max(40),
  note: z.string().trim().max(1000).default(""),
});

/**
 * The operator announces maintenance. The announcement time is the server's
 * clock, not a claim. Whether it is excused is the contract's notice rule
 * (core/accounting/excused.ts): announced later than the notice period, it is
 * shown as late and the downtime counts.
 */
export async function announceMaintenance(
  db: Db,
  user: SessionUser,
  input: z.input<typeof announceMaintenanceInput>,
  now: Date,
): Promise<{ announcementId: number; excused: boolean; why: string }> {
  const parsed = announceMaintenanceInput.parse(input);
  const actor = actorOf(user);
  const service = await db.service.findUnique({
    where: { slug: parsed.service },
    select: { id: true, contracts: { select: { definition: true, timeZone: true }, orderBy: { termStart: "desc" }, take: 1 } },
  });
  if (!service) throw notFound(`service "${parsed.service}"`);
  if (!can(actor, "maintenance.announce", service.id)) throw forbidden();
  const timeZone = service.contracts[0]?.timeZone ?? "Asia/Seoul";
  const start = parseLocalDateTime(parsed.start, timeZone);
  const end = parseLocalDateTime(parsed.end, timeZone);
  if (!start) throw new ActionError(400, "invalid_start", `not a date and time: "${parsed.start}"`);
  if (!end) throw new ActionError(400, "invalid_end", `not a date and time: "${parsed.end}"`);
  if (end.getTime() <= start.getTime()) throw new ActionError(400, "end_before_start", "the end must be after the start");
  if (end.getTime() <= now.getTime()) throw new ActionError(400, "in_the_past", "maintenance that is already over cannot be announced");
  if (end.getTime() - start.getTime() > MAX_SPAN_MS) throw new ActionError(400, "too_long", "one announcement covers at most 31 days");

  const contract = service.contracts[0] ? (JSON.parse(service.contracts[0].definition) as ContractConfig) : null;
  const noticeMs = contract?.maintenanceNotice ?? 0;
  const decision = excusedTime({
    maintenance: [{ id: "new", start: start.getTime(), end: end.getTime(), announcedAt: now.getTime() }],
    forceMajeure: [],
    noticeMs,
  }).decisions[0]!;

  return inTransaction(db, async (tx) => {
    const row = await tx.maintenanceAnnouncement.create({ data: { serviceId: service.id, userId: actor.id, announcedAt: now, start, end, note: parsed.note } });
    await appendAudit(tx, {
      at: now,
      actor: actor.audit,
      action: "maintenance.announce",
      serviceId: service.id,
      subject: `maintenance:${row.id}`,
      details: {
        start: start.toISOString(),
        end: end.toISOString(),
        note: parsed.note,
        noticeRequiredSec: noticeMs / 1000,
        leadSec: Math.floor((start.getTime() - now.getTime()) / 1000),
        excused: decision.excused,
      },
    });
    return { announcementId: row.id, excused: decision.excused, why: decision.why };
  });
}
