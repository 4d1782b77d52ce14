import { dueRound, roundTargets, type EscalationPlan } from "@/core/alerts/escalation";
import type { AlertsConfig } from "@/core/config/resolve";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { outageFacts, outagePayload } from "./outage-payload";

/**
 * Repeats and escalates open outages nobody has acknowledged. For each outage
 * and policy that alerted it, the round due now (core/alerts/escalation.ts,
 * counted from the confirmation) is enqueued once. A round missed while the
 * alerter was down is not sent late: only the round due now is (no floods).
 */
export async function escalateOutages(db: Db, alerts: AlertsConfig, opts: { now: () => number; publicUrl: string }): Promise<number> {
  const now = new Date(opts.now());
  const open = await db.outage.findMany({
    where: { endedAt: null, acknowledgement: null, alerts: { some: { kind: "outage_opened" } } },
    select: {
      id: true,
      confirmedAt: true,
      startedAt: true,
      alerts: { where: { kind: { in: ["outage_opened", "outage_reminder"] } }, select: { policyKey: true, round: true } },
    },
  });
  let enqueued = 0;
  for (const o of open) {
    const firstAlert = (o.confirmedAt ?? o.startedAt).getTime();
    for (const policyKey of new Set(o.alerts.map((a) => a.policyKey))) {
      const policy = alerts.policies.find((p) => p.key === policyKey);
      if (!policy) continue; // removed from the configuration: nobody left to escalate to
      const plan: EscalationPlan = { levels: policy.levels, repeatEveryMs: policy.repeatEveryMs, maxRepeats: policy.maxRepeats };
      const round = dueRound(plan, firstAlert, now.getTime());
      const sent = Math.max(...o.alerts.filter((a) => a.policyKey === policyKey).map((a) => a.round));
      if (round <= sent) continue;
      enqueued += await inTransaction(db, async (tx) => {
        // checked again inside the transaction: an acknowledgement or another alerter may have come first
        const current = await tx.outage.findUnique({ where: { id: o.id }, select: { endedAt: true, acknowledgement: { select: { id: true } } } });
        if (!current || current.endedAt || current.acknowledgement) return 0;
        const facts = await outageFacts(tx, o.id);
        if (!facts) return 0;
        let n = 0;
        for (const t of roundTargets(plan, round)) {
          const dedupeKey = `outage:${o.id}:reminder:${round}:${policy.key}:${t.channel}`;
          if (await tx.alertOutbox.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
          await tx.alertOutbox.create({
            data: {
              dedupeKey,
              kind: "outage_reminder",
              policyKey: policy.key,
              channelKey: t.channel,
              serviceId: facts.serviceId,
              outageId: o.id,
              functionId: facts.functionId,
              level: t.level,
              round,
              payload: JSON.stringify(
                outagePayload(facts, "outage_reminder", { round, level: t.level, escalated: t.escalated, publicUrl: opts.publicUrl, now }),
              ),
              createdAt: now,
              nextAttemptAt: now,
            },
          });
          n++;
        }
        return n;
      });
    }
  }
  return enqueued;
}
