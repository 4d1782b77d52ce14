import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { serviceReport } from "@/lib/reports/service-report";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const HOUR = 3_600_000;

/**
 * A record whose measuring stopped (the 2022 example: one month of results, read years later). A report of
 * that month, or of a month after it, reads the stored results once: the reading used to double through
 * the empty years up to now and back, re-reading the whole month up to ten times, which made the example's
 * council pages take seconds.
 */
describe("reports of a record whose measuring stopped", () => {
  it("read the results once per report, and judge the same outage as before", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 3600, confirm: 1, contract: true });
    const key = svc.probeKey("topup");
    // Hourly runs through April 2022 (UTC hours), DOWN 04-10T00:00Z to 04-10T10:00Z: 10 h = 36,000 s.
    const results: ProbeResult[] = [];
    for (let t = Date.parse("2022-03-31T15:00:00Z"); t < Date.parse("2022-04-30T15:00:00Z"); t += HOUR) {
      const state: ProbeState = t >= Date.parse("2022-04-10T00:00:00Z") && t < Date.parse("2022-04-10T10:00:00Z") ? "DOWN" : "UP";
      results.push({
        probeKey: key,
        at: new Date(t),
        intervalSec: 3600,
        state,
        latencyMs: 100,
        httpStatus: state === "UP" ? 200 : 503,
        errorClass: null,
        message: null,
      });
    }
    await recordResults(db, svc.refs, results);

    let reads = 0;
    const findMany = db.result.findMany.bind(db.result);
    (db.result as { findMany: unknown }).findMany = (args: Parameters<typeof findMany>[0]) => {
      reads++;
      return findMany(args);
    };
    const asOf = new Date("2026-12-07T00:00:00Z");
    const april = await serviceReport(db, svc.slug, parseMonth("2022-04")!, asOf);
    expect(reads).toBe(1);
    expect(april.outages.map((o) => o.downtimeSec)).toEqual([36_000]);

    reads = 0;
    const october = await serviceReport(db, svc.slug, parseMonth("2022-10")!, asOf);
    // October has no runs: one reading of the period and one of the last day with runs before it.
    expect(reads).toBeLessThanOrEqual(2);
    expect(october.outages).toEqual([]);
    expect(october.serviceFigures.downtimeSec).toBe(0);
  });
});
