import { writeBeat } from "@/lib/health/process-beat";
import { watchInstance } from "@/lib/health/watch-instance";
import type { WorkerContext } from "../worker-context";
import type { Job } from "./job";

/**
 * Every 5 seconds, on the worker that keeps the ledger: it says it is alive (the alerter and /readyz
 * read the beat), and it looks at the alerter, which cannot report its own death.
 */
export const watchAlerterJob = {
  id: "watch-alerter",
  cron: "*/5 * * * * *",
  async handler(ctx) {
    if (!ctx.ledger) return;
    const now = ctx.now();
    await writeBeat(ctx.ledger.db, "worker", { now, pid: process.pid, startedAt: ctx.startedAt });
    const w = ctx.ledger.instance;
    if (!w) return;
    await watchInstance(ctx.ledger.db, {
      now,
      roles: ["alerter"],
      alerts: w.alerts,
      mailer: w.mailer,
      publicUrl: w.publicUrl,
      log: ctx.log,
      dataDir: null,
      state: w.state,
    });
  },
} satisfies Job<WorkerContext>;
