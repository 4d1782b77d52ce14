import { readinessActive } from "@/core/changeover/readiness";
import { nextRun } from "@/core/changeover/watch-plan";
import { nextDueMs } from "@/core/schedule";
import type { WorkerContext, ScheduledProbe } from "../worker-context";
import { flushSoon } from "./flush-results";
import type { Job } from "./job";

/**
 * Every second: start a precise timer for each probe due within the next second.
 * node-cron gives the beat; the timers give millisecond placement within it.
 */
export const dispatchDueProbes = {
  id: "dispatch-due-probes",
  cron: "* * * * * *",
  handler(ctx) {
    const now = ctx.now();
    const horizon = now + 1000;
    for (const p of ctx.probes) {
      if (p.nextDueMs >= horizon) continue;
      const due = p.nextDueMs;
      const watchMs = p.watch && p.watchRun ? p.watch.intervalMs : null;
      if (p.watch) {
        const next = nextRun(p.def.key, p.def.intervalMs, p.watch, due, p.watchRun ?? false);
        p.nextDueMs = next.at;
        p.watchRun = next.watch;
      } else p.nextDueMs = nextDueMs(p.def.key, p.def.intervalMs, due);
      if (p.readiness && !readinessActive(p.readiness.actualStart, due)) continue;
      setTimeout(() => startRun(ctx, p, due, watchMs), Math.max(0, due - now));
    }
  },
} satisfies Job<WorkerContext>;

/** A watch run states the watch's interval, so its result covers [at, at + that interval). */
function startRun(ctx: WorkerContext, p: ScheduledProbe, dueMs: number, watchMs: number | null): void {
  if (ctx.stopped) return;
  // A run still going (timeout ≤ interval, so only under overload) or too many at once: skip;
  // the missing result shows as a gap, never as the service's fault.
  if (p.running || ctx.inFlight >= ctx.maxConcurrent) {
    ctx.stats.skipped++;
    return;
  }
  const startedMs = ctx.now();
  ctx.stats.lagMs.push(startedMs - dueMs);
  if (ctx.stats.lagMs.length > 10_000) ctx.stats.lagMs.splice(0, 5_000);
  p.running = true;
  ctx.inFlight++;
  const run = ctx
    .runProbe(watchMs === null ? p.def : { ...p.def, intervalMs: watchMs }, new Date(startedMs))
    .then((result) => {
      (p.readiness ? ctx.readinessQueue : ctx.queue).push(result);
      ctx.stats.runs++;
      // A failure, or the first success after one, may confirm or end an outage: stored now, not at the next beat.
      if (!p.readiness && (result.state !== "UP" || (p.lastState !== undefined && p.lastState !== "UP"))) flushSoon(ctx);
      p.lastState = result.state;
    })
    .catch((err: unknown) => ctx.log.error({ probe: p.def.key, err }, "probe run failed"))
    .finally(() => {
      p.running = false;
      ctx.inFlight--;
      ctx.pendingRuns.delete(run);
    });
  ctx.pendingRuns.add(run);
}
