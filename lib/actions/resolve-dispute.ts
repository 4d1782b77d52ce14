import { z } from "zod";
import { can } from "@/core/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError, forbidden, notFound } from "./action-error";
import { actorOf } from "./actor";

export const resolveDisputeInput = z.object({
  disputeId: z.coerce.number().int().positive(),
  outcome: z.enum(["ACCEPTED", "REJECTED"]),
  resolution: z.string().trim().min(5, "give the reasons in at least 5 characters").max(4000, "at most 4,000 characters"),
});

/**
 * An admin decides a dispute. Accepted: the outage's span is excused in the
 * accounting, with this resolution as the reason (so only a closed outage can be
 * accepted). Rejected: the finding stands. Either way the decision is public.
 */
export async function resolveDispute(db: Db, user: SessionUser, input: z.input<typeof resolveDisputeInput>, now: Date): Promise<{ disputeId: number }> {
  const { disputeId, outcome, resolution } = resolveDisputeInput.parse(input);
  const actor = actorOf(user);
  if (!can(actor, "dispute.resolve")) throw forbidden();
  return inTransaction(db, async (tx) => {
    const d = await tx.dispute.findUnique({ where: { id: disputeId }, include: { outage: { select: { id: true, serviceId: true, endedAt: true } } } });
    if (!d) throw notFound(`dispute #${disputeId}`);
    if (d.status !== "OPEN") throw new ActionError(409, "dispute_closed", `dispute #${disputeId} is already ${d.status.toLowerCase()}`);
    if (outcome === "ACCEPTED" && d.outage.endedAt === null)
      throw new ActionError(409, "outage_open", `outage #${d.outage.id} is still open; a dispute can be accepted once it has ended`);
    await tx.dispute.update({ where: { id: disputeId }, data: { status: outcome, resolvedById: actor.id, resolvedAt: now, resolution } });
    await appendAudit(tx, {
      at: now,
      actor: actor.audit,
      action: "dispute.resolve",
      serviceId: d.outage.serviceId,
      subject: `outage:${d.outage.id}`,
      details: { disputeId, outcome, resolution },
    });
    return { disputeId };
  });
}
