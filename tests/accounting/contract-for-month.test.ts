import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contractForMonth } from "@/core/accounting/contract-for-month";
import { parseMonth } from "@/core/accounting/periods";
import type { LedgerConfig } from "@/core/config/resolve";
import { fileReport } from "@/lib/reports/file-report";
import { serviceReport } from "@/lib/reports/service-report";
import { syncConfig } from "@/lib/store/sync-config";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { contract } from "./report-fixtures";

// Two contracts, neither with the fixtures' default term (2022-04-01 – 2025-03-31): the first operator's
// 2019-04 – 2022-03, the second's from 2022-04-15 (a handover in mid-April) to 2025-03-31.
const first = contract({ key: "first", term: { start: "2019-04-01", end: "2022-04-14" } });
const second = contract({ key: "second", term: { start: "2022-04-15", end: "2025-03-31" } });

describe("the contract that judges a month", () => {
  it.each([
    ["2019-03", null, "before any term"],
    ["2019-04", "first", "the first month of the first term"],
    ["2022-03", "first", "inside the first term only"],
    ["2022-04", "first", "both overlap April: the one in force on 04-01"],
    ["2022-05", "second", "inside the second term only"],
    ["2025-03", "second", "the last month of the second term"],
    ["2025-04", null, "after every term"],
  ] as [string, string | null, string][])("%s → %s (%s)", (month, key) => {
    expect(contractForMonth([second, first], parseMonth(month)!)?.key ?? null).toBe(key);
  });

  it("a term beginning in the month judges it when none is in force on the 1st", () => {
    expect(contractForMonth([second], parseMonth("2022-04")!)?.key).toBe("second");
  });
});

describe("the database and a results file choose by the same rule", () => {
  it("a month outside the configured contract's term is not reported under it; the database uses the earlier contract", async () => {
    const { db } = await createTestDb();
    // Synced first under the earlier contract, then under the configured (later) one: the database holds both.
    const earlier = { key: "earlier", term: { start: "2019-04-01", end: "2022-03-31" } };
    const svc = await createService(db, { contract: earlier });
    const later = { ...svc.config.services[0]!.contract!, key: "later", term: { start: "2022-04-01", end: "2025-03-31" } };
    const config: LedgerConfig = { ...svc.config, services: [{ ...svc.config.services[0]!, contract: later }] };
    await syncConfig(db, config);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "contract-month-")), "results.jsonl");
    writeFileSync(file, "");
    const asOf = new Date("2022-06-01T00:00:00Z");

    const march = parseMonth("2022-03")!;
    expect((await serviceReport(db, svc.slug, march, asOf)).contract.key).toBe("earlier");
    await expect(fileReport({ config, file, slug: svc.slug, month: march, asOf })).rejects.toThrow(
      `no contract of "${svc.slug}" covers 2022-03 (contracts: later (2022-04-01 – 2025-03-31))`,
    );

    const may = parseMonth("2022-05")!;
    expect((await serviceReport(db, svc.slug, may, asOf)).contract.key).toBe("later");
    expect((await fileReport({ config, file, slug: svc.slug, month: may, asOf })).contract.key).toBe("later");
  }, 60_000);
});
