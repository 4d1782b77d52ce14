import { describe, expect, it } from "vitest";
import { monthWindow } from "@/core/accounting/periods";
import { dayWindow, zonedTimeToUtc } from "@/core/time-zone";

const HOUR = 3_600_000;
const hours = (zone: string, date: string) => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const w = dayWindow({ year, month, day }, zone);
  return (w.end.getTime() - w.start.getTime()) / HOUR;
};

describe("calendar days where daylight saving time changes", () => {
  it.each([
    // Chile 2022: clocks went from 00:00 to 01:00 on 09-11 (UTC−4 → UTC−3): 09-10 has 24 h, 09-11 has 23 h
    ["America/Santiago", "2022-09-10", 24],
    ["America/Santiago", "2022-09-11", 23],
    // and back on 04-03 at 00:00 (UTC−3 → UTC−4, 23:00 again on 04-02): 04-02 has 25 h
    ["America/Santiago", "2022-04-02", 25],
    ["America/Santiago", "2022-04-03", 24],
    // Brazil 2018: midnight skipped on 11-04
    ["America/Sao_Paulo", "2018-11-03", 24],
    ["America/Sao_Paulo", "2018-11-04", 23],
    // Europe changes at 02:00/03:00, not at midnight
    ["Europe/Berlin", "2022-03-27", 23],
    ["Europe/Berlin", "2022-10-30", 25],
    ["Asia/Seoul", "2022-04-01", 24],
  ])("%s %s has %i hours", (zone, date, h) => {
    expect(hours(zone, date)).toBe(h);
  });

  it("a day whose midnight does not exist begins when the clocks jump (01:00 local)", () => {
    // 2022-09-11 01:00 in Santiago (UTC−3) = 04:00 UTC
    expect(dayWindow({ year: 2022, month: 9, day: 11 }, "America/Santiago").start.toISOString()).toBe("2022-09-11T04:00:00.000Z");
    // a repeated wall time is its first occurrence: 2022-04-02 23:30 happens at 02:30 UTC (UTC−3) and 03:30 UTC (UTC−4)
    expect(zonedTimeToUtc({ year: 2022, month: 4, day: 2 }, 23, 30, "America/Santiago").toISOString()).toBe("2022-04-03T02:30:00.000Z");
  });

  it("KST months are unchanged: April 2022 is [03-31 15:00 UTC, 04-30 15:00 UTC), 720 h", () => {
    const w = monthWindow({ year: 2022, month: 4 }, "Asia/Seoul");
    expect([new Date(w.start).toISOString(), new Date(w.end).toISOString()]).toEqual(["2022-03-31T15:00:00.000Z", "2022-04-30T15:00:00.000Z"]);
    expect((w.end - w.start) / HOUR).toBe(720);
  });
});
