import { z } from "zod";
import { can } from "@/core/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError, forbidden, notFound } from "./action-error";
import { actorOf } from "./actor";

export const openDisputeInput = z.object({
  outageId: z.coerce.number().int().positive(),
  reason: z.string().trim().min(5, "give the reason in at least 5 characters").max(4000, "at most 4,000 characters"),
});

/** The operator contests an outage finding, with a reason; an admin decides. One open dispute per outage. */
export async function openDispute(db: Db, user: SessionUser, input: z.input<typeof openDisputeInput>, now: Date): Promise<{ disputeId: number }> {
  const { outageId, reason } = openDisputeInput.parse(input);
  const actor = actorOf(user);
  return inTransaction(db, async (tx) => {
    const outage = await tx.outage.findUnique({ where: { id: outageId }, select: { serviceId: true } });
    if (!outage) throw notFound(`outage #${outageId}`);
    if (!can(actor, "outage.dispute", outage.serviceId)) throw forbidden();
    const open = await tx.dispute.findFirst({ where: { outageId, status: "OPEN" }, select: { id: true } });
    if (open) throw new ActionError(409, "dispute_open", `dispute #${open.id} about this outage is still open`);
    const row = await tx.dispute.create({ data: { outageId, userId: actor.id, at: now, reason } });
    await appendAudit(tx, {
      at: now,
      actor: actor.audit,
      action: "dispute.open",
      serviceId: outage.serviceId,
      subject: `outage:${outageId}`,
      details: { disputeId: row.id, reason },
    });
    return { disputeId: row.id };
  });
}
