import path from "node:path";
import os from "node:os";
import { mkdtempSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { ProbeDefinition } from "@/core/config/resolve";
import type { ProbeResult } from "@/core/probe-result";
import { nextDueMs, phaseMs } from "@/core/schedule";
import { logger } from "@/lib/log";
import { dispatchDueProbes } from "@/probes/jobs/dispatch-due-probes";
import { recordResults } from "@/lib/store/record-results";
import { databaseSink } from "@/probes/database-sink";
import { flush } from "@/probes/jobs/flush-results";
import type { WorkerContext } from "@/probes/worker-context";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

describe("schedule phases", () => {
  it("each probe keeps a fixed phase within its interval", () => {
    const phase = phaseMs("busan-topup-local", 10_000);
    expect(phase).toBeGreaterThanOrEqual(0);
    expect(phase).toBeLessThan(10_000);
    // the next run after t is the first instant phase + k × interval strictly after t
    const t = 1_000_000_000_000;
    const due = nextDueMs("busan-topup-local", 10_000, t);
    expect(due).toBeGreaterThan(t);
    expect(due - t).toBeLessThanOrEqual(10_000);
    expect((due - phase) % 10_000).toBe(0);
    expect(nextDueMs("busan-topup-local", 10_000, due)).toBe(due + 10_000);
  });

  it("probes with the same interval spread over it", () => {
    const phases = Array.from({ length: 1000 }, (_, i) => phaseMs(`probe-${i}`, 60_000));
    // 1,000 phases over 60 s in 6 buckets of 10 s: each bucket near 167; none below 100
    const buckets = [0, 0, 0, 0, 0, 0];
    for (const p of phases) buckets[Math.floor(p / 10_000)]!++;
    for (const b of buckets) expect(b).toBeGreaterThan(100);
  });
});

describe("worker jobs with an injected clock", () => {
  it("dispatches due probes at their due time and writes their results", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { functions: ["topup", "payment"] });
    const defs: ProbeDefinition[] = svc.config.services[0]!.probes;
    const clock = Date.parse("2026-05-01T00:00:00Z");
    let stored = 0;
    const calls: { key: string; at: number }[] = [];
    const ctx: WorkerContext = {
      sink: { write: (batch) => recordResults(db, svc.refs, batch).then(() => void stored++) },
      log: logger("test"),
      now: () => clock,
      probes: defs.map((def) => ({ def, nextDueMs: nextDueMs(def.key, def.intervalMs, clock), running: false })),
      queue: [],
      maxConcurrent: 10,
      inFlight: 0,
      pendingRuns: new Set(),
      flushing: null,
      runProbe: async (def, at): Promise<ProbeResult> => {
        calls.push({ key: def.key, at: at.getTime() });
        return { probeKey: def.key, at, intervalSec: 10, state: "UP", latencyMs: 42, httpStatus: 200, errorClass: null, message: null };
      },
      stats: { runs: 0, skipped: 0, written: 0, lagMs: [] },
      stopped: false,
      statsFile: null,
      ledger: null,
      startedAt: 0,
      readinessQueue: [],
      readinessSink: null,
    };
    const dues = ctx.probes.map((p) => p.nextDueMs);
    // The job places a timer for each probe due within the next second; fake timers and a fake
    // clock fire them at their due instants, so no test waits for real time.
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    try {
      vi.setSystemTime(Math.min(...dues) - 1);
      ctx.now = () => Date.now();
      for (let beat = 0; beat < 12 && calls.length < dues.length; beat++) {
        dispatchDueProbes.handler(ctx);
        vi.advanceTimersByTime(1000);
      }
    } finally {
      vi.useRealTimers();
      ctx.now = () => clock;
    }
    await Promise.all([...ctx.pendingRuns]);
    expect(calls.map((c) => c.at).sort()).toEqual([...dues].sort());
    // the next due time moved one interval on
    expect(ctx.probes.map((p) => p.nextDueMs)).toEqual(dues.map((d) => d + 10_000));
    await flush(ctx);
    expect(await db.result.count({ where: { probe: { service: { slug: svc.slug } } } })).toBe(2);
    expect(ctx.queue).toHaveLength(0);
    expect(stored).toBe(1);
  });

  it("a failed write keeps the batch queued for the next beat", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const result: ProbeResult = {
      probeKey: "not-a-probe",
      at: new Date(),
      intervalSec: 10,
      state: "UP",
      latencyMs: 1,
      httpStatus: 200,
      errorClass: null,
      message: null,
    };
    const sink = await databaseSink({
      db,
      config: svc.config,
      location: "local",
      evidenceDir: mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-")),
      log: logger("test"),
    });
    const ctx = {
      sink,
      log: logger("test"),
      queue: [result],
      flushing: null,
      stats: { runs: 0, skipped: 0, written: 0, lagMs: [] },
    } as unknown as WorkerContext;
    await flush(ctx);
    expect(ctx.queue).toEqual([result]);
  });
});
