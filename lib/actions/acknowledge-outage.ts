import { z } from "zod";
import { can } from "@/core/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError, forbidden, notFound } from "./action-error";
import { actorOf } from "./actor";

export const acknowledgeOutageInput = z.object({ outageId: z.coerce.number().int().positive(), note: z.string().trim().max(500).default("") });

/**
 * The operator says "we know, we are on it". Stops the escalation: reminders
 * not yet sent are cancelled in the same transaction, and no new round starts.
 */
export async function acknowledgeOutage(db: Db, user: SessionUser, input: z.input<typeof acknowledgeOutageInput>, now: Date): Promise<{ outageId: number }> {
  const { outageId, note } = acknowledgeOutageInput.parse(input);
  const actor = actorOf(user);
  return inTransaction(db, async (tx) => {
    const outage = await tx.outage.findUnique({ where: { id: outageId }, select: { id: true, serviceId: true, acknowledgement: { select: { id: true } } } });
    if (!outage) throw notFound(`outage #${outageId}`);
    if (!can(actor, "outage.acknowledge", outage.serviceId)) throw forbidden();
    if (outage.acknowledgement) throw new ActionError(409, "already_acknowledged", `outage #${outageId} is already acknowledged`);
    await tx.outageAcknowledgement.create({ data: { outageId, userId: actor.id, at: now, note } });
    const cancelled = await tx.alertOutbox.updateMany({
      where: { outageId, kind: "outage_reminder", status: "PENDING" },
      data: { status: "CANCELLED", lastError: "acknowledged before it was sent" },
    });
    await appendAudit(tx, {
      at: now,
      actor: actor.audit,
      action: "outage.acknowledge",
      serviceId: outage.serviceId,
      subject: `outage:${outageId}`,
      details: { note, remindersCancelled: cancelled.count },
    });
    return { outageId };
  });
}
