import { createPrivateKey } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson, type AgentResult } from "@/core/agent-batch";
import { generateAgentKeyPair, signBytes } from "@/lib/agents/keys";
import { receiveAgentBatch } from "@/lib/agents/receive-batch";
import { SESSION_COOKIE } from "@/lib/auth/session-store";
import type { Db } from "@/lib/db";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

/**
 * The agents page's form: an admin counts a held batch with a published reason
 * (POST /actions/agent-batches/release, called as Next.js calls it). The checks
 * are those of `ledger agents release`; refusals come back as codes the page
 * translates, and nothing is written when refused.
 */
type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ORIGIN = "http://ledger.test";
const AGENT = "busan-1";
const key = generateAgentKeyPair();
let db: Db;
let route: Route;
let csrfToken: (binding: string, purpose: "session" | "sign-in") => string;
let probeKey: string;
let seq = 5_000;

beforeAll(async () => {
  const t = await createTestDb();
  db = t.db;
  const svc = await createService(db, {
    locations: [{ key: "busan" }],
    agents: [{ key: AGENT, location: "busan", publicKey: key.publicKey, maxClockSkew: "30s" }],
  });
  probeKey = svc.probeKey("topup", "busan");
  process.env.DATABASE_URL = t.url;
  process.env.LEDGER_SECRET = "a-test-signing-secret-of-at-least-32-chars";
  process.env.LEDGER_PUBLIC_URL = ORIGIN;
  process.env.LEDGER_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ledger-release-"));
  delete (globalThis as { __ledgerDb?: unknown }).__ledgerDb;
  vi.resetModules();
  route = (await import("@/app/actions/agent-batches/release/route")).POST as unknown as Route;
  ({ csrfToken } = await import("@/lib/auth/csrf"));
});

/** A batch of two UP results a minute ago, signed by the agent and received now (held or not, as the server decides). */
async function send(sentAt = new Date()): Promise<{ batchId: string; at: Date[] }> {
  const base = Date.now() - 60_000 + seq;
  const results: AgentResult[] = [0, 1].map((i) => ({
    probeKey,
    at: new Date(base + i * 10_000).toISOString(),
    intervalSec: 10,
    state: "UP",
    latencyMs: 120,
    httpStatus: 200,
    errorClass: null,
    message: null,
  }));
  const batch = { v: 1, agent: AGENT, batchId: crypto.randomUUID(), seq: ++seq, sentAt: sentAt.toISOString(), results };
  const body = canonicalJson(batch);
  await receiveAgentBatch(db, { body, agent: AGENT, signature: signBytes(body, createPrivateKey(key.privateKeyPem)), receivedAt: new Date() });
  return { batchId: batch.batchId, at: results.map((r) => new Date(r.at)) };
}

async function post(who: { token: string; user: { tokenHash: string } }, fields: Record<string, string>): Promise<URL> {
  const res = await route(
    new Request(`${ORIGIN}/actions/agent-batches/release`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, host: "ledger.test", cookie: `${SESSION_COOKIE}=${who.token}` },
      body: new URLSearchParams({ csrf: csrfToken(who.user.tokenHash, "session"), back: "/ko/admin/agents", agent: AGENT, ...fields }).toString(),
    }),
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(303);
  return new URL(res.headers.get("location")!, ORIGIN);
}

const stored = (at: Date[]) => db.result.count({ where: { probe: { key: probeKey }, at: { in: at } } });
const status = async (batchId: string) => (await db.agentBatch.findFirstOrThrow({ where: { batchId } })).status;

describe("counting a held batch from the agents page", () => {
  it("an admin counts a batch held for a probe out of the configuration, once it is back; the log names the admin", async () => {
    const admin = await createTestUser(db, { role: "ADMIN" });
    const council = await createTestUser(db, { role: "COUNCIL" });
    await db.probe.update({ where: { key: probeKey }, data: { active: false } });
    const b = await send();
    expect(await status(b.batchId)).toBe("HELD");
    const audit = await db.auditEntry.count();

    // A council member reads the page but cannot decide.
    expect((await post(council, { batchId: b.batchId, why: "counted by the council" })).searchParams.get("error")).toBe("forbidden");
    // Still out of the configuration: nowhere to put the results.
    expect((await post(admin, { batchId: b.batchId, why: "the probe is back" })).searchParams.get("error")).toBe("batch_unplaceable");
    // No reason worth publishing.
    expect((await post(admin, { batchId: b.batchId, why: "ok" })).searchParams.get("error")).toBe("invalid_input");
    expect(await status(b.batchId)).toBe("HELD");
    expect(await stored(b.at)).toBe(0);
    expect(await db.auditEntry.count()).toBe(audit);

    await db.probe.update({ where: { key: probeKey }, data: { active: true } });
    const done = await post(admin, { batchId: b.batchId, why: "the probe was taken out by mistake on 12-01 and is configured again" });
    expect(done.pathname).toBe("/ko/admin/agents");
    expect(done.searchParams.get("notice")).toBe("batch_released");
    expect(await status(b.batchId)).toBe("ACCEPTED");
    expect(await stored(b.at)).toBe(2);
    const entry = await db.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ action: "agent_batch.release", actorId: admin.user.userId, actorRole: "ADMIN", actorName: admin.user.displayName });
    expect(JSON.parse(entry.details)).toMatchObject({
      batchId: b.batchId,
      stored: 2,
      why: "the probe was taken out by mistake on 12-01 and is configured again",
      trustClock: false,
    });
    // once only
    expect((await post(admin, { batchId: b.batchId, why: "once more, please" })).searchParams.get("error")).toBe("batch_not_held");
    expect((await post(admin, { batchId: "no-such-batch", why: "a batch nobody sent" })).searchParams.get("error")).toBe("batch_not_found");
  });

  it("a batch held for the agent's clock is counted only when the admin ticks that the clock can be trusted", async () => {
    const admin = await createTestUser(db, { role: "ADMIN" });
    // sent 95 s "in the future" by the agent's clock: beyond its 30 s bound
    const b = await send(new Date(Date.now() + 95_000));
    expect(await status(b.batchId)).toBe("HELD");
    expect((await post(admin, { batchId: b.batchId, why: "the clock was checked by hand" })).searchParams.get("error")).toBe("batch_clock_untrusted");
    expect(await stored(b.at)).toBe(0);
    expect((await post(admin, { batchId: b.batchId, why: "the clock was checked by hand", trustClock: "on" })).searchParams.get("notice")).toBe(
      "batch_released",
    );
    expect(await stored(b.at)).toBe(2);
  });
});
