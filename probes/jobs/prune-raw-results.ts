import { pruneCitizenReports } from "@/lib/citizen/prune-reports";
import { pruneRawResults } from "@/lib/store/prune-results";
import type { WorkerContext } from "../worker-context";
import type { Job } from "./job";

/**
 * Every 10 minutes: raw results past the configured retention are replaced by
 * their chain segments, once their day is rolled up and rooted. Outage evidence
 * is kept for the contract term plus the configured years. Citizens' reports follow the same
 * retention (lib/citizen/prune-reports.ts).
 */
export const pruneRawResultsJob = {
  id: "prune-raw-results",
  cron: "40 */10 * * * *",
  async handler(ctx) {
    if (!ctx.ledger) return;
    const r = await pruneRawResults(ctx.ledger.db, { now: ctx.now(), retention: ctx.ledger.retention });
    if (r.days > 0) ctx.log.info(r, "raw results pruned");
    const c = await pruneCitizenReports(ctx.ledger.db, { now: ctx.now(), retentionDays: ctx.ledger.retention.rawResultsDays });
    if (c.reports + c.counts > 0) ctx.log.info(c, "citizen reports pruned");
  },
} satisfies Job<WorkerContext>;
