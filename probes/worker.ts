import cron, { type ScheduledTask } from "node-cron";
import type { LedgerConfig } from "@/core/config/resolve";
import { nextRun } from "@/core/changeover/watch-plan";
import { nextDueMs } from "@/core/schedule";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { withControl } from "./control-check";
import type { BrowserPool } from "./browser-pool";
import { dispatchDueProbes } from "./jobs/dispatch-due-probes";
import { flush, flushResults } from "./jobs/flush-results";
import type { Job } from "./jobs/job";
import { writeStats } from "./jobs/write-stats";
import { computeDailyRootsJob } from "./jobs/compute-daily-roots";
import { pruneRawResultsJob } from "./jobs/prune-raw-results";
import { sweepEvidenceJob } from "./jobs/sweep-evidence";
import { rollUpDays } from "./jobs/roll-up-days";
import { watchAlerterJob } from "./jobs/watch-alerter";
import { createMailer } from "@/lib/alerts/send-email";
import { readinessRefs, recordReadiness, type ReadinessRef } from "@/lib/store/record-readiness";
import type { ResultSink } from "./result-sink";
import { runProbe } from "./run-probe";
import type { WorkerContext } from "./worker-context";

const PROBE_JOBS: Job<WorkerContext>[] = [dispatchDueProbes, flushResults, writeStats];
const LEDGER_JOBS: Job<WorkerContext>[] = [rollUpDays, computeDailyRootsJob, pruneRawResultsJob, sweepEvidenceJob, watchAlerterJob];

export type Worker = { ctx: WorkerContext; stop: () => Promise<void> };

/**
 * The probe worker: runs the probes of its location on schedule and hands their
 * results to a sink: the database when it runs beside the server, the spool of a
 * remote agent otherwise (probes/agent/). It only runs, evaluates, stores and
 * hands off; the rules live in core/ and the writes in lib/store/. A failed run is
 * checked against the location's control target (probes/control-check.ts).
 */
export async function startWorker(opts: {
  sink: ResultSink;
  config: LedgerConfig;
  location: string;
  log: Logger;
  now?: () => number;
  maxConcurrent?: number;
  runProbe?: WorkerContext["runProbe"];
  statsFile?: string;
  /** the database, for the ledger's upkeep jobs (not on a remote agent) */
  ledgerDb?: Db;
  /** where evidence files are kept, swept of blobs nothing points to (with ledgerDb) */
  evidenceDir?: string;
  /** run no probes here (the location's probes run on a remote agent), only the upkeep */
  idle?: boolean;
  /** the browsers for browser journeys (the caller owns and closes it) */
  browsers?: BrowserPool | null;
  /** the site's public address: with ledgerDb, the worker alerts the admins when the alerter stops */
  publicUrl?: string;
}): Promise<Worker> {
  const now = opts.now ?? Date.now;
  const location = opts.config.locations.find((l) => l.key === opts.location);
  if (!location) throw new Error(`location "${opts.location}" is not in the configuration (locations: ${opts.config.locations.map((l) => l.key).join(", ")})`);
  const defs = opts.idle ? [] : opts.config.services.flatMap((s) => s.probes).filter((p) => p.location === opts.location);
  // Readiness probes run beside the database only: their results are stored apart from the SLA's.
  const readiness =
    opts.idle || !opts.ledgerDb
      ? []
      : opts.config.services.flatMap((s) =>
          (s.changeover?.readinessProbes ?? []).filter((p) => p.location === opts.location).map((def) => ({ def, actualStart: s.changeover!.actualStart })),
        );
  const readinessDb = opts.ledgerDb;
  const refs =
    readinessDb && readiness.length > 0
      ? await readinessRefs(
          readinessDb,
          readiness.map((r) => r.def),
        )
      : new Map<string, ReadinessRef>();

  const watchOf = new Map(opts.config.services.map((s) => [s.slug, s.watch]));
  const start = now();
  const ctx: WorkerContext = {
    sink: opts.sink,
    log: opts.log,
    now,
    probes: [
      ...defs.map((def) => {
        const watch = watchOf.get(def.serviceSlug) ?? null;
        const first = nextRun(def.key, def.intervalMs, watch, start, false);
        return { def, nextDueMs: first.at, running: false, watch, watchRun: first.watch };
      }),
      ...readiness.map(({ def, actualStart }) => ({ def, nextDueMs: nextDueMs(def.key, def.intervalMs, start), running: false, readiness: { actualStart } })),
    ],
    queue: [],
    maxConcurrent: opts.maxConcurrent ?? 512,
    inFlight: 0,
    pendingRuns: new Set(),
    flushing: null,
    runProbe: withControl(
      opts.runProbe ?? ((def, at) => runProbe(def, at, { evidence: opts.config.evidence, browsers: opts.browsers ?? null })),
      location.control,
      now,
    ),
    stats: { runs: 0, skipped: 0, written: 0, lagMs: [] },
    stopped: false,
    statsFile: opts.statsFile ?? null,
    ledger: opts.ledgerDb
      ? {
          db: opts.ledgerDb,
          retention: opts.config.retention,
          evidenceDir: opts.evidenceDir ?? null,
          instance:
            opts.publicUrl && opts.config.alerts.instanceChannels.length > 0
              ? {
                  alerts: opts.config.alerts,
                  publicUrl: opts.publicUrl,
                  mailer: opts.config.alerts.smtp ? createMailer(opts.config.alerts.smtp, opts.publicUrl) : null,
                  state: { diskAlerted: false },
                }
              : null,
        }
      : null,
    startedAt: start,
    readinessQueue: [],
    readinessSink: readinessDb && refs.size > 0 ? async (batch) => void (await recordReadiness(readinessDb, refs, batch)) : null,
  };

  const jobs = ctx.ledger ? [...PROBE_JOBS, ...LEDGER_JOBS] : PROBE_JOBS;
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async (c) => {
        try {
          await job.handler(ctx, c.triggeredAt ?? new Date(ctx.now()));
        } catch (err) {
          ctx.log.error({ job: job.id, err }, "job failed");
        }
      },
      { name: job.id, noOverlap: job.id !== dispatchDueProbes.id },
    ),
  );
  opts.log.info(
    { probes: defs.length, readiness: readiness.length, location: opts.location, control: location.control?.url ?? location.control?.tcp ?? null },
    "worker started",
  );

  return {
    ctx,
    async stop() {
      ctx.stopped = true;
      if (ctx.earlyFlush?.timer) clearTimeout(ctx.earlyFlush.timer);
      await Promise.all(tasks.map((t) => t.destroy()));
      // In-flight runs end within their timeouts; their results are written before exit.
      await Promise.allSettled([...ctx.pendingRuns]);
      await flush(ctx);
      if (ctx.queue.length > 0) await flush(ctx);
      ctx.ledger?.instance?.mailer?.close();
      opts.log.info({ runs: ctx.stats.runs, written: ctx.stats.written, skipped: ctx.stats.skipped }, "worker stopped");
    },
  };
}
