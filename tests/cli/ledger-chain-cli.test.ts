import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/core/probe-result";
import { openDb } from "@/lib/db";
import { dbKind } from "@/lib/db-kind";
import { migrateDeploy } from "@/lib/migrate";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { pruneRawResults } from "@/lib/store/prune-results";
import { recordResults } from "@/lib/store/record-results";
import { rollUpCompleteDays } from "@/lib/store/roll-up-days";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const run = promisify(execFile);

/** A migrated SQLite database even in a PostgreSQL run: the backup commands are SQLite's. */
async function sqliteTestDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-sqlite-"));
  const url = `file:${path.join(dir, "ledger.db")}`;
  await migrateDeploy(url, process.env);
  return { db: await openDb(url), url };
}
const ROOT = path.resolve(import.meta.dirname, "../..");
const T0 = Date.parse("2022-04-01T00:00:00Z");
const MIN = 60_000;

/** Runs a command; resolves with its exit code and output instead of throwing on a non-zero exit. */
async function sh(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const ledger = (args: string[], url: string) => sh(process.execPath, [path.join(ROOT, "bin/ledger.mjs"), ...args], { DATABASE_URL: url });

// Messages that exercise the canonical form: Korean, quotes, a tab and a control character, an emoji.
const MESSAGES = ['status 503: "점검 중"', "line\tbreak\nand \u0001 control", "😀 결제 실패", null];

function day(key: string, dayIndex: number, pattern: (i: number) => "UP" | "DOWN"): ProbeResult[] {
  return Array.from({ length: 1440 }, (_, i) => {
    const state = pattern(i);
    return {
      probeKey: key,
      at: new Date(T0 + dayIndex * 86_400_000 + i * MIN + 250),
      intervalSec: 60,
      state,
      latencyMs: state === "UP" ? 80 + (i % 7) : null,
      httpStatus: state === "UP" ? 200 : 503,
      errorClass: state === "UP" ? null : "ASSERTION_STATUS",
      message: state === "UP" ? null : MESSAGES[i % MESSAGES.length]!,
    };
  });
}

describe("ledger export-chain, verify, and the third-party scripts", () => {
  it(
    "a real export with pruned days verifies with the CLI, the Python script and the Node script; an edit is named by all three",
    { timeout: 180_000 },
    async () => {
      const { db, url } = await createTestDb();
      const svc = await createService(db, { intervalSec: 60, functions: ["topup", "payment"], contract: true });
      for (const fn of ["topup", "payment"]) {
        const key = svc.probeKey(fn);
        for (let d = 0; d < 3; d++)
          await recordResults(
            db,
            svc.refs,
            day(key, d, (i) => (fn === "topup" && d === 0 && i >= 600 && i < 620 ? "DOWN" : i % 97 === 0 ? "DOWN" : "UP")),
          );
      }
      const now = Date.parse("2022-04-04T00:10:00Z");
      await rollUpCompleteDays(db, { now, graceMs: 5 * MIN });
      await computeDailyRoots(db, { now, graceMs: 5 * MIN });
      expect((await pruneRawResults(db, { now, retention: { rawResultsDays: 1, evidenceYearsAfterTerm: 5 } })).deleted).toBeGreaterThan(5000);
      await db.$disconnect();

      const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-chain-cli-"));
      const file = path.join(dir, "chain.jsonl");
      const exported = await ledger(["export-chain", "--out", file], url);
      expect(exported.code, exported.stderr).toBe(0);
      const lines = readFileSync(file, "utf8").trim().split("\n");
      expect(lines.filter((l) => l.includes('"type":"pruned"')).length).toBeGreaterThan(2);
      expect(lines.filter((l) => l.includes('"type":"root"'))).toHaveLength(3);

      const fromDb = await ledger(["verify"], url);
      expect(fromDb.code, fromDb.stdout + fromDb.stderr).toBe(0);
      expect(fromDb.stdout).toMatch(/chain intact in the database: 2 probes/);
      const fromFile = await ledger(["verify", "--file", file], url);
      expect(fromFile.code).toBe(0);
      expect(fromFile.stdout).toMatch(/3 daily roots \(6 probe roots checked\)/);
      const py = await sh("python3", ["docs/verify-chain.py", file]);
      expect(py.stdout + py.stderr).toMatch(/^OK: 2 probes, \d+ results, 3 daily roots/);
      expect(py.code).toBe(0);
      const node = await sh(process.execPath, ["docs/verify-chain.mjs", file]);
      expect(node.stdout + node.stderr).toMatch(/^OK: 2 probes, \d+ results, 3 daily roots/);
      expect(node.code).toBe(0);

      // One result's latency changed by a millisecond in the export.
      const i = lines.findIndex((l) => l.includes('"type":"result"') && l.includes('"latencyMs":81'));
      const target = JSON.parse(lines[i]!) as { result: { probe: string; seq: number; at: string } };
      lines[i] = lines[i]!.replace('"latencyMs":81', '"latencyMs":82');
      const edited = path.join(dir, "edited.jsonl");
      writeFileSync(edited, `${lines.join("\n")}\n`);
      const named = `${target.result.probe} seq ${target.result.seq} at ${target.result.at}`;
      const cli = await ledger(["verify", "--file", edited], url);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`probe:    ${target.result.probe}\n  seq:      ${target.result.seq}\n  at:       ${target.result.at}`);
      const pyBroken = await sh("python3", ["docs/verify-chain.py", edited]);
      expect(pyBroken.code).toBe(1);
      expect(pyBroken.stderr).toContain(`BROKEN: ${named}: expected hash`);
      const nodeBroken = await sh(process.execPath, ["docs/verify-chain.mjs", edited]);
      expect(nodeBroken.code).toBe(1);
      expect(nodeBroken.stderr).toContain(`BROKEN: ${named}: expected hash`);
    },
  );
});

describe("ledger backup and restore", () => {
  it("on PostgreSQL, point to pg_dump and pg_restore and touch nothing", async () => {
    const { db, url } = await createTestDb();
    await db.$disconnect();
    if (dbKind(url) === "sqlite") {
      // The same refusal, seen from a SQLite run: a postgres:// URL is not backed up by the ledger.
      const r = await ledger(["restore", "/nonexistent.db"], "postgresql://postgres@127.0.0.1:9/none");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/pg_dump -Fc and pg_restore/);
      return;
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-backup-"));
    for (const args of [
      ["backup", path.join(dir, "b.db")],
      ["restore", path.join(dir, "b.db")],
    ]) {
      const r = await ledger(args, url);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/pg_dump -Fc and pg_restore/);
    }
    expect(existsSync(path.join(dir, "b.db"))).toBe(false);
  });

  it("round trip: the restored database holds exactly what was backed up, verifies, and the replaced one is kept", { timeout: 180_000 }, async () => {
    // SQLite only: on PostgreSQL the test above checks the refusal instead.
    const { db, url } = dbKind(process.env.TEST_DATABASE_URL ?? "file:") === "sqlite" ? await createTestDb() : await sqliteTestDb();
    const svc = await createService(db, { intervalSec: 60 });
    const key = svc.probeKey("topup");
    await recordResults(
      db,
      svc.refs,
      day(key, 0, (i) => (i % 50 < 3 ? "DOWN" : "UP")),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-backup-"));
    const backup = path.join(dir, "backup.db");

    // Online: the backup is taken while this client still has the database open.
    const b = await ledger(["backup", backup], url);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/backup written and checked/);
    expect((await ledger(["backup", backup], url)).code).toBe(1); // never overwrites

    // Written after the backup: gone after the restore, but kept in the replaced file.
    await recordResults(
      db,
      svc.refs,
      day(key, 1, () => "UP"),
    );
    const outagesBefore = await db.outage.count();
    expect(await db.result.count()).toBe(2880);
    await db.$disconnect();

    const r = await ledger(["restore", backup], url);
    expect(r.code, r.stderr).toBe(0);
    const previous = /kept as (\S+)$/m.exec(r.stdout)![1]!;
    expect(existsSync(previous)).toBe(true);

    const restored = await openDb(url);
    expect(await restored.result.count()).toBe(1440);
    expect(await restored.chainHead.findFirstOrThrow()).toMatchObject({ seq: 1440 });
    expect(await restored.outage.count()).toBe(outagesBefore);
    await restored.$disconnect();
    const v = await ledger(["verify"], url);
    expect(v.code, v.stdout).toBe(0);
    const old = await openDb(`file:${previous}`);
    expect(await old.result.count()).toBe(2880);
    await old.$disconnect();

    // A file that is not a ledger database is refused before anything is touched.
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "not a database");
    const bad = await ledger(["restore", junk], url);
    expect(bad.code).toBe(1);
    const still = await openDb(url);
    expect(await still.result.count()).toBe(1440);
    await still.$disconnect();
  });
});
