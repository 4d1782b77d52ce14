import { detectReportSurges as detect } from "@/lib/citizen/detect-surges";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "../alerter-context";

/** Every 15 seconds: citizens' report surges opened (alerted once) or ended. */
export const detectReportSurges = {
  id: "detect-report-surges",
  cron: "*/15 * * * * *",
  async handler(ctx) {
    for (const c of await detect(ctx.db, ctx.alerts, { now: ctx.now(), publicUrl: ctx.publicUrl }))
      ctx.log.warn(
        { service: c.slug, function: c.functionKey, ...c.decision, alerts: c.alerts },
        c.opened ? "citizen report surge" : "citizen report surge ended",
      );
  },
} satisfies Job<AlerterContext>;
