import { escalateOutages as escalate } from "@/lib/alerts/escalate-outages";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "../alerter-context";

/** Every 5 seconds: repeat and escalate open outages nobody has acknowledged. */
export const escalateOutages = {
  id: "escalate-outages",
  cron: "*/5 * * * * *",
  async handler(ctx) {
    const n = await escalate(ctx.db, ctx.alerts, { now: ctx.now, publicUrl: ctx.publicUrl });
    if (n > 0) ctx.log.warn({ enqueued: n }, "unacknowledged outages escalated");
  },
} satisfies Job<AlerterContext>;
