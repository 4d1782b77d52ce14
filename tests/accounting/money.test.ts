import { describe, expect, it } from "vitest";
import { code, count, date, duration, list, note, noteValue, num, percent, rate } from "@/core/accounting/report-values";
import { performancePool, score } from "@/core/accounting/rules/performance-pool";
import { fraction, fractionOf } from "@/core/accounting/rational";
import type { RuleContext } from "@/core/accounting/rule-context";
import type { Rule } from "@/core/config/contract-schema";
import { at, contract, MIN, report, runs } from "./report-fixtures";

const FIVE = 5 * MIN;
const FOUR = 4 * MIN;
// 3,640,000,000 KRW over the 36 months 2022-04 … 2025-03 = 101,111,111.11… → 101,111,111 KRW (truncated)
const FEE = 101_111_111;
const april = (spans: [string, string, "DOWN"][] = [], interval = FIVE) => ({
  key: "topup",
  runs: runs("2022-03-31T14:00:00Z", "2022-04-30T16:00:00Z", interval, spans),
});

describe("the period's fee", () => {
  it("equal monthly share of the contract, truncated", () => {
    const r = report({ contract: contract(), month: "2022-04", functions: [april()] });
    expect(r.fee.amountKrw).toBe(FEE);
    expect(r.fee.formula).toContain("÷ 36 months");
  });
  it("a stated monthly fee", () => {
    expect(report({ contract: contract({ fee: { kind: "monthly", amountKrw: 50_000_000 } }), month: "2022-04", functions: [april()] }).fee.amountKrw).toBe(
      50_000_000,
    );
  });
});

describe("delay damages (지체상금)", () => {
  const rules = (rule: Record<string, unknown>) => [
    { effectiveFrom: "2022-04-01", rules: [{ id: "delay", kind: "delay_damages", clause: "계약일반조건 지체상금", dailyRate: "1.3/1000", ...rule }] },
  ];
  const goLive = { deadline: "2022-04-01T14:00:00+09:00", actualStart: "2022-04-04T09:00:00+09:00" };

  it("the 2022 case: 3 days late at 1.3/1000 on 3,640,000,000 = 14,196,000 KRW", () => {
    // days late: 04-02, 04-03, 04-04 (from the day after the deadline to the day service started) = 3
    // 3,640,000,000 × 13/10,000 × 3 = 14,196,000
    const r = report({ contract: contract({ goLive, rulesets: rules({}) }), month: "2022-04", functions: [april()] });
    expect(r.money).toEqual([
      expect.objectContaining({
        ruleId: "delay",
        amountKrw: 14_196_000,
        breached: true,
        accruing: false,
        inputs: expect.objectContaining({ daysLateInPeriod: count(3, "day"), lateDaysInPeriod: list(["2022-04-02", "2022-04-03", "2022-04-04"].map(date)) }),
      }),
    ]);
    expect(r.money[0]!.formula).toBe("KRW 3,640,000,000 × 1.3/1000 × 3 days = KRW 14,196,000; truncated below 1 won");
    expect(r.money[0]!.formulaKo).toBe("3,640,000,000원 × 1.3/1000 × 3일 = 14,196,000원 (1원 미만 절사)");
    expect(r.totalKrw).toBe(14_196_000);
  });

  it("at the national rate 1.25/1000: 13,650,000 KRW", () => {
    // 3,640,000,000 × 125/100,000 × 3 = 13,650,000
    const r = report({
      contract: contract({ goLive, jurisdiction: "national", rulesets: rules({ dailyRate: "1.25/1000" }) }),
      month: "2022-04",
      functions: [april()],
    });
    expect(r.money[0]!.amountKrw).toBe(13_650_000);
  });

  it("a rate above the legal ceiling is cut to the ceiling, with a warning", () => {
    // 1.5/1000 > 1.3/1000 (local services): the excess is void → 14,196,000 as above
    const r = report({ contract: contract({ goLive, rulesets: rules({ dailyRate: "1.5/1000" }) }), month: "2022-04", functions: [april()] });
    expect(r.money[0]!.amountKrw).toBe(14_196_000);
    expect(r.warnings).toContainEqual(
      note("rate_over_ceiling", { rule: code("delay"), rate: rate("1.5/1000"), ceiling: rate("1.3/1000"), jurisdiction: code("local") }),
    );
  });

  it("an excused day is not late", () => {
    // 04-03 excused: 2 days × 4,732,000 = 9,464,000
    const r = report({
      contract: contract({ goLive, rulesets: rules({ excusedDays: [{ date: "2022-04-03", reason: "시 요청 일정 변경" }] }) }),
      month: "2022-04",
      functions: [april()],
    });
    expect(r.money[0]!.amountKrw).toBe(9_464_000);
  });

  it("a go-live on the deadline day is not late", () => {
    const r = report({
      contract: contract({ goLive: { ...goLive, actualStart: "2022-04-01T23:59:00+09:00" }, rulesets: rules({}) }),
      month: "2022-04",
      functions: [april()],
    });
    expect(r.money).toEqual([]);
  });

  it("a base stated as a share of the contract, truncated", () => {
    // base = 3,640,000,000 × 1/3 = 1,213,333,333 (truncated); × 13/10,000 × 3 = 4,731,999.99… → 4,731,999
    const r = report({ contract: contract({ goLive, rulesets: rules({ base: { share: "1/3" } }) }), month: "2022-04", functions: [april()] });
    expect(r.money[0]!.amountKrw).toBe(4_731_999);
  });

  it("the 30% cap, spread over the months in which the days fell", () => {
    // Deadline 2022-04-01 14:00, started 2023-02-01: days late 04-02 … 2023-02-01 = 29+31+30+31+31+30+31+30+31+31+1 = 306.
    // One day = 3,640,000,000 × 1.3/1000 = 4,732,000. 306 days = 1,447,992,000 > cap 30% = 1,092,000,000.
    // Through October: 29+31+30+31+31+30+31 = 213 days = 1,007,916,000; November reaches the cap:
    // 1,092,000,000 − 1,007,916,000 = 84,084,000; December, January, February: 0.
    const c = contract({ goLive: { deadline: "2022-04-01T14:00:00+09:00", actualStart: "2023-02-01T09:00:00+09:00" }, rulesets: rules({}) });
    const months = ["2022-04", "2022-05", "2022-06", "2022-07", "2022-08", "2022-09", "2022-10", "2022-11", "2022-12", "2023-01", "2023-02"];
    const amounts = months.map((m) => report({ contract: c, month: m, functions: [{ key: "topup", runs: [] }] }).money[0]?.amountKrw ?? 0);
    expect(amounts.slice(0, 3)).toEqual([29 * 4_732_000, 31 * 4_732_000, 30 * 4_732_000]);
    expect(amounts[7]).toBe(84_084_000);
    expect(amounts.slice(8)).toEqual([0, 0, 0]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(1_092_000_000);
  });

  it("a cap above 30% is cut to 30%, with a warning", () => {
    const r = report({ contract: contract({ goLive, rulesets: rules({ cap: "50%" }) }), month: "2022-04", functions: [april()] });
    expect(r.warnings).toContainEqual(note("cap_over_ceiling", { rule: code("delay"), cap: rate("50%"), ceiling: rate("30%") }));
  });

  it("a cap above 30% caps the amount at 30%, not at the stated cap", () => {
    // Deadline 2022-04-01 14:00, started 2023-02-01 (306 late days, as above; 1,447,992,000 uncapped).
    // A stated cap of 50% (1,820,000,000) would not bind; the legal 30% (1,092,000,000) does.
    const c = contract({ goLive: { deadline: "2022-04-01T14:00:00+09:00", actualStart: "2023-02-01T09:00:00+09:00" }, rulesets: rules({ cap: "50%" }) });
    const months = ["2022-04", "2022-05", "2022-06", "2022-07", "2022-08", "2022-09", "2022-10", "2022-11", "2022-12", "2023-01", "2023-02"];
    const total = months
      .map((m) => report({ contract: c, month: m, functions: [{ key: "topup", runs: [] }] }).money[0]?.amountKrw ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(1_092_000_000);
  });

  it("days are counted in KST: a go-live at 00:30 KST is on that KST day, though still the day before in UTC", () => {
    // Deadline 04-01 14:00 KST; started 04-03 00:30 KST = 04-02 15:30 UTC. KST days late: 04-02, 04-03 = 2
    // (counting UTC days would give 04-02 only). 2 × 4,732,000 = 9,464,000.
    const r = report({
      contract: contract({ goLive: { ...goLive, actualStart: "2022-04-03T00:30:00+09:00" }, rulesets: rules({}) }),
      month: "2022-04",
      functions: [april()],
    });
    expect(r.money[0]).toMatchObject({
      amountKrw: 9_464_000,
      inputs: expect.objectContaining({ lateDaysInPeriod: list([date("2022-04-02"), date("2022-04-03")]) }),
    });
  });

  it("a leap day is a late day like any other, and each month gets its own days", () => {
    // Deadline 2024-02-26 18:00 KST; started 2024-03-01 10:00 KST.
    // Late days: 02-27, 02-28, 02-29 (2024 is a leap year) in February = 3 → 3 × 4,732,000 = 14,196,000;
    // 03-01 in March = 1 → 4,732,000. Together 4 days = 18,928,000.
    const c = contract({
      term: { start: "2024-01-01", end: "2026-12-31" },
      goLive: { deadline: "2024-02-26T18:00:00+09:00", actualStart: "2024-03-01T10:00:00+09:00" },
      rulesets: [{ effectiveFrom: "2024-01-01", rules: [{ id: "delay", kind: "delay_damages", clause: "지체상금", dailyRate: "1.3/1000" }] }],
    });
    const feb = report({ contract: c, month: "2024-02", functions: [{ key: "topup", runs: [] }] }).money[0]!;
    expect(feb).toMatchObject({
      amountKrw: 14_196_000,
      inputs: expect.objectContaining({ lateDaysInPeriod: list(["2024-02-27", "2024-02-28", "2024-02-29"].map(date)) }),
    });
    expect(report({ contract: c, month: "2024-03", functions: [{ key: "topup", runs: [] }] }).money[0]).toMatchObject({ amountKrw: 4_732_000 });
  });

  it("not started yet: accrues day by day up to today", () => {
    // deadline 04-01 14:00, no start; as of 04-05 12:00 KST the late days are 04-02 … 04-05 = 4 → 18,928,000, accruing
    const r = report({
      contract: contract({ goLive: { deadline: goLive.deadline }, rulesets: rules({}) }),
      month: "2022-04",
      asOf: "2022-04-05T03:00:00Z",
      functions: [{ key: "topup", runs: [] }],
    });
    expect(r.money[0]).toMatchObject({ amountKrw: 18_928_000, accruing: true });
  });
});

describe("service credits", () => {
  const tiers = [
    { below: "99.5%", credit: "10%" },
    { below: "99%", credit: "25%" },
    { below: "95%", credit: "100%" },
  ];
  const c = contract({
    rulesets: [{ effectiveFrom: "2022-04-01", rules: [{ id: "credit", kind: "service_credit", clause: "SLA 부속서 가용률", target: "99.5%", tiers }] }],
  });

  it("exactly at a threshold is not below it", () => {
    // 4-minute runs; DOWN 04-10 00:00 → 07:12 KST = 25,920 s = 1% of 2,592,000 → availability exactly 99.00%:
    // not below 99% → the 10% tier: 101,111,111 × 10% = 10,111,111.1 → 10,111,111
    const r = report({ contract: c, month: "2022-04", functions: [april([["2022-04-09T15:00:00Z", "2022-04-09T22:12:00Z", "DOWN"]], FOUR)] });
    expect(r.serviceFigures.downtimeSec).toBe(25_920);
    expect(r.money[0]).toMatchObject({
      amountKrw: 10_111_111,
      breached: true,
      // (2,592,000 − 25,920) s up of 2,592,000 s, in ms
      inputs: expect.objectContaining({
        availability: percent(2_566_080_000, 2_592_000_000),
        tierApplied: noteValue("credit_tier", { below: rate("99.5%"), credit: rate("10%") }),
      }),
    });
  });

  it("one run more is below 99%", () => {
    // DOWN until 07:16 → 26,160 s → 1 − 26,160/2,592,000 = 98.99…% → 25%: 101,111,111 × 25% = 25,277,777.75 → 25,277,777
    const r = report({ contract: c, month: "2022-04", functions: [april([["2022-04-09T15:00:00Z", "2022-04-09T22:16:00Z", "DOWN"]], FOUR)] });
    expect(r.money[0]).toMatchObject({ amountKrw: 25_277_777, inputs: expect.objectContaining({ availability: percent(2_565_840_000, 2_592_000_000) }) });
    // shown to four decimals, truncated, so the tier is visibly decided: 2,565,840 / 2,592,000 = 98.9907…%
    expect(r.money[0]!.formulaKo).toContain("= 2,565,840 ÷ 2,592,000 = 98.9907% < 목표 99.5%; 99% 미만 → 월 대가 101,111,111원 × 25% = 25,277,777원");
  });

  it("the 2022 April: 81 h down of 720 h = 88.75% → below 95% → 100% of the fee", () => {
    // DOWN from 04-01 00:00 to 04-04 09:00 KST = 81 h = 291,600 s; 1 − 291,600 / 2,592,000 = 0.8875
    const r = report({
      contract: c,
      month: "2022-04",
      functions: [
        { key: "topup", runs: runs("2022-03-31T15:00:00Z", "2022-04-30T16:00:00Z", FIVE, [["2022-03-31T15:00:00Z", "2022-04-04T00:00:00Z", "DOWN"]]) },
      ],
    });
    expect(r.serviceFigures).toMatchObject({ downtimeSec: 291_600, eligibleSec: 2_592_000, availability: 0.8875 });
    expect(r.money[0]).toMatchObject({ amountKrw: FEE, inputs: expect.objectContaining({ availability: percent(2_300_400_000, 2_592_000_000) }) });
  });

  it("no breach, no credit", () => {
    const r = report({ contract: c, month: "2022-04", functions: [april()] });
    expect(r.money[0]).toMatchObject({
      amountKrw: 0,
      breached: false,
      inputs: expect.objectContaining({ availability: percent(2_592_000_000, 2_592_000_000) }),
    });
  });

  it("the month not yet over is marked accruing; a finished month is not", () => {
    // As of 04-15 12:00 KST the month runs to 05-01 00:00 KST: the figure may still change → accruing.
    const running = report({ contract: c, month: "2022-04", asOf: "2022-04-15T03:00:00Z", functions: [april()] });
    expect(running.money[0]).toMatchObject({ kind: "service_credit", accruing: true });
    const done = report({ contract: c, month: "2022-04", functions: [april()] });
    expect(done.money[0]).toMatchObject({ kind: "service_credit", accruing: false });
  });

  it("illustrative rules are shown but kept out of the total", () => {
    const ill = contract({
      rulesets: [
        { effectiveFrom: "2022-04-01", rules: [{ id: "credit", kind: "service_credit", clause: "예시", illustrative: true, target: "99.5%", tiers }] },
      ],
    });
    const r = report({ contract: ill, month: "2022-04", functions: [april([["2022-04-09T15:00:00Z", "2022-04-09T22:12:00Z", "DOWN"]], FOUR)] });
    expect(r.totalKrw).toBe(0);
    expect(r.illustrativeTotalKrw).toBe(10_111_111);
  });
});

describe("recovery time", () => {
  const c = (perStartedHour: Record<string, unknown>, cap?: Record<string, unknown>) =>
    contract({
      rulesets: [
        {
          effectiveFrom: "2022-04-01",
          rules: [{ id: "rto", kind: "recovery_time", clause: "장애 복구 4시간 이내", maxRecovery: "4h", perStartedHour, ...(cap ? { cap } : {}) }],
        },
      ],
    });
  it.each([
    // 5 h 10 min: 1 h 10 min beyond 4 h → 2 started hours × 1,000,000 = 2,000,000
    ["5 h 10 min", "2022-04-10T06:10:00Z", 2_000_000],
    // exactly 5 h: 1 h beyond → 1 started hour = 1,000,000
    ["5 h", "2022-04-10T06:00:00Z", 1_000_000],
    // exactly 4 h: not beyond → 0
    ["4 h", "2022-04-10T05:00:00Z", 0],
  ])("an outage of %s", (_, end, amount) => {
    const r = report({ contract: c({ amountKrw: 1_000_000 }), month: "2022-04", functions: [april([["2022-04-10T01:00:00Z", end, "DOWN"]])] });
    expect(r.money[0]!.amountKrw).toBe(amount);
  });
  it("a percent of the fee per hour, capped", () => {
    // 10 h outage: 6 started hours × 1% of 101,111,111 (= 1,011,111) = 6,066,666; cap 5% = 5,055,555
    const r = report({
      contract: c({ percentOfFee: "1%" }, { percentOfFee: "5%" }),
      month: "2022-04",
      functions: [april([["2022-04-10T01:00:00Z", "2022-04-10T11:00:00Z", "DOWN"]])],
    });
    expect(r.money[0]!.amountKrw).toBe(5_055_555);
  });
  it("an outage belongs to the month in which it ended", () => {
    // 04-30 20:00 KST → 05-01 06:00 KST (10 h): nothing in April, 6 started hours in May
    const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-05-31T16:00:00Z", FIVE, [["2022-04-30T11:00:00Z", "2022-04-30T21:00:00Z", "DOWN"]]) };
    expect(report({ contract: c({ amountKrw: 1_000_000 }), month: "2022-04", functions: [fn] }).money[0]!.amountKrw).toBe(0);
    expect(report({ contract: c({ amountKrw: 1_000_000 }), month: "2022-05", functions: [fn] }).money[0]!.amountKrw).toBe(6_000_000);
  });
});

describe("critical failure", () => {
  const rulesets = [
    { effectiveFrom: "2022-04-01", rules: [{ id: "cf", kind: "critical_failure", clause: "3개월 내 24시간 초과 장애", window: "90d", moreThan: "24h" }] },
  ];
  const c = contract({ rulesets });
  const fn = (secondEnd: string) => ({
    key: "topup",
    // 13 h on 04-10, then another outage from 05-10 00:00 KST to secondEnd
    runs: runs("2022-02-28T15:00:00Z", "2022-05-31T16:00:00Z", FIVE, [
      ["2022-04-09T15:00:00Z", "2022-04-10T04:00:00Z", "DOWN"],
      ["2022-05-09T15:00:00Z", secondEnd, "DOWN"],
    ]),
  });
  it("13 h + 13 h within 90 days = 26 h > 24 h: triggered in May, not in April", () => {
    expect(report({ contract: c, month: "2022-04", functions: [fn("2022-05-10T04:00:00Z")] }).flags[0]!.triggered).toBe(false);
    const may = report({ contract: c, month: "2022-05", functions: [fn("2022-05-10T04:00:00Z")] }).flags[0]!;
    expect(may).toMatchObject({ triggered: true, inputs: expect.objectContaining({ worstWindowDowntime: duration(26 * 3_600_000) }) });
  });
  it("13 h + 11 h = exactly 24 h is not more than 24 h", () => {
    expect(report({ contract: c, month: "2022-05", functions: [fn("2022-05-10T02:00:00Z")] }).flags[0]!.triggered).toBe(false);
  });
  it("excused time is not downtime for the flag either", () => {
    // The same 13 h + 13 h, but the second outage (05-10 00:00–13:00 KST) falls inside maintenance
    // announced a week ahead (the contract asks for 72 h): only the 13 h of April count. 13 h ≤ 24 h.
    const maintenance = [{ id: "m1", start: at("2022-05-09T15:00:00Z"), end: at("2022-05-10T04:00:00Z"), announcedAt: at("2022-05-02T00:00:00Z") }];
    const withNotice = contract({ maintenanceNotice: "72h", rulesets });
    const may = report({ contract: withNotice, month: "2022-05", functions: [fn("2022-05-10T04:00:00Z")], maintenance }).flags[0]!;
    expect(may).toMatchObject({ triggered: false, inputs: expect.objectContaining({ worstWindowDowntime: duration(13 * 3_600_000) }) });
    // announced only a day ahead (< 72 h): not excused, so 26 h > 24 h again
    const late = [{ ...maintenance[0]!, announcedAt: at("2022-05-09T00:00:00Z") }];
    expect(report({ contract: withNotice, month: "2022-05", functions: [fn("2022-05-10T04:00:00Z")], maintenance: late }).flags[0]!.triggered).toBe(true);
  });
  it("is a flag, never money", () => {
    const r = report({ contract: c, month: "2022-05", functions: [fn("2022-05-10T04:00:00Z")] });
    expect(r.money).toEqual([]);
    expect(r.totalKrw).toBe(0);
  });
});

describe("performance pool", () => {
  it.each([
    [99.5, 99.5, 98, 100],
    [99.9, 99.5, 98, 100],
    [98, 99.5, 98, 0],
    // (99 − 98) / (99.5 − 98) = 2/3 → 66.67
    [99, 99.5, 98, 200 / 3],
    // lower is better: (2,000 − 3,000) / (1,000 − 3,000) = 0.5 → 50
    [2000, 1000, 3000, 50],
    [900, 1000, 3000, 100],
  ])("value %d with expected %d, minimum %d scores %d", (v, e, m, s) => {
    const got = score(fractionOf(v), fractionOf(e), fractionOf(m));
    const want = fractionOf(s === 200 / 3 ? 0 : s);
    // exact: 2/3 of 100 is 200/3, not 66.666…67
    if (s === 200 / 3) expect(got.num * 3n).toBe(200n * got.den);
    else expect(got.num * want.den).toBe(want.num * got.den);
  });

  it("a month at 99.00% availability and 2,000 ms p95", () => {
    // pool = 10% of 101,111,111 = 10,111,111; availability score 66.67 (weight 2), latency 50 (weight 1)
    // weighted = (66.666… × 2 + 50) / 3 = 61.111… → 61.11 → the ≥ 0 row: payout 50%
    // paid = 10,111,111 × 50% = 5,055,555.5 → 5,055,555; withheld = 10,111,111 − 5,055,555 = 5,055,556
    const c = contract({
      rulesets: [
        {
          effectiveFrom: "2022-04-01",
          rules: [
            {
              id: "pool",
              kind: "performance_pool",
              clause: "SLA 성과 풀",
              pool: "10%",
              indicators: [
                { id: "avail", name: "가용률", metric: "availability", expected: 99.5, minimum: 98, weight: 2 },
                { id: "p95", name: "응답시간", metric: "latency_p95_ms", expected: 1000, minimum: 3000 },
              ],
              table: [
                { minScore: 90, payout: "100%" },
                { minScore: 70, payout: "80%" },
                { minScore: 0, payout: "50%" },
              ],
            },
          ],
        },
      ],
    });
    const r = report({
      contract: c,
      month: "2022-04",
      functions: [april([["2022-04-09T15:00:00Z", "2022-04-09T22:12:00Z", "DOWN"]], FOUR)],
      latencyP95: () => 2000,
    });
    expect(r.money[0]).toMatchObject({
      amountKrw: 5_055_556,
      inputs: expect.objectContaining({ score: num(61.11), payout: noteValue("pool_payout", { minScore: num(0), payout: rate("50%") }) }),
    });
  });
});

describe("performance pool and reported incidents", () => {
  const pool = (countReported: boolean) => ({
    id: "pool",
    kind: "performance_pool",
    clause: "SLA 성과 풀",
    pool: "10%",
    countReported,
    indicators: [{ id: "avail", name: "가용률", metric: "availability", expected: 99.5, minimum: 98 }],
    table: [
      { minScore: 90, payout: "100%" },
      { minScore: 0, payout: "50%" },
    ],
  });
  // No measurements in April 2022; a press report says top-up was down 04-01 00:00 → 04-04 09:00 KST (81 h).
  const reported = [
    {
      id: "press-1",
      functions: ["topup"],
      start: at("2022-03-31T15:00:00Z"),
      end: at("2022-04-04T00:00:00Z"),
      summary: "동백전 먹통",
      sources: [{ title: "부산일보" }],
    },
  ];
  it.each([
    // measured only: nothing measured → the indicator is left out → no score → nothing withheld
    [false, 0, null],
    // with reports: 291,600 s down of 291,600 s eligible → availability 0% ≤ 98% minimum → score 0 → payout 50%;
    // pool = 10% of 101,111,111 = 10,111,111; paid 5,055,555.5 → 5,055,555; withheld 10,111,111 − 5,055,555 = 5,055,556
    [true, 5_055_556, 0],
  ] as const)("countReported %s: withheld %d", (countReported, withheld, score) => {
    const c = contract({ rulesets: [{ effectiveFrom: "2022-04-01", rules: [pool(countReported)] }] });
    const r = report({ contract: c, month: "2022-04", functions: [{ key: "topup", runs: [] }], reported });
    expect(r.money[0]).toMatchObject({ amountKrw: withheld, countReported });
    expect(r.money[0]!.inputs.score).toEqual(score === null ? undefined : num(score));
  });
});

describe("versioned rules and what-if", () => {
  const credit = (pct: string) => ({ id: "credit", kind: "service_credit", clause: "가용률", target: "99.5%", tiers: [{ below: "99.5%", credit: pct }] });
  const c = contract({
    rulesets: [
      { effectiveFrom: "2022-04-01", label: "원계약", rules: [credit("10%")] },
      { effectiveFrom: "2022-05-01", label: "1차 변경", rules: [credit("20%")] },
    ],
    proposed: { label: "제안: 30%", rules: [credit("30%")] },
  });
  // one 4-hour outage in each month: below 99.5% both times
  const fn = {
    key: "topup",
    runs: runs("2022-03-31T14:00:00Z", "2022-05-31T16:00:00Z", FIVE, [
      ["2022-04-10T01:00:00Z", "2022-04-10T05:00:00Z", "DOWN"],
      ["2022-05-10T01:00:00Z", "2022-05-10T05:00:00Z", "DOWN"],
    ]),
  };
  it("a past period is judged under the rules in force then", () => {
    // April: 10% of 101,111,111 = 10,111,111; May: 20% = 20,222,222.2 → 20,222,222
    const apr = report({ contract: c, month: "2022-04", functions: [fn] });
    const may = report({ contract: c, month: "2022-05", functions: [fn] });
    expect([apr.ruleset?.label, apr.totalKrw]).toEqual(["원계약", 10_111_111]);
    expect([may.ruleset?.label, may.totalKrw]).toEqual(["1차 변경", 20_222_222]);
  });
  it("a proposed change is shown beside, not instead", () => {
    // 30% of 101,111,111 = 30,333,333.3 → 30,333,333
    const may = report({ contract: c, month: "2022-05", functions: [fn] });
    expect(may.whatIf).toMatchObject({ label: "제안: 30%", totalKrw: 30_333_333 });
    expect(may.totalKrw).toBe(20_222_222);
  });
  it("before any ruleset: no money, and a warning", () => {
    const r = report({ contract: c, month: "2022-03", functions: [{ key: "topup", runs: [] }] });
    expect(r.money).toEqual([]);
    expect(r.warnings).toEqual([note("no_ruleset", { day: date("2022-03-01") })]);
  });
});

describe("performance pool in exact arithmetic", () => {
  // Two availability indicators, ESL 99.5%, MSL 98%, weight 1 each; payment had 59.983 s without data.
  //   topup:   downtime 14,725,825 ms of 2,592,000,000 ms eligible
  //   payment: downtime 18,969,736 ms of 2,591,940,017 ms eligible
  // A score is 100 × (A − 98) / 1.5 with A = 100 × (e − d) / e, i.e. (400e − 20,000d) / (3e):
  //   topup   = (1,036,800,000,000 − 294,516,500,000) / 7,776,000,000 = 742,283,500,000 / 7,776,000,000
  //   payment = (1,036,776,006,800 − 379,394,720,000) / 7,775,820,051 = 657,381,286,800 / 7,775,820,051
  // weighted × 100 = 50 × (topup + payment)
  //   = 50 × (742,283,500,000 × 7,775,820,051 + 657,381,286,800 × 7,776,000,000) / (7,776,000,000 × 7,775,820,051)
  //   = 9,000 − 7,025,000,000 / 20,154,925,572,192,000,000 (= 9,000 − 0.00000000035), just below 9,000:
  // the score is 89.99, short of the ≥ 90 row: payout 80%. In floating point the weighted score comes out as
  // 90.000000000000 to the last digit, and any tolerance (like 1e-9) lifts it into the 100% row.
  // pool = 10% of 101,111,111 = 10,111,111; paid 80% = 8,088,888.8 → 8,088,888; withheld 2,022,223.
  const rule = {
    id: "pool",
    kind: "performance_pool",
    clause: "SLA 성과 풀",
    illustrative: false,
    countReported: false,
    pool: "10%",
    indicators: [
      { id: "topup", name: "충전", metric: "availability", functions: ["topup"], expected: 99.5, minimum: 98, weight: 1 },
      { id: "payment", name: "결제", metric: "availability", functions: ["payment"], expected: 99.5, minimum: 98, weight: 1 },
    ],
    table: [
      { minScore: 90, payout: "100%" },
      { minScore: 70, payout: "80%" },
      { minScore: 0, payout: "50%" },
    ],
  } as Extract<Rule, { kind: "performance_pool" }>;
  const fig = (downtimeMs: number, eligibleMs: number) => ({ downtimeMs, eligibleMs, availability: 1 - downtimeMs / eligibleMs });
  const figures = { topup: fig(14_725_825, 2_592_000_000), payment: fig(18_969_736, 2_591_940_017) };
  const ctx = {
    feeKrw: BigInt(FEE),
    period: { start: 0, end: 1 },
    periodEnd: 1,
    asOf: 1,
    latencyP95: () => null,
    scope: ({ functions }: { functions?: string[] }) => ({ functions: functions!, outages: [], figures: figures[functions![0] as "topup" | "payment"] }),
  } as unknown as RuleContext;

  it("a weighted score a hair below 90 stays in the 80% row", () => {
    const line = performancePool(rule, ctx);
    expect(line.inputs).toMatchObject({ score: num(89.99), payout: noteValue("pool_payout", { minScore: num(70), payout: rate("80%") }) });
    expect(line.amountKrw).toBe(2_022_223);
  });

  it("the same score worked out in floating point reaches 90 (why the rule does not use it)", () => {
    const float = (d: number, e: number) => (100 * ((1 - d / e) * 100 - 98)) / 1.5;
    const weighted = (float(14_725_825, 2_592_000_000) + float(18_969_736, 2_591_940_017)) / 2;
    expect(Math.floor(weighted * 100 + 1e-9) / 100).toBe(90);
    // exact: 50 × (topup + payment) × 100 < 9,000 × 100
    const exact = score(fraction(100n * (2_592_000_000n - 14_725_825n), 2_592_000_000n), fractionOf(99.5), fractionOf(98));
    expect(exact.num * 7_776_000_000n).toBe(742_283_500_000n * exact.den);
  });
});

describe("deadlines on a date (docs/configuration.md, Dates and deadlines)", () => {
  // late days: calendar days in KST from the day after the deadline's date to the go-live day, both included;
  // one day = 3,640,000,000 × 1.3/1000 = 4,732,000 KRW
  it.each([
    ["2022-04-01T14:00:00+09:00", "2022-04-01T20:00:00+09:00", 0, "6 h late on the deadline's own day: no late day"],
    ["2022-04-01T14:00:00+09:00", "2022-04-04T09:00:00+09:00", 3 * 4_732_000, "04-02, 04-03, 04-04"],
    ["2022-04-01T23:59:59+09:00", "2022-04-01T20:00:00+09:00", 0, "by the end of 04-01: on time"],
    ["2022-04-01T23:59:59+09:00", "2022-04-02T00:30:00+09:00", 4_732_000, "04-02"],
  ])("deadline %s, go-live %s → %d KRW (%s)", (deadline, actualStart, amount) => {
    const c = contract({
      goLive: { deadline, actualStart },
      rulesets: [{ effectiveFrom: "2022-04-01", rules: [{ id: "delay", kind: "delay_damages", clause: "지체상금", dailyRate: "1.3/1000" }] }],
    });
    expect(report({ contract: c, month: "2022-04", functions: [april()] }).totalKrw).toBe(amount);
  });
});
