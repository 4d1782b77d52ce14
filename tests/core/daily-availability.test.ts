import { describe, expect, it } from "vitest";
import { dailyBars, spanAvailability } from "@/core/daily-availability";
import { formatPercent } from "@/core/format";

describe("daily bars in KST", () => {
  // Day 2026-03-02 KST = [2026-03-01T15:00Z, 2026-03-02T15:00Z).
  const hours = (fromIso: string, n: number, measuredSec = 3600) =>
    Array.from({ length: n }, (_, i) => ({ hourStart: new Date(Date.parse(fromIso) + i * 3_600_000), measuredSec }));

  it("an outage across KST midnight is split between the two days", () => {
    // outage 2026-03-02 23:30 KST → 2026-03-03 00:45 KST = 14:30Z → 15:45Z:
    // 30 min (1,800 s) on 03-02 and 45 min (2,700 s) on 03-03.
    const bars = dailyBars({
      lastDay: { year: 2026, month: 3, day: 3 },
      days: 2,
      timeZone: "Asia/Seoul",
      now: new Date("2026-03-03T14:59:59Z"),
      outages: [{ start: new Date("2026-03-02T14:30:00Z"), end: new Date("2026-03-02T15:45:00Z") }],
      coverage: hours("2026-03-01T15:00:00Z", 48),
    });
    expect(bars.map((b) => [b.date, b.downSec])).toEqual([
      ["2026-03-02", 1800],
      ["2026-03-03", 2700],
    ]);
    // 1 − 1,800 / 86,400 = 0.979166…
    expect(bars[0]!.availability).toBeCloseTo(1 - 1800 / 86400, 10);
  });

  it("a day without measurements is no data, not 100%", () => {
    const bars = dailyBars({
      lastDay: { year: 2026, month: 3, day: 3 },
      days: 1,
      timeZone: "Asia/Seoul",
      now: new Date("2026-03-03T14:00:00Z"),
      outages: [],
      coverage: [],
    });
    expect(bars[0]!.availability).toBeNull();
  });

  it("an open outage runs to now, and today counts only up to now", () => {
    // now = 03-03 06:00 KST (21:00Z on 03-02): 6 h of today measured, outage open since 05:00 KST → 3,600 s down.
    const bars = dailyBars({
      lastDay: { year: 2026, month: 3, day: 3 },
      days: 1,
      timeZone: "Asia/Seoul",
      now: new Date("2026-03-02T21:00:00Z"),
      outages: [{ start: new Date("2026-03-02T20:00:00Z"), end: null }],
      coverage: hours("2026-03-02T15:00:00Z", 6),
    });
    // 1 − 3,600 / 21,600 = 0.8333…
    expect(bars[0]).toMatchObject({ downSec: 3600, measuredSec: 21600 });
    expect(bars[0]!.availability).toBeCloseTo(5 / 6, 10);
  });
});

describe("90-day availability beside the bars", () => {
  const day = 86_400;
  it.each([
    // 89 full days up and one day with 81 min down: 1 − 4,860 ÷ (90 × 86,400 = 7,776,000) = 0.999375 → "99.93%" (truncated, not 99.94%)
    {
      name: "one long outage in 90 days",
      bars: [...Array.from({ length: 89 }, () => ({ downSec: 0, measuredSec: day })), { downSec: 4_860, measuredSec: day }],
      shown: "99.93%",
    },
    // days without measurements add nothing: 1 − 3,600 ÷ (2 × 86,400 = 172,800) = 0.979166… → "97.91%"
    {
      name: "days without data are left out",
      bars: [
        { downSec: 0, measuredSec: 0 },
        { downSec: 3_600, measuredSec: day },
        { downSec: 0, measuredSec: day },
      ],
      shown: "97.91%",
    },
    // 7 s down of 90 measured days: 1 − 7 ÷ 7,776,000 = 0.9999990… → "99.99%", never "100.00%"
    {
      name: "a few seconds down never shows 100%",
      bars: [...Array.from({ length: 89 }, () => ({ downSec: 0, measuredSec: day })), { downSec: 7, measuredSec: day }],
      shown: "99.99%",
    },
    { name: "nothing down", bars: [{ downSec: 0, measuredSec: 600 }], shown: "100.00%" },
  ])("$name → $shown", ({ bars, shown }) => {
    expect(formatPercent(spanAvailability(bars)!)).toBe(shown);
  });
  it("nothing measured is no figure, not 100%", () => expect(spanAvailability([{ downSec: 0, measuredSec: 0 }])).toBeNull());
});
