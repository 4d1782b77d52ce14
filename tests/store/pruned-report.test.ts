import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import { addSample, mergeHistograms, quantile, type Histogram } from "@/core/latency-histogram";
import type { ProbeResult } from "@/core/probe-result";
import { serviceReport } from "@/lib/reports/service-report";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { pruneRawResults } from "@/lib/store/prune-results";
import { recordResults } from "@/lib/store/record-results";
import { rollUpCompleteDays } from "@/lib/store/roll-up-days";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const MIN = 60_000;
const T0 = Date.parse("2022-03-31T00:00:00Z");
// April 2022 in Asia/Seoul: [2022-03-31T15:00Z, 2022-04-30T15:00Z).
const APRIL_START = Date.parse("2022-03-31T15:00:00Z");

/**
 * Four UTC days of a 1-minute probe, all UP. Day d answers in (d + 1) × 400 ms plus up to 295 ms, except
 * 03-31 before 15:00 UTC (still March in Seoul), which answers in 5,000 ms.
 */
function fourDays(probeKey: string): ProbeResult[] {
  return Array.from({ length: 4 * 1440 }, (_, i) => {
    const at = T0 + i * MIN;
    const latencyMs = at < APRIL_START ? 5000 : (Math.floor(i / 1440) + 1) * 400 + (i % 60) * 5;
    return { probeKey, at: new Date(at), intervalSec: 60, state: "UP" as const, latencyMs, httpStatus: 200, errorClass: null, message: null };
  });
}

const pool = {
  id: "pool",
  kind: "performance_pool",
  clause: "SLA 성과 풀",
  pool: "10%",
  indicators: [{ id: "p95", name: "응답시간", metric: "latency_p95_ms", expected: 500, minimum: 3000 }],
  table: [{ minScore: 0, payout: "100%" }],
};

describe("a report on pruned days", () => {
  it("reads latency from whole days' roll-ups and the minutes of the days the month cuts, as if it had read every minute", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 60, contract: { rulesets: [{ effectiveFrom: "2022-04-01", rules: [pool] }] } });
    const key = svc.probeKey("topup");
    const all = fourDays(key);
    for (let i = 0; i < all.length; i += 1000) await recordResults(db, svc.refs, all.slice(i, i + 1000));

    // 04-04 00:10 UTC: 03-31 … 04-03 are complete; keeping 1 day of raw results prunes 03-31, 04-01 and 04-02.
    const now = Date.parse("2022-04-04T00:10:00Z");
    expect((await rollUpCompleteDays(db, { now, graceMs: 5 * MIN })).rolled).toBe(4);
    await computeDailyRoots(db, { now, graceMs: 5 * MIN }); // a day is pruned only once its root is published
    expect(await pruneRawResults(db, { now, retention: { rawResultsDays: 1, evidenceYearsAfterTerm: 5 } })).toMatchObject({ days: 3, deleted: 3 * 1440 });

    // What reading every minute gives: April (KST) cuts 03-31 at 15:00 UTC, so only its last 540 minutes count;
    // 04-01 and 04-02 whole; 04-03 from its raw results.
    const minuteHistogram = async (from: number, to: number) =>
      (await db.rollupMinute.findMany({ where: { probe: { key }, minuteStart: { gte: new Date(from), lt: new Date(to) } } })).reduce<Histogram>(
        (h, m) => mergeHistograms(h, JSON.parse(m.histogram) as Histogram),
        {},
      );
    const raw = all.filter((r) => r.at.getTime() >= Date.parse("2022-04-03T00:00:00Z"));
    const expected = quantile(
      raw.reduce((h, r) => addSample(h, r.latencyMs!), await minuteHistogram(APRIL_START, Date.parse("2022-04-03T00:00:00Z"))),
      0.95,
    );
    // 540 + 3 × 1,440 = 4,860 samples; rank ⌈0.95 × 4,860⌉ = 4,617 lies among 04-03's (ranks 3,421–4,860),
    // 1,600–1,895 ms. With all of 03-31 its 900 slow answers (15.6% of 5,760) would make it 5,000 ms.
    expect(expected).toBeGreaterThan(1600);
    expect(expected).toBeLessThan(2100);
    const wrong = quantile(
      raw.reduce((h, r) => addSample(h, r.latencyMs!), await minuteHistogram(T0, Date.parse("2022-04-03T00:00:00Z"))),
      0.95,
    );
    expect(wrong).toBeGreaterThan(4500);

    const r = await serviceReport(db, svc.slug, parseMonth("2022-04")!, new Date(now));
    const indicators = r.money.find((m) => m.ruleId === "pool")!.inputs.indicators;
    expect(indicators).toMatchObject({
      type: "list",
      items: [{ type: "note", note: { code: "pool_indicator", params: { value: { type: "number", n: expected } } } }],
    });
    expect(r.warnings.at(-1)).toMatchObject({ code: "pruned" });
  });
});
