import { describe, expect, it } from "vitest";
import { EARLIEST_RESULT_AT, outsideWindow, resultWindow } from "@/core/result-window";

const NOW = Date.parse("2026-11-05T00:00:00Z");
const w = resultWindow({ now: NOW, skewMs: 60_000 });

describe("resultWindow", () => {
  it("runs from 2000-01-01 (or a later start) to now plus the skew", () => {
    expect(w).toEqual({ from: EARLIEST_RESULT_AT, to: NOW + 60_000 });
    expect(resultWindow({ now: NOW, skewMs: 0, from: Date.parse("2022-04-01T00:00:00Z") }).from).toBe(Date.parse("2022-04-01T00:00:00Z"));
    expect(resultWindow({ now: NOW, skewMs: 0, from: Date.parse("1999-01-01T00:00:00Z") }).from).toBe(EARLIEST_RESULT_AT);
  });
});

describe("outsideWindow", () => {
  it.each<[string, number, RegExp | null]>([
    ["now", NOW, null],
    ["within the skew", NOW + 60_000, null],
    ["the first instant of 2000", EARLIEST_RESULT_AT, null],
    ["one millisecond past the skew", NOW + 60_001, /^dated 2026-11-05T00:01:00\.001Z, after 2026-11-05T00:01:00\.000Z .*future/],
    ["a year ahead", NOW + 365 * 86_400_000, /future/],
    ["year 9999", Date.parse("9999-01-01T00:00:00Z"), /^dated 9999-01-01/],
    ["the last instant of 1999", EARLIEST_RESULT_AT - 1, /^dated 1999-12-31T23:59:59\.999Z, before 2000-01-01T00:00:00\.000Z/],
    ["year 1", Date.parse("0001-01-01T00:00:00Z"), /^dated 0001-01-01T00:00:00\.000Z, before/],
    ["not a number", NaN, /^not a valid instant$/],
  ])("%s", (_, at, expected) => {
    const why = outsideWindow(at, w);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });
});
