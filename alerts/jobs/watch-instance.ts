import { writeBeat } from "@/lib/health/process-beat";
import { watchInstance } from "@/lib/health/watch-instance";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "../alerter-context";

/** Every 5 seconds: the alerter says it is alive, and looks at the probe worker and the data disk. */
export const watchInstanceJob = {
  id: "watch-instance",
  cron: "*/5 * * * * *",
  async handler(ctx) {
    const now = ctx.now();
    await writeBeat(ctx.db, "alerter", { now, pid: process.pid, startedAt: ctx.startedAt });
    await watchInstance(ctx.db, {
      now,
      roles: ["worker"],
      alerts: ctx.alerts,
      mailer: ctx.mailer,
      publicUrl: ctx.publicUrl,
      log: ctx.log,
      dataDir: ctx.dataDir,
      state: ctx.watch,
    });
  },
} satisfies Job<AlerterContext>;
