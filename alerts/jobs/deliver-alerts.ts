import { deliverDueAlerts } from "@/lib/alerts/deliver-due-alerts";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "../alerter-context";

/** Every second: send what is due in the outbox (first attempts and retries). */
export const deliverAlerts = {
  id: "deliver-alerts",
  cron: "* * * * * *",
  async handler(ctx) {
    await deliverDueAlerts(ctx.db, ctx.alerts, {
      now: ctx.now,
      log: ctx.log,
      mailer: ctx.mailer,
      subscribers: ctx.secret ? { publicUrl: ctx.publicUrl, secret: ctx.secret } : null,
    });
  },
} satisfies Job<AlerterContext>;
