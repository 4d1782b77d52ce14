import { describe, expect, it } from "vitest";
import { capacitySearch, percentile, summarize } from "@/bench/stats";

describe("percentile and summarize", () => {
  it("takes the nearest rank", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    // p50: rank ceil(0.5 × 100) = 50 → 50; p99: rank 99 → 99; p90: rank 90 → 90
    expect(percentile(xs, 0.5)).toBe(50);
    expect(percentile(xs, 0.99)).toBe(99);
    expect(summarize([...xs].reverse())).toEqual({ n: 100, min: 1, p50: 50, p90: 90, p99: 99, max: 100 });
    // 3 samples: p99 rank ceil(2.97) = 3 → the largest; p50 rank ceil(1.5) = 2
    expect(summarize([30, 10, 20])).toMatchObject({ p50: 20, p99: 30 });
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
  });
});

describe("capacitySearch", () => {
  const upTo = (limit: number) => async (n: number) => ({ pass: n <= limit });

  it("stops at the first failing step and refines between", async () => {
    const r = await capacitySearch([1000, 5000, 2000, 10_000, 20_000], upTo(7300), { refine: 2, grain: 500 });
    // ascending: 1000 ✓, 2000 ✓, 5000 ✓, 10000 ✗ (20000 never tried); then 7500 ✗ ((5000+10000)/2), 6000 ✓ ((5000+7500)/2 = 6250 → 6000)
    expect(r.tried.map((t) => t.n)).toEqual([1000, 2000, 5000, 10_000, 7500, 6000]);
    expect(r.best).toBe(6000);
  });

  it("reports none when even the smallest step fails, and the largest when all pass", async () => {
    expect((await capacitySearch([100, 200], upTo(50))).best).toBeNull();
    const all = await capacitySearch([100, 200], upTo(1e9), { refine: 3 });
    expect(all.best).toBe(200);
    expect(all.tried).toHaveLength(2);
  });
});
