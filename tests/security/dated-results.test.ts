import { createPrivateKey } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, type AgentResult } from "@/core/agent-batch";
import type { ProbeResult } from "@/core/probe-result";
import { generateAgentKeyPair, signBytes } from "@/lib/agents/keys";
import { AgentBatchError, receiveAgentBatch } from "@/lib/agents/receive-batch";
import { ResultsFileError } from "@/lib/results-file/read-results-file";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { importResults } from "@/lib/store/import-results";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Issue 15 item 4: results dated where no probe can have run. One imported result
 * a year ahead froze a function at UP (every real run after it looked out of
 * order), and one agent result dated 0001-01-01 sent the daily-root job back to
 * year 1. Both are refused where they come in, naming the line or the batch.
 */
const NOW = new Date("2026-11-05T00:10:00Z");
const YEAR_AHEAD = "2027-11-05T00:00:00Z";

function resultsFile(lines: object[]): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "ledger-dated-")), "results.jsonl");
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
  return file;
}

function run(probeKey: string, at: Date, state: "UP" | "DOWN"): ProbeResult {
  return {
    probeKey,
    at,
    intervalSec: 60,
    state,
    latencyMs: null,
    httpStatus: state === "UP" ? 200 : 503,
    errorClass: state === "UP" ? null : "ASSERTION_STATUS",
    message: null,
  };
}

describe("importing dated results", () => {
  it.each([
    ["a year ahead", YEAR_AHEAD, /results\.jsonl:2 +dated 2027-11-05T00:00:00\.000Z, after 2026-11-05T00:15:00\.000Z/],
    ["in year 9999", "9999-01-01T00:00:00Z", /results\.jsonl:2 +dated 9999-01-01/],
    ["in year 0001", "0001-01-01T00:00:00Z", /results\.jsonl:2 +dated 0001-01-01T00:00:00\.000Z, before 2000-01-01/],
  ])("a line %s is refused by number, and nothing of the file is stored", async (_, at, message) => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const file = resultsFile([
      { service: svc.slug, function: "topup", at: "2026-11-04T00:00:00Z", state: "UP" },
      { service: svc.slug, function: "topup", at, state: "UP" },
    ]);
    const err = await importResults(db, svc.config, file, { now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResultsFileError);
    expect((err as Error).message).toMatch(message);
    expect(await db.result.count()).toBe(0);
  });

  it("after a refused future line, the function's real failures still open an outage", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 2 });
    const probeKey = svc.probeKey("topup");
    await importResults(db, svc.config, resultsFile([{ service: svc.slug, function: "topup", at: YEAR_AHEAD, state: "UP" }]), { now: NOW }).catch(() => null);
    await recordResults(db, svc.refs, [run(probeKey, new Date("2026-11-05T00:08:00Z"), "DOWN"), run(probeKey, new Date("2026-11-05T00:09:00Z"), "DOWN")]);
    expect(await db.outage.count({ where: { service: { slug: svc.slug } } })).toBe(1);
  });

  it("a result within the allowed skew (a few seconds ahead) is still imported", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const file = resultsFile([{ service: svc.slug, function: "topup", at: "2026-11-05T00:12:00Z", state: "UP" }]);
    expect(await importResults(db, svc.config, file, { now: NOW })).toMatchObject({ imported: 1 });
  });
});

describe("agent batches with dated results", () => {
  const AGENT = "dated-agent";
  const key = generateAgentKeyPair();

  it.each([
    ["a year ahead", YEAR_AHEAD, /^batch [0-9a-f-]{36}: result 2 \(.+\) is dated 2027-11-05T00:00:00\.000Z, after/],
    ["in year 0001", "0001-01-01T00:00:00.000Z", /^batch [0-9a-f-]{36}: result 2 \(.+\) is dated 0001-01-01T00:00:00\.000Z, before 2000-01-01/],
  ])("a result %s refuses the batch (400), neither stored nor held", async (_, at, message) => {
    const { db } = await createTestDb();
    const svc = await createService(db, { locations: [{ key: "busan" }], agents: [{ key: AGENT, location: "busan", publicKey: key.publicKey }] });
    const probeKey = svc.probeKey("topup", "busan");
    const r = (iso: string): AgentResult => ({
      probeKey,
      at: iso,
      intervalSec: 60,
      state: "UP",
      latencyMs: 1,
      httpStatus: 200,
      errorClass: null,
      message: null,
    });
    const body = canonicalJson({
      v: 1,
      agent: AGENT,
      batchId: crypto.randomUUID(),
      seq: 1,
      sentAt: NOW.toISOString(),
      results: [r("2026-11-05T00:09:00.000Z"), r(new Date(at).toISOString())],
    });
    const err = await receiveAgentBatch(db, { body, agent: AGENT, signature: signBytes(body, createPrivateKey(key.privateKeyPem)), receivedAt: NOW }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AgentBatchError);
    expect(err).toMatchObject({ httpStatus: 400, code: "invalid_batch" });
    expect((err as Error).message).toMatch(message);
    expect(await db.result.count()).toBe(0);
    expect(await db.agentBatch.count()).toBe(0);
  });
});

describe("daily roots", () => {
  it("begin at the first real day, whatever ancient result the database already holds", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const probeKey = svc.probeKey("topup");
    // stored before results were checked on the way in
    await recordResults(db, svc.refs, [run(probeKey, new Date("0001-01-01T00:00:00Z"), "UP"), run(probeKey, new Date("2026-11-03T10:00:00Z"), "UP")]);
    const roots = await computeDailyRoots(db, { now: NOW.getTime(), graceMs: 5 * 60_000 });
    expect(roots.map((r) => r.day)).toEqual(["2026-11-03", "2026-11-04"]);
  });
});
