import { describe, expect, it } from "vitest";
import { detectOutages, type DetectorInput } from "@/core/outage-detector";
import type { ProbeState } from "@/core/probe-result";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const CODES: Record<string, ProbeState> = { U: "UP", S: "DEGRADED", D: "DOWN", "?": "UNKNOWN" };

/**
 * A timeline as letters, one run per 10 s interval starting at T0:
 * U = UP, S = DEGRADED (slow), D = DOWN, ? = UNKNOWN, _ = no run (a gap).
 */
function timeline(text: string, intervalMs = 10_000): DetectorInput[] {
  const out: DetectorInput[] = [];
  [...text].forEach((c, i) => {
    if (c === "_") return;
    out.push({ at: new Date(T0 + i * intervalMs), state: CODES[c]!, intervalMs });
  });
  return out;
}
const at = (sec: number) => new Date(T0 + sec * 1000);

describe("outage detection (docs/methodology.md rules), confirm = 3, interval 10 s", () => {
  const cases: {
    name: string;
    text: string;
    outages: { start: number; end: number | null; failures: number }[];
    blips: { start: number; end: number; failures: number }[];
  }[] = [
    {
      name: "all up: nothing",
      text: "UUUUUU",
      outages: [],
      blips: [],
    },
    {
      // runs 2,3,4 fail (t = 20, 30, 40 s); confirmed at the third; first UP run at t = 50 s.
      // outage = [20 s, 50 s) = 30 s, three failures.
      name: "three failures are an outage from the first failing run to the first UP run",
      text: "UUDDDUU",
      outages: [{ start: 20, end: 50, failures: 3 }],
      blips: [],
    },
    {
      // two failures at 10 s and 20 s, UP at 30 s: a blip [10 s, 30 s), never downtime.
      name: "a streak shorter than confirm is a blip",
      text: "UDDUU",
      outages: [],
      blips: [{ start: 10, end: 30, failures: 2 }],
    },
    {
      // failures at 10,20,30,40,50 s, still failing at the end: open outage from 10 s, five failures.
      name: "an outage still failing at the end stays open",
      text: "UDDDDD",
      outages: [{ start: 10, end: null, failures: 5 }],
      blips: [],
    },
    {
      // DEGRADED is a correct answer, only slow: it ends the outage at 40 s. [10 s, 40 s) = 30 s.
      name: "a slow but correct answer ends an outage",
      text: "UDDDSU",
      outages: [{ start: 10, end: 40, failures: 3 }],
      blips: [],
    },
    {
      // UNKNOWN at 30 s neither breaks nor counts: failures at 10, 20, 40 s make the third at 40 s;
      // the outage starts at the first failing run (10 s) and ends at the first UP (50 s).
      name: "UNKNOWN neither extends nor breaks a streak",
      text: "UDD?DU",
      outages: [{ start: 10, end: 50, failures: 3 }],
      blips: [],
    },
    {
      // failures at 10 s and 20 s; no runs at 30, 40, 50 s (gap from 20 s to 60 s = 40 s > 2 × 10 s):
      // the streak is broken; blip [10 s, 30 s) ends one interval after its last failure.
      // Failures at 60, 70 s then UP at 80 s: a second blip [60 s, 80 s).
      name: "a gap longer than two intervals breaks an unconfirmed streak",
      text: "UDD___DDU",
      outages: [],
      blips: [
        { start: 10, end: 30, failures: 2 },
        { start: 60, end: 80, failures: 2 },
      ],
    },
    {
      // gap from 40 s to 80 s (exactly... 40 s > 20 s) does not close a confirmed outage:
      // outage [10 s, 100 s) with failures at 10,20,30,80,90 s = 5.
      name: "a confirmed outage stays open across a gap (NO_DATA is subtracted later, not here)",
      text: "UDDD____DDU",
      outages: [{ start: 10, end: 100, failures: 5 }],
      blips: [],
    },
    {
      // a gap of exactly 2 × interval (run at 10 s, next at 30 s: 20 s) is not NO_DATA: the streak holds.
      // failures 10, 30, 40 s → confirmed at 40 s, start 10 s; UP at 50 s.
      name: "a gap of exactly two intervals keeps the streak",
      text: "UD_DDU",
      outages: [{ start: 10, end: 50, failures: 3 }],
      blips: [],
    },
    {
      // two separate outages: [10 s, 40 s) and [60 s, 100 s).
      name: "two outages",
      text: "UDDDUUDDDDU",
      outages: [
        { start: 10, end: 40, failures: 3 },
        { start: 60, end: 100, failures: 4 },
      ],
      blips: [],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const r = detectOutages(timeline(c.text), 3);
      expect(r.outages.map((o) => ({ start: o.startedAt, end: o.endedAt, failures: o.failures }))).toEqual(
        c.outages.map((o) => ({ start: at(o.start), end: o.end === null ? null : at(o.end), failures: o.failures })),
      );
      expect(r.blips.map((b) => ({ start: b.startedAt, end: b.endedAt, failures: b.failures }))).toEqual(
        c.blips.map((b) => ({ start: at(b.start), end: at(b.end), failures: b.failures })),
      );
    });
  }

  it("confirmation time is the run that completes the streak", () => {
    // failures at 20, 30, 40 s: confirmed by the run at 40 s.
    const r = detectOutages(timeline("UUDDDU"), 3);
    expect(r.outages[0]!.confirmedAt).toEqual(at(40));
  });

  it("confirm = 1 opens on the first failure", () => {
    // failure at 10 s, UP at 20 s: outage [10 s, 20 s) = one interval.
    const r = detectOutages(timeline("UDU"), 1);
    expect(r.outages).toEqual([{ startedAt: at(10), confirmedAt: at(10), endedAt: at(20), failures: 1 }]);
  });

  it("ignores duplicate and out-of-order results", () => {
    const runs = timeline("UDDDU");
    const shuffled = [runs[0]!, runs[1]!, runs[1]!, runs[2]!, runs[0]!, runs[3]!, runs[4]!];
    // the same as without the repeats: [10 s, 40 s)
    expect(detectOutages(shuffled, 3).outages).toEqual([{ startedAt: at(10), confirmedAt: at(30), endedAt: at(40), failures: 3 }]);
  });
});
