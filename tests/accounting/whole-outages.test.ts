import { count } from "@/core/accounting/report-values";
import { describe, expect, it } from "vitest";
import { contract, report, runs, at, HOUR, MIN } from "./report-fixtures";

// Asia/Seoul is UTC+9: 2022-05-01 00:00 KST = 2022-04-30T15:00Z; April is [03-31T15:00Z, 04-30T15:00Z).
const FIVE = 5 * MIN;
const rto = (extra: Record<string, unknown>[] = [], more: Record<string, unknown> = {}) =>
  contract({
    ...more,
    rulesets: [
      {
        effectiveFrom: "2022-04-01",
        rules: [{ id: "rto", kind: "recovery_time", clause: "장애 복구 4시간 이내", maxRecovery: "4h", perStartedHour: { amountKrw: 1_000_000 } }, ...extra],
      },
    ],
  });
const money = (r: ReturnType<typeof report>, id = "rto") => r.money.find((m) => m.ruleId === id)!.amountKrw;

describe("an outage is judged whole, whatever the months it spans", () => {
  it("crossing midnight at a month end, over the recovery limit: charged once, in the month it ends", () => {
    // DOWN from 04-30 18:00 KST (09:00Z) to the first UP run at 05-01 06:00 KST (21:00Z): one outage of 12 h.
    // April holds 18:00–24:00 = 6 h of it (21,600 s) and May 00:00–06:00 = 6 h.
    // It ends in May, so May prices it whole: 12 h − 4 h = 8 started hours × 1,000,000 = 8,000,000; April 0.
    // (Charged by pieces, April would add 6 h − 4 h = 2 h = 2,000,000: 10,000,000 for a 12-hour outage.)
    const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-05-31T16:00:00Z", FIVE, [["2022-04-30T09:00:00Z", "2022-04-30T21:00:00Z", "DOWN"]]) };
    const april = report({ contract: rto(), month: "2022-04", functions: [fn] });
    const may = report({ contract: rto(), month: "2022-05", functions: [fn] });
    expect(money(april)).toBe(0);
    expect(money(may)).toBe(8_000_000);
    expect(april.serviceFigures.downtimeSec).toBe(21_600);
    expect(may.serviceFigures.downtimeSec).toBe(21_600);
    // April lists the whole outage, says April holds 6 h of it and that May prices it.
    expect(april.outages).toEqual([
      expect.objectContaining({
        start: "2022-04-30T09:00:00.000Z",
        end: "2022-04-30T21:00:00.000Z",
        downtimeSec: 43_200,
        periodDowntimeSec: 21_600,
        belongsTo: "later",
      }),
    ]);
    expect(april.money[0]!.inputs).toMatchObject({ outagesEndedInPeriod: count(0, "outage"), outagesPricedInLaterPeriod: count(1, "outage") });
    expect(may.outages).toEqual([expect.objectContaining({ downtimeSec: 43_200, periodDowntimeSec: 21_600, belongsTo: "this" })]);
  });

  it("longer than a month: charged once, in the month it ends, and no rule changes another's money", () => {
    // DOWN from 04-20 00:00 KST (04-19T15:00Z) to 06-10 00:00 KST (06-09T15:00Z): 11 days in April, 31 in May,
    // 9 in June = 51 days = 1,224 h. June prices it: 1,224 h − 4 h = 1,220 started hours × 1,000,000 = 1,220,000,000.
    const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-07-31T16:00:00Z", FIVE, [["2022-04-19T15:00:00Z", "2022-06-09T15:00:00Z", "DOWN"]]) };
    const months = ["2022-04", "2022-05", "2022-06"].map((month) => report({ contract: rto(), month, functions: [fn] }));
    expect(months.map((r) => money(r))).toEqual([0, 0, 1_220_000_000]);
    // Downtime: 11 × 86,400 = 950,400 s; 31 × 86,400 = 2,678,400 s; 9 × 86,400 = 777,600 s (sum 51 days).
    expect(months.map((r) => r.serviceFigures.downtimeSec)).toEqual([950_400, 2_678_400, 777_600]);
    expect(months[2]!.outages[0]).toMatchObject({ start: "2022-04-19T15:00:00.000Z", downtimeSec: 51 * 86_400, periodDowntimeSec: 777_600 });

    // A critical-failure rule with a 90-day window reads further back than any month; it changes no amount.
    const cf = { id: "cf", kind: "critical_failure", clause: "3개월 내 24시간 초과", window: "90d", moreThan: "24h" };
    const withFlag = ["2022-04", "2022-05", "2022-06"].map((month) => report({ contract: rto([cf]), month, functions: [fn] }));
    expect(withFlag.map((r) => money(r))).toEqual([0, 0, 1_220_000_000]);
    expect(withFlag.map((r) => r.flags[0]!.triggered)).toEqual([true, true, true]);
  });

  it("a short outage across a month end under a minimum duration keeps both of its parts", () => {
    // 1-minute runs, DOWN from 04-30 23:58 KST (14:58Z) to 05-01 00:10 KST (15:10Z): 12 min ≥ the 5-minute minimum.
    // April holds 2 min = 120 s, May 10 min = 600 s; together the 720 s of the outage.
    const fn = {
      key: "topup",
      runs: runs("2022-04-29T15:00:00Z", "2022-05-02T15:00:00Z", MIN, [["2022-04-30T14:58:00Z", "2022-04-30T15:10:00Z", "DOWN"]]),
    };
    const c = contract({ minOutage: "5m" });
    const asOf = "2022-05-02T15:00:00Z";
    expect(report({ contract: c, month: "2022-04", asOf, functions: [fn] }).serviceFigures.downtimeSec).toBe(120);
    expect(report({ contract: c, month: "2022-05", asOf, functions: [fn] }).serviceFigures.downtimeSec).toBe(600);
  });

  it("an unmeasured run inside an outage does not split it under a minimum duration", () => {
    // 1-minute runs: DOWN 10:00–10:06 (6 runs), one UNKNOWN run at 10:06, DOWN 10:07–10:13 (6 runs), UP from 10:13 (UTC).
    // One outage, 10:00–10:13, of 6 + 6 = 12 min measured downtime ≥ the 10-minute minimum: 720 s of downtime,
    // the unknown minute (60 s) left out. Judged by pieces, each 6 min < 10 min, it would vanish.
    const fn = {
      key: "topup",
      runs: runs("2022-04-09T15:00:00Z", "2022-04-11T15:00:00Z", MIN, [
        ["2022-04-10T10:00:00Z", "2022-04-10T10:06:00Z", "DOWN"],
        ["2022-04-10T10:06:00Z", "2022-04-10T10:07:00Z", "UNKNOWN"],
        ["2022-04-10T10:07:00Z", "2022-04-10T10:13:00Z", "DOWN"],
      ]),
    };
    const r = report({ contract: contract({ minOutage: "10m" }), month: "2022-04", asOf: "2022-04-11T15:00:00Z", functions: [fn] });
    expect(r.serviceFigures).toMatchObject({ downtimeSec: 720, unknownSec: 60 });
    expect(r.outages).toEqual([expect.objectContaining({ start: "2022-04-10T10:00:00.000Z", end: "2022-04-10T10:13:00.000Z", downtimeSec: 720 })]);
    // With a 13-minute minimum the whole outage (12 min) is under it: no downtime at all.
    expect(
      report({ contract: contract({ minOutage: "13m" }), month: "2022-04", asOf: "2022-04-11T15:00:00Z", functions: [fn] }).serviceFigures.downtimeSec,
    ).toBe(0);
  });

  it("several critical functions failing one after another are one service outage, listed with its functions", () => {
    // top-up DOWN 10:00–11:00, payment DOWN 10:30–11:30 (UTC): the service is down 10:00–11:30 = 5,400 s, one line.
    const base = (s: string, e: string) => runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", FIVE, [[s, e, "DOWN"]]);
    const r = report({
      contract: rto(),
      month: "2022-04",
      functions: [
        { key: "topup", runs: base("2022-04-10T10:00:00Z", "2022-04-10T11:00:00Z") },
        { key: "payment", runs: base("2022-04-10T10:30:00Z", "2022-04-10T11:30:00Z") },
      ],
    });
    expect(r.outages.filter((o) => o.level === "service")).toEqual([
      expect.objectContaining({ functions: ["topup", "payment"], start: "2022-04-10T10:00:00.000Z", end: "2022-04-10T11:30:00.000Z", downtimeSec: 5_400 }),
    ]);
    expect(r.outages.filter((o) => o.level === "function")).toHaveLength(2);
  });

  it("an outage still open when a closed month is read is priced in no month yet, and says so", () => {
    // DOWN from 04-30 20:00 KST (11:00Z), still down at the as-of instant 05-01 03:00 KST (04-30T18:00Z).
    const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-04-30T18:00:00Z", FIVE, [["2022-04-30T11:00:00Z", "2022-04-30T18:00:00Z", "DOWN"]]) };
    const april = report({ contract: rto(), month: "2022-04", asOf: "2022-04-30T18:00:00Z", functions: [fn] });
    expect(money(april)).toBe(0);
    expect(april.outages[0]).toMatchObject({ end: null, belongsTo: "later", periodDowntimeSec: 4 * 3600 });
    // Read within April (as of 04-30 23:00 KST = 14:00Z), the same outage is open now: accruing, 3 h so far ≤ 4 h.
    const now = report({ contract: rto(), month: "2022-04", asOf: "2022-04-30T14:00:00Z", functions: [fn] });
    expect(now.money[0]).toMatchObject({ amountKrw: 0, accruing: true });
    expect(now.outages[0]).toMatchObject({ end: null, belongsTo: "this" });
    expect(at("2022-04-30T14:00:00Z") - at("2022-04-30T11:00:00Z")).toBe(3 * HOUR);
  });
});
