import { roundTargets } from "@/core/alerts/escalation";
import type { Tx } from "@/lib/db";
import type { RecordedEvent } from "@/lib/store/record-results";
import { enqueueForSubscribers } from "@/lib/subscriptions/enqueue-for-subscribers";
import { SUBSCRIBERS_POLICY } from "@/lib/subscriptions/subscribe";
import { policiesFor, type AlertPlan } from "./alert-plan";
import { outageFacts, outagePayload } from "./outage-payload";

/**
 * Fills the outbox for outages opened or closed by a batch of results, inside
 * the transaction that records them: the alert exists exactly when the outage
 * does. Opened: one row per channel of each policy's first level. Closed: one
 * row per channel that was alerted about the outage (at any level), and the
 * reminders not yet sent are cancelled. And, when the service has confirmed e-mail
 * subscribers, one row each that the alerter expands to them.
 */
export async function enqueueOutageAlerts(tx: Tx, plan: AlertPlan, events: RecordedEvent[]): Promise<number> {
  let rows = 0;
  const now = new Date(plan.now());
  for (const e of events) {
    if ((e.type !== "outage_opened" && e.type !== "outage_closed") || e.outageId === undefined) continue;
    const facts = await outageFacts(tx, e.outageId);
    if (!facts) continue;
    if (plan.subscribers) {
      const payload = outagePayload(facts, e.type, { round: 0, level: 0, escalated: false, publicUrl: plan.publicUrl, now });
      rows += await enqueueForSubscribers(tx, { dedupe: `outage:${facts.id}:${e.type === "outage_opened" ? "opened" : "closed"}`, payload, facts, now });
    }
    if (e.type === "outage_opened") {
      for (const policy of policiesFor(plan, facts.service.slug, "outage")) {
        for (const t of roundTargets({ levels: policy.levels, repeatEveryMs: policy.repeatEveryMs, maxRepeats: policy.maxRepeats }, 0)) {
          await tx.alertOutbox.create({
            data: {
              dedupeKey: `outage:${facts.id}:opened:${policy.key}:${t.channel}`,
              kind: "outage_opened",
              policyKey: policy.key,
              channelKey: t.channel,
              serviceId: facts.serviceId,
              outageId: facts.id,
              functionId: facts.functionId,
              level: t.level,
              round: 0,
              payload: JSON.stringify(outagePayload(facts, "outage_opened", { round: 0, level: t.level, escalated: false, publicUrl: plan.publicUrl, now })),
              createdAt: now,
              nextAttemptAt: now,
            },
          });
          rows++;
        }
      }
    } else {
      await tx.alertOutbox.updateMany({
        where: { outageId: facts.id, kind: "outage_reminder", status: "PENDING" },
        data: { status: "CANCELLED", lastError: "the outage ended before it was sent" },
      });
      const alerted = await tx.alertOutbox.findMany({
        // subscribers hear of the end through their own row above, not as a channel that was alerted
        where: { outageId: facts.id, kind: { in: ["outage_opened", "outage_reminder"] }, status: { not: "CANCELLED" }, policyKey: { not: SUBSCRIBERS_POLICY } },
        select: { policyKey: true, channelKey: true, level: true, round: true },
        orderBy: { id: "asc" },
      });
      const reached = new Map<string, { policyKey: string; channelKey: string; level: number; round: number }>();
      for (const a of alerted) reached.set(`${a.policyKey}:${a.channelKey}`, a);
      for (const a of reached.values()) {
        await tx.alertOutbox.create({
          data: {
            dedupeKey: `outage:${facts.id}:closed:${a.policyKey}:${a.channelKey}`,
            kind: "outage_closed",
            policyKey: a.policyKey,
            channelKey: a.channelKey,
            serviceId: facts.serviceId,
            outageId: facts.id,
            functionId: facts.functionId,
            level: a.level,
            round: 0,
            payload: JSON.stringify(outagePayload(facts, "outage_closed", { round: 0, level: a.level, escalated: false, publicUrl: plan.publicUrl, now })),
            createdAt: now,
            nextAttemptAt: now,
          },
        });
        rows++;
      }
    }
  }
  return rows;
}
