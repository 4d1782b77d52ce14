import type { AlertPayload } from "@/core/alerts/alert-payload";
import { roundTargets } from "@/core/alerts/escalation";
import type { AlertPolicy, AlertsConfig } from "@/core/config/resolve";
import type { Tx } from "@/lib/db";

/**
 * What the writers of events need to fill the outbox: the policies, the site's
 * public address for links, and the clock. No addresses or secrets: those stay
 * with the alerter, which delivers.
 */
export type AlertPlan = { policies: AlertPolicy[]; publicUrl: string; now: () => number; subscribers?: boolean };

/**
 * Null when nobody is to hear of events: no policies, and no SMTP server for e-mail
 * subscribers (subscriptions are offered only when one is configured).
 */
export function alertPlan(config: AlertsConfig, publicUrl: string, now: () => number = Date.now): AlertPlan | null {
  const subscribers = config.smtp !== undefined;
  return config.policies.length > 0 || subscribers ? { policies: config.policies, publicUrl, now, subscribers } : null;
}

export function policiesFor(plan: { policies: AlertPolicy[] }, slug: string, event: "outage" | "errorBudget" | "peakWarning" | "citizenSurge"): AlertPolicy[] {
  return plan.policies.filter((p) => p[event] && (p.services === null || p.services.includes(slug)));
}

/**
 * A one-off alert (error budget, peak warning): for each policy, one outbox row per
 * channel of its first round, each once by `dedupe` + policy + channel, however often
 * the caller runs. Returns how many rows were new.
 */
export async function enqueueOnce(
  db: Pick<Tx, "alertOutbox">,
  a: { policies: AlertPolicy[]; dedupe: string; kind: AlertPayload["kind"]; serviceId: number; functionId?: number; payload: AlertPayload; now: Date },
): Promise<number> {
  let created = 0;
  for (const policy of a.policies) {
    for (const t of roundTargets({ levels: policy.levels, repeatEveryMs: policy.repeatEveryMs, maxRepeats: policy.maxRepeats }, 0)) {
      const dedupeKey = `${a.dedupe}:${policy.key}:${t.channel}`;
      if (await db.alertOutbox.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
      await db.alertOutbox.create({
        data: {
          dedupeKey,
          kind: a.kind,
          policyKey: policy.key,
          channelKey: t.channel,
          serviceId: a.serviceId,
          functionId: a.functionId ?? null,
          level: 0,
          round: 0,
          payload: JSON.stringify(a.payload),
          createdAt: a.now,
          nextAttemptAt: a.now,
        },
      });
      created++;
    }
  }
  return created;
}
