import cron, { type ScheduledTask } from "node-cron";
import type { AlertsConfig } from "@/core/config/resolve";
import { createMailer } from "@/lib/alerts/send-email";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "./alerter-context";
import { deliverAlerts } from "./jobs/deliver-alerts";
import { detectReportSurges } from "./jobs/detect-report-surges";
import { escalateOutages } from "./jobs/escalate-outages";
import { enqueuePeakWarnings } from "./jobs/enqueue-peak-warnings";
import { evaluateErrorBudgets } from "./jobs/evaluate-error-budgets";
import { sweepSubscriptionsJob } from "./jobs/sweep-subscriptions";
import { watchInstanceJob } from "./jobs/watch-instance";

export const ALERTER_JOBS: Job<AlerterContext>[] = [
  deliverAlerts,
  escalateOutages,
  evaluateErrorBudgets,
  enqueuePeakWarnings,
  detectReportSurges,
  watchInstanceJob,
  sweepSubscriptionsJob,
];

export type Alerter = { ctx: AlerterContext; stop: () => Promise<void> };

/**
 * The alerter: its own supervised process, so a slow mail server never delays
 * a probe, and one per instance however many probe locations there are. It
 * reads the outbox the worker fills and delivers; everything it knows survives
 * a restart in the database.
 */
export function startAlerter(opts: {
  db: Db;
  alerts: AlertsConfig;
  publicUrl: string;
  log: Logger;
  now?: () => number;
  jobs?: Job<AlerterContext>[];
  /** the server secret, for subscribers' links (lib/subscriptions/tokens.ts) */
  secret?: Buffer | null;
  /** the data folder whose disk the alerter watches */
  dataDir?: string;
}): Alerter {
  const ctx: AlerterContext = {
    db: opts.db,
    log: opts.log,
    now: opts.now ?? Date.now,
    alerts: opts.alerts,
    publicUrl: opts.publicUrl,
    mailer: opts.alerts.smtp ? createMailer(opts.alerts.smtp, opts.publicUrl) : null,
    secret: opts.secret ?? null,
    startedAt: (opts.now ?? Date.now)(),
    dataDir: opts.dataDir ?? null,
    watch: { diskAlerted: false },
  };
  const tasks: ScheduledTask[] = (opts.jobs ?? ALERTER_JOBS).map((job) =>
    cron.schedule(
      job.cron,
      async (c) => {
        try {
          await job.handler(ctx, c.triggeredAt ?? new Date(ctx.now()));
        } catch (err) {
          ctx.log.error({ job: job.id, err }, "job failed");
        }
      },
      { name: job.id, noOverlap: true },
    ),
  );
  opts.log.info({ channels: opts.alerts.channels.length, policies: opts.alerts.policies.length }, "alerter started");
  return {
    ctx,
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      ctx.mailer?.close();
      opts.log.info({}, "alerter stopped");
    },
  };
}
