import { z } from "zod";
import { can } from "@/core/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { outageFacts, outagePayload } from "@/lib/alerts/outage-payload";
import { env } from "@/lib/env";
import { inTransaction } from "@/lib/store/in-transaction";
import { enqueueForSubscribers } from "@/lib/subscriptions/enqueue-for-subscribers";
import { forbidden, notFound } from "./action-error";
import { actorOf } from "./actor";

export const postOutageUpdateInput = z.object({
  outageId: z.coerce.number().int().positive(),
  body: z.string().trim().min(1, "write the update").max(2000, "at most 2,000 characters"),
});

/**
 * A public statement by the operator, shown on the outage page beside the measurements, and
 * mailed to the service's e-mail subscribers (written to the outbox in the same transaction).
 */
export async function postOutageUpdate(db: Db, user: SessionUser, input: z.input<typeof postOutageUpdateInput>, now: Date): Promise<{ updateId: number }> {
  const { outageId, body } = postOutageUpdateInput.parse(input);
  const actor = actorOf(user);
  return inTransaction(db, async (tx) => {
    const outage = await tx.outage.findUnique({ where: { id: outageId }, select: { serviceId: true } });
    if (!outage) throw notFound(`outage #${outageId}`);
    if (!can(actor, "outage.update", outage.serviceId)) throw forbidden();
    const row = await tx.outageUpdate.create({ data: { outageId, userId: actor.id, at: now, body } });
    await appendAudit(tx, {
      at: now,
      actor: actor.audit,
      action: "outage.update",
      serviceId: outage.serviceId,
      subject: `outage:${outageId}`,
      details: { updateId: row.id, body },
    });
    const facts = await outageFacts(tx, outageId);
    if (facts) {
      const payload = outagePayload(facts, "outage_update", { round: 0, level: 0, escalated: false, publicUrl: env.publicUrl, now });
      payload.statement = { at: now.toISOString(), body, author: actor.audit.name };
      await enqueueForSubscribers(tx, { dedupe: `outage:${outageId}:update:${row.id}`, payload, facts, now });
    }
    return { updateId: row.id };
  });
}
