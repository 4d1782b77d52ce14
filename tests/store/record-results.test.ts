import { describe, expect, it } from "vitest";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { getService, listOutages } from "@/lib/data/services";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const T0 = Date.parse("2026-03-01T00:00:00Z");
const CODES: Record<string, ProbeState> = { U: "UP", S: "DEGRADED", D: "DOWN", "?": "UNKNOWN" };

function results(probeKey: string, text: string, fromIndex = 0): ProbeResult[] {
  return [...text].map((c, i) => ({
    probeKey,
    at: new Date(T0 + (fromIndex + i) * 10_000),
    intervalSec: 10,
    state: CODES[c]!,
    latencyMs: c === "D" ? 5000 : 120,
    httpStatus: c === "D" ? 503 : 201,
    errorClass: c === "D" ? "ASSERTION_STATUS" : null,
    message: c === "D" ? "status 503, expected 201" : null,
  }));
}

describe("recording results", () => {
  it("opens and closes an outage across batches, exactly as the pure rules say", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { functions: ["topup", "payment"] });
    const key = svc.probeKey("topup");
    // batch 1: U U D D  (t = 0..30 s) — a streak of two, unconfirmed
    await recordResults(db, svc.refs, results(key, "UUDD"));
    // the streak lives with the location (its probe), where a restarted worker continues it
    expect(await db.probeStatus.findFirstOrThrow({ where: { probe: { key } } })).toMatchObject({
      state: "FAILING",
      streakCount: 2,
      streakStart: new Date(T0 + 20_000),
      outageStart: null,
    });
    expect((await getService(db, svc.slug, new Date(T0 + 35_000)))!.functions.find((f) => f.key === "topup")).toMatchObject({
      state: "FAILING",
      since: new Date(T0 + 20_000).toISOString(),
    });
    // batch 2: D D U (t = 40..60 s): third failure at 40 s confirms; UP at 60 s closes.
    const events = await recordResults(db, svc.refs, results(key, "DDU", 4));
    expect(events.map((e) => e.type)).toEqual(["outage_opened", "outage_closed"]);
    // outage = [20 s, 60 s) = 40 s, four failures (20, 30, 40, 50 s)
    const outages = await listOutages(db, svc.slug, { from: new Date(T0), to: new Date(T0 + 3_600_000) }, new Date(T0 + 3_600_000));
    expect(outages).toEqual([
      expect.objectContaining({
        functionKey: "topup",
        startedAt: new Date(T0 + 20_000).toISOString(),
        confirmedAt: new Date(T0 + 40_000).toISOString(),
        endedAt: new Date(T0 + 60_000).toISOString(),
        durationSec: 40,
        failures: 4,
        ongoing: false,
        errorClass: "ASSERTION_STATUS",
      }),
    ]);
    expect(await db.probeStatus.findFirstOrThrow({ where: { probe: { key } } })).toMatchObject({ state: "UP", streakCount: 0, outageStart: null });
    expect((await getService(db, svc.slug, new Date(T0 + 65_000)))!.functions.find((f) => f.key === "topup")).toMatchObject({
      state: "UP",
      since: new Date(T0 + 60_000).toISOString(),
    });
  });

  it("keeps blips apart from outages", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    // D D U: two failures [0 s, 20 s), a blip
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDU"));
    expect(await db.outage.count({ where: { service: { slug: svc.slug } } })).toBe(0);
    expect(
      await db.blip.findMany({ where: { function: { service: { slug: svc.slug } } }, select: { startedAt: true, endedAt: true, failures: true } }),
    ).toEqual([{ startedAt: new Date(T0), endedAt: new Date(T0 + 20_000), failures: 2 }]);
  });

  it("rolls results up by hour with counts, covered seconds and latency", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    // 4 UP (120 ms), 1 DEGRADED (120 ms), 3 DOWN, 1 UNKNOWN: measured = 8 × 10 s = 80 s; latency from the 5 correct answers
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "UUUUSDDD?"));
    const [r] = await db.rollupHour.findMany({ where: { probe: { service: { slug: svc.slug } } } });
    expect(r).toMatchObject({ up: 4, degraded: 1, down: 3, unknown: 1, measuredSec: 80, latencyN: 5, latencySum: 600, latencyMax: 120 });
  });

  it("a batch with an unknown probe writes nothing", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const good = results(svc.probeKey("topup"), "UU");
    const bad = { ...good[0]!, probeKey: "no-such-probe", at: new Date(T0 + 99_000) };
    await expect(recordResults(db, svc.refs, [...good, bad])).rejects.toThrow(/unknown probe/);
    expect(await db.result.count()).toBe(0);
  });

  it("the service page's view shows the open outage as ongoing and the function as DOWN", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { contract: true });
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "UUDDD"));
    // now = 45 s: last result at 40 s is fresh (≤ 2 × 10 s old); outage [20 s, now) = 25 s so far
    const detail = await getService(db, svc.slug, new Date(T0 + 45_000));
    expect(detail!.functions[0]).toMatchObject({ key: "topup", state: "DOWN", since: new Date(T0 + 20_000).toISOString() });
    expect(detail!.state).toBe("DOWN");
    expect(detail!.outages[0]).toMatchObject({ ongoing: true, durationSec: 25 });
    expect(detail!.contract?.amountKrw).toBe("3640000000");
    // 61 s later than the last result (> 2 × 10 s): the monitor is not measuring → STOPPED, never "down"
    const stale = await getService(db, svc.slug, new Date(T0 + 101_000));
    expect(stale!.functions[0]!.state).toBe("STOPPED");
  });
});
