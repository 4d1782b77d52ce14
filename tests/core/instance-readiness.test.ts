import { describe, expect, it } from "vitest";
import { readiness, staleAfterMs, type ReadinessInput } from "@/core/health/readiness";

const NOW = Date.parse("2026-12-07T00:00:00Z");
const base: ReadinessInput = {
  now: NOW,
  database: { reachable: true, pendingMigrations: [] },
  beats: [
    { role: "worker", at: NOW - 4_000 },
    { role: "alerter", at: NOW - 2_000 },
  ],
  roles: ["worker", "alerter"],
  smallestIntervalMs: 10_000,
  disk: { usedFraction: 0.25, path: "/data" },
};

describe("readiness", () => {
  it.each([
    // 10 s probes: a beat may be 30 s old (the floor), not more
    ["all well", base, true, []],
    ["a worker beat 30 s old is still fresh", { ...base, beats: [{ role: "worker", at: NOW - 30_000 }, base.beats[1]!] }, true, []],
    ["a worker beat 30.001 s old is stale", { ...base, beats: [{ role: "worker", at: NOW - 30_001 }, base.beats[1]!] }, false, ["worker"]],
    ["an alerter that never beat", { ...base, beats: [base.beats[0]!] }, false, ["alerter"]],
    ["a migration not applied", { ...base, database: { reachable: true, pendingMigrations: ["20261207_x"] } }, false, ["migrations"]],
    ["migrations that cannot be read", { ...base, database: { reachable: true, pendingMigrations: null } }, false, ["migrations"]],
    [
      "an unreachable database (no migrations line)",
      { ...base, database: { reachable: false, pendingMigrations: null, error: "ECONNREFUSED" } },
      false,
      ["database"],
    ],
    ["a disk at 90%", { ...base, disk: { usedFraction: 0.9, path: "/data" } }, false, ["disk"]],
    ["a disk at 89.9%", { ...base, disk: { usedFraction: 0.899, path: "/data" } }, true, []],
  ] as const)("%s", (_, input, ready, failing) => {
    const r = readiness(input as ReadinessInput);
    expect(r.ready).toBe(ready);
    expect(r.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(failing);
  });

  it("a stale beat is twice the smallest interval, never under 30 s", () => {
    expect(staleAfterMs(5_000)).toBe(30_000);
    expect(staleAfterMs(60_000)).toBe(120_000);
  });

  it("says how long ago each process beat", () => {
    const r = readiness({ ...base, beats: [{ role: "worker", at: NOW - 45_000 }, base.beats[1]!] });
    expect(r.checks.find((c) => c.name === "worker")).toEqual({ name: "worker", ok: false, detail: "stopped: last beat 45 s ago (limit 30 s)", ageSec: 45 });
    expect(r.checks.find((c) => c.name === "disk")!.detail).toBe("25% used on the disk holding /data (limit 90%)");
  });
});
