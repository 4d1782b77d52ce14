import { DAY_CLOSE_GRACE_MS, rollUpCompleteDays } from "@/lib/store/roll-up-days";
import type { WorkerContext } from "../worker-context";
import type { Job } from "./job";

/**
 * Every 10 minutes: minute and day roll-ups and run segments of each complete
 * UTC day (and of days a late result made stale), from the raw results.
 */
export const rollUpDays = {
  id: "roll-up-days",
  cron: "10 */10 * * * *",
  async handler(ctx) {
    if (!ctx.ledger) return;
    const r = await rollUpCompleteDays(ctx.ledger.db, { now: ctx.now(), graceMs: DAY_CLOSE_GRACE_MS });
    if (r.rolled > 0) ctx.log.info({ probeDays: r.rolled }, "days rolled up");
  },
} satisfies Job<WorkerContext>;
