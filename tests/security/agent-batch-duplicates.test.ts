import { createPrivateKey } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, type AgentResult } from "@/core/agent-batch";
import { generateAgentKeyPair, signBytes } from "@/lib/agents/keys";
import { AgentBatchError, receiveAgentBatch } from "@/lib/agents/receive-batch";
import type { Db } from "@/lib/db";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Issue 15 item 9: one signed batch carrying two different results for the same
 * probe and instant. Which one counts would be an accident of order, so the batch
 * is refused whole, as an import refuses the same file; a result repeated byte
 * for byte is harmless and stored once.
 */
const AGENT = "dup-agent";
const key = generateAgentKeyPair();
let db: Db;
let probeKey: string;
let seq = 0;

beforeAll(async () => {
  db = (await createTestDb()).db;
  const svc = await createService(db, { locations: [{ key: "busan" }], agents: [{ key: AGENT, location: "busan", publicKey: key.publicKey }] });
  probeKey = svc.probeKey("topup", "busan");
});

function result(at: string, over: Partial<AgentResult> = {}): AgentResult {
  return { probeKey, at, intervalSec: 10, state: "UP", latencyMs: 80, httpStatus: 200, errorClass: null, message: null, ...over };
}

function send(results: AgentResult[]) {
  const now = new Date();
  const body = canonicalJson({ v: 1, agent: AGENT, batchId: crypto.randomUUID(), seq: ++seq, sentAt: now.toISOString(), results });
  return receiveAgentBatch(db, { body, agent: AGENT, signature: signBytes(body, createPrivateKey(key.privateKeyPem)), receivedAt: now });
}

describe("two results for one probe and instant in one batch", () => {
  it("UP and DOWN at the same instant: the batch is refused whole (400 invalid_batch naming the batch and the instant), nothing stored", async () => {
    const at = new Date(Date.now() - 30_000).toISOString();
    const before = await db.result.count();
    const err = await send([
      result(new Date(Date.now() - 40_000).toISOString()),
      result(at),
      result(at, { state: "DOWN", httpStatus: 503, errorClass: "ASSERTION_STATUS", message: "503" }),
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentBatchError);
    expect(err).toMatchObject({ httpStatus: 400, code: "invalid_batch" });
    expect((err as Error).message).toMatch(/^batch [0-9a-f-]{36}: two different results for .+ at /);
    expect((err as Error).message).toContain(at);
    expect(await db.result.count()).toBe(before);
    expect(await db.agentBatch.count({ where: { agent: { key: AGENT }, status: "ACCEPTED" } })).toBe(0);
  });

  it("the same result twice, byte for byte, is accepted and stored once", async () => {
    const at = new Date(Date.now() - 20_000).toISOString();
    const outcome = await send([result(at), result(at)]);
    expect(outcome).toMatchObject({ status: "accepted", stored: 1 });
    expect(await db.result.count({ where: { at: new Date(at), probe: { key: probeKey } } })).toBe(1);
  });
});
