import { describe, expect, it, vi } from "vitest";
import { readinessStatus } from "@/core/changeover/readiness";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { nextDueMs } from "@/core/schedule";
import { changeoverOf } from "@/lib/data/changeover";
import { logger } from "@/lib/log";
import { readinessRefs, recordReadiness } from "@/lib/store/record-readiness";
import { recordResults } from "@/lib/store/record-results";
import { nextRun } from "@/core/changeover/watch-plan";
import { dispatchDueProbes } from "@/probes/jobs/dispatch-due-probes";
import { flush } from "@/probes/jobs/flush-results";
import type { WorkerContext } from "@/probes/worker-context";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const DEADLINE = "2022-03-01T00:00:00+09:00";
const GO_LIVE = "2022-04-04T09:00:00+09:00";
const changeover = {
  oldOperator: "코나아이",
  oldOperatorEn: "KONA I",
  newOperator: "부산은행 컨소시엄",
  newOperatorEn: "Busan Bank consortium",
  cutover: { start: "2022-04-01T00:00:00+09:00", end: "2022-04-01T14:00:00+09:00" },
  readinessDeadline: DEADLINE,
  readiness: { probes: ["topup", "payment"].map((fn) => ({ function: fn, interval: "60s", timeout: "2s", request: { url: `http://127.0.0.1:9/new/${fn}` } })) },
};
const contract = { goLive: { deadline: "2022-04-01T14:00:00+09:00", actualStart: GO_LIVE } };

async function setUp() {
  const { db } = await createTestDb();
  const svc = await createService(db, { functions: ["topup", "payment"], contract, changeover });
  const defs = svc.config.services[0]!.changeover!.readinessProbes;
  const refs = await readinessRefs(db, defs);
  return { db, svc, defs, refs };
}
const result = (probeKey: string, at: number, state: ProbeState): ProbeResult => ({ probeKey, at: new Date(at), intervalSec: 60, state, latencyMs: state === "DOWN" ? null : 120, httpStatus: state === "DOWN" ? 503 : 200, errorClass: state === "DOWN" ? "ASSERTION_STATUS" : null, message: null });

describe("readiness of a changeover, stored apart from the SLA", () => {
  it("the panel reads from the database what the pure status gives over every run", async () => {
    const { db, svc, defs, refs } = await setUp();
    const t0 = Date.parse("2022-02-28T23:50:00+09:00");
    const MIN = 60_000;
    // top-up: fails through the readiness deadline (minute 10), answers from minute 12, one UNKNOWN at minute 13
    const topup: ProbeState[] = ["DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "UP", "UNKNOWN", "DEGRADED", "UP"];
    // payment: answers, then breaks at minute 11 and stays broken
    const payment: ProbeState[] = ["UP", "UP", "UP", "UP", "UP", "UP", "UP", "UP", "UP", "UP", "UP", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN"];
    const [topupKey, paymentKey] = defs.map((d) => d.key) as [string, string];
    await recordReadiness(db, refs, [...topup.map((s, i) => result(topupKey, t0 + i * MIN, s)), ...payment.map((s, i) => result(paymentKey, t0 + i * MIN, s))]);
    // a retried batch is stored once
    await recordReadiness(db, refs, [result(topupKey, t0, "DOWN")]);
    expect(await db.readinessResult.count({ where: { probeKey: topupKey } })).toBe(16);

    const now = new Date(t0 + 20 * MIN);
    const view = (await changeoverOf(db, svc.slug, now))!;
    const deadline = Date.parse(DEADLINE);
    for (const [key, states] of [["topup", topup], ["payment", payment]] as const) {
      const expected = readinessStatus(states.map((state, i) => ({ at: t0 + i * MIN, state })), deadline);
      expect(view.readiness.find((r) => r.functionKey === key)!.status).toEqual(expected);
    }
    // by hand: top-up ready since minute 12 (23:50 + 12 min = 03-01 00:02 KST), not ready at the deadline (minute 10 was DOWN)
    expect(view.readiness[0]!.status).toEqual({ state: "ready", since: t0 + 12 * MIN, lastAt: t0 + 15 * MIN, atDeadline: "not_ready" });
    // payment: failing since minute 11, ready at the deadline
    expect(view.readiness[1]!.status).toMatchObject({ state: "not_ready", since: t0 + 11 * MIN, atDeadline: "ready" });
    expect(view.readiness[1]!.httpStatus).toBe(503);
    expect(view.late).toBe(false);
    expect(view.live).toBe(false);
    // not counted against the SLA: no results, no outages for the service
    expect(await db.result.count({ where: { probe: { service: { slug: svc.slug } } } })).toBe(0);
    expect(await db.outage.count({ where: { service: { slug: svc.slug } } })).toBe(0);

    // late between the deadline and the actual start; live after it
    expect((await changeoverOf(db, svc.slug, new Date("2022-04-02T00:00:00+09:00")))!).toMatchObject({ late: true, live: false });
    expect((await changeoverOf(db, svc.slug, new Date(GO_LIVE)))!).toMatchObject({ late: false, live: true });
  });

  it("the worker runs readiness probes until go-live, into their own table", async () => {
    const { db, svc, defs, refs } = await setUp();
    const sla = svc.config.services[0]!.probes;
    let clock = Date.parse(GO_LIVE) - 90_000; // 90 s before go-live
    const calls: string[] = [];
    const ctx: WorkerContext = {
      sink: { write: async () => {} },
      log: logger("test"),
      now: () => clock,
      probes: [
        ...sla.map((def) => ({ def, nextDueMs: nextDueMs(def.key, def.intervalMs, clock), running: false })),
        ...defs.map((def) => ({ def, nextDueMs: nextDueMs(def.key, def.intervalMs, clock), running: false, readiness: { actualStart: GO_LIVE } })),
      ],
      queue: [],
      maxConcurrent: 10,
      inFlight: 0,
      pendingRuns: new Set(),
      flushing: null,
      runProbe: async (def, at) => {
        calls.push(def.key);
        return result(def.key, at.getTime(), "UP");
      },
      stats: { runs: 0, skipped: 0, written: 0, lagMs: [] },
      stopped: false,
      statsFile: null,
      ledger: null,
      startedAt: 0,
      readinessQueue: [],
      readinessSink: async (batch) => void (await recordReadiness(db, refs, batch)),
    };
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    try {
      vi.setSystemTime(clock);
      ctx.now = () => Date.now();
      // 180 one-second beats: from 90 s before go-live to 90 s after
      for (let beat = 0; beat < 180; beat++) {
        dispatchDueProbes.handler(ctx);
        await vi.advanceTimersByTimeAsync(1000);
      }
      clock = Date.now();
    } finally {
      vi.useRealTimers();
    }
    await Promise.all([...ctx.pendingRuns]);
    const readinessQueued = ctx.readinessQueue.length;
    expect(ctx.queue.every((r) => sla.some((d) => d.key === r.probeKey))).toBe(true);
    expect(ctx.readinessQueue.every((r) => defs.some((d) => d.key === r.probeKey) && r.at.getTime() < Date.parse(GO_LIVE))).toBe(true);
    // each readiness probe (60 s interval) ran once or twice in the 90 s before go-live, never after;
    // the SLA's probes (10 s) kept running: 2 functions × 18 runs in 180 s
    expect(readinessQueued).toBeGreaterThanOrEqual(2);
    expect(readinessQueued).toBeLessThanOrEqual(4);
    expect(ctx.queue).toHaveLength(36);
    await flush(ctx);
    expect(ctx.readinessQueue).toHaveLength(0);
    expect(await db.readinessResult.count({ where: { service: { slug: svc.slug } } })).toBe(readinessQueued);
    expect(calls.length).toBe(36 + readinessQueued);
  });
});

describe("intensified watch in the worker", () => {
  it("runs at the watch's interval in peak hours and stores that interval with each result", async () => {
    const { db } = await createTestDb();
    // normal interval 60 s; peak on the 1st, 09:00–09:02 KST, at 10 s
    const svc = await createService(db, { functions: ["topup"], intervalSec: 60, watch: { interval: "10s", peaks: [{ days: [1], from: "09:00", to: "09:02" }] } });
    const service = svc.config.services[0]!;
    const def = service.probes[0]!;
    const start = Date.parse("2026-05-01T08:58:00+09:00");
    const first = nextRun(def.key, def.intervalMs, service.watch, start, false);
    const ctx: WorkerContext = {
      sink: { write: (batch) => recordResults(db, svc.refs, batch).then(() => undefined) },
      log: logger("test"),
      now: () => Date.now(),
      probes: [{ def, nextDueMs: first.at, running: false, watch: service.watch, watchRun: first.watch }],
      queue: [],
      maxConcurrent: 10,
      inFlight: 0,
      pendingRuns: new Set(),
      flushing: null,
      runProbe: async (d, at) => ({ probeKey: d.key, at, intervalSec: d.intervalMs / 1000, state: "UP", latencyMs: 50, httpStatus: 200, errorClass: null, message: null }),
      stats: { runs: 0, skipped: 0, written: 0, lagMs: [] },
      stopped: false,
      statsFile: null,
      ledger: null,
      startedAt: 0,
      readinessQueue: [],
      readinessSink: null,
    };
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    try {
      vi.setSystemTime(start);
      // six minutes of one-second beats: 08:58 → 09:04 KST
      for (let beat = 0; beat < 360; beat++) {
        dispatchDueProbes.handler(ctx);
        await vi.advanceTimersByTimeAsync(1000);
      }
    } finally {
      vi.useRealTimers();
    }
    await Promise.all([...ctx.pendingRuns]);
    await flush(ctx);
    const rows = await db.result.findMany({ where: { probe: { key: def.key } }, orderBy: { at: "asc" }, select: { at: true, intervalSec: true } });
    const peakStart = Date.parse("2026-05-01T09:00:00+09:00");
    const peakEnd = Date.parse("2026-05-01T09:02:00+09:00");
    // before the peak: 60 s runs only (08:58–09:00: two)
    expect(rows.filter((r) => r.at.getTime() < peakStart).map((r) => r.intervalSec)).toEqual([60, 60]);
    // inside the peak: every 10 s (2 min = 12 runs), each stating 10 s
    const inPeak = rows.filter((r) => r.at.getTime() >= peakStart && r.at.getTime() < peakEnd);
    expect(inPeak.map((r) => r.intervalSec)).toEqual(Array(12).fill(10));
    // after it: 10 s runs only until the first 60 s slot, then 60 s again
    const after = rows.filter((r) => r.at.getTime() >= peakEnd);
    const firstNormal = after.findIndex((r) => r.intervalSec === 60);
    expect(firstNormal).toBeGreaterThanOrEqual(0);
    expect(firstNormal).toBeLessThanOrEqual(6);
    expect(after.slice(firstNormal).every((r) => r.intervalSec === 60)).toBe(true);
    // consecutive runs never further apart than 2 × the interval the earlier one states: no NO_DATA
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.at.getTime() - rows[i - 1]!.at.getTime()).toBeLessThanOrEqual(2 * rows[i - 1]!.intervalSec * 1000);
  });
});

describe("the 2022 example's readiness history (illustrative), imported", () => {
  it("is stored apart from the SLA and shows readiness failing before go-live", async () => {
    const { importResults } = await import("@/lib/store/import-results");
    const { loadConfig } = await import("@/lib/config/load-config");
    const { db } = await createTestDb();
    const config = loadConfig("examples/dongbaekjeon-2022", { SANDBOX_URL: "http://127.0.0.1:9" });
    const file = "examples/dongbaekjeon-2022/readiness.jsonl.gz";
    // 2022-02-15 00:00 → 04-01 00:00 KST = 45 days × 24 h × 4 functions = 4,320 runs
    expect(await importResults(db, config, file)).toEqual({ read: 0, imported: 0, skipped: 0, readiness: 4320 });
    await importResults(db, config, file); // twice changes nothing
    expect(await db.readinessResult.count()).toBe(4320);
    expect(await db.result.count()).toBe(0);
    const view = (await changeoverOf(db, "dongbaekjeon", new Date("2022-03-15T12:00:00+09:00")))!;
    const by = (fn: string) => view.readiness.find((r) => r.functionKey === fn)!.status;
    // balance answers from 02-20 00:00 KST, so at the 03-01 deadline too
    expect(by("balance")).toMatchObject({ state: "ready", since: Date.parse("2022-02-20T00:00:00+09:00"), atDeadline: "ready" });
    // sign-up from 03-08: ready on 03-15, but not at the deadline
    expect(by("signup")).toMatchObject({ state: "ready", since: Date.parse("2022-03-08T00:00:00+09:00"), atDeadline: "not_ready" });
    // top-up and payment have never answered by 03-15: failing since the first run, 02-15 00:00
    expect(by("topup")).toMatchObject({ state: "not_ready", since: Date.parse("2022-02-15T00:00:00+09:00"), atDeadline: "not_ready" });
    expect(by("payment")).toMatchObject({ state: "not_ready", since: Date.parse("2022-02-15T00:00:00+09:00"), atDeadline: "not_ready" });
    // on 03-31 at 10:00 top-up times out in the 09:00–11:00 hours: failing since 09:00 that day
    const late = (await changeoverOf(db, "dongbaekjeon", new Date("2022-03-31T10:30:00+09:00")))!;
    expect(late.readiness.find((r) => r.functionKey === "topup")!.status).toMatchObject({ state: "not_ready", since: Date.parse("2022-03-31T09:00:00+09:00") });
    expect(late).toMatchObject({ late: false, live: false });
  }, 60_000);
});
