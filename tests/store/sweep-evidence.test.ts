import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentHash } from "@/core/evidence/content-hash";
import type { EvidenceBlob } from "@/core/evidence/evidence-blob";
import type { ProbeResult } from "@/core/probe-result";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { evidencePath, readEvidence, writeEvidence } from "@/lib/store/evidence-store";
import { pruneRawResults } from "@/lib/store/prune-results";
import { recordResults } from "@/lib/store/record-results";
import { rollUpCompleteDays } from "@/lib/store/roll-up-days";
import { EVIDENCE_GRACE_MS, sweepEvidence } from "@/lib/store/sweep-evidence";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/** Evidence follows the retention of the results it backs: what nothing points to any more is swept. */
const T0 = Date.parse("2022-04-01T00:00:00Z");
const MIN = 60_000;
const HOUR = 3_600_000;
const bytes = (text: string) => new TextEncoder().encode(text);
const blob = (text: string): EvidenceBlob => ({ role: "body", step: null, mediaType: "text/plain; charset=utf-8", bytes: bytes(text) });
const hashOf = (text: string) => contentHash(bytes(text));
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort();
const age = (file: string, ms: number) => {
  const t = new Date(Date.now() - ms);
  utimesSync(file, t, t);
};

/** A 1-minute probe over three UTC days; each failing run keeps the answer it saw. */
function threeDays(key: string): ProbeResult[] {
  // 04-01: a 30-minute outage at 05:00–05:30 UTC, whose runs saw the maintenance page;
  // 04-02: a two-run blip (not an outage), whose runs saw a gateway error; 04-03: clean.
  const text = "U".repeat(300) + "O".repeat(30) + "U".repeat(1110) + "U".repeat(600) + "B".repeat(2) + "U".repeat(838) + "U".repeat(1440);
  return [...text].map((c, i) => ({
    probeKey: key,
    at: new Date(T0 + i * MIN),
    intervalSec: 60,
    state: c === "U" ? "UP" : "DOWN",
    latencyMs: c === "U" ? 100 : null,
    httpStatus: c === "U" ? 200 : 503,
    errorClass: c === "U" ? null : "ASSERTION_STATUS",
    message: c === "U" ? null : "status 503, expected 2xx",
    ...(c === "O" ? { evidence: [blob("maintenance page")] } : c === "B" ? { evidence: [blob("gateway error")] } : {}),
  }));
}

describe("sweeping evidence", () => {
  it("removes the blobs of pruned results, row and file, and keeps the outage's evidence", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { intervalSec: 60, contract: true });
    const key = svc.probeKey("topup");
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-sweep-"));
    const all = threeDays(key);
    for (let i = 0; i < all.length; i += 500) await recordResults(db, svc.refs, all.slice(i, i + 500), { evidenceDir: dir });
    expect(filesUnder(dir)).toEqual([hashOf("gateway error"), hashOf("maintenance page")].sort());

    // As in tests/store/ledger-chain.test.ts: at 04-04 00:10 UTC, keeping 1 day of raw results,
    // 04-01 and 04-02 are pruned except the outage's runs (its evidence); the blip's two runs go.
    const now = Date.parse("2022-04-04T00:10:00Z");
    await rollUpCompleteDays(db, { now, graceMs: 5 * MIN });
    await computeDailyRoots(db, { now, graceMs: 5 * MIN });
    expect(await pruneRawResults(db, { now, retention: { rawResultsDays: 1, evidenceYearsAfterTerm: 5 } })).toMatchObject({ days: 2, kept: 31 });
    // the blip's blob is linked from nothing now; the outage's blob from its 30 failing runs
    expect(await db.resultEvidence.count({ where: { hash: hashOf("gateway error") } })).toBe(0);
    expect(await db.resultEvidence.count({ where: { hash: hashOf("maintenance page") } })).toBe(30);

    // Within the grace period nothing goes: the rows and files were made moments ago.
    expect(await sweepEvidence(db, { dir, now: Date.now() })).toEqual({ rows: 0, files: 0, bytes: 0 });
    expect(filesUnder(dir)).toHaveLength(2);

    // A day later (the files aged accordingly): the blip's row and its file go, 13 bytes ("gateway error").
    for (const text of ["gateway error", "maintenance page"]) age(evidencePath(dir, hashOf(text)), EVIDENCE_GRACE_MS + HOUR);
    const later = Date.now() + EVIDENCE_GRACE_MS + HOUR;
    expect(await sweepEvidence(db, { dir, now: later })).toEqual({ rows: 1, files: 1, bytes: 13 });
    expect(filesUnder(dir)).toEqual([hashOf("maintenance page")]);
    expect((await db.evidence.findMany()).map((e) => e.hash)).toEqual([hashOf("maintenance page")]);
    expect(await readEvidence(dir, hashOf("maintenance page"))).toEqual(Buffer.from("maintenance page"));
    // nothing left to do
    expect(await sweepEvidence(db, { dir, now: later })).toEqual({ rows: 0, files: 0, bytes: 0 });
  });

  it("removes a blob a crash left without its row, and temporary files, once they are old", async () => {
    const { db } = await createTestDb();
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-sweep-"));
    // written, then the transaction that would have recorded it never committed
    await writeEvidence(dir, blob("orphan"));
    await writeEvidence(dir, blob("young orphan"));
    const tmp = `${evidencePath(dir, hashOf("orphan"))}.tmp-123-abcd`;
    writeFileSync(tmp, "half a write");
    age(evidencePath(dir, hashOf("orphan")), EVIDENCE_GRACE_MS + MIN);
    age(tmp, EVIDENCE_GRACE_MS + MIN);
    // 6 bytes ("orphan") + 12 bytes ("half a write"); the young orphan is within the grace period
    expect(await sweepEvidence(db, { dir, now: Date.now() })).toEqual({ rows: 0, files: 2, bytes: 18 });
    expect(filesUnder(dir)).toEqual([hashOf("young orphan")]);
  });

  it("a blob seen again is touched, so it is not swept while the result that saw it is being stored", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const key = svc.probeKey("topup");
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-sweep-"));
    const file = evidencePath(dir, hashOf("seen again"));
    await writeEvidence(dir, blob("seen again"));
    age(file, 2 * EVIDENCE_GRACE_MS);
    // the writer finds the blob on disk and does not write it again, but marks it as in use
    await writeEvidence(dir, blob("seen again"));
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(HOUR);
    // so a sweep between the file and the row leaves it alone; the row then links it
    expect(await sweepEvidence(db, { dir, now: Date.now() })).toEqual({ rows: 0, files: 0, bytes: 0 });
    await recordResults(
      db,
      svc.refs,
      [
        {
          probeKey: key,
          at: new Date(T0),
          intervalSec: 10,
          state: "DOWN",
          latencyMs: null,
          httpStatus: 503,
          errorClass: "ASSERTION_STATUS",
          message: "status 503",
          evidence: [blob("seen again")],
        },
      ],
      { evidenceDir: dir },
    );
    expect(await readEvidence(dir, hashOf("seen again"))).toEqual(Buffer.from("seen again"));
    // linked, it stays however old it gets
    age(file, 2 * EVIDENCE_GRACE_MS);
    expect(await sweepEvidence(db, { dir, now: Date.now() + 2 * EVIDENCE_GRACE_MS })).toEqual({ rows: 0, files: 0, bytes: 0 });
    expect(existsSync(file)).toBe(true);
  });

  it("if a sweep was taken away half-way, the next one puts back what a row names and deletes the rest", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const key = svc.probeKey("topup");
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-sweep-"));
    await recordResults(
      db,
      svc.refs,
      [
        {
          probeKey: key,
          at: new Date(T0),
          intervalSec: 10,
          state: "DOWN",
          latencyMs: null,
          httpStatus: 503,
          errorClass: "ASSERTION_STATUS",
          message: "status 503",
          evidence: [blob("recorded")],
        },
      ],
      { evidenceDir: dir },
    );
    await writeEvidence(dir, blob("not recorded"));
    // both renamed aside by a sweep that stopped there
    for (const text of ["recorded", "not recorded"]) {
      const file = evidencePath(dir, hashOf(text));
      age(file, EVIDENCE_GRACE_MS + MIN);
      renameSync(file, `${file}.sweep-4242`);
    }
    expect(await readEvidence(dir, hashOf("recorded"))).toBeNull();
    // "not recorded" is 12 bytes
    expect(await sweepEvidence(db, { dir, now: Date.now() })).toEqual({ rows: 0, files: 1, bytes: 12 });
    expect(filesUnder(dir)).toEqual([hashOf("recorded")]);
    expect(await readEvidence(dir, hashOf("recorded"))).toEqual(Buffer.from("recorded"));
  });

  it("an evidence folder that does not exist yet is nothing to sweep; other files are left alone", async () => {
    const { db } = await createTestDb();
    const root = mkdtempSync(path.join(os.tmpdir(), "ledger-sweep-"));
    expect(await sweepEvidence(db, { dir: path.join(root, "evidence"), now: Date.now() })).toEqual({ rows: 0, files: 0, bytes: 0 });
    mkdirSync(path.join(root, "evidence", "ab"), { recursive: true });
    writeFileSync(path.join(root, "evidence", "README"), "kept");
    writeFileSync(path.join(root, "evidence", "ab", "notes.txt"), "kept");
    age(path.join(root, "evidence", "ab", "notes.txt"), 2 * EVIDENCE_GRACE_MS);
    expect(await sweepEvidence(db, { dir: path.join(root, "evidence"), now: Date.now() })).toEqual({ rows: 0, files: 0, bytes: 0 });
    expect(filesUnder(path.join(root, "evidence"))).toEqual(["README", "notes.txt"]);
  });
});
