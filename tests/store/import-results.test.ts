import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import { loadConfig } from "@/lib/config/load-config";
import { fileReport } from "@/lib/reports/file-report";
import { serviceReport } from "@/lib/reports/service-report";
import { ResultsFileError } from "@/lib/results-file/read-results-file";
import { importResults } from "@/lib/store/import-results";
import { createTestDb } from "../helpers/test-db";

const EXAMPLE = "examples/dongbaekjeon-2022";
const FILE = `${EXAMPLE}/results.jsonl.gz`;
const config = loadConfig(EXAMPLE, { SANDBOX_URL: "http://127.0.0.1:9" });
const asOf = new Date("2026-01-01T00:00:00Z");

describe("importing results", () => {
  it("is idempotent, and the database report equals the file report", async () => {
    const { db } = await createTestDb();
    // 30 days × 288 runs a day × 4 functions = 34,560
    expect(await importResults(db, config, FILE)).toEqual({ read: 34_560, imported: 34_560, skipped: 0, readiness: 0 });
    expect(await importResults(db, config, FILE)).toEqual({ read: 34_560, imported: 0, skipped: 34_560, readiness: 0 });
    expect(await db.result.count()).toBe(34_560);

    const fromDb = await serviceReport(db, "dongbaekjeon", parseMonth("2022-04")!, asOf);
    const fromFile = await fileReport({ config, file: FILE, slug: "dongbaekjeon", month: parseMonth("2022-04")!, asOf });
    expect(fromDb).toEqual(fromFile);
    expect(fromDb.totalKrw).toBe(14_196_000);
    expect(fromDb.serviceFigures.availability).toBe(0.8875);
  }, 120_000);

  it("a file with a bad line imports nothing", async () => {
    const { db } = await createTestDb();
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-import-"));
    const file = path.join(dir, "mixed.jsonl");
    writeFileSync(
      file,
      [
        '{"service":"dongbaekjeon","function":"topup","location":"busan","at":"2022-04-01T00:00:00+09:00","state":"UP"}',
        '{"service":"dongbaekjeon","function":"topup","location":"busan","at":"2022-04-01T00:05:00+09:00","state":"SIDEWAYS"}',
      ].join("\n"),
    );
    await expect(importResults(db, config, file)).rejects.toThrow(ResultsFileError);
    await expect(importResults(db, config, file)).rejects.toThrow(/mixed\.jsonl:2 +state/);
    expect(await db.result.count()).toBe(0);
  });

  it("the same probe and instant twice in one file is an error", async () => {
    const { db } = await createTestDb();
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-import-"));
    const file = path.join(dir, "dup.jsonl");
    const line = '{"service":"dongbaekjeon","function":"topup","location":"busan","at":"2022-04-01T00:00:00+09:00","state":"UP"}';
    writeFileSync(file, `${line}\n${line}\n`);
    await expect(importResults(db, config, file)).rejects.toThrow(/dup\.jsonl:2 +a second result/);
  });
});
