import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import type { Db } from "@/lib/db";
import { getService, listOutages } from "@/lib/data/services";
import { serviceReport } from "@/lib/reports/service-report";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * The live record (outage rows, function state) and the contract report must say
 * the same thing: same outages, same downtime, with several locations and a
 * quorum, with results that arrive late, and with a worker that stops.
 */
const T0 = Date.parse("2026-03-10T00:00:00Z");
const MONTH = parseMonth("2026-03")!;
const CODES: Record<string, ProbeState> = { U: "UP", D: "DOWN", "?": "UNKNOWN" };

/** One result per character at `offsetSec + i × 10 s`; "." is no run. */
function runs(probeKey: string, text: string, offsetSec = 0): ProbeResult[] {
  return [...text].flatMap((c, i) =>
    c === "."
      ? []
      : [
          {
            probeKey,
            at: new Date(T0 + (offsetSec + i * 10) * 1000),
            intervalSec: 10,
            state: CODES[c]!,
            latencyMs: 100,
            httpStatus: c === "D" ? 503 : 200,
            errorClass: c === "D" ? ("ASSERTION_STATUS" as const) : null,
            message: c === "D" ? "status 503" : null,
          },
        ],
  );
}

async function liveAndReport(db: Db, slug: string, asOf: number) {
  const live = await listOutages(db, slug, { from: new Date(T0 - 3_600_000), to: new Date(asOf) }, new Date(asOf));
  const report = await serviceReport(db, slug, MONTH, new Date(asOf));
  return {
    live: live!.map((o) => ({ start: o.startedAt, downtimeSec: o.durationSec })),
    report: report.outages.filter((o) => o.source === "MEASURED").map((o) => ({ start: o.start, downtimeSec: o.downtimeSec })),
  };
}

describe("live outages follow the quorum rule of the reports", () => {
  it("two locations, quorum 2: down only while both see it, even when one location's results arrive late", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, {
      locations: [{ key: "seoul" }, { key: "busan" }],
      quorum: 2,
      confirm: 2,
      contract: { term: { start: "2026-01-01", end: "2026-12-31" } },
    });
    const a = svc.probeKey("topup", "seoul");
    const b = svc.probeKey("topup", "busan");
    // seoul: U D D D D U U at 0..60 s → its outage [10 s, 50 s) (confirmed at 20 s)
    // busan: U U D D D D U at 5..65 s → its outage [25 s, 65 s) (confirmed at 35 s)
    // quorum 2: the function is down while both are: [25 s, 50 s) = 25 s.
    await recordResults(db, svc.refs, runs(a, "UDDDDUU"));
    // Only seoul has reported: one location sees an outage, fewer than 2 have data → not confirmable, no outage.
    expect(await listOutages(db, svc.slug, { from: new Date(T0), to: new Date(T0 + 3_600_000) }, new Date(T0 + 70_000))).toEqual([]);
    // busan's results arrive late (an agent that was cut off sends its spool).
    await recordResults(db, svc.refs, runs(b, "UUDDDDU", 5));
    const outages = await listOutages(db, svc.slug, { from: new Date(T0), to: new Date(T0 + 3_600_000) }, new Date(T0 + 80_000));
    expect(outages).toEqual([
      expect.objectContaining({
        startedAt: new Date(T0 + 25_000).toISOString(),
        endedAt: new Date(T0 + 50_000).toISOString(),
        durationSec: 25,
        unmeasuredSec: 0,
        ongoing: false,
        errorClass: "ASSERTION_STATUS",
      }),
    ]);
    // confirmed when the second location confirmed its own outage (busan, at 35 s)
    expect(outages![0]!.confirmedAt).toBe(new Date(T0 + 35_000).toISOString());
    const { live, report } = await liveAndReport(db, svc.slug, T0 + 80_000);
    expect(live).toEqual(report);
  });

  it("quorum 1 across two locations: down while either sees it; the page's function state says which", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, {
      locations: [{ key: "seoul" }, { key: "busan" }],
      quorum: 1,
      confirm: 2,
      contract: { term: { start: "2026-01-01", end: "2026-12-31" } },
    });
    const a = svc.probeKey("topup", "seoul");
    const b = svc.probeKey("topup", "busan");
    await recordResults(db, svc.refs, [...runs(a, "UDDD"), ...runs(b, "UUUU", 5)]);
    // now = 40 s: seoul's outage [10 s, …) is open and fresh; busan answers correctly.
    const detail = await getService(db, svc.slug, new Date(T0 + 40_000));
    expect(detail!.functions[0]).toMatchObject({
      state: "DOWN",
      since: new Date(T0 + 10_000).toISOString(),
      locations: [
        { key: "seoul", state: "DOWN" },
        { key: "busan", state: "UP" },
      ],
    });
    expect(detail!.outages[0]).toMatchObject({ ongoing: true, durationSec: 30 });
    const { live, report } = await liveAndReport(db, svc.slug, T0 + 40_000);
    expect(live).toEqual(report);
  });

  it("a worker stopped during an outage: the function shows STOPPED and the gap is never downtime", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 3, contract: { term: { start: "2026-01-01", end: "2026-12-31" } } });
    const key = svc.probeKey("topup");
    // U D D D D at 0..40 s: outage from 10 s, confirmed at 30 s; then the worker is stopped.
    await recordResults(db, svc.refs, runs(key, "UDDDD"));
    // An hour later nothing has come: no data, not "down", and the outage's downtime stops at the
    // end of the last result's coverage (40 s + 10 s = 50 s): 40 s, not an hour.
    const later = new Date(T0 + 3_600_000);
    let detail = await getService(db, svc.slug, later);
    expect(detail!.functions[0]!.state).toBe("STOPPED");
    expect(detail!.outages[0]).toMatchObject({ ongoing: true, durationSec: 40, measuredUntil: new Date(T0 + 50_000).toISOString() });
    // the day's bar counts the same 40 s
    expect(detail!.days[0]!.bars.at(-1)).toMatchObject({ downSec: 40 });
    let both = await liveAndReport(db, svc.slug, later.getTime());
    expect(both.live).toEqual(both.report);

    // The worker runs again at 600 s and the service still fails: the outage continues across the
    // gap, which stays unmeasured. D D U at 600..620 s → outage [10 s, 620 s):
    // downtime [10, 50) + [600, 620) = 60 s; unmeasured [50, 600) = 550 s.
    await recordResults(db, svc.refs, runs(key, "DDU", 600));
    detail = await getService(db, svc.slug, new Date(T0 + 700_000));
    expect(detail!.outages).toHaveLength(1);
    expect(detail!.outages[0]).toMatchObject({
      startedAt: new Date(T0 + 10_000).toISOString(),
      endedAt: new Date(T0 + 620_000).toISOString(),
      durationSec: 60,
      unmeasuredSec: 550,
      ongoing: false,
    });
    both = await liveAndReport(db, svc.slug, T0 + 700_000);
    expect(both.live).toEqual(both.report);
  });

  it("a worker stopped during an outage and restarted when the service works again: the outage ends where the data ended", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 3, contract: { term: { start: "2026-01-01", end: "2026-12-31" } } });
    const key = svc.probeKey("topup");
    await recordResults(db, svc.refs, runs(key, "UDDDD"));
    await recordResults(db, svc.refs, runs(key, "UUU", 900));
    // Nothing says the service was down after 50 s: the outage is [10 s, 50 s), 40 s, and the
    // 850 s without results are no data, never downtime.
    const outages = await listOutages(db, svc.slug, { from: new Date(T0), to: new Date(T0 + 3_600_000) }, new Date(T0 + 1_000_000));
    expect(outages).toEqual([
      expect.objectContaining({
        startedAt: new Date(T0 + 10_000).toISOString(),
        endedAt: new Date(T0 + 50_000).toISOString(),
        durationSec: 40,
        unmeasuredSec: 0,
        ongoing: false,
      }),
    ]);
    const { live, report } = await liveAndReport(db, svc.slug, T0 + 1_000_000);
    expect(live).toEqual(report);
    const detail = await getService(db, svc.slug, new Date(T0 + 930_000));
    expect(detail!.functions[0]!.state).toBe("UP");
  });

  it("UNKNOWN results inside an outage (the monitor's own network failed) are left out of its downtime", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 2, contract: { term: { start: "2026-01-01", end: "2026-12-31" } } });
    const key = svc.probeKey("topup");
    // D D ? ? D U at 0..50 s: outage [0, 50 s); the UNKNOWN runs cover [20, 40): downtime 30 s.
    await recordResults(db, svc.refs, runs(key, "DD??DU"));
    const outages = await listOutages(db, svc.slug, { from: new Date(T0), to: new Date(T0 + 3_600_000) }, new Date(T0 + 100_000));
    expect(outages).toEqual([expect.objectContaining({ durationSec: 30, unmeasuredSec: 20, ongoing: false })]);
    const { live, report } = await liveAndReport(db, svc.slug, T0 + 100_000);
    expect(live).toEqual(report);
  });
});
