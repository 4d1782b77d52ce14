import { describe, expect, it } from "vitest";
import { peakWarning, type HourFigure, type PeakRule } from "@/core/changeover/peak-warning";

const KST = (s: string) => Date.parse(`${s}+09:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rule: PeakRule = { id: "first-of-month-0900", day: 1, hour: 9, latencyFactor: 2, errorRateAbove: 0.05, months: 3, warnBeforeMs: 3 * DAY };

/**
 * Synthetic hourly history, 2024-09-01 00:00 KST to 2024-12-01 00:00 KST: every hour 60 runs,
 * no failures, p95 200 ms; `peak` overrides the 09:00 KST hour of the 1st of each month.
 */
function history(peak: (month: number) => Partial<HourFigure>): HourFigure[] {
  const out: HourFigure[] = [];
  for (let t = KST("2024-09-01T00:00:00"); t < KST("2024-12-01T00:00:00"); t += HOUR) {
    const local = new Date(t + 9 * HOUR);
    const isPeak = local.getUTCDate() === 1 && local.getUTCHours() === 9;
    out.push({ hourStart: t, runs: 60, failures: 0, latencyP95: 200, ...(isPeak ? peak(local.getUTCMonth() + 1) : {}) });
  }
  return out;
}
const NOW = KST("2024-11-28T12:00:00"); // 2 days 21 hours before the next peak, 2024-12-01 09:00 KST

describe("peak-day early warning", () => {
  it("fires on three months of slow 09:00 peaks and shows ahead of the next one", () => {
    // p95 at the peak 600 ms vs a month's median of 200 ms: 600 > 2 × 200 = 400 → degraded, three months running
    const w = peakWarning(
      history(() => ({ latencyP95: 600 })),
      rule,
      "Asia/Seoul",
      NOW,
    );
    expect(w.months.map((m) => [m.month, m.degraded, m.latencyP95, m.medianLatencyP95])).toEqual([
      ["2024-09", "latency", 600, 200],
      ["2024-10", "latency", 600, 200],
      ["2024-11", "latency", 600, 200],
    ]);
    expect(w.firing).toBe(true);
    expect(w.nextPeak).toBe(KST("2024-12-01T09:00:00"));
    // shown from 3 days before: 2024-11-28 09:00 KST; NOW is 12:00 that day
    expect(w.showNow).toBe(true);
    expect(
      peakWarning(
        history(() => ({ latencyP95: 600 })),
        rule,
        "Asia/Seoul",
        KST("2024-11-28T08:59:00"),
      ).showNow,
    ).toBe(false);
  });

  it("fires on errors: 10% failing at the peak against a median of 0% is more than 5 points", () => {
    // 6 of 60 runs failed = 0.10 > 0 + 0.05
    expect(
      peakWarning(
        history(() => ({ failures: 6 })),
        rule,
        "Asia/Seoul",
        NOW,
      ),
    ).toMatchObject({ firing: true, showNow: true });
  });

  it.each([
    ["a clean history", () => ({})],
    // 400 ms is exactly 2 × 200: not worse than the factor
    ["a peak exactly at the factor", () => ({ latencyP95: 400 })],
    // 3 of 60 = 0.05: not more than 5 points above the median
    ["errors exactly at the margin", () => ({ failures: 3 })],
    // only two months of three degraded (October was fine)
    ["two degraded months of three", (month: number) => (month === 10 ? {} : { latencyP95: 900 })],
    // no data at the peak in November: nothing is claimed unmeasured
    ["a month without data at the peak", (month: number) => (month === 11 ? { runs: 0, latencyP95: null } : { latencyP95: 900 })],
  ])("does not fire on %s", (_name, peak) => {
    const w = peakWarning(history(peak as (m: number) => Partial<HourFigure>), rule, "Asia/Seoul", NOW);
    expect(w.firing).toBe(false);
    expect(w.showNow).toBe(false);
  });

  it("a peak still under way is not judged yet; the one after it is the next", () => {
    // 2024-11-01 09:30 KST: November's peak has not ended, so the three judged are Aug, Sep, Oct (no August data → not firing)
    const w = peakWarning(
      history(() => ({ latencyP95: 600 })),
      rule,
      "Asia/Seoul",
      KST("2024-11-01T09:30:00"),
    );
    expect(w.months.map((m) => m.month)).toEqual(["2024-08", "2024-09", "2024-10"]);
    expect(w.firing).toBe(false);
    expect(w.nextPeak).toBe(KST("2024-11-01T09:00:00"));
  });
});
