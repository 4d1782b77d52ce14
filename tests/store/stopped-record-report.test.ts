import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { councilYear, yearRow } from "@/lib/data/council";
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

  it("the year view cuts later months from the reading before, and gives the same rows as reports read on their own", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 3600, confirm: 1, contract: true });
    const key = svc.probeKey("topup");
    const results: ProbeResult[] = [];
    // hourly through April and May 2022, DOWN 05-10T00:00Z to 05-10T05:00Z
    for (let t = Date.parse("2022-03-31T15:00:00Z"); t < Date.parse("2022-05-31T15:00:00Z"); t += HOUR) {
      const state: ProbeState = t >= Date.parse("2022-05-10T00:00:00Z") && t < Date.parse("2022-05-10T05:00:00Z") ? "DOWN" : "UP";
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
    const asOf = new Date("2026-12-07T00:00:00Z");
    const alone = [];
    for (let mo = 4; mo <= 12; mo++) alone.push(yearRow(await serviceReport(db, svc.slug, { year: 2022, month: mo }, asOf)));

    let reads = 0;
    const findMany = db.result.findMany.bind(db.result);
    (db.result as { findMany: unknown }).findMany = (args: Parameters<typeof findMany>[0]) => {
      reads++;
      return findMany(args);
    };
    const year = await councilYear(db, svc.slug, 2022, asOf);
    expect(year!.rows.filter((r) => r.status === "report")).toEqual(alone);
    // May's outage: 5 h = 18,000 s, in May's row only
    expect(alone.map((r) => (r.status === "report" ? r.availability : null))).toHaveLength(9);
    // nine months, fewer readings: a month whose window lies inside the reading before it is cut from it
    // (from June on the readings reach asOf, since no run comes after May)
    expect(reads).toBeLessThan(9);
  });
});
