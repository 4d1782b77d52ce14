import { sweepSubscriptions } from "@/lib/subscriptions/manage-subscription";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "../alerter-context";

/** Every minute: unconfirmed e-mail subscriptions past their day are deleted, with their unsent mail. */
export const sweepSubscriptionsJob = {
  id: "sweep-subscriptions",
  cron: "17 * * * * *",
  async handler(ctx, tick) {
    const n = await sweepSubscriptions(ctx.db, tick);
    if (n > 0) ctx.log.info({ expired: n }, "unconfirmed subscriptions deleted");
  },
} satisfies Job<AlerterContext>;
