import { sweepEvidence } from "@/lib/store/sweep-evidence";
import type { WorkerContext } from "../worker-context";
import type { Job } from "./job";

/**
 * Every hour: evidence nothing points to any more (its results were pruned, or a
 * crash came between writing a file and recording it) is removed, so evidence
 * files follow the retention of the results they back.
 */
export const sweepEvidenceJob = {
  id: "sweep-evidence",
  cron: "20 17 * * * *",
  async handler(ctx) {
    if (!ctx.ledger?.evidenceDir) return;
    const r = await sweepEvidence(ctx.ledger.db, { dir: ctx.ledger.evidenceDir, now: ctx.now() });
    if (r.rows > 0 || r.files > 0) ctx.log.info(r, "evidence swept");
  },
} satisfies Job<WorkerContext>;
