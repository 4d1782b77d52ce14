import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentHash } from "@/core/evidence/content-hash";
import type { EvidenceBlob } from "@/core/evidence/evidence-blob";
import type { ProbeResult } from "@/core/probe-result";
import { evidencePath, readEvidence } from "@/lib/store/evidence-store";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/** Evidence blobs: written content-addressed before the result transaction, linked from the results, stored once. */
const T0 = Date.parse("2026-03-01T00:00:00Z");
const blob = (text: string, role: EvidenceBlob["role"] = "body", step: string | null = null): EvidenceBlob => ({
  role,
  step,
  mediaType: "text/plain; charset=utf-8",
  bytes: new TextEncoder().encode(text),
});

function down(probeKey: string, i: number, evidence: EvidenceBlob[]): ProbeResult {
  return {
    probeKey,
    at: new Date(T0 + i * 10_000),
    intervalSec: 10,
    state: "DOWN",
    latencyMs: 12,
    httpStatus: 503,
    errorClass: "ASSERTION_STATUS",
    message: "status 503, expected 201",
    detail: {
      kind: "http",
      response: {
        method: "POST",
        url: "http://x/topups",
        status: 503,
        headers: { "retry-after": "60" },
        phases: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 10, totalMs: 12 },
        bodyBytes: 40,
        redirects: [],
      },
    },
    evidence,
  };
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);

describe("recording evidence", () => {
  it("writes each blob once under its sha256 and links it from every result that saw it", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-"));
    const key = svc.probeKey("topup");
    const page = '{"error":{"code":"SERVICE_UNAVAILABLE"}}';
    // three failing runs saw the same maintenance answer; the third also kept a screenshot
    await recordResults(db, svc.refs, [down(key, 0, [blob(page)]), down(key, 1, [blob(page)])], { evidenceDir: dir });
    await recordResults(db, svc.refs, [down(key, 2, [blob(page), blob("png-bytes", "screenshot", "top-up")])], { evidenceDir: dir });

    const hash = contentHash(new TextEncoder().encode(page));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(evidencePath(dir, hash), "utf8")).toBe(page);
    expect(evidencePath(dir, hash)).toBe(path.join(dir, hash.slice(0, 2), hash));
    expect(filesUnder(dir).sort()).toEqual([hash, contentHash(new TextEncoder().encode("png-bytes"))].sort());
    expect(await db.evidence.findMany({ orderBy: { size: "asc" } })).toEqual([
      expect.objectContaining({ hash: contentHash(new TextEncoder().encode("png-bytes")), size: 9, mediaType: "text/plain; charset=utf-8" }),
      expect.objectContaining({ hash, size: page.length }),
    ]);
    const results = await db.result.findMany({ where: { probe: { key } }, orderBy: { at: "asc" }, include: { evidence: { orderBy: { kind: "asc" } } } });
    expect(results.map((r) => r.evidence.map((e) => [e.kind, e.step, e.hash.slice(0, 8)]))).toEqual([
      [["body", null, hash.slice(0, 8)]],
      [["body", null, hash.slice(0, 8)]],
      [
        ["body", null, hash.slice(0, 8)],
        ["screenshot", "top-up", contentHash(new TextEncoder().encode("png-bytes")).slice(0, 8)],
      ],
    ]);
    expect(JSON.parse(results[0]!.detail!)).toMatchObject({ kind: "http", response: { status: 503, headers: { "retry-after": "60" } } });
    expect(await readEvidence(dir, hash)).toEqual(Buffer.from(page));
  });

  it("a failed transaction leaves at worst an unlinked blob, never a hash without its blob", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-"));
    const key = svc.probeKey("topup");
    // A probe the database does not hold: the insert inside the transaction fails (foreign key),
    // after the blob was written.
    const broken = new Map([[key, { ...svc.refs.get(key)!, id: 987_654 }]]);
    await expect(recordResults(db, broken, [down(key, 0, [blob("orphan")])], { evidenceDir: dir })).rejects.toThrow();
    expect(filesUnder(dir)).toEqual([contentHash(new TextEncoder().encode("orphan"))]);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.resultEvidence.count()).toBe(0);
    // no temporary files are left behind
    expect(filesUnder(dir).some((f) => f.includes(".tmp-"))).toBe(false);
  });

  it("results with evidence but no evidence folder are refused before anything is written", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    await expect(recordResults(db, svc.refs, [down(svc.probeKey("topup"), 0, [blob("x")])])).rejects.toThrow(/no evidence folder/);
    expect(await db.result.count({ where: { probe: { key: svc.probeKey("topup") } } })).toBe(0);
  });

  it("a blob altered on disk is not served as evidence", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-"));
    await recordResults(db, svc.refs, [down(svc.probeKey("topup"), 0, [blob("original")])], { evidenceDir: dir });
    const hash = contentHash(new TextEncoder().encode("original"));
    writeFileSync(evidencePath(dir, hash), "tampered");
    expect(await readEvidence(dir, hash)).toBeNull();
  });
});
