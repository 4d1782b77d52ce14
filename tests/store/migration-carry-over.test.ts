import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { openDb, type Db } from "@/lib/db";
import { recordResults } from "@/lib/store/record-results";

/**
 * The migration that moved streaks from functions to locations carries a live
 * outage over: a database written by the previous version, with a closed outage
 * and one still open, continues exactly where it stopped.
 */
const DIR = "prisma/sqlite/migrations";
const BEFORE = ["20261125000000_init", "20261125060000_service_accounting"];
// the hash chain's migration comes between them (a function then still had one probe)
const AFTER = ["20261203172307_ledger_chain", "20261203173054_result_evidence", "20261203180000_probe_agents_quorum"];
const T = (s: number) => new Date(1_700_000_000_000 + s * 1000).toISOString().replace("Z", "+00:00");

async function run(db: Db, file: string) {
  const sql = readFileSync(path.join(DIR, file, "migration.sql"), "utf8").replace(/^--.*$/gm, "");
  for (const statement of sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean))
    await db.$executeRawUnsafe(statement);
}

it("seeds each probe's status and past outages from the previous version's rows", async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "ledger-mig-")), "old.db");
  const db = await openDb(`file:${file}`);
  for (const m of BEFORE) await run(db, m);
  // The previous version's rows: U D D U D D D at 0..60 s, confirm 2: outage 1 [10 s, 30 s), outage 2 open since 40 s.
  const rows = [
    `INSERT INTO Service (id, slug, name, nameEn, operator, operatorEn, updatedAt) VALUES (1,'s','s','s','o','o','${T(0)}')`,
    `INSERT INTO Function (id, serviceId, key, name, nameEn) VALUES (1,1,'topup','t','t')`,
    `INSERT INTO Location (id, key, name, nameEn) VALUES (1,'local','l','l')`,
    `INSERT INTO Probe (id, key, serviceId, functionId, locationId, kind, intervalSec, timeoutMs, confirm, definition) VALUES (1,'s-topup-local',1,1,1,'http',10,2000,2,'{}')`,
    `INSERT INTO Result (probeId, at, intervalSec, state) VALUES ${[0, 10, 20, 30, 40, 50, 60].map((s, i) => `(1,'${T(s)}',10,'${"UDDUDDD"[i] === "U" ? "UP" : "DOWN"}')`).join(",")}`,
    `INSERT INTO Outage (id, serviceId, functionId, startedAt, confirmedAt, endedAt, failures, updatedAt) VALUES (1,1,1,'${T(10)}','${T(20)}','${T(30)}',2,'${T(0)}'),(2,1,1,'${T(40)}','${T(50)}',NULL,3,'${T(0)}')`,
    `INSERT INTO FunctionStatus (functionId, state, since, lastResultAt, streakStart, streakCount, lastFailureAt, openOutageId, updatedAt) VALUES (1,'DOWN','${T(40)}','${T(60)}','${T(40)}',3,'${T(60)}',2,'${T(60)}')`,
  ];
  for (const r of rows) await db.$executeRawUnsafe(r);
  for (const m of AFTER) await run(db, m);

  expect(await db.probeStatus.findUniqueOrThrow({ where: { probeId: 1 } })).toMatchObject({
    state: "DOWN",
    firstResultAt: new Date(T(0)),
    lastResultAt: new Date(T(60)),
    lastState: "DOWN",
    streakCount: 3,
    outageStart: new Date(T(40)),
    outageFailures: 3,
  });
  expect(await db.locationSpan.findMany({ select: { kind: true, start: true, end: true } })).toEqual([
    { kind: "DOWN", start: new Date(T(10)), end: new Date(T(30)) },
  ]);

  // The next run answers: the open outage (the same row) closes at 70 s; the closed one is untouched.
  const refs = new Map([["s-topup-local", { id: 1, functionId: 1, serviceId: 1, confirm: 2 }]]);
  const events = await recordResults(db, refs, [
    { probeKey: "s-topup-local", at: new Date(T(70)), intervalSec: 10, state: "UP", latencyMs: 5, httpStatus: 200, errorClass: null, message: null },
  ]);
  expect(events.map((e) => [e.type, e.outageId])).toEqual([["outage_closed", 2]]);
  expect(await db.outage.findMany({ orderBy: { id: "asc" }, select: { id: true, startedAt: true, endedAt: true } })).toEqual([
    { id: 1, startedAt: new Date(T(10)), endedAt: new Date(T(30)) },
    { id: 2, startedAt: new Date(T(40)), endedAt: new Date(T(70)) },
  ]);
  await db.$disconnect();
});
