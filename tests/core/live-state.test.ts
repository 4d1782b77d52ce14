import { describe, expect, it } from "vitest";
import { formatLastMeasured } from "@/core/format";
import { displayState, measurementStopped, serviceState, type DisplayState } from "@/core/function-state";
import { functionNow, type LocationNow } from "@/core/live-state";

const NOW = new Date("2026-03-10T03:00:00Z"); // 12:00 KST
const ago = (sec: number) => new Date(NOW.getTime() - sec * 1000);

describe("measurementStopped: no result for more than 2 × the interval", () => {
  it.each<[string, boolean, Date | null, number]>([
    ["never measured (nothing stopped)", false, null, 60],
    ["just now", false, ago(0), 60],
    ["one interval ago", false, ago(60), 60],
    ["exactly 2 intervals ago (the grace for the write delay)", false, ago(120), 60],
    ["2 intervals and a second ago", true, ago(121), 60],
    ["an hour ago, 5-minute interval", true, ago(3600), 300],
    ["9 minutes ago, 5-minute interval", false, ago(540), 300],
    ["11 minutes ago, 5-minute interval", true, ago(660), 300],
    ["a result stamped in the future (agent clock ahead)", false, new Date(NOW.getTime() + 30_000), 60],
  ])("%s → %s", (_, stopped, lastResultAt, intervalSec) => {
    expect(measurementStopped({ lastResultAt, intervalSec, now: NOW })).toBe(stopped);
  });
});

describe("displayState: a stale result is never shown as the state now", () => {
  it.each<[string, DisplayState, string | null, Date | null]>([
    ["never measured", "NO_DATA", null, null],
    ["fresh UP", "UP", "UP", ago(30)],
    ["fresh DOWN", "DOWN", "DOWN", ago(30)],
    ["stale UP: measuring stopped", "STOPPED", "UP", ago(3600)],
    ["stale DOWN: measuring stopped, not down", "STOPPED", "DOWN", ago(3600)],
    ["stale DEGRADED", "STOPPED", "DEGRADED", ago(121)],
    ["an unknown stored word, fresh", "UNKNOWN", "WHATEVER", ago(30)],
  ])("%s → %s", (_, expected, stored, lastResultAt) => {
    expect(displayState({ stored, lastResultAt, intervalSec: 60, now: NOW })).toBe(expected);
  });
});

describe("functionNow across locations", () => {
  const at = (state: DisplayState, sec: number): LocationNow => ({ state, since: ago(sec) });
  const never: LocationNow = { state: "NO_DATA", since: null };
  it.each<[string, DisplayState, LocationNow[], number]>([
    ["one location stopped", "STOPPED", [at("STOPPED", 600)], 1],
    ["every location stopped", "STOPPED", [at("STOPPED", 600), at("STOPPED", 900)], 1],
    ["one agent offline, the other measuring UP", "UP", [at("STOPPED", 600), at("UP", 60)], 1],
    ["one agent offline, the other sees DOWN, quorum 1", "DOWN", [at("STOPPED", 600), at("DOWN", 60)], 1],
    ["one stopped, one never measured", "STOPPED", [at("STOPPED", 600), never], 1],
    ["never measured anywhere", "NO_DATA", [never], 1],
  ])("%s → %s", (_, expected, locations, quorum) => {
    expect(functionNow(locations, quorum).state).toBe(expected);
  });

  it("a stopped function's `since` is its last measurement (the latest among the locations)", () => {
    expect(functionNow([at("STOPPED", 900), at("STOPPED", 600)], 1).since).toEqual(ago(600));
  });
});

describe("serviceState never says UP when critical functions are not measured", () => {
  const fn = (state: DisplayState, critical = true) => ({ state, critical });
  it.each<[string, DisplayState, { state: DisplayState; critical: boolean }[]]>([
    ["every critical function stopped, the non-critical one UP", "STOPPED", [fn("STOPPED"), fn("STOPPED"), fn("UP", false)]],
    ["one critical function stopped, the others UP", "STOPPED", [fn("UP"), fn("STOPPED"), fn("UP")]],
    ["stopped and never measured", "STOPPED", [fn("STOPPED"), fn("NO_DATA")]],
    ["a measured outage outranks a stopped function", "DOWN", [fn("DOWN"), fn("STOPPED")]],
    ["never measured at all", "NO_DATA", [fn("NO_DATA"), fn("NO_DATA")]],
    ["all UP", "UP", [fn("UP"), fn("UP")]],
  ])("%s → %s", (_, expected, functions) => {
    expect(serviceState(functions)).toBe(expected);
  });
});

describe("formatLastMeasured: HH:MM (KST) today, the date too on another day", () => {
  it.each<[string, string, Date, "ko" | "en"]>([
    ["today, ko", "11:05", new Date("2026-03-10T02:05:00Z"), "ko"],
    ["today, en", "11:05 KST", new Date("2026-03-10T02:05:00Z"), "en"],
    ["yesterday evening KST, ko", "2026년 3월 9일 23:55", new Date("2026-03-09T14:55:00Z"), "ko"],
    ["April 2022, en", "2022-04-30 23:55 KST", new Date("2022-04-30T14:55:00Z"), "en"],
  ])("%s → %s", (_, expected, at, lang) => {
    expect(formatLastMeasured(at, NOW, lang)).toBe(expected);
  });
});
