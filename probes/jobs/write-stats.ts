import { writeFile, rename } from "node:fs/promises";
import type { WorkerContext } from "../worker-context";
import type { Job } from "./job";

/**
 * Every 5 seconds: the worker's own health (schedule lag percentiles over the
 * last 5 s, runs, writes, skips, queue) to <data dir>/worker-stats.json, for the
 * benchmarks and for operators of the instance. Written atomically.
 */
export const writeStats = {
  id: "write-stats",
  cron: "*/5 * * * * *",
  async handler(ctx) {
    if (!ctx.statsFile) return;
    const lag = ctx.stats.lagMs.splice(0, ctx.stats.lagMs.length).sort((a, b) => a - b);
    const q = (p: number) => (lag.length ? lag[Math.min(lag.length - 1, Math.ceil(p * lag.length) - 1)]! : null);
    const body = {
      at: new Date(ctx.now()).toISOString(),
      probes: ctx.probes.length,
      windowRuns: lag.length,
      lagMs: { p50: q(0.5), p99: q(0.99), max: lag.at(-1) ?? null },
      runs: ctx.stats.runs,
      written: ctx.stats.written,
      skipped: ctx.stats.skipped,
      queued: ctx.queue.length,
      inFlight: ctx.inFlight,
    };
    await writeFile(`${ctx.statsFile}.tmp`, JSON.stringify(body));
    await rename(`${ctx.statsFile}.tmp`, ctx.statsFile);
  },
} satisfies Job<WorkerContext>;
