import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import { chainHash } from "@/core/ledger/chain-hash";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import type { Db } from "@/lib/db";
import { writeChainExport } from "@/lib/ledger/chain-export";
import { verifyDatabase, verifyExport } from "@/lib/ledger/verify-ledger";
import { serviceReport } from "@/lib/reports/service-report";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { pruneRawResults } from "@/lib/store/prune-results";
import { recordResults } from "@/lib/store/record-results";
import { rollUpCompleteDays } from "@/lib/store/roll-up-days";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const T0 = Date.parse("2022-04-01T00:00:00Z");
const MIN = 60_000;
const CODES: Record<string, ProbeState> = { U: "UP", S: "DEGRADED", D: "DOWN", "?": "UNKNOWN" };

function results(probeKey: string, text: string, from = T0, stepMs = MIN): ProbeResult[] {
  return [...text].map((c, i) => ({
    probeKey,
    at: new Date(from + i * stepMs),
    intervalSec: stepMs / 1000,
    state: CODES[c]!,
    latencyMs: c === "D" ? null : 100 + (i % 50),
    httpStatus: c === "D" ? 503 : 200,
    errorClass: c === "D" ? "ASSERTION_STATUS" : null,
    message: c === "D" ? "status 503, expected 2xx" : null,
  }));
}

async function chainOf(db: Db, probeKey: string) {
  return db.result.findMany({ where: { probe: { key: probeKey } }, orderBy: { seq: "asc" } });
}

describe("the hash chain in the database", () => {
  it("links every result as it is stored, across batches, and stores a result sent twice once", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 60 });
    const key = svc.probeKey("topup");
    const first = results(key, "UUDD");
    await recordResults(db, svc.refs, first);
    await recordResults(db, svc.refs, [...first.slice(2), ...results(key, "DU", T0 + 4 * MIN)]); // two already stored
    const rows = await chainOf(db, key);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const [i, r] of rows.entries()) {
      expect(r.prevHash).toBe(i === 0 ? "0".repeat(64) : rows[i - 1]!.hash);
      expect(r.hash).toBe(
        chainHash(r.prevHash, {
          probe: key,
          seq: r.seq,
          at: r.at.toISOString(),
          intervalSec: r.intervalSec,
          state: r.state as ProbeState,
          latencyMs: r.latencyMs,
          httpStatus: r.httpStatus,
          errorClass: r.errorClass,
          message: r.message,
        }),
      );
    }
    expect(await db.chainHead.findFirstOrThrow({ where: { probe: { key } } })).toMatchObject({ seq: 6, hash: rows[5]!.hash });
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, breaks: [] });
  });

  it("stores a message cut inside a surrogate pair as well-formed text", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const key = svc.probeKey("topup");
    const message = `${"x".repeat(499)}😀 tail`; // the 500-character cut falls inside the emoji
    await recordResults(db, svc.refs, [{ ...results(key, "D")[0]!, message }]);
    const [row] = await chainOf(db, key);
    expect(row!.message).toBe(`${"x".repeat(499)}\ufffd`);
    expect((await verifyDatabase(db)).ok).toBe(true);
  });
});

describe("tampering is caught at the row", () => {
  async function fixture() {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 60 });
    const key = svc.probeKey("topup");
    await recordResults(db, svc.refs, results(key, "UUUUDDDDUUUU"));
    const rows = await chainOf(db, key);
    return { db, key, rows, probeId: rows[0]!.probeId };
  }

  it("an edited result: the break names its seq and instant, the hash it should have and the one stored", async () => {
    const { db, key, rows } = await fixture();
    await db.$executeRaw`UPDATE "Result" SET "state" = 'UP' WHERE "id" = ${rows[5]!.id}`;
    const r = await verifyDatabase(db);
    expect(r.ok).toBe(false);
    expect(r.breaks[0]).toMatchObject({ probe: key, seq: 6, at: rows[5]!.at.toISOString(), found: rows[5]!.hash });
    expect(r.breaks[0]!.expected).not.toBe(rows[5]!.hash);
  });

  it("a deleted result: the break names the missing seq", async () => {
    const { db, key, rows } = await fixture();
    await db.result.delete({ where: { id: rows[6]!.id } });
    expect((await verifyDatabase(db)).breaks[0]).toMatchObject({ probe: key, seq: 7, expected: "seq 7", found: "seq 8", at: rows[7]!.at.toISOString() });
  });

  it("the newest result deleted: the chain head names it", async () => {
    const { db, key, rows } = await fixture();
    await db.result.delete({ where: { id: rows[11]!.id } });
    expect((await verifyDatabase(db)).breaks[0]).toMatchObject({ probe: key, seq: 12 });
  });

  it("two results swapped: the break names the first of them", async () => {
    const { db, key, rows } = await fixture();
    await db.$transaction([
      db.result.update({ where: { id: rows[3]!.id }, data: { seq: -1 } }),
      db.result.update({ where: { id: rows[4]!.id }, data: { seq: 4 } }),
      db.result.update({ where: { id: rows[3]!.id }, data: { seq: 5 } }),
    ]);
    expect((await verifyDatabase(db)).breaks[0]).toMatchObject({
      probe: key,
      seq: 4,
      at: rows[4]!.at.toISOString(),
      reason: expect.stringMatching(/prevHash/),
    });
  });

  it("a forged result inserted with a correct hash and the rest renumbered: the break is the first real result after it", async () => {
    const { db, key, rows, probeId } = await fixture();
    // Insert after seq 6: shift 7…12 up by one (from the top, to keep seq unique), then add a forged seq 7.
    for (const r of [...rows].reverse().filter((r) => r.seq >= 7)) await db.result.update({ where: { id: r.id }, data: { seq: r.seq + 1 } });
    const at = new Date(rows[5]!.at.getTime() + 30_000);
    const forged = {
      probe: key,
      seq: 7,
      at: at.toISOString(),
      intervalSec: 60,
      state: "UP" as const,
      latencyMs: 90,
      httpStatus: 200,
      errorClass: null,
      message: null,
    };
    await db.result.create({
      data: {
        probeId,
        at,
        intervalSec: 60,
        state: "UP",
        latencyMs: 90,
        httpStatus: 200,
        seq: 7,
        prevHash: rows[5]!.hash,
        hash: chainHash(rows[5]!.hash, forged),
      },
    });
    const b = (await verifyDatabase(db)).breaks[0]!;
    // The old seq 7 now sits at seq 8: its stored prevHash points at the old seq 6, not the forgery.
    expect(b).toMatchObject({ probe: key, seq: 8, at: rows[6]!.at.toISOString(), found: rows[6]!.prevHash });
  });

  it("a result inserted with a seq already taken: the break names the repeat", async () => {
    const { db, key, rows, probeId } = await fixture();
    await db.$executeRawUnsafe(`DROP INDEX "Result_probeId_seq_key"`);
    await db.result.create({
      data: { probeId, at: new Date(rows[2]!.at.getTime() + 1000), intervalSec: 60, state: "UP", seq: 3, prevHash: rows[1]!.hash, hash: rows[2]!.hash },
    });
    const b = (await verifyDatabase(db)).breaks[0]!;
    expect(b).toMatchObject({ probe: key, seq: 4 });
    expect(b.reason).toMatch(/seq 3 comes again|prevHash|changed/);
  });
});

describe("roots, roll-ups and pruning", () => {
  // Three UTC days of a 1-minute probe: a 30-minute outage on 04-01 (05:00–05:30 UTC) and a blip on 04-02.
  function threeDays(key: string): ProbeResult[] {
    const day = 1440;
    let text = "U".repeat(300) + "D".repeat(30) + "U".repeat(day - 330);
    text += "U".repeat(600) + "DD" + "U".repeat(day - 602);
    text += "U".repeat(day);
    return results(key, text);
  }

  it("keeps verification, roots and the contract report intact when raw results are pruned", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 60, contract: true });
    const key = svc.probeKey("topup");
    const all = threeDays(key);
    for (let i = 0; i < all.length; i += 500) await recordResults(db, svc.refs, all.slice(i, i + 500));

    // 04-04 00:10 UTC: 04-01 … 04-03 are complete (5 minutes' grace).
    const now = Date.parse("2022-04-04T00:10:00Z");
    expect((await rollUpCompleteDays(db, { now, graceMs: 5 * MIN })).rolled).toBe(3);
    const roots = await computeDailyRoots(db, { now, graceMs: 5 * MIN });
    expect(roots.map((r) => r.day)).toEqual(["2022-04-01", "2022-04-02", "2022-04-03"]);
    // Each day's leaf is the probe's last result of that day: seq 1440, 2880, 4320.
    expect(roots.map((r) => r.leaves.find((l) => l.probe === key)?.seq)).toEqual([1440, 2880, 4320]);
    expect(await computeDailyRoots(db, { now, graceMs: 5 * MIN })).toEqual([]); // never twice

    const day1 = await db.rollupDay.findFirstOrThrow({ where: { probe: { key }, day: "2022-04-01" } });
    // 1410 UP + 30 DOWN; measured 1440 min = 86,400 s; 04-01 as segments: UP ×300, DOWN ×30, UP ×1110.
    expect(day1).toMatchObject({ up: 1410, down: 30, measuredSec: 86_400, latencyN: 1410 });
    expect(JSON.parse(day1.segments)).toEqual([
      [T0, T0 + 299 * MIN, 300, "U", 60],
      [T0 + 300 * MIN, T0 + 329 * MIN, 30, "D", 60],
      [T0 + 330 * MIN, T0 + 1439 * MIN, 1110, "U", 60],
    ]);
    expect(await db.rollupMinute.count({ where: { probe: { key } } })).toBe(3 * 1440);

    const month = parseMonth("2022-04")!;
    const asOf = new Date(now);
    const before = await serviceReport(db, svc.slug, month, asOf);

    // Keep 1 day of raw results: 04-01 and 04-02 are pruned, except the outage's evidence.
    const pruned = await pruneRawResults(db, { now, retention: { rawResultsDays: 1, evidenceYearsAfterTerm: 5 } });
    // 04-01: 1440 − 31 kept (30 failures and the resolving run at 05:30, exactly at the outage's end) = 1409;
    // 04-02: all 1440 (a blip is not an outage). 04-03 (the 1 day kept before 04-04) stays.
    expect(pruned).toMatchObject({ days: 2, deleted: 1409 + 1440, kept: 31 });
    expect(await db.result.count({ where: { probe: { key } } })).toBe(31 + 1440);
    const segs = await db.prunedSegment.findMany({ where: { probe: { key } }, orderBy: { firstSeq: "asc" } });
    // 04-01: seq 1–300 and 332–1440 (cut at the root's seq 1440); 04-02: 1441–2880.
    expect(segs.map((s) => [s.firstSeq, s.lastSeq, s.count])).toEqual([
      [1, 300, 300],
      [332, 1440, 1109],
      [1441, 2880, 1440],
    ]);

    const verified = await verifyDatabase(db);
    expect(verified).toMatchObject({ ok: true, roots: 3 });
    expect(verified.rootsChecked).toBeGreaterThanOrEqual(3);

    const after = await serviceReport(db, svc.slug, month, asOf);
    expect(after.functions).toEqual(before.functions);
    expect(after.serviceFigures).toEqual(before.serviceFigures);
    expect(after.outages).toEqual(before.outages);
    expect(after.outages).toHaveLength(1);
    expect(after.warnings.at(-1)).toMatchObject({ code: "pruned" });

    // A root points at the end of a pruned segment; forging that segment's hash is caught.
    await db.prunedSegment.update({ where: { id: segs[1]!.id }, data: { lastHash: "e".repeat(64) } });
    const broken = await verifyDatabase(db);
    expect(broken.breaks[0]).toMatchObject({ probe: key, seq: 1440, day: "2022-04-01", found: "e".repeat(64) });
  });

  it("releases outage evidence once the contract term plus the years has passed", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 60, contract: true });
    const key = svc.probeKey("topup");
    const all = threeDays(key);
    for (let i = 0; i < all.length; i += 1000) await recordResults(db, svc.refs, all.slice(i, i + 1000));
    // The term ends 2025-03-31; with 1 year after it, evidence goes from 2026-03-31 (UTC midnight of the term's end date) on.
    const later = Date.parse("2026-04-02T00:00:00Z");
    await rollUpCompleteDays(db, { now: later, graceMs: 5 * MIN });
    await computeDailyRoots(db, { now: later, graceMs: 5 * MIN, maxDays: 5 });
    const r = await pruneRawResults(db, { now: later, retention: { rawResultsDays: 90, evidenceYearsAfterTerm: 1 } });
    expect(r).toMatchObject({ days: 3, deleted: 3 * 1440, kept: 0 });
    expect(await verifyDatabase(db)).toMatchObject({ ok: true });
  });

  it("an export verifies like the database, and names the same break when edited", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 60, functions: ["topup", "payment"] });
    for (const fn of ["topup", "payment"]) await recordResults(db, svc.refs, results(svc.probeKey(fn), "UUUDDDUUU?UU", T0 + 1000));
    await computeDailyRoots(db, { now: Date.parse("2022-04-02T01:00:00Z"), graceMs: 5 * MIN });
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-export-"));
    const file = path.join(dir, "chain.jsonl");
    const lines: string[] = [];
    await writeChainExport(db, (l) => void lines.push(l), { now: new Date(T0) });
    writeFileSync(file, `${lines.join("\n")}\n`);
    expect(await verifyExport(file)).toMatchObject({ ok: true, roots: 1, rootsChecked: 2 });

    const edited = readFileSync(file, "utf8").replace('"seq":5,"state":"DOWN"', '"seq":5,"state":"UP"');
    writeFileSync(file, edited);
    const r = await verifyExport(file);
    expect(r.breaks[0]).toMatchObject({ probe: svc.probeKey("payment"), seq: 5, at: new Date(T0 + 1000 + 4 * MIN).toISOString() });
  });
});
