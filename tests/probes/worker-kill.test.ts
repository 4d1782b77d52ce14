import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationTimeline } from "@/core/accounting/location-timeline";
import { functionOutages } from "@/core/accounting/function-outages";
import { INITIAL_FOLD, stepLocation, type ClosedSpan } from "@/core/accounting/location-fold";
import type { ProbeState } from "@/core/probe-result";
import { loadConfig } from "@/lib/config/load-config";
import { verifyDatabase } from "@/lib/ledger/verify-ledger";
import { syncConfig } from "@/lib/store/sync-config";
import { createTestDb } from "../helpers/test-db";

/**
 * Crash safety with a real worker process: start it, let it write, SIGKILL it at
 * a random moment, 20 times. "Acknowledged" = named in a "results committed"
 * log line, which the worker writes only after the transaction returned. Every
 * acknowledged result must be stored exactly once, each probe's chain must be
 * whole (it continues from the stored head after each restart), no outage may be
 * half-written, and the time the worker was down must be NO_DATA.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const KILLS = 20;
const FUNCTIONS = ["signup", "identity", "login", "balance", "topup", "payment", "refund", "cancel"];

let server: Server;
let port = 0;

beforeAll(async () => {
  // Fails for 2 s of every 6 s, so outages open and close while the worker is killed.
  server = createServer((_req, res) => {
    const failing = Math.floor(Date.now() / 2000) % 3 === 0;
    res.writeHead(failing ? 503 : 200, { "content-type": "application/json" }).end(failing ? '{"ok":false}' : '{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A seeded generator: the kill moments differ across the loop, the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function runWorkerUntilKilled(env: NodeJS.ProcessEnv, killAfterFirstAckMs: number, acked: Map<string, Set<number>>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "probes/main.ts")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let armed = false;
    // readline hands over complete lines only: a line cut by the kill is never counted.
    createInterface({ input: child.stdout }).on("line", (line) => {
      let entry: { msg?: string; committed?: Record<string, number[]> };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg !== "results committed" || !entry.committed) return;
      for (const [probe, ats] of Object.entries(entry.committed)) {
        const set = acked.get(probe) ?? acked.set(probe, new Set()).get(probe)!;
        for (const at of ats) set.add(at);
      }
      if (!armed) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), killAfterFirstAckMs);
      }
    });
    const guard = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code, signal) => {
      clearTimeout(guard);
      if (signal === "SIGKILL" && armed) resolve();
      else reject(new Error(`worker ended without being killed after a write (code ${code}, signal ${signal}):\n${stderr.slice(-2000)}`));
    });
  });
}

describe("killing the worker", () => {
  it(`${KILLS} times at random moments loses no acknowledged result and leaves no half-written outage`, { timeout: 300_000 }, async () => {
    const { db, url } = await createTestDb();
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-kill-"));
    const id = randomUUID().slice(0, 8);
    const services = [0, 1, 2, 3, 4].map((s) => ({
      slug: `kill-${id}-${s}`,
      name: `킬 ${s}`,
      nameEn: `Kill ${s}`,
      operator: "운영사",
      operatorEn: "Operator",
      functions: FUNCTIONS.map((key) => ({ key, name: key, nameEn: key })),
      probes: FUNCTIONS.map((fn) => ({ function: fn, interval: "1s", timeout: "500ms", confirm: 2, request: { url: `http://127.0.0.1:${port}/health` } })),
    }));
    const configFile = path.join(dir, "ledger.yaml");
    writeFileSync(configFile, JSON.stringify({ services })); // JSON is YAML
    const config = loadConfig(configFile);
    await syncConfig(db, config);

    const env = {
      ...process.env,
      DATABASE_URL: url,
      LEDGER_CONFIG: configFile,
      LEDGER_DATA_DIR: dir,
      LOG_LEVEL: "debug",
      LEDGER_INVALIDATE_URL: undefined,
      LEDGER_INTERNAL_TOKEN: undefined,
    };
    const acked = new Map<string, Set<number>>();
    const random = rng(7);
    for (let i = 0; i < KILLS; i++) await runWorkerUntilKilled(env, Math.floor(random() * 1500), acked);

    const probes = await db.probe.findMany({ where: { service: { slug: { startsWith: `kill-${id}-` } } }, include: { function: true } });
    expect(probes).toHaveLength(40);
    let ackedTotal = 0;
    for (const p of probes) {
      const rows = await db.result.findMany({ where: { probeId: p.id }, orderBy: { at: "asc" }, select: { at: true, state: true, intervalSec: true } });
      const stored = new Map<number, number>();
      for (const r of rows) stored.set(r.at.getTime(), (stored.get(r.at.getTime()) ?? 0) + 1);
      for (const at of acked.get(p.key) ?? []) {
        ackedTotal++;
        expect(stored.get(at), `${p.key} at ${new Date(at).toISOString()}`).toBe(1);
      }

      // Outages as stored = outages the rules find in the stored results: nothing half-written.
      const runs = rows.map((r) => ({ at: r.at, state: r.state as ProbeState, intervalMs: r.intervalSec * 1000 }));
      // The rules, folded over all stored results at once (what the reports use).
      let fold = INITIAL_FOLD;
      const closed: ClosedSpan[] = [];
      for (const r of runs) {
        const step = stepLocation(fold, { at: r.at.getTime(), state: r.state, intervalMs: r.intervalMs, errorClass: null, message: null }, p.confirm);
        fold = step.fold;
        closed.push(...step.closed);
      }
      const expected = functionOutages([{ closed, fold }], 1, { start: runs[0]!.at.getTime(), end: runs.at(-1)!.at.getTime() + 1000 }).outages;
      const outages = await db.outage.findMany({ where: { functionId: p.functionId }, orderBy: { startedAt: "asc" } });
      expect(outages.map((o) => [o.startedAt.getTime(), o.endedAt?.getTime() ?? null])).toEqual(expected.map((o) => [o.start, o.end]));
      // The location's state carries the open outage, if any, from the same first failing run.
      const status = await db.probeStatus.findUniqueOrThrow({ where: { probeId: p.id } });
      const open = outages.filter((o) => o.endedAt === null);
      expect(open.length).toBeLessThanOrEqual(1);
      expect(status.outageStart?.getTime() ?? null).toBe(open[0]?.startedAt.getTime() ?? null);

      // Each stop longer than 2 × interval is NO_DATA in the accounting, never downtime.
      const ms = runs.map((r) => ({ at: r.at.getTime(), state: r.state, intervalMs: r.intervalMs }));
      const window = { start: ms[0]!.at, end: ms.at(-1)!.at + 1000 };
      const timeline = locationTimeline(ms, window, p.confirm);
      const gaps = ms
        .slice(1)
        .filter((r, i) => r.at - ms[i]!.at > 2000)
        .map((r, i) => ({ start: ms[ms.indexOf(r) - 1]!.at + 1000, end: r.at, i }));
      expect(gaps.length).toBeGreaterThan(0);
      for (const g of gaps) {
        expect(timeline.noData.some((s) => s.start <= g.start && s.end >= g.end)).toBe(true);
        expect(timeline.down.some((s) => s.start < g.end && s.end > g.start)).toBe(false);
      }
    }
    expect(ackedTotal).toBeGreaterThan(KILLS * 40);
    // The chains continue from the stored head after every restart: whole, nothing repeated.
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, breaks: [] });
  });
});
