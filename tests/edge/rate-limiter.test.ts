import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/edge/rate-limiter";

describe("the public API's rate limit", () => {
  it("allows a burst, then the sustained rate, per address", () => {
    let t = 0;
    const rl = createRateLimiter({ perMinute: 60, burst: 3, now: () => t });
    expect([rl.take("a"), rl.take("a"), rl.take("a")]).toEqual([null, null, null]);
    // one token a second at 60/min: the fourth request waits 1 s
    expect(rl.take("a")).toBe(1);
    expect(rl.take("b")).toBeNull(); // another address has its own bucket
    t += 1000;
    expect(rl.take("a")).toBeNull();
    expect(rl.take("a")).toBe(1);
    t += 10_000; // refills up to the burst, not beyond
    expect([rl.take("a"), rl.take("a"), rl.take("a"), rl.take("a")]).toEqual([null, null, null, 1]);
  });

  it("forgets idle addresses when the table is full", () => {
    let t = 0;
    const rl = createRateLimiter({ perMinute: 60, burst: 2, now: () => t, maxAddresses: 3 });
    for (const a of ["a", "b", "c"]) rl.take(a);
    t += 5_000; // full again after 2 s: forgettable
    rl.take("d");
    expect(rl.size()).toBe(1);
  });
});
