import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ProbeDefinition } from "@/core/config/resolve";
import type { ProbeResult } from "@/core/probe-result";
import { generateAgentKeyPair } from "@/lib/agents/keys";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { startAgent } from "@/probes/agent/run-agent";
import { openSpool } from "@/probes/agent/spool";
import { runProbe } from "@/probes/run-probe";
import { createService } from "../helpers/factories";
import { serveRoute, waitFor } from "../helpers/route-server";
import { createTestDb } from "../helpers/test-db";

/**
 * A remote agent against a real HTTP server running the agents' route, probing a
 * real local service every second. The server is stopped while the agent keeps
 * probing, then started again: every result the agent produced must be stored,
 * each exactly once. The spool must also survive the agent itself being restarted.
 */
let service: http.Server;
let serviceUrl: string;
const log = logger("agent-test");
const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  file: string,
  opts: { readonly: boolean },
) => { prepare(sql: string): { get(): unknown }; close(): void };

beforeAll(async () => {
  service = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  await new Promise<void>((r) => service.listen(0, "127.0.0.1", r));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/health`;
});
afterAll(() => new Promise<void>((r) => service.close(() => r())));

async function setup() {
  const { db, url } = await createTestDb();
  const pair = generateAgentKeyPair();
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-agent-"));
  const keyFile = path.join(dir, "agent.pem");
  writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
  const svc = await createService(db, {
    locations: [{ key: "busan" }],
    agents: [{ key: "busan-1", location: "busan", publicKey: pair.publicKey }],
    intervalSec: 1,
    confirm: 2,
    url: serviceUrl,
  });
  // The route reads the database the environment names, as in production; the client is cached process-wide.
  process.env.DATABASE_URL = url;
  delete (globalThis as { __ledgerDb?: unknown }).__ledgerDb;
  vi.resetModules();
  const { POST } = await import("@/app/api/v1/agents/results/route");
  const server = await serveRoute(POST);
  // Every result the agent produces, as it produced it: the ground truth to compare the server with.
  const produced: ProbeResult[] = [];
  const recording = async (def: ProbeDefinition, at: Date) => {
    const r = await runProbe(def, at);
    produced.push(r);
    return r;
  };
  return { db, dir, keyFile, svc, server, produced, recording };
}

async function storedKeys(db: Db): Promise<string[]> {
  const rows = await db.result.findMany({ select: { at: true, probe: { select: { key: true } } }, orderBy: { at: "asc" } });
  return rows.map((r) => `${r.probe.key}@${r.at.toISOString()}`);
}
const keysOf = (results: ProbeResult[]) => results.map((r) => `${r.probeKey}@${r.at.toISOString()}`).sort();

describe("a remote probe agent", () => {
  it("keeps probing while the server is down, and every result arrives exactly once when it is back", async () => {
    const { db, dir, keyFile, svc, server, produced, recording } = await setup();
    const agent = await startAgent({
      serverUrl: server.url,
      keyFile,
      config: svc.config,
      dataDir: dir,
      log,
      runProbe: recording,
      retryMs: { min: 50, max: 200 },
    });
    expect(agent).toMatchObject({ agentKey: "busan-1", location: "busan" });
    await waitFor("two results stored", async () => (await db.result.count()) >= 2);

    await server.stop();
    const before = produced.length;
    // The agent keeps probing: results pile up in its spool, fsync'd, while posting fails.
    await waitFor("three batches spooled while the server is down", () => agent.spool.pendingCount() >= 3 && produced.length >= before + 3);
    expect(agent.sender.stats.reachable).toBe(false);
    // On disk, committed: another connection to the spool's database sees them.
    const onDisk = new Database(path.join(dir, "agent", "busan-1", "spool.db"), { readonly: true });
    expect((onDisk.prepare("SELECT count(*) AS n FROM batch").get() as { n: number }).n).toBeGreaterThanOrEqual(3);
    onDisk.close();

    await server.start();
    // The first batch after the restart is stored, but the answer is lost twice: the agent sends it
    // a second and a third time, and the server, which has it, says so and stores nothing more.
    server.loseAnswers(2);
    await waitFor("the spool drained", () => agent.spool.pendingCount() === 0 && agent.sender.stats.reachable === true);
    expect(agent.sender.stats.duplicates).toBe(1);
    // Stop probing, hand the last results to the spool, let them go out, then stop.
    await agent.worker.stop();
    await waitFor("the last batch sent", () => agent.spool.pendingCount() === 0);
    await agent.stop();

    const stored = await storedKeys(db);
    expect(stored.sort()).toEqual(keysOf(produced));
    expect(new Set(stored).size).toBe(stored.length);
    // Every result arrived with its signed batch, and every batch was accepted.
    expect(await db.result.count({ where: { agentBatchId: null } })).toBe(0);
    const batches = await db.agentBatch.findMany();
    expect(batches.every((b) => b.status === "ACCEPTED")).toBe(true);
    expect(batches.reduce((n, b) => n + b.storedCount, 0)).toBe(produced.length);
    // The live state followed: one location, always up.
    expect(await db.probeStatus.findFirstOrThrow({ where: { probe: { key: svc.probeKey("topup", "busan") } } })).toMatchObject({ state: "UP" });
  }, 60_000);

  it("keeps its spool across a restart of the agent", async () => {
    const { db, dir, keyFile, svc, server, produced, recording } = await setup();
    await server.stop();
    const first = await startAgent({
      serverUrl: server.url,
      keyFile,
      config: svc.config,
      dataDir: dir,
      log,
      runProbe: recording,
      retryMs: { min: 50, max: 200 },
    });
    await waitFor("two batches spooled", () => first.spool.pendingCount() >= 2);
    await first.stop();
    // The server was down all along: every result the first run produced waits in the spool, once.
    // (A write cut short by a crash: tests/agents/spool-store.test.ts kills a process in the middle of one.)
    const reopened = await openSpool(path.join(dir, "agent", "busan-1"));
    expect(reopened.pendingCount()).toBeGreaterThanOrEqual(2);
    const waiting = reopened.pending(1000).flatMap((b) => b.results.map((r) => `${r.probeKey}@${r.at}`));
    expect(waiting.length).toBe(produced.length);
    expect([...waiting].sort()).toEqual(keysOf(produced));
    await reopened.close();

    await server.start();
    const second = await startAgent({
      serverUrl: server.url,
      keyFile,
      config: svc.config,
      dataDir: dir,
      log,
      runProbe: recording,
      retryMs: { min: 50, max: 200 },
    });
    await waitFor("the first run's spool drained", () => second.spool.pendingCount() === 0 && second.sender.stats.reachable === true);
    await second.worker.stop();
    await waitFor("the last batch sent", () => second.spool.pendingCount() === 0);
    await second.stop();

    const stored = await storedKeys(db);
    expect(stored.sort()).toEqual(keysOf(produced));
    expect(new Set(stored).size).toBe(stored.length);
  }, 60_000);

  it("sends every batch an earlier version left in its JSON Lines spool when upgraded in the middle of an outage", async () => {
    const { db, dir, keyFile, svc, server, produced, recording } = await setup();
    // The earlier version's spool: four batches written while the server was unreachable, the first
    // already answered (in acks.jsonl), and a fifth append cut short by the agent being stopped.
    const folder = path.join(dir, "agent", "busan-1");
    mkdirSync(folder, { recursive: true });
    const probeKey = svc.probeKey("topup", "busan");
    const t0 = Date.now() - 10 * 60_000;
    const legacy = [0, 1, 2, 3].map((i) => ({
      batchId: `legacy-${i}`,
      seq: 100 + i,
      createdAt: new Date(t0 + i * 60_000).toISOString(),
      results: [0, 1].map((k) => ({
        probeKey,
        at: new Date(t0 + i * 60_000 + k * 1000).toISOString(),
        intervalSec: 1,
        state: "UP",
        latencyMs: 12,
        httpStatus: 200,
        errorClass: null,
        message: null,
      })),
    }));
    writeFileSync(path.join(folder, "batches.jsonl"), `${legacy.map((b) => JSON.stringify(b)).join("\n")}\n{"batchId":"legacy-4","se`);
    writeFileSync(path.join(folder, "acks.jsonl"), `${JSON.stringify({ batchId: "legacy-0", outcome: "accepted" })}\n`);
    writeFileSync(path.join(folder, "state.json"), JSON.stringify({ lastSeq: 103 }));

    const agent = await startAgent({
      serverUrl: server.url,
      keyFile,
      config: svc.config,
      dataDir: dir,
      log,
      runProbe: recording,
      retryMs: { min: 50, max: 200 },
    });
    await waitFor("the old spool sent and a live result stored", () => agent.spool.pendingCount() === 0 && produced.length >= 1);
    await agent.worker.stop();
    await waitFor("the last batch sent", () => agent.spool.pendingCount() === 0);
    await agent.stop();

    // Batches 1 to 3 (six results) arrive; batch 0 was answered before the upgrade and is not sent again.
    const stored = await storedKeys(db);
    const fromLegacy = legacy.slice(1).flatMap((b) => b.results.map((r) => `${r.probeKey}@${r.at}`));
    expect(stored.filter((k) => !keysOf(produced).includes(k)).sort()).toEqual(fromLegacy.sort());
    expect(stored.filter((k) => keysOf(produced).includes(k)).sort()).toEqual(keysOf(produced));
    expect(existsSync(path.join(folder, "batches.jsonl.imported"))).toBe(true);
  }, 60_000);

  it("says who it is from its key, and refuses to start with a key the configuration does not list", async () => {
    const { dir, svc, server } = await setup();
    const strangerFile = path.join(dir, "stranger.pem");
    writeFileSync(strangerFile, generateAgentKeyPair().privateKeyPem, { mode: 0o600 });
    await expect(startAgent({ serverUrl: server.url, keyFile: strangerFile, config: svc.config, dataDir: dir, log })).rejects.toThrow(
      /this agent's key is not in the configuration[\s\S]*publicKey: MCowBQYDK2VwAyEA/,
    );
    await expect(startAgent({ serverUrl: server.url, keyFile: path.join(dir, "missing.pem"), config: svc.config, dataDir: dir, log })).rejects.toThrow(
      /cannot read the key file .*agent-keygen/,
    );
    await server.stop();
  });
});
