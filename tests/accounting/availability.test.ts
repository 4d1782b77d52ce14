import { duration } from "@/core/accounting/report-values";
import { describe, expect, it } from "vitest";
import { combineLocations } from "@/core/accounting/combine";
import { locationTimeline } from "@/core/accounting/location-timeline";
import { totalMs } from "@/core/accounting/intervals";
import { at, contract, MIN, report, runs } from "./report-fixtures";

const FIVE = 5 * MIN;

describe("availability over calendar months in KST", () => {
  // One outage of exactly one hour: DOWN runs 10:00 … 10:55 KST on the 10th, UP at 11:00.
  const cases = [
    // February 2023: 28 days = 2,419,200 s. 1 − 3,600 / 2,419,200 = 0.998511…
    { month: "2023-02", days: 28, from: "2023-01-31T14:00:00Z", to: "2023-02-28T16:00:00Z", down: ["2023-02-10T01:00:00Z", "2023-02-10T02:00:00Z"] },
    // February 2024, a leap year: 29 days = 2,505,600 s. 1 − 3,600 / 2,505,600 = 0.998563…
    { month: "2024-02", days: 29, from: "2024-01-31T14:00:00Z", to: "2024-02-29T16:00:00Z", down: ["2024-02-10T01:00:00Z", "2024-02-10T02:00:00Z"] },
    // April 2022: 30 days = 2,592,000 s. 1 − 3,600 / 2,592,000 = 0.998611…
    { month: "2022-04", days: 30, from: "2022-03-31T14:00:00Z", to: "2022-04-30T16:00:00Z", down: ["2022-04-10T01:00:00Z", "2022-04-10T02:00:00Z"] },
    // January 2022: 31 days = 2,678,400 s. 1 − 3,600 / 2,678,400 = 0.998655…
    { month: "2022-01", days: 31, from: "2021-12-31T14:00:00Z", to: "2022-01-31T16:00:00Z", down: ["2022-01-10T01:00:00Z", "2022-01-10T02:00:00Z"] },
  ] as const;
  for (const c of cases) {
    it(`${c.month}: ${c.days} days`, () => {
      const r = report({
        contract: contract(),
        month: c.month,
        functions: [{ key: "topup", runs: runs(c.from, c.to, FIVE, [[c.down[0], c.down[1], "DOWN"]]) }],
      });
      const period = c.days * 86_400;
      expect(r.serviceFigures).toMatchObject({
        periodSec: period,
        downtimeSec: 3600,
        excusedSec: 0,
        noDataSec: 0,
        unknownSec: 0,
        eligibleSec: period,
        coverage: 1,
      });
      expect(r.serviceFigures.availability).toBeCloseTo(1 - 3600 / period, 12);
    });
  }

  it("the month starts at 00:00 KST, which is 15:00 UTC the day before", () => {
    const r = report({
      contract: contract(),
      month: "2022-04",
      functions: [{ key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", FIVE) }],
    });
    expect(r.period.start).toBe("2022-03-31T15:00:00.000Z");
    expect(r.period.end).toBe("2022-04-30T15:00:00.000Z");
  });

  it("an outage across the KST month boundary is split between the months", () => {
    // 2022-04-30 23:00 KST → 2022-05-01 01:00 KST = 14:00Z → 16:00Z: one hour in each month.
    const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-05-31T16:00:00Z", FIVE, [["2022-04-30T14:00:00Z", "2022-04-30T16:00:00Z", "DOWN"]]) };
    const april = report({ contract: contract(), month: "2022-04", functions: [fn] });
    const may = report({ contract: contract(), month: "2022-05", functions: [fn] });
    expect(april.serviceFigures.downtimeSec).toBe(3600);
    expect(may.serviceFigures.downtimeSec).toBe(3600);
    // May has 31 days: 1 − 3,600 / 2,678,400
    expect(may.serviceFigures.availability).toBeCloseTo(1 - 3600 / 2_678_400, 12);
  });

  it("a gap longer than two intervals is no data, outside eligible time", () => {
    // No runs 04-10 00:00 → 06:00 KST (6 h). The 23:55 run covers to 00:00 (next run is 6 h later > 2 × 5 min),
    // so no data = 21,600 s; eligible = 2,592,000 − 21,600 = 2,570,400; coverage = 2,570,400 / 2,592,000.
    const r = report({
      contract: contract(),
      month: "2022-04",
      functions: [
        { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", FIVE, [["2022-04-09T15:00:00Z", "2022-04-09T21:00:00Z", "GAP"]]) },
      ],
    });
    expect(r.serviceFigures).toMatchObject({ noDataSec: 21_600, eligibleSec: 2_570_400, downtimeSec: 0, availability: 1 });
    expect(r.serviceFigures.coverage).toBeCloseTo(2_570_400 / 2_592_000, 12);
  });

  it("one missing run (a gap of exactly two intervals) is not a gap", () => {
    const r = report({
      contract: contract(),
      month: "2022-04",
      functions: [
        { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", FIVE, [["2022-04-09T15:00:00Z", "2022-04-09T15:05:00Z", "GAP"]]) },
      ],
    });
    expect(r.serviceFigures.noDataSec).toBe(0);
  });

  it("UNKNOWN is neither downtime nor eligible, and does not break an outage", () => {
    // DOWN 10:00–11:00 KST on 04-10 with the runs at 10:20, 10:25, 10:30, 10:35 UNKNOWN:
    // the outage runs [10:00, 11:00); of it, [10:20, 10:40) = 1,200 s is unknown, so downtime = 3,600 − 1,200 = 2,400 s;
    // eligible = 2,592,000 − 1,200 = 2,590,800.
    const r = report({
      contract: contract(),
      month: "2022-04",
      functions: [
        {
          key: "topup",
          runs: runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", FIVE, [
            ["2022-04-10T01:20:00Z", "2022-04-10T01:40:00Z", "UNKNOWN"],
            ["2022-04-10T01:00:00Z", "2022-04-10T02:00:00Z", "DOWN"],
          ]),
        },
      ],
    });
    expect(r.serviceFigures).toMatchObject({ downtimeSec: 2400, unknownSec: 1200, eligibleSec: 2_590_800 });
    expect(r.outages).toEqual([
      expect.objectContaining({ source: "MEASURED", start: "2022-04-10T01:00:00.000Z", end: "2022-04-10T02:00:00.000Z", downtimeSec: 2400 }),
    ]);
  });

  it("the service is down when any critical function is; a non-critical function does not count", () => {
    // top-up down 10:00–11:00, payment down 10:30–11:30 (both critical) → service down 10:00–11:30 = 5,400 s;
    // balance (not critical) down all day 04-11 → no effect on the service.
    const base = (spans: [string, string, "DOWN"][]) => runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", FIVE, spans);
    const r = report({
      contract: contract(),
      month: "2022-04",
      functions: [
        { key: "topup", runs: base([["2022-04-10T01:00:00Z", "2022-04-10T02:00:00Z", "DOWN"]]) },
        { key: "payment", runs: base([["2022-04-10T01:30:00Z", "2022-04-10T02:30:00Z", "DOWN"]]) },
        { key: "balance", critical: false, runs: base([["2022-04-10T15:00:00Z", "2022-04-11T15:00:00Z", "DOWN"]]) },
      ],
    });
    expect(r.serviceFigures.downtimeSec).toBe(5400);
    expect(r.functions.find((f) => f.key === "balance")!.figures.downtimeSec).toBe(86_400);
  });

  it("a contract minimum drops shorter outages", () => {
    // 10 s runs: DOWN at 0, 10, 20 s → an outage of 30 s; the contract ignores outages under 1 minute.
    const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-04-01T16:00:00Z", 10_000, [["2022-04-01T01:00:00Z", "2022-04-01T01:00:30Z", "DOWN"]]) };
    expect(report({ contract: contract(), month: "2022-04", asOf: "2022-04-01T16:00:00Z", functions: [fn] }).serviceFigures.downtimeSec).toBe(30);
    expect(
      report({ contract: contract({ minOutage: "1m" }), month: "2022-04", asOf: "2022-04-01T16:00:00Z", functions: [fn] }).serviceFigures.downtimeSec,
    ).toBe(0);
  });

  it("the current month counts only up to now", () => {
    // asOf = 2022-04-02 00:00 KST: the period so far is one day = 86,400 s
    const r = report({
      contract: contract(),
      month: "2022-04",
      asOf: "2022-04-01T15:00:00Z",
      functions: [{ key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-04-01T15:00:00Z", FIVE) }],
    });
    expect(r.period.partial).toBe(true);
    expect(r.serviceFigures.periodSec).toBe(86_400);
  });
});

describe("locations and quorum", () => {
  const win = { start: at("2022-04-10T00:00:00Z"), end: at("2022-04-10T04:00:00Z") };
  const loc = (spans: [string, string, "DOWN" | "GAP"][]) => locationTimeline(runs("2022-04-09T23:00:00Z", "2022-04-10T05:00:00Z", FIVE, spans), win, 3);
  // A down 01:00–02:00, B down 01:30–02:30, C up throughout
  const A = loc([["2022-04-10T01:00:00Z", "2022-04-10T02:00:00Z", "DOWN"]]);
  const B = loc([["2022-04-10T01:30:00Z", "2022-04-10T02:30:00Z", "DOWN"]]);
  const C = loc([]);

  it("quorum 2 of 3: down only where two locations agree", () => {
    // overlap of A and B: [01:30, 02:00) = 1,800 s
    expect(totalMs(combineLocations([A, B, C], 2, win).down)).toBe(1800 * 1000);
  });
  it("quorum 1 of 3: down where any location sees it", () => {
    // union of A and B: [01:00, 02:30) = 5,400 s
    expect(totalMs(combineLocations([A, B, C], 1, win).down)).toBe(5400 * 1000);
  });
  it("fewer locations with data than the quorum, one of them down: unknown, not down", () => {
    // B and C have no data 01:00–02:00 (gaps); A is down then: 1 of 1 with data, quorum 2 → unknown 3,600 s
    const Bgap = loc([["2022-04-10T01:00:00Z", "2022-04-10T02:00:00Z", "GAP"]]);
    const Cgap = loc([["2022-04-10T01:00:00Z", "2022-04-10T02:00:00Z", "GAP"]]);
    const t = combineLocations([A, Bgap, Cgap], 2, win);
    expect(totalMs(t.down)).toBe(0);
    expect(totalMs(t.unknown)).toBe(3600 * 1000);
  });
});

describe("excused time", () => {
  // DOWN 04-10 02:00–04:00 KST (7,200 s) during announced maintenance; the contract wants 72 h notice.
  const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", FIVE, [["2022-04-09T17:00:00Z", "2022-04-09T19:00:00Z", "DOWN"]]) };
  const window = { id: "m1", start: at("2022-04-09T17:00:00Z"), end: at("2022-04-09T19:00:00Z") };
  const c = contract({ maintenanceNotice: "72h" });

  it.each([
    // announced 98 h before → excused: downtime 0, excused 7,200, eligible 2,592,000 − 7,200 = 2,584,800
    ["98 h ahead", "2022-04-05T15:00:00Z", true],
    // exactly 72 h before → excused (at least the notice period)
    ["exactly 72 h ahead", "2022-04-06T17:00:00Z", true],
    // 14 h before → too late: shown, not excused; downtime 7,200
    ["14 h ahead", "2022-04-09T03:00:00Z", false],
  ] as const)("maintenance announced %s", (_, announced, excused) => {
    const r = report({ contract: c, month: "2022-04", functions: [fn], maintenance: [{ ...window, announcedAt: at(announced) }] });
    if (excused) expect(r.serviceFigures).toMatchObject({ downtimeSec: 0, excusedSec: 7200, eligibleSec: 2_584_800, availability: 1 });
    else expect(r.serviceFigures).toMatchObject({ downtimeSec: 7200, excusedSec: 0, eligibleSec: 2_592_000 });
    expect(r.excused).toEqual([expect.objectContaining({ id: "m1", excused })]);
  });

  it("force majeure is excused, with its reason", () => {
    const r = report({ contract: c, month: "2022-04", functions: [fn], forceMajeure: [{ ...window, id: "fm1", reason: "태풍으로 인한 데이터센터 정전" }] });
    expect(r.serviceFigures).toMatchObject({ downtimeSec: 0, excusedSec: 7200 });
    expect(r.excused[0]).toMatchObject({ kind: "force_majeure", why: "태풍으로 인한 데이터센터 정전" });
  });
});

describe("reported incidents", () => {
  it("are listed apart and counted only where a rule says so", () => {
    // No measurements at all in April 2022; a press report says the app was down 04-01 00:00 → 04-04 09:00 KST (81 h).
    const c = contract({
      rulesets: [
        {
          effectiveFrom: "2022-04-01",
          rules: [
            { id: "measured-only", kind: "service_credit", clause: "c", target: "99.5%", tiers: [{ below: "99.5%", credit: "10%" }] },
            { id: "with-reports", kind: "service_credit", clause: "c", target: "99.5%", countReported: true, tiers: [{ below: "99.5%", credit: "10%" }] },
          ],
        },
      ],
    });
    const r = report({
      contract: c,
      month: "2022-04",
      functions: [{ key: "topup", runs: [] }],
      reported: [
        {
          id: "press-1",
          functions: ["topup"],
          start: at("2022-03-31T15:00:00Z"),
          end: at("2022-04-04T00:00:00Z"),
          summary: "동백전 먹통",
          sources: [{ title: "부산일보" }],
        },
      ],
    });
    // measured only: nothing eligible → no credit
    expect(r.money.find((m) => m.ruleId === "measured-only")!.amountKrw).toBe(0);
    // with reports: 291,600 s down of 291,600 s eligible (the rest is no data) → availability 0 → 10% of 101,111,111 = 10,111,111
    expect(r.money.find((m) => m.ruleId === "with-reports")!).toMatchObject({
      amountKrw: 10_111_111,
      inputs: expect.objectContaining({ downtimeSec: duration(291_600_000), eligibleSec: duration(291_600_000) }),
    });
    expect(r.outages).toEqual([expect.objectContaining({ source: "REPORTED", downtimeSec: 291_600, sources: [{ title: "부산일보" }] })]);
    expect(r.serviceFigures.downtimeSec).toBe(0);
  });
});
