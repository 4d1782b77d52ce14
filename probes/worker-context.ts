import type { WatchPlan } from "@/core/changeover/watch-plan";
import type { ProbeDefinition, RetentionConfig } from "@/core/config/resolve";
import type { Db } from "@/lib/db";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import type { AlertsConfig } from "@/core/config/resolve";
import type { Mailer } from "@/lib/alerts/send-email";
import type { WatchState } from "@/lib/health/watch-instance";
import type { Logger } from "@/lib/log";
import type { ResultSink } from "./result-sink";

export type ScheduledProbe = {
  def: ProbeDefinition;
  nextDueMs: number;
  running: boolean;
  /** a changeover's readiness probe: runs until go-live, its results kept apart from the SLA's */
  readiness?: { actualStart: string | null };
  /** the service's intensified watch (core/changeover/watch-plan.ts), if it has one */
  watch?: WatchPlan | null;
  /** whether the run due at nextDueMs is a watch run (at the watch's interval) */
  watchRun?: boolean;
  /** the state of its last result, to see a failure or a recovery as it happens */
  lastState?: ProbeState;
};

/** What the worker's jobs share. `now` is injected so tests control time. */
export type WorkerContext = {
  sink: ResultSink;
  log: Logger;
  now: () => number;
  probes: ScheduledProbe[];
  queue: ProbeResult[];
  maxConcurrent: number;
  inFlight: number;
  pendingRuns: Set<Promise<void>>;
  flushing: Promise<void> | null;
  /** a flush brought forward for a failure or a recovery (flush-results.ts), when one is waiting */
  earlyFlush?: { timer: NodeJS.Timeout | null; lastAt: number };
  runProbe: (def: ProbeDefinition, at: Date) => Promise<ProbeResult>;
  stats: { runs: number; skipped: number; written: number; lagMs: number[] };
  stopped: boolean;
  /** where the worker's own health figures are written, if anywhere */
  statsFile: string | null;
  /**
   * The ledger's upkeep (day roll-ups, daily roots, pruning), done by the worker that
   * writes to the database; null on a remote agent, which only probes.
   */
  ledger: {
    db: Db;
    retention: RetentionConfig;
    evidenceDir: string | null;
    /** where alerts about the instance go when the alerter stops (null: the worker only beats) */
    instance: { alerts: AlertsConfig; publicUrl: string; mailer: Mailer | null; state: WatchState } | null;
  } | null;
  /** when this worker started (its beat says so) */
  startedAt: number;
  /** readiness results waiting to be stored (lib/store/record-readiness.ts) */
  readinessQueue: ProbeResult[];
  /** where readiness results go; null where there is no database (a remote agent probes no readiness) */
  readinessSink: ((batch: ProbeResult[]) => Promise<void>) | null;
};
