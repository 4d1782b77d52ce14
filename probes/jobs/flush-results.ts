import type { WorkerContext } from "../worker-context";
import type { Job } from "./job";

/** Every second: hand the queued results to the sink (the database, or the agent's spool) as one batch. */
export const flushResults = {
  id: "flush-results",
  cron: "* * * * * *",
  handler: (ctx) => flush(ctx),
} satisfies Job<WorkerContext>;

/** Flushes brought forward are at least this far apart: a wide outage costs a few more transactions, not one per result. */
const EARLY_FLUSH_GAP_MS = 200;

/**
 * Hands the queue to the sink now rather than at the next beat: a failing result may be the one that
 * confirms an outage, and the public pages show it within a second or two of its confirmation only if it
 * is stored at once. Coalesced: at most one early flush per EARLY_FLUSH_GAP_MS.
 */
export function flushSoon(ctx: WorkerContext): void {
  const early = (ctx.earlyFlush ??= { timer: null, lastAt: -Infinity });
  if (early.timer || ctx.stopped) return;
  const wait = Math.max(0, early.lastAt + EARLY_FLUSH_GAP_MS - ctx.now());
  early.timer = setTimeout(() => {
    early.timer = null;
    early.lastAt = ctx.now();
    if (!ctx.stopped) void flush(ctx);
  }, wait);
}

export async function flush(ctx: WorkerContext): Promise<void> {
  await flushReadiness(ctx);
  if (ctx.flushing) return ctx.flushing;
  if (ctx.queue.length === 0) return;
  const batch = ctx.queue.splice(0, ctx.queue.length);
  ctx.flushing = (async () => {
    try {
      await ctx.sink.write(batch);
      ctx.stats.written += batch.length;
      // The acknowledgement: written only after the sink kept the batch (the database committed,
      // or the agent's spool was synced), naming each result (probe key → run instants in ms).
      if (ctx.log.isLevelEnabled("debug")) ctx.log.debug({ committed: acknowledgement(batch) }, "results committed");
    } catch (err) {
      // Put the batch back in front so nothing is lost; the next beat retries.
      ctx.queue.unshift(...batch);
      ctx.log.error({ err, size: batch.length }, "writing results failed; will retry");
    } finally {
      ctx.flushing = null;
    }
  })();
  return ctx.flushing;
}

function acknowledgement(batch: { probeKey: string; at: Date }[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of batch) (out[r.probeKey] ??= []).push(r.at.getTime());
  return out;
}

/** Readiness results go to their own table; a failed write is retried on the next beat. */
async function flushReadiness(ctx: WorkerContext): Promise<void> {
  if (!ctx.readinessSink || ctx.readinessQueue.length === 0) return;
  const batch = ctx.readinessQueue.splice(0, ctx.readinessQueue.length);
  try {
    await ctx.readinessSink(batch);
  } catch (err) {
    ctx.readinessQueue.unshift(...batch);
    ctx.log.error({ err, size: batch.length }, "writing readiness results failed; will retry");
  }
}
