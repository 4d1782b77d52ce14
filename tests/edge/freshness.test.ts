import { describe, expect, it } from "vitest";
import { cacheControl, DEFAULT_FRESHNESS, entryState } from "@/edge/freshness";

const policy = { ...DEFAULT_FRESHNESS, minFreshMs: 2_000 };

describe("entryState: 5 s behind the newest results, 15 s old at most", () => {
  it.each([
    // [case, built at, first invalidation after it, now, state]
    ["just rendered", 0, null, 0, "fresh"],
    ["no new results, young", 0, null, 9_999, "fresh"],
    ["no new results, a bound before the ceiling: refreshed in the background", 0, null, 10_000, "stale"],
    ["no new results, at the ceiling", 0, null, 15_000, "expired"],
    ["an idle hour", 0, null, 3_600_000, "expired"],
    ["new results, entry younger than minFresh", 0, 500, 1_999, "fresh"],
    ["new results, entry older than minFresh", 0, 500, 2_000, "stale"],
    ["new results 4.999 s ago", 0, 1_000, 5_999, "stale"],
    ["new results 5 s ago: the reader waits", 0, 1_000, 6_000, "expired"],
    ["new results during the render count from their arrival", 0, 100, 5_100, "expired"],
  ] as const)("%s", (_, builtAt, invalidatedAt, now, state) => {
    expect(entryState({ builtAt, invalidatedAt }, now, policy)).toBe(state);
  });

  it("minFresh never stretches past the bound", () => {
    expect(entryState({ builtAt: 0, invalidatedAt: 0 }, 5_000, { ...DEFAULT_FRESHNESS, minFreshMs: 60_000 })).toBe("expired");
    expect(entryState({ builtAt: 0, invalidatedAt: 0 }, 4_999, { ...DEFAULT_FRESHNESS, minFreshMs: 60_000 })).toBe("fresh");
  });
});

describe("cacheControl: what a shared cache may add stays inside the ceiling", () => {
  it.each([
    [0, "public, max-age=0, s-maxage=5, stale-while-revalidate=9"],
    [999, "public, max-age=0, s-maxage=5, stale-while-revalidate=8"],
    [3_200, "public, max-age=0, s-maxage=5, stale-while-revalidate=5"],
    [9_000, "public, max-age=0, s-maxage=5, stale-while-revalidate=0"],
    [12_500, "public, max-age=0, s-maxage=1, stale-while-revalidate=0"],
    [14_000, "public, max-age=0, s-maxage=0, stale-while-revalidate=0"],
    [20_000, "public, max-age=0, s-maxage=0, stale-while-revalidate=0"],
  ])("%i ms after the render: %s", (age, header) => expect(cacheControl(age, DEFAULT_FRESHNESS)).toBe(header));

  it("render age + s-maxage + stale-while-revalidate + 1 s of clock rounding never passes the ceiling", () => {
    for (let age = 0; age <= 16_000; age += 250) {
      const [, s, w] = /s-maxage=(\d+), stale-while-revalidate=(\d+)/.exec(cacheControl(age, DEFAULT_FRESHNESS))!;
      if (Number(s) > 0) expect(age + (Number(s) + Number(w) + 1) * 1000).toBeLessThanOrEqual(DEFAULT_FRESHNESS.ceilingMs);
    }
  });
});
