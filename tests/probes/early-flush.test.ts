import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProbeDefinition } from "@/core/config/resolve";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { logger } from "@/lib/log";
import { dispatchDueProbes } from "@/probes/jobs/dispatch-due-probes";
import type { WorkerContext } from "@/probes/worker-context";

/**
 * A failing result may be the one that confirms an outage: the public pages show it within a second or
 * two only if it is stored at once, not at the next once-a-second flush. Routine successes wait for the beat.
 */
const def = { key: "svc-topup", intervalMs: 10_000 } as ProbeDefinition;

function context(states: ProbeState[]) {
  const writes: { at: number; states: ProbeState[] }[] = [];
  let i = 0;
  const ctx: WorkerContext = {
    sink: {
      write: async (batch) => {
        writes.push({ at: Date.now(), states: batch.map((r) => r.state) });
      },
    },
    log: logger("test"),
    now: () => Date.now(),
    probes: [{ def, nextDueMs: 0, running: false }],
    queue: [],
    maxConcurrent: 10,
    inFlight: 0,
    pendingRuns: new Set(),
    flushing: null,
    runProbe: async (d, at): Promise<ProbeResult> => ({
      probeKey: d.key,
      at,
      intervalSec: 10,
      state: states[i++] ?? "UP",
      latencyMs: 5,
      httpStatus: 200,
      errorClass: null,
      message: null,
    }),
    stats: { runs: 0, skipped: 0, written: 0, lagMs: [] },
    stopped: false,
    statsFile: null,
    ledger: null,
    startedAt: 0,
    readinessQueue: [],
    readinessSink: null,
  };
  return { ctx, writes };
}

/** One run: the probe made due now, the dispatcher's timer fired, its promise chain settled. */
async function runOnce(ctx: WorkerContext) {
  ctx.probes[0]!.nextDueMs = Date.now();
  dispatchDueProbes.handler(ctx);
  await vi.advanceTimersByTimeAsync(1);
  await Promise.allSettled([...ctx.pendingRuns]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("results that may change the record are stored at once", () => {
  it("a failure is handed to the sink within the gap (≤ 200 ms), not at the next beat; a success is not", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    vi.setSystemTime(Date.parse("2026-05-01T00:00:00.100Z"));
    const { ctx, writes } = context(["UP", "DOWN", "UP", "UP"]);

    await runOnce(ctx); // UP after nothing: waits for the beat
    await vi.advanceTimersByTimeAsync(300);
    expect(writes).toHaveLength(0);

    await runOnce(ctx); // DOWN: written at once (the UP queued before it goes along)
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.states).toEqual(["UP", "DOWN"]);

    // the recovery (first UP after a failure) may end the outage: written too, at least 200 ms after the last early flush
    const before = Date.now();
    await runOnce(ctx);
    await vi.advanceTimersByTimeAsync(250);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.states).toEqual(["UP"]);
    expect(writes[1]!.at - writes[0]!.at).toBeGreaterThanOrEqual(200);
    expect(writes[1]!.at - before).toBeLessThanOrEqual(250);

    await runOnce(ctx); // UP after UP: routine
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toHaveLength(2);
    expect(ctx.queue).toHaveLength(1);
  });

  it("a wide outage costs at most one early flush per 200 ms, however many results fail", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    vi.setSystemTime(Date.parse("2026-05-01T00:00:00.100Z"));
    const { ctx, writes } = context(Array(50).fill("DOWN"));
    // 50 failures 10 ms apart: 500 ms
    for (let k = 0; k < 50; k++) {
      await runOnce(ctx);
      await vi.advanceTimersByTimeAsync(9);
    }
    await vi.advanceTimersByTimeAsync(200);
    // flushes at ~0, 200, 400 and one for what came after: all 50 results, in 3 or 4 writes
    expect(writes.flatMap((w) => w.states)).toHaveLength(50);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes.length).toBeLessThanOrEqual(4);
  });
});
