import { describe, expect, it } from "vitest";
import { locationTimeline, type Run } from "@/core/accounting/location-timeline";
import { totalMs } from "@/core/accounting/intervals";
import { intensifiedAt, nextRun, type WatchPlan } from "@/core/changeover/watch-plan";
import { nextDueMs, phaseMs } from "@/core/schedule";

const KST = (s: string) => Date.parse(`${s}+09:00`);
const S = 1000;
const MIN = 60 * S;
const KEY = "dongbaekjeon-topup-busan";

/** Every run from `from` to `to` as the worker schedules it, with the interval it states. */
function schedule(plan: WatchPlan | null, normalMs: number, from: number, to: number): { at: number; intervalMs: number }[] {
  const out: { at: number; intervalMs: number }[] = [];
  let next = nextRun(KEY, normalMs, plan, from, false);
  while (next.at < to) {
    out.push({ at: next.at, intervalMs: next.watch ? plan!.intervalMs : normalMs });
    next = nextRun(KEY, normalMs, plan, next.at, next.watch);
  }
  return out;
}

// The 2022 changeover: cutover 04-01 00:00 KST, go-live 04-04 09:00, watch until 2 days after: 04-06 09:00.
// Peaks: the 1st of each month, 08:30–11:00 KST.
const plan: WatchPlan = {
  intervalMs: 10 * S,
  timeZone: "Asia/Seoul",
  windows: [{ start: KST("2022-04-01T00:00:00"), end: KST("2022-04-06T09:00:00") }],
  peaks: [{ days: [1], fromMin: 8 * 60 + 30, toMin: 11 * 60 }],
};

describe("intensified watch with an injected clock", () => {
  it.each([
    ["before the cutover", "2022-03-31T23:59:59", false],
    ["at the cutover's start", "2022-04-01T00:00:00", true],
    ["during the late go-live", "2022-04-03T12:00:00", true],
    ["the last instant of the two days after go-live", "2022-04-06T08:59:59", true],
    ["after them", "2022-04-06T09:00:00", false],
    ["May 1st 08:29:59, before the peak", "2022-05-01T08:29:59", false],
    ["May 1st 08:30, the peak", "2022-05-01T08:30:00", true],
    ["May 1st 11:00, after the peak", "2022-05-01T11:00:00", false],
    ["May 2nd 09:00, not a peak day", "2022-05-02T09:00:00", false],
  ])("%s (%s KST): %s", (_name, at, expected) => {
    expect(intensifiedAt(plan, KST(at))).toBe(expected);
  });

  it("the interval shortens at the start and lengthens after the end, on schedule", () => {
    const normal = 60 * S;
    const runs = schedule(plan, normal, KST("2022-05-01T08:00:00"), KST("2022-05-01T11:30:00"));
    const watch = runs.filter((r) => r.intervalMs === 10 * S);
    // the first watch run is the first 10 s slot at or after 08:30:00, the last one before the first
    // normal slot at or after 11:00:00 (the tail that keeps runs within 2 × 10 s of each other)
    const firstSlot = nextDueMs(KEY, 10 * S, KST("2022-05-01T08:30:00") - 1);
    const normalAfter = nextDueMs(KEY, normal, KST("2022-05-01T11:00:00") - 1);
    expect(watch[0]!.at).toBe(firstSlot);
    expect(watch.at(-1)!.at).toBeLessThan(normalAfter);
    expect(normalAfter - watch.at(-1)!.at).toBeLessThanOrEqual(10 * S);
    expect(runs.find((r) => r.at === normalAfter)!.intervalMs).toBe(normal);
    // 08:30 → 11:00 is 150 min = 900 slots of 10 s; the tail adds at most 6 (one normal interval)
    expect(watch.length).toBeGreaterThanOrEqual(899);
    expect(watch.length).toBeLessThanOrEqual(906);
    // before and after: the normal interval, on the probe's own phase
    for (const r of runs.filter((x) => x.intervalMs === normal)) expect((r.at - phaseMs(KEY, normal)) % normal).toBe(0);
    expect(runs.filter((r) => r.at < KST("2022-05-01T08:30:00")).every((r) => r.intervalMs === normal)).toBe(true);
    expect(runs.filter((r) => r.at > normalAfter).every((r) => r.intervalMs === normal)).toBe(true);
  });

  it("no switch opens a gap: no NO_DATA, and an outage measures the same downtime", () => {
    const normal = 60 * S;
    const from = KST("2022-05-01T07:00:00");
    const to = KST("2022-05-01T13:00:00");
    const down = { start: KST("2022-05-01T10:00:00"), end: KST("2022-05-01T12:00:00") };
    const state = (at: number) => (at >= down.start && at < down.end ? "DOWN" : "UP");
    const toRuns = (list: { at: number; intervalMs: number }[]): Run[] => list.map((r) => ({ ...r, state: state(r.at) }));
    const window = { start: KST("2022-05-01T08:00:00"), end: KST("2022-05-01T12:30:00") };
    const watched = locationTimeline(toRuns(schedule(plan, normal, from, to)), window, 3);
    const plain = locationTimeline(toRuns(schedule(null, normal, from, to)), window, 3);
    expect(totalMs(watched.noData)).toBe(0);
    expect(totalMs(plain.noData)).toBe(0);
    // Down 10:00–12:00 KST: the watched outage starts at the first 10 s slot at or after 10:00 and
    // ends at the first normal slot at or after 12:00 (the watch ended at 11:00); the plain one at
    // the 60 s slots: both within one interval of 2 h.
    const watchedDown = totalMs(watched.down);
    const plainDown = totalMs(plain.down);
    const firstWatchDown = nextDueMs(KEY, 10 * S, down.start - 1);
    const firstPlainDown = nextDueMs(KEY, normal, down.start - 1);
    const firstUp = nextDueMs(KEY, normal, down.end - 1);
    expect(watchedDown).toBe(firstUp - firstWatchDown);
    expect(plainDown).toBe(firstUp - firstPlainDown);
    // the start is placed to within 10 s (watch), the end to within 60 s (normal): −10 s < error < 60 s
    expect(watchedDown - 2 * 60 * MIN).toBeGreaterThan(-10 * S);
    expect(watchedDown - 2 * 60 * MIN).toBeLessThan(60 * S);
  });

  it("a watch no shorter than the probe's interval changes nothing", () => {
    const slow = { ...plan, intervalMs: 60 * S };
    expect(schedule(slow, 30 * S, KST("2022-04-01T00:00:00"), KST("2022-04-01T01:00:00"))).toEqual(
      schedule(null, 30 * S, KST("2022-04-01T00:00:00"), KST("2022-04-01T01:00:00")),
    );
  });
});
