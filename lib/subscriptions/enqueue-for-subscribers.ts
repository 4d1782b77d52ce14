import type { AlertPayload } from "@/core/alerts/alert-payload";
import type { Tx } from "@/lib/db";
import { SUBSCRIBERS_CHANNEL } from "./deliver-to-subscribers";
import { SUBSCRIBERS_POLICY } from "./subscribe";

/**
 * An event for a service's e-mail subscribers: one outbox row, written in the transaction that
 * makes the event (an outage opened or closed, an operator's statement), which the alerter expands
 * to every confirmed subscriber (lib/subscriptions/deliver-to-subscribers.ts). The write stays one
 * row however many subscribers there are; a service with none gets no row.
 */
export async function enqueueForSubscribers(
  tx: Pick<Tx, "alertOutbox" | "emailSubscription">,
  a: { dedupe: string; payload: AlertPayload; facts: { serviceId: number; id: number; functionId: number }; now: Date },
): Promise<number> {
  const any = await tx.emailSubscription.findFirst({ where: { serviceId: a.facts.serviceId, confirmedAt: { not: null } }, select: { id: true } });
  if (!any) return 0;
  const dedupeKey = `${a.dedupe}:${SUBSCRIBERS_CHANNEL}`;
  if (await tx.alertOutbox.findUnique({ where: { dedupeKey }, select: { id: true } })) return 0;
  await tx.alertOutbox.create({
    data: {
      dedupeKey,
      kind: a.payload.kind,
      policyKey: SUBSCRIBERS_POLICY,
      channelKey: SUBSCRIBERS_CHANNEL,
      serviceId: a.facts.serviceId,
      outageId: a.facts.id,
      functionId: a.facts.functionId,
      payload: JSON.stringify(a.payload),
      createdAt: a.now,
      nextAttemptAt: a.now,
    },
  });
  return 1;
}
