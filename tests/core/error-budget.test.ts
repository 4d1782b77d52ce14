import { describe, expect, it } from "vitest";
import { parseRational } from "@/core/accounting/rational";
import { bucketRange, burnRate, burnsFaster, evaluateBudget, minEventsFor, sumWindow, type WindowCounts } from "@/core/alerts/error-budget";

const MIN = 60_000;
const H = 60 * MIN;
const obj = (s: string) => parseRational(s)!;

/** counts for the five windows: 5 min, 30 min, 1 h, 6 h, 3 d */
function windows(c: { m5: WindowCounts; m30: WindowCounts; h1: WindowCounts; h6: WindowCounts; d3: WindowCounts }): Map<number, WindowCounts> {
  return new Map([
    [5 * MIN, c.m5],
    [30 * MIN, c.m30],
    [H, c.h1],
    [6 * H, c.h6],
    [72 * H, c.d3],
  ]);
}
const w = (total: number, bad: number): WindowCounts => ({ good: total - bad, bad });
const quiet = w(0, 0);

describe("error-budget burn rates (Google SRE workbook, multiwindow multi-burn-rate)", () => {
  // Objective 99.5%: the budget is 0.5% = 0.005 of runs. Runs every 10 s: 30 in 5 min,
  // 180 in 30 min, 360 in 1 h, 2,160 in 6 h.
  const cases: { name: string; objective: string; c: Parameters<typeof windows>[0]; page: boolean; ticket: boolean }[] = [
    {
      // 1 h: 26 / 360 = 0.0722 → ÷ 0.005 = 14.44× > 14.4; 5 min: 3 / 30 = 0.1 → 20× > 14.4
      name: "page: 14.44× over 1 h, confirmed by 20× over 5 min",
      objective: "99.5%",
      c: { m5: w(30, 3), m30: w(180, 3), h1: w(360, 26), h6: w(2160, 26), d3: w(25_920, 26) },
      page: true,
      ticket: false, // 3 d: 26 / 25,920 = 0.001 → 0.2×; 6 h: 26 / 2,160 → 2.4× (> 1, but the 3-day window is not)
    },
    {
      // 1 h: 72 / 1,000 = 0.072 → exactly 14.4×, which is not faster than 14.4 (the workbook's ">")
      name: "exactly 14.4× over 1 h does not page, however bad the 5 minutes",
      objective: "99.5%",
      c: { m5: w(30, 30), m30: w(180, 30), h1: w(1000, 72), h6: w(6000, 72), d3: w(72_000, 72) },
      page: false, // 6 h: 72 / 6,000 = 0.012 → 2.4× < 6
      ticket: false, // 3 d: 72 / 72,000 = 0.001 → 0.2×
    },
    {
      // 1 h: 60 / 360 → 33.3×, but 5 min: 0 / 30 → 0×: the fault has stopped, so no page (resets fast)
      name: "a bad hour that has already recovered does not page",
      objective: "99.5%",
      c: { m5: w(30, 0), m30: w(180, 0), h1: w(360, 60), h6: w(2160, 60), d3: w(25_920, 60) },
      page: false, // 6 h: 60 / 2,160 = 0.0278 → 5.56× < 6
      ticket: false, // 6 h 5.56× > 1 but 3 d: 60 / 25,920 = 0.00231 → 0.46× < 1
    },
    {
      // 6 h: 70 / 2,160 = 0.0324 → 6.48× > 6; 30 min: 6 / 180 = 0.0333 → 6.67× > 6.
      // 1 h: 10 / 360 → 5.56× < 14.4, so only the slower page rule fires.
      name: "page: 6.48× over 6 h confirmed by 6.67× over 30 min",
      objective: "99.5%",
      c: { m5: w(30, 1), m30: w(180, 6), h1: w(360, 10), h6: w(2160, 70), d3: w(25_920, 70) },
      page: true,
      ticket: false, // 3 d: 70 / 25,920 = 0.0027 → 0.54×
    },
    {
      // Runs every 60 s: 4,320 in 3 d, 360 in 6 h. 3 d: 30 / 4,320 = 0.00694 → 1.39× > 1;
      // 6 h: 3 / 360 = 0.00833 → 1.67× > 1 → ticket. 6 h is far below 6×: no page.
      name: "ticket: 1.39× over 3 days confirmed by 1.67× over 6 h",
      objective: "99.5%",
      c: { m5: w(5, 0), m30: w(30, 0), h1: w(60, 1), h6: w(360, 3), d3: w(4320, 30) },
      page: false,
      ticket: true,
    },
    {
      // 3 d: 21 / 4,320 = 0.00486 → 0.97× < 1: under budget, however the last 6 h went
      name: "just under budget over 3 days: no ticket",
      objective: "99.5%",
      c: { m5: w(5, 0), m30: w(30, 0), h1: w(60, 0), h6: w(360, 21), d3: w(4320, 21) },
      page: false,
      ticket: false,
    },
    {
      // 99.9% leaves 0.001. 1 h: 6 / 360 = 0.01667 → 16.7× > 14.4; 5 min: 1 / 30 → 33.3×. The same
      // counts against 99.5% are 3.3× and 6.7×: the objective decides.
      name: "a stricter objective (99.9%) pages on fewer failures",
      objective: "99.9%",
      c: { m5: w(30, 1), m30: w(180, 1), h1: w(360, 6), h6: w(2160, 6), d3: w(25_920, 6) },
      page: true,
      ticket: false, // 3 d: 6 / 25,920 → 0.23×
    },
    {
      name: "nothing measured: nothing fires",
      objective: "99.5%",
      c: { m5: quiet, m30: quiet, h1: quiet, h6: quiet, d3: quiet },
      page: false,
      ticket: false,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const v = evaluateBudget(windows(c.c), obj(c.objective));
      expect({ page: v.page, ticket: v.ticket }).toEqual({ page: c.page, ticket: c.ticket });
    });
  }

  it("a window less than half full does not count: one failure in a new monitor's first minutes is no page", () => {
    // A monitor 3 minutes old at 10 s: 18 runs, 1 failed. 1 h: 1/18 → 11.1×; 6 h the same; 30 min: 11.1× > 6.
    // Without a minimum the 6 h / 30 min rule would page. A full hour holds 360 runs: at least 180 are needed.
    const young = windows({ m5: w(18, 1), m30: w(18, 1), h1: w(18, 1), h6: w(18, 1), d3: w(18, 1) });
    expect(evaluateBudget(young, obj("99.5%")).page).toBe(true);
    expect(evaluateBudget(young, obj("99.5%"), 10_000)).toMatchObject({ page: false, ticket: false });
    // the first case again, with its interval: 360 runs in the hour (≥ 180), 2,160 in 6 h (≥ 1,080) — still a page
    expect(evaluateBudget(windows(cases[0]!.c), obj("99.5%"), 10_000).page).toBe(true);
    expect(minEventsFor(72 * H, 60_000)).toBe(2160);
  });

  it("reports each window's burn rate for people to read", () => {
    const v = evaluateBudget(windows(cases[0]!.c), obj("99.5%"));
    expect(v.burn[String(H)]).toBeCloseTo(14.444, 3); // 26/360/0.005
    expect(v.burn[String(5 * MIN)]).toBeCloseTo(20, 6); // 3/30/0.005
    expect(v.firing).toEqual([{ severity: "PAGE", longMs: H, shortMs: 5 * MIN, factor: "14.4" }]);
    expect(evaluateBudget(windows(cases[7]!.c), obj("99.5%")).burn[String(H)]).toBeNull();
  });

  it("compares exactly: 72 of 1,000 at 99.5% is 14.4×, not faster", () => {
    expect(burnsFaster({ good: 928, bad: 72 }, obj("99.5%"), { num: 72n, den: 5n })).toBe(false);
    expect(burnsFaster({ good: 927, bad: 73 }, obj("99.5%"), { num: 72n, den: 5n })).toBe(true);
    expect(burnRate({ good: 928, bad: 72 }, obj("99.5%"))).toBeCloseTo(14.4, 9);
  });

  it("refuses an objective of 100% (no budget) or 0%", () => {
    expect(() => evaluateBudget(windows(cases[0]!.c), obj("100%"))).toThrow(/between 0 and 100%/);
    expect(() => evaluateBudget(windows(cases[0]!.c), obj("0%"))).toThrow(/between 0 and 100%/);
  });
});

describe("windows from roll-up buckets", () => {
  const now = Date.parse("2026-12-03T10:07:30Z");

  it("a 5-minute window is the minute now filling and the four before it", () => {
    // lastStart 10:07:00; firstStart 10:07 − 5 min + 1 min = 10:03:00 → buckets 10:03, 10:04, 10:05, 10:06, 10:07
    expect(bucketRange(now, 5 * MIN, MIN)).toEqual({ firstStart: Date.parse("2026-12-03T10:03:00Z"), lastStart: Date.parse("2026-12-03T10:07:00Z") });
  });

  it("the 3-day window is the hour now filling and the 71 before it", () => {
    // lastStart 10:00; firstStart 10:00 − 72 h + 1 h = 2026-11-30 11:00
    expect(bucketRange(now, 72 * H, H)).toEqual({ firstStart: Date.parse("2026-11-30T11:00:00Z"), lastStart: Date.parse("2026-12-03T10:00:00Z") });
  });

  it("sums only the buckets inside the window", () => {
    const at = (iso: string) => Date.parse(`2026-12-03T${iso}:00Z`);
    const buckets = [
      { start: at("10:02"), good: 100, bad: 100 }, // before the window
      { start: at("10:03"), good: 6, bad: 0 },
      { start: at("10:06"), good: 4, bad: 2 },
      { start: at("10:07"), good: 2, bad: 1 }, // the minute now filling
      { start: at("10:08"), good: 100, bad: 100 }, // after now (clock skew): ignored
    ];
    expect(sumWindow(buckets, now, 5 * MIN, MIN)).toEqual({ good: 12, bad: 3 });
  });
});
