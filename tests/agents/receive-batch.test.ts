import { createHash } from "node:crypto";
import { createPrivateKey } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { request } from "undici";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson, type AgentResult } from "@/core/agent-batch";
import { agentOverview } from "@/lib/agents/agent-overview";
import { releaseHeldBatch } from "@/lib/agents/release-batch";
import { generateAgentKeyPair, signBytes } from "@/lib/agents/keys";
import type { Db } from "@/lib/db";
import { agentBatchOutcomeSchema, agentErrorSchema } from "@/lib/openapi/schemas";
import { createService } from "../helpers/factories";
import { serveRoute } from "../helpers/route-server";
import { createTestDb } from "../helpers/test-db";

/**
 * The agents' endpoint over a real HTTP server, with hand-made requests: what it
 * stores, and what it refuses or holds back, with which error.
 */
const AGENT = "busan-1";
const OTHER_AGENT = "seoul-1";
let db: Db;
let url: string;
let probeKey: string;
let otherProbeKey: string;
let evidenceDir: string;
const key = generateAgentKeyPair();
const otherKey = generateAgentKeyPair();
const stranger = generateAgentKeyPair();

beforeAll(async () => {
  const t = await createTestDb();
  db = t.db;
  const svc = await createService(db, {
    locations: [{ key: "busan" }, { key: "seoul" }],
    agents: [
      { key: AGENT, location: "busan", publicKey: key.publicKey, maxClockSkew: "30s" },
      { key: OTHER_AGENT, location: "seoul", publicKey: otherKey.publicKey },
    ],
  });
  probeKey = svc.probeKey("topup", "busan");
  otherProbeKey = svc.probeKey("topup", "seoul");
  process.env.DATABASE_URL = t.url;
  // The route writes evidence files under the data folder: this test's own.
  process.env.LEDGER_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ledger-agent-evidence-"));
  evidenceDir = path.join(process.env.LEDGER_DATA_DIR, "evidence");
  delete (globalThis as { __ledgerDb?: unknown }).__ledgerDb;
  vi.resetModules();
  const { POST } = await import("@/app/api/v1/agents/results/route");
  url = `${(await serveRoute(POST)).url}/api/v1/agents/results`;
});

let seq = 1_000;
let n = 0;
function results(count: number, probe = probeKey): AgentResult[] {
  // distinct instants a minute in the past, 10 s apart
  const base = Date.now() - 60_000 + n++ * 100;
  return Array.from({ length: count }, (_, i) => ({
    probeKey: probe,
    at: new Date(base + i * 10_000 - 30_000).toISOString(),
    intervalSec: 10,
    state: "UP",
    latencyMs: 120,
    httpStatus: 200,
    errorClass: null,
    message: null,
  }));
}

function batch(over: Partial<{ agent: string; batchId: string; seq: number; sentAt: string; results: AgentResult[] }> = {}) {
  return { v: 1, agent: AGENT, batchId: crypto.randomUUID(), seq: ++seq, sentAt: new Date().toISOString(), results: results(2), ...over };
}

/** Posts a body; every answer must match its OpenAPI schema exactly (strict: no undocumented field). */
async function post(body: string, headers: Record<string, string>) {
  const res = await request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const json = (await res.body.json()) as Record<string, unknown> & { error?: { code: string; message: string; lastSeq?: number } };
  if (res.statusCode < 300) agentBatchOutcomeSchema.parse(json);
  else agentErrorSchema.parse(json);
  return { status: res.statusCode, json };
}

function signed(b: object, pem = key.privateKeyPem, agent = AGENT) {
  const body = canonicalJson(b);
  return post(body, { "x-ledger-agent": agent, "x-ledger-signature": signBytes(body, createPrivateKey(pem)) });
}

describe("POST /api/v1/agents/results", () => {
  it("stores a signed batch once, with its signature, hash and bytes kept as evidence", async () => {
    const b = batch();
    const body = canonicalJson(b);
    const signature = signBytes(body, createPrivateKey(key.privateKeyPem));
    const res = await post(body, { "x-ledger-agent": AGENT, "x-ledger-signature": signature });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "accepted", batchId: b.batchId, stored: 2 });
    const row = await db.agentBatch.findFirstOrThrow({ where: { batchId: b.batchId } });
    expect(row).toMatchObject({
      status: "ACCEPTED",
      signature,
      payload: body,
      payloadHash: createHash("sha256").update(body).digest("hex"),
      resultCount: 2,
      storedCount: 2,
    });
    const stored = await db.result.findMany({ where: { agentBatchId: row.id }, orderBy: { at: "asc" } });
    expect(stored.map((r) => r.at.toISOString())).toEqual(b.results.map((r) => r.at));

    // The agent lost the answer and sends the batch again: a new sending time, a new signature.
    const again = await signed({ ...b, sentAt: new Date().toISOString() });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: "duplicate", stored: 0 });
    expect(await db.result.count({ where: { probe: { key: probeKey }, at: { in: b.results.map((r) => new Date(r.at)) } } })).toBe(2);
    expect(await db.agentBatch.count({ where: { batchId: b.batchId } })).toBe(1);
  });

  it("refuses a body changed after signing", async () => {
    const body = canonicalJson(batch());
    const signature = signBytes(body, createPrivateKey(key.privateKeyPem));
    const tampered = body.replace('"state":"UP"', '"state":"DOWN"');
    const res = await post(tampered, { "x-ledger-agent": AGENT, "x-ledger-signature": signature });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: "bad_signature" });
    expect(await db.result.count({ where: { state: "DOWN" } })).toBe(0);
  });

  it("refuses unknown keys: an agent not configured, and a known agent's name signed with another key", async () => {
    const unknown = await signed(batch({ agent: "nobody" }), stranger.privateKeyPem, "nobody");
    expect(unknown.status).toBe(401);
    expect(unknown.json.error).toMatchObject({ code: "unknown_agent" });
    expect(unknown.json.error!.message).toContain('"nobody"');
    const impostor = await signed(batch(), stranger.privateKeyPem);
    expect(impostor.status).toBe(401);
    expect(impostor.json.error).toMatchObject({ code: "bad_signature" });
    const unsigned = await post(canonicalJson(batch()), { "x-ledger-agent": AGENT });
    expect(unsigned.status).toBe(401);
    expect(unsigned.json.error).toMatchObject({ code: "unsigned" });
  });

  it("refuses replays: an old sequence under a new id, and an id reused for other content", async () => {
    const first = batch();
    expect((await signed(first)).status).toBe(200);
    const replay = await signed(batch({ seq: first.seq }));
    expect(replay.status).toBe(409);
    expect(replay.json.error).toMatchObject({ code: "replayed_sequence", lastSeq: first.seq });
    const conflict = await signed({ ...first, results: results(1) });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error).toMatchObject({ code: "batch_conflict" });
  });

  it("refuses a body that is not the canonical bytes, or not a batch", async () => {
    const b = batch();
    const pretty = JSON.stringify(b, null, 2);
    const res = await post(pretty, { "x-ledger-agent": AGENT, "x-ledger-signature": signBytes(pretty, createPrivateKey(key.privateKeyPem)) });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "not_canonical" });
    const bad = await signed({ ...batch(), results: [{ ...results(1)[0]!, state: "MAYBE" }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error!.code).toBe("invalid_batch");
    expect(bad.json.error!.message).toContain("results.0.state");
  });

  it("holds back a batch from an agent whose clock is off, flags the agent, and counts nothing until it is right again", async () => {
    // The agent's clock runs 95 s ahead of the server's: skew 95 s > the 30 s bound.
    const skewed = batch({ sentAt: new Date(Date.now() + 95_000).toISOString() });
    const res = await signed(skewed);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: "held", stored: 0 });
    expect(res.json.reason).toMatch(/^clock_skew: the agent's clock is 9[45]\.\d s ahead of the server's \(bound 30\.0 s\)/);
    expect(await db.result.count({ where: { at: { in: skewed.results.map((r) => new Date(r.at)) } } })).toBe(0);
    let overview = await agentOverview(db);
    expect(overview.agents.find((a) => a.key === AGENT)).toMatchObject({ clockFlagged: true });
    expect(overview.held).toContainEqual(expect.objectContaining({ agent: AGENT, batchId: skewed.batchId, results: 2 }));
    // Sent again (the answer was lost): still held, still not counted.
    expect((await signed({ ...skewed, sentAt: new Date(Date.now() + 95_000).toISOString() })).json).toMatchObject({
      status: "duplicate",
      reason: expect.stringMatching(/^clock_skew/),
    });

    const fixed = batch();
    expect((await signed(fixed)).json).toMatchObject({ status: "accepted", stored: 2 });
    overview = await agentOverview(db);
    expect(overview.agents.find((a) => a.key === AGENT)).toMatchObject({ clockFlagged: false });
    expect(overview.held.map((h) => h.batchId)).toContain(skewed.batchId);
  });

  it("holds back results it cannot place: another location's probe, a probe it does not know, a result after the sending time", async () => {
    const other = await signed(batch({ results: results(1, otherProbeKey) }));
    expect(other.status).toBe(202);
    expect(other.json.reason).toMatch(/^wrong_location: probe ".*-topup-seoul" runs at location "seoul", not at this agent's "busan"/);
    const unknown = await signed(batch({ results: results(1, "no-such-probe") }));
    expect(unknown.json.reason).toMatch(/^unknown_probe/);
    const late = batch();
    late.results = [{ ...late.results[0]!, at: new Date(Date.parse(late.sentAt) + 5_000).toISOString() }];
    expect((await signed(late)).json.reason).toMatch(/^result_after_sending/);
  });

  it("keeps what a failing run saw: its detail, and its files written by their sha256 and linked from the stored result", async () => {
    const page = Buffer.from("<html><body>점검 중입니다 / 503</body></html>");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    const [r] = results(1);
    const failing: AgentResult = {
      ...r!,
      state: "DOWN",
      httpStatus: 503,
      errorClass: "ASSERTION_STATUS",
      message: "top-up: status 503",
      detail: {
        kind: "browser",
        step: "top-up",
        steps: [{ name: "top-up", phase: "main", outcome: "failed", ms: 812, status: 503, errorClass: "ASSERTION_STATUS", message: "status 503" }],
      },
      evidence: [
        { role: "page", step: "top-up", mediaType: "text/html; charset=utf-8", sha256: sha(page), base64: page.toString("base64") },
        { role: "screenshot", step: "top-up", mediaType: "image/png", sha256: sha(png), base64: png.toString("base64") },
      ],
    };
    const b = batch({ results: [failing] });
    const res = await signed(b);
    expect(res.json).toMatchObject({ status: "accepted", stored: 1 });
    const row = await db.result.findFirstOrThrow({ where: { probe: { key: probeKey }, at: new Date(failing.at) }, include: { evidence: true } });
    expect(JSON.parse(row.detail!)).toEqual(failing.detail);
    expect(row.evidence.map((e) => [e.kind, e.step, e.hash]).sort()).toEqual([
      ["page", "top-up", sha(page)],
      ["screenshot", "top-up", sha(png)],
    ]);
    expect(readFileSync(path.join(evidenceDir, sha(page).slice(0, 2), sha(page)))).toEqual(page);
    expect(readFileSync(path.join(evidenceDir, sha(png).slice(0, 2), sha(png)))).toEqual(png);
    expect(await db.evidence.findUnique({ where: { hash: sha(png) } })).toMatchObject({ mediaType: "image/png", size: png.length });
  });

  it("refuses a file whose bytes do not match the sha256 signed beside them, and stores nothing of the batch", async () => {
    const [r] = results(1);
    const claimed = createHash("sha256").update("what the agent saw").digest("hex");
    const b = batch({
      results: [
        {
          ...r!,
          state: "DOWN",
          evidence: [
            { role: "body", step: null, mediaType: "text/plain; charset=utf-8", sha256: claimed, base64: Buffer.from("something else").toString("base64") },
          ],
        },
      ],
    });
    const res = await signed(b);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_batch" });
    expect(res.json.error!.message).toContain("do not match its sha256");
    expect(await db.agentBatch.count({ where: { batchId: b.batchId } })).toBe(0);
    expect(await db.result.count({ where: { probe: { key: probeKey }, at: new Date(r!.at) } })).toBe(0);
  });

  it("an admin releases a held batch once its cause is gone: verified again, placed, stored, and logged", async () => {
    const admin = { id: null, name: "command line", role: "SYSTEM" };
    const release = (batchId: string, more: { trustClock?: boolean; why?: string } = {}) =>
      releaseHeldBatch(db, {
        batchId,
        why: more.why ?? "the probe is configured again",
        actor: admin,
        trustClock: more.trustClock,
        now: new Date(),
        evidenceDir,
      });

    // The probe was taken out of the configuration while the agent still ran it: held (inactive_probe).
    await db.probe.update({ where: { key: probeKey }, data: { active: false } });
    const b = batch();
    const held = await signed(b);
    expect(held.json).toMatchObject({ status: "held", reason: expect.stringMatching(/^inactive_probe/) });
    await expect(release(b.batchId)).rejects.toThrow(/still cannot be placed: inactive_probe/);
    await expect(release(b.batchId, { why: "ok" })).rejects.toThrow(/say why/);

    // Back in the configuration: released, both results stored, the decision in the activity log.
    await db.probe.update({ where: { key: probeKey }, data: { active: true } });
    const auditBefore = await db.auditEntry.count();
    expect(await release(b.batchId)).toMatchObject({ stored: 2, results: 2, previousReason: expect.stringMatching(/^inactive_probe/) });
    expect(await db.result.count({ where: { probe: { key: probeKey }, at: { in: b.results.map((r) => new Date(r.at)) } } })).toBe(2);
    const row = await db.agentBatch.findFirstOrThrow({ where: { batchId: b.batchId } });
    expect(row).toMatchObject({
      status: "ACCEPTED",
      storedCount: 2,
      reason: expect.stringMatching(/^released: the probe is configured again \(held for: inactive_probe/),
    });
    expect(await db.auditEntry.count()).toBe(auditBefore + 1);
    const entry = await db.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ action: "agent_batch.release", actorName: "command line" });
    expect(JSON.parse(entry.details)).toMatchObject({ batchId: b.batchId, stored: 2, why: "the probe is configured again" });
    await expect(release(b.batchId)).rejects.toThrow(/is accepted, not held/);

    // Held for the agent's clock: only with the admin's word that the times are right.
    const skewed = batch({ sentAt: new Date(Date.now() + 95_000).toISOString() });
    expect((await signed(skewed)).json).toMatchObject({ status: "held" });
    await expect(release(skewed.batchId)).rejects.toThrow(/--trust-clock/);
    expect(
      await release(skewed.batchId, { trustClock: true, why: "the agent's clock was checked against the server's; the offset was in sending only" }),
    ).toMatchObject({ stored: 2 });

    // Kept bytes altered in the database: no longer verify, not released.
    const other = batch({ sentAt: new Date(Date.now() + 95_000).toISOString() });
    await signed(other);
    const kept = await db.agentBatch.findFirstOrThrow({ where: { batchId: other.batchId } });
    await db.agentBatch.update({ where: { id: kept.id }, data: { payload: kept.payload.replace('"state":"UP"', '"state":"DOWN"') } });
    await expect(release(other.batchId, { trustClock: true })).rejects.toThrow(/no longer verify/);
    expect(await db.result.count({ where: { probe: { key: probeKey }, at: { in: other.results.map((r) => new Date(r.at)) } } })).toBe(0);
  });
});
