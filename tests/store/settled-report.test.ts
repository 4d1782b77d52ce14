import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import type { ProbeResult } from "@/core/probe-result";
import { serviceReport } from "@/lib/reports/service-report";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const TEN_MIN = 600_000;

describe("a closed month's report from the database", () => {
  it("is as of the instant its figures settled, and the same document whenever it is read", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 600, contract: true });
    const key = svc.probeKey("topup");
    // Every 10 minutes from 2022-03-31T00:00Z to 2022-05-02T00:00Z; DOWN from 04-30 14:00Z to 16:00Z,
    // across April's end in Seoul (2022-04-30T15:00Z). The first correct run after it is at 16:00Z.
    const from = Date.parse("2022-03-31T00:00:00Z");
    const down = { start: Date.parse("2022-04-30T14:00:00Z"), end: Date.parse("2022-04-30T16:00:00Z") };
    const results: ProbeResult[] = [];
    for (let at = from; at < Date.parse("2022-05-02T00:00:00Z"); at += TEN_MIN) {
      const up = at < down.start || at >= down.end;
      results.push({
        probeKey: key,
        at: new Date(at),
        intervalSec: 600,
        state: up ? "UP" : "DOWN",
        latencyMs: up ? 100 : null,
        httpStatus: up ? 200 : 503,
        errorClass: up ? null : "ASSERTION_STATUS",
        message: null,
      });
    }
    for (let i = 0; i < results.length; i += 1000) await recordResults(db, svc.refs, results.slice(i, i + 1000));

    const april = parseMonth("2022-04")!;
    const june = await serviceReport(db, svc.slug, april, new Date("2022-06-01T00:00:00Z"));
    // settled the whole second after the first correct run at 16:00:00Z
    expect(june.period.asOf).toBe("2022-04-30T16:00:01.000Z");
    expect(await serviceReport(db, svc.slug, april, new Date("2023-01-01T00:00:00Z"))).toEqual(june);
    expect(await serviceReport(db, svc.slug, april, new Date(june.period.asOf))).toEqual(june);
  }, 60_000);
});
