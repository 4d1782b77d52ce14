import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { fileReport } from "@/lib/reports/file-report";
import { serviceReport } from "@/lib/reports/service-report";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { pruneRawResults } from "@/lib/store/prune-results";
import { recordResults } from "@/lib/store/record-results";
import { rollUpCompleteDays } from "@/lib/store/roll-up-days";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const HOUR = 3_600_000;
const rules = [
  { id: "rto", kind: "recovery_time", clause: "장애 복구 4시간 이내", maxRecovery: "4h", perStartedHour: { amountKrw: 1_000_000 } },
  { id: "cf", kind: "critical_failure", clause: "3개월 내 24시간 초과", window: "90d", moreThan: "24h" },
];

/** Hourly runs of top-up from 03-01 to 07-10 (UTC), DOWN from 04-19T15:00Z to 06-09T15:00Z (04-20 to 06-10 00:00 KST). */
function history(probeKey: string): ProbeResult[] {
  const from = Date.parse("2022-03-01T00:00:00Z");
  const down = { start: Date.parse("2022-04-19T15:00:00Z"), end: Date.parse("2022-06-09T15:00:00Z") };
  const out: ProbeResult[] = [];
  for (let t = from; t < Date.parse("2022-07-10T00:00:00Z"); t += HOUR) {
    const state: ProbeState = t >= down.start && t < down.end ? "DOWN" : "UP";
    out.push({
      probeKey,
      at: new Date(t),
      intervalSec: 3600,
      state,
      latencyMs: state === "UP" ? 100 : null,
      httpStatus: state === "UP" ? 200 : 503,
      errorClass: null,
      message: null,
    });
  }
  return out;
}

describe("a report from the database judges an outage longer than a month whole", () => {
  it("prices it once, in June, as the file report does, whether or not its days were pruned", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 3600, confirm: 1, contract: { rulesets: [{ effectiveFrom: "2022-04-01", rules }] } });
    const key = svc.probeKey("topup");
    const all = history(key);
    for (let i = 0; i < all.length; i += 500) await recordResults(db, svc.refs, all.slice(i, i + 500));
    const asOf = new Date("2022-07-10T00:00:00Z");
    const months = ["2022-04", "2022-05", "2022-06"].map((m) => parseMonth(m)!);

    // 04-20 00:00 KST → 06-10 00:00 KST = 51 days = 1,224 h; 1,224 − 4 = 1,220 started hours × 1,000,000 = 1,220,000,000 in June.
    // Downtime: April 11 days = 950,400 s, May 31 days = 2,678,400 s, June 9 days = 777,600 s.
    const expectMonths = (reports: Awaited<ReturnType<typeof serviceReport>>[]) => {
      expect(reports.map((r) => r.money.find((m) => m.ruleId === "rto")!.amountKrw)).toEqual([0, 0, 1_220_000_000]);
      expect(reports.map((r) => r.serviceFigures.downtimeSec)).toEqual([950_400, 2_678_400, 777_600]);
    };
    const fromDb = [];
    for (const m of months) fromDb.push(await serviceReport(db, svc.slug, m, asOf));
    expectMonths(fromDb);

    // The same results as a results file, through the file path the CLI's --from-file takes.
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-whole-"));
    const file = path.join(dir, "results.jsonl");
    writeFileSync(
      file,
      all.map((r) => JSON.stringify({ service: svc.slug, function: "topup", location: "local", at: r.at.toISOString(), state: r.state })).join("\n") + "\n",
    );
    const fromFile = [];
    for (const m of months) fromFile.push(await fileReport({ config: svc.config, file, slug: svc.slug, month: m, asOf }));
    expectMonths(fromFile);
    expect(fromFile.map((r) => r.outages)).toEqual(fromDb.map((r) => r.outages));
    expect(fromFile.map((r) => r.flags)).toEqual(fromDb.map((r) => r.flags));

    // Prune the raw results of every complete day but the last: the reports read run segments, and say the same.
    const now = Date.parse("2022-07-10T00:10:00Z");
    await rollUpCompleteDays(db, { now, graceMs: 5 * 60_000 });
    await computeDailyRoots(db, { now, graceMs: 5 * 60_000 });
    expect((await pruneRawResults(db, { now, retention: { rawResultsDays: 1, evidenceYearsAfterTerm: 5 } })).days).toBeGreaterThan(100);
    const pruned = [];
    for (const m of months) pruned.push(await serviceReport(db, svc.slug, m, asOf));
    expectMonths(pruned);
    expect(pruned.map((r) => r.outages)).toEqual(fromDb.map((r) => r.outages));
  });
});
