import { enqueuePeakWarnings as enqueue } from "@/lib/alerts/enqueue-peak-warnings";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "../alerter-context";

/** Every 10 minutes: alerts ahead of peak hours whose history is degraded. */
export const enqueuePeakWarnings = {
  id: "enqueue-peak-warnings",
  cron: "0 */10 * * * *",
  async handler(ctx) {
    const n = await enqueue(ctx.db, ctx.alerts, { now: ctx.now, publicUrl: ctx.publicUrl });
    if (n > 0) ctx.log.warn({ enqueued: n }, "peak-hour warnings enqueued");
  },
} satisfies Job<AlerterContext>;
