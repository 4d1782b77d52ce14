import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "@/core/alerts/backoff";
import { dueRound, reachedChannels, roundDueAt, roundTargets, type EscalationPlan } from "@/core/alerts/escalation";

const MIN = 60_000;
const plan: EscalationPlan = { levels: [["ops-hook", "ops-mail"], ["manager"], ["director"]], repeatEveryMs: 15 * MIN, maxRepeats: 4 };
const t0 = Date.parse("2026-12-03T01:00:00Z");

describe("escalation of an unacknowledged outage", () => {
  it.each([
    ["at the first alert", 0, 0],
    ["14 min 59 s later", 15 * MIN - 1000, 0],
    ["15 min later: round 1", 15 * MIN, 1],
    ["44 min later: round 2", 44 * MIN, 2],
    ["an hour later: round 4", 60 * MIN, 4],
    ["five hours later: still round 4 (maxRepeats), no floods", 300 * MIN, 4],
    ["a clock before the alert", -MIN, 0],
  ])("%s", (_name, offset, round) => {
    expect(dueRound(plan, t0, t0 + offset)).toBe(round);
  });

  it("round 0 alerts level 0; each round repeats to those alerted and brings in the next level", () => {
    expect(roundTargets(plan, 0)).toEqual([
      { channel: "ops-hook", level: 0, escalated: false },
      { channel: "ops-mail", level: 0, escalated: false },
    ]);
    expect(roundTargets(plan, 1)).toEqual([
      { channel: "ops-hook", level: 0, escalated: false },
      { channel: "ops-mail", level: 0, escalated: false },
      { channel: "manager", level: 1, escalated: true },
    ]);
    expect(roundTargets(plan, 2).filter((t) => t.escalated)).toEqual([{ channel: "director", level: 2, escalated: true }]);
    // past the last level: repeats to everyone, nobody new
    expect(roundTargets(plan, 3).map((t) => t.channel)).toEqual(["ops-hook", "ops-mail", "manager", "director"]);
    expect(roundTargets(plan, 3).some((t) => t.escalated)).toBe(false);
  });

  it("the closing alert goes to every level reached", () => {
    expect(reachedChannels(plan, 1).map((c) => c.channel)).toEqual(["ops-hook", "ops-mail", "manager"]);
  });

  it("round r is due r × N after the first alert", () => {
    expect(roundDueAt(plan, t0, 3)).toBe(t0 + 45 * MIN);
  });
});

describe("retries with backoff", () => {
  it("5 s, then three times longer, capped at 15 min, giving up after the last attempt", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1));
    // 5 s, 15 s, 45 s, 135 s, 405 s, 1,215 s → capped at 900 s, …; the 10th failure gives up
    expect(delays).toEqual([5_000, 15_000, 45_000, 135_000, 405_000, 900_000, 900_000, 900_000, 900_000, null]);
    // about 1 h 14 min from the first failure to the last attempt: 5+15+45+135+405+4×900 = 4,205 s
    expect(delays.slice(0, -1).reduce((a, b) => a! + b!, 0)).toBe(4_205_000);
  });

  it("counts attempts from 1", () => {
    expect(() => retryDelayMs(0)).toThrow();
  });
});
