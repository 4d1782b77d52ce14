import { createWriteStream, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/load-config";
import { ResultsFileError } from "@/lib/results-file/read-results-file";
import { importResults } from "@/lib/store/import-results";
import { createTestDb } from "../helpers/test-db";

/**
 * Importing real volumes. The import used to read the whole file into memory and died at about 130,000
 * results of one probe ("Maximum call stack size exceeded") and on a 600 MB line ("Invalid string
 * length"). It now reads the file as a stream, twice (check, then write), holding 2,000 results at a time.
 */
const config = loadConfig("examples/dongbaekjeon-2022", { SANDBOX_URL: "http://127.0.0.1:9" });
const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-import-volume-"));
const line = (at: number, state = "UP") =>
  `{"service":"dongbaekjeon","function":"topup","location":"busan","at":"${new Date(at).toISOString()}","state":"${state}"}`;
const T0 = Date.parse("2022-04-01T00:00:00+09:00");

describe("importing real volumes", () => {
  it("imports 150,000 results of one probe (17 days at 10 s), and again changes nothing", async () => {
    const file = path.join(dir, "one-probe.jsonl");
    const out = createWriteStream(file);
    const n = 150_000;
    for (let i = 0; i < n; i++) out.write(`${line(T0 + i * 10_000, i % 5000 < 3 ? "DOWN" : "UP")}\n`);
    await new Promise<void>((r) => out.end(r));
    const { db } = await createTestDb();
    expect(await importResults(db, config, file)).toEqual({ read: n, imported: n, skipped: 0, readiness: 0 });
    expect(await db.result.count()).toBe(n);
    expect(await importResults(db, config, file)).toEqual({ read: n, imported: 0, skipped: n, readiness: 0 });
  }, 300_000);

  it("refuses a line over 1 MB by its number, reads on after it, and stores nothing", async () => {
    const file = path.join(dir, "long-line.jsonl");
    const huge = `{"service":"dongbaekjeon","function":"topup","location":"busan","at":"${new Date(T0).toISOString()}","state":"UP","error":"${"x".repeat(3 * 1024 * 1024)}"}`;
    writeFileSync(file, [line(T0 - 60_000), huge, line(T0 + 60_000), '{"bad json'].join("\n"));
    const { db } = await createTestDb();
    const err = await importResults(db, config, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResultsFileError);
    expect((err as ResultsFileError).issues).toEqual([
      { line: 2, message: expect.stringMatching(/^a line of 3,145,\d{3} bytes: .* lines over 1,048,576 bytes are refused$/) },
      { line: 4, message: "not JSON" },
    ]);
    expect(await db.result.count()).toBe(0);
  });

  it("refuses a probe's result earlier than the one before it, naming both lines", async () => {
    const file = path.join(dir, "unordered.jsonl");
    writeFileSync(file, [line(T0), line(T0 + 60_000), line(T0 + 30_000), line(T0 + 60_000)].join("\n") + "\n");
    const { db } = await createTestDb();
    const err = (await importResults(db, config, file).catch((e: unknown) => e)) as ResultsFileError;
    expect(err.issues.map((i) => i.line)).toEqual([3, 4]);
    expect(err.issues[0]!.message).toContain("not in time order");
    expect(err.issues[0]!.message).toContain("line 2");
    expect(err.issues[1]!.message).toContain("a second result");
    expect(await db.result.count()).toBe(0);
  });
});
