import { computeDailyRoots } from "@/lib/store/daily-roots";
import { DAY_CLOSE_GRACE_MS } from "@/lib/store/roll-up-days";
import type { WorkerContext } from "../worker-context";
import type { Job } from "./job";

/**
 * Every 10 minutes: the root of each complete UTC day that has none yet
 * (normally one, a few minutes after 00:00 UTC = 09:00 KST), published at
 * /api/v1/ledger/roots and in the incident feed.
 */
export const computeDailyRootsJob = {
  id: "compute-daily-roots",
  cron: "20 */10 * * * *",
  async handler(ctx) {
    if (!ctx.ledger) return;
    for (const r of await computeDailyRoots(ctx.ledger.db, { now: ctx.now(), graceMs: DAY_CLOSE_GRACE_MS }))
      ctx.log.info({ day: r.day, root: r.root, probes: r.probes }, "daily root");
  },
} satisfies Job<WorkerContext>;
