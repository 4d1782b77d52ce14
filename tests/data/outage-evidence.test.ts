import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentHash } from "@/core/evidence/content-hash";
import type { EvidenceBlob } from "@/core/evidence/evidence-blob";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { getEvidenceBlob } from "@/lib/data/evidence-blob";
import { getOutageDetail, probeView } from "@/lib/data/outage-detail";
import { evidencePath } from "@/lib/store/evidence-store";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/** The outage page's data: the first and latest failing runs opened up, blob links per row, flows described by their steps. */
const T0 = Date.parse("2026-04-01T00:00:00Z");
const bytes = (s: string) => new TextEncoder().encode(s);

function run(probeKey: string, i: number, state: ProbeState, body: string | null, extra: EvidenceBlob[] = []): ProbeResult {
  const down = state === "DOWN";
  return {
    probeKey,
    at: new Date(T0 + i * 10_000),
    intervalSec: 10,
    state,
    latencyMs: 20,
    httpStatus: down ? 503 : 201,
    errorClass: down ? "ASSERTION_STATUS" : null,
    message: down ? `step "top-up" (3 of 4): status 503, expected 201` : null,
    detail: down
      ? {
          kind: "flow",
          step: "top-up",
          steps: [{ name: "top-up", phase: "main", outcome: "failed", ms: 20, status: 503, errorClass: "ASSERTION_STATUS", message: "status 503" }],
          response: { method: "POST", url: "http://s/api/v1/wallet/topups", status: 503, headers: { "retry-after": "60", authorization: "[REDACTED]" }, phases: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 18, totalMs: 20 }, bodyBytes: body?.length ?? 0, redirects: [] },
        }
      : null,
    evidence: body === null ? [] : [{ role: "body", step: "top-up", mediaType: "text/plain; charset=utf-8", bytes: bytes(body) }, ...extra],
  };
}

describe("outage detail with evidence", () => {
  it("opens the first and the latest failing run, and links every run's files", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 3 });
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-"));
    const key = svc.probeKey("topup");
    const first = '{"error":{"code":"SERVICE_UNAVAILABLE","message":"점검 중"}}';
    const later = '{"error":{"code":"BAD_GATEWAY"}}';
    const shot: EvidenceBlob = { role: "screenshot", step: "top-up", mediaType: "image/png", bytes: bytes("png") };
    // U D D D D U: the outage is [10 s, 50 s); the first failure kept `first`, the last one `later` and a screenshot
    await recordResults(db, svc.refs, [run(key, 0, "UP", null), run(key, 1, "DOWN", first), run(key, 2, "DOWN", first), run(key, 3, "DOWN", first), run(key, 4, "DOWN", later, [shot]), run(key, 5, "UP", null)], { evidenceDir: dir });
    const outage = await db.outage.findFirstOrThrow({ where: { service: { slug: svc.slug } } });
    const o = (await getOutageDetail(db, outage.id, new Date(T0 + 3_600_000), { evidenceDir: dir }))!;

    expect(o.failureEvidence.map((f) => [f.label, f.at])).toEqual([
      ["first", new Date(T0 + 10_000).toISOString()],
      ["last", new Date(T0 + 40_000).toISOString()],
    ]);
    const [f, l] = o.failureEvidence;
    expect(f!.detail?.step).toBe("top-up");
    expect(f!.detail?.response?.phases.firstByteMs).toBe(18);
    expect(f!.excerpt).toMatchObject({ kind: "body", text: first, link: { hash: contentHash(bytes(first)), size: bytes(first).length } });
    expect(f!.screenshot).toBeNull();
    expect(l!.excerpt?.text).toBe(later);
    expect(l!.screenshot).toMatchObject({ hash: contentHash(bytes("png")), mediaType: "image/png" });
    // the results table: every failing run links its files, the resolving UP run none
    expect(o.evidence.head.map((r) => r.evidence.map((e) => e.kind))).toEqual([["body"], ["body"], ["body"], ["body", "screenshot"], []]);
  });

  it("without the evidence folder the links remain and no text is read", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 1 });
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-"));
    await recordResults(db, svc.refs, [run(svc.probeKey("topup"), 0, "DOWN", "x")], { evidenceDir: dir });
    const outage = await db.outage.findFirstOrThrow({ where: { service: { slug: svc.slug } } });
    const o = (await getOutageDetail(db, outage.id, new Date(T0 + 60_000)))!;
    expect(o.failureEvidence).toHaveLength(1);
    expect(o.failureEvidence[0]!.excerpt).toBeNull();
    expect(o.evidence.head[0]!.evidence).toHaveLength(1);
  });

  it("serves a blob only by a hash the database knows, and only while its bytes match", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 1 });
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-"));
    await recordResults(db, svc.refs, [run(svc.probeKey("topup"), 0, "DOWN", "kept")], { evidenceDir: dir });
    const hash = contentHash(bytes("kept"));
    expect(await getEvidenceBlob(db, dir, hash)).toEqual({ bytes: Buffer.from("kept"), mediaType: "text/plain; charset=utf-8" });
    expect(await getEvidenceBlob(db, dir, contentHash(bytes("never stored")))).toBeNull();
    expect(await getEvidenceBlob(db, dir, "../../etc/passwd")).toBeNull();
    writeFileSync(evidencePath(dir, hash), "changed");
    expect(await getEvidenceBlob(db, dir, hash)).toBeNull();
  });
});

describe("probe view", () => {
  const loc = { key: "local", name: "로컬", nameEn: "Local" };
  const cols = { intervalSec: 10, timeoutMs: 5000, confirm: 3, method: "GET", url: "" };

  it("a flow shows its steps with header names only, and the union of header names", () => {
    const def = {
      kind: "flow",
      steps: [
        { name: "login", request: { method: "POST", url: "http://s/api/v1/auth/login", headers: {}, body: { password: "x" } }, expect: { status: [200], json: [], headers: [], bodyContains: [], bodyNotContains: [] }, extract: {} },
        { name: "top-up", request: { method: "POST", url: "http://s/api/v1/wallet/topups?token=abc", headers: { authorization: "Bearer {{token}}", "idempotency-key": "{{uuid}}" } }, expect: { status: [201], json: [{ path: "$.total", min: "{{before + 1000}}" }], headers: [], bodyContains: [], bodyNotContains: [], maxLatency: 1500 }, extract: {} },
      ],
      cleanup: [{ name: "refund", request: { method: "POST", url: "http://s/refund/{{topupId}}", headers: {} }, expect: { status: [200], json: [], headers: [], bodyContains: [], bodyNotContains: [] }, extract: {} }],
    };
    const v = probeView("k", loc, JSON.stringify(def), cols);
    expect(v.kind).toBe("flow");
    expect(v.headerNames).toEqual(["authorization", "idempotency-key"]);
    expect(v.hasBody).toBe(true);
    expect(v.steps).toEqual([
      { name: "login", phase: "main", action: "POST", target: "http://s/api/v1/auth/login", headerNames: [], hasBody: true, expects: ["200"] },
      { name: "top-up", phase: "main", action: "POST", target: "http://s/api/v1/wallet/topups?token=…", headerNames: ["authorization", "idempotency-key"], hasBody: false, expects: ["201", "$.total ≥ {{before + 1000}}", "≤ 1500 ms"] },
      { name: "refund", phase: "cleanup", action: "POST", target: "http://s/refund/{{topupId}}", headerNames: [], hasBody: false, expects: ["200"] },
    ]);
    expect(JSON.stringify(v)).not.toContain("Bearer");
  });
});
