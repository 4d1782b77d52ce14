/**
 * Probe capacity: how many monitors at a 60 s interval one worker holds. The real
 * worker (node-cron beat, precise timers, dispatch, HTTP runner) probes a fast local
 * target in a separate process, and the real database sink writes every batch
 * (results into their hash chains, roll-ups, location state, outages) to SQLite or
 * PostgreSQL. The monitor count is stepped up; a step holds when, over its window,
 * the p99 schedule lag is ≤ 250 ms, no run was skipped, every run started was
 * stored, and the backlog left at the end of the window was written within 5 s.
 * The lag is judged after a 3 s warm-up (probes due before the worker's first beat
 * start up to a second late); the warm-up's runs must be stored too.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { resolveConfig, type LedgerConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import { openDb, type Db } from "@/lib/db";
import { syncConfig } from "@/lib/store/sync-config";
import { threadedDatabaseSink } from "@/probes/threaded-database-sink";
import { startWorker } from "@/probes/worker";
import { freshDatabase, type DbKind } from "./databases";
import { capacitySearch, summarize } from "./stats";
import { FUNCTIONS, syntheticServices } from "./synthetic-services";

type Row = { name: string; value: number; unit: string; note: string };
export const LAG_LIMIT_MS = 250;
const DRAIN_LIMIT_MS = 5000;
const WARMUP_MS = 3000;

/** A fast HTTP target in its own process (as a monitored service would be on another machine). */
export async function startTarget(): Promise<{ url: string; child: ChildProcess }> {
  const src = `const s=require("node:http").createServer((q,r)=>r.writeHead(200,{"content-type":"application/json"}).end('{"status":"ok"}'));s.keepAliveTimeout=5000;s.listen(0,"127.0.0.1",()=>process.stdout.write(String(s.address().port)+"\\n"));`;
  const child = spawn(process.execPath, ["-e", src], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`target exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}

/** A configuration of `monitors` HTTP probes at a 60 s interval: monitors ÷ 4 services of 4 functions. */
export function capacityConfig(monitors: number, url: string, interval = "60s"): LedgerConfig {
  const data = configFileSchema.parse({
    services: syntheticServices(monitors, () => ({
      interval,
      timeout: "5s",
      request: { url },
      expect: { status: [200], json: [{ path: "$.status", equals: "ok" }] },
    })),
  });
  return resolveConfig([{ file: "capacity.yaml", data }]).config;
}

/**
 * The configuration's services, functions and probes written in bulk (multi-row inserts):
 * the same rows syncConfig writes one by one, which for 100,000 probes would take minutes.
 * Locations go through syncConfig itself.
 */
export async function seedInBulk(db: Db, config: LedgerConfig, opts: { locations: boolean } = { locations: true }): Promise<void> {
  // (syncConfig deactivates the probes a configuration leaves out: only the first call may use it)
  if (opts.locations) await syncConfig(db, { ...config, services: [] });
  const locations = new Map((await db.location.findMany()).map((l) => [l.key, l.id]));
  const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
  for (const part of chunk(config.services, 2000)) {
    await db.service.createMany({
      data: part.map((s) => ({
        slug: s.slug,
        name: s.name,
        nameEn: s.nameEn,
        operator: s.operator,
        operatorEn: s.operatorEn,
        description: s.description,
        homepage: s.homepage,
        accounting: JSON.stringify({ quorum: s.quorum, maintenance: s.maintenance, forceMajeure: s.forceMajeure, incidents: s.incidents }),
      })),
    });
    const ids = new Map(
      (await db.service.findMany({ where: { slug: { in: part.map((s) => s.slug) } }, select: { id: true, slug: true } })).map((r) => [r.slug, r.id]),
    );
    await db.function.createMany({
      data: part.flatMap((s) =>
        s.functions.map((f) => ({ serviceId: ids.get(s.slug)!, key: f.key, name: f.name, nameEn: f.nameEn, critical: f.critical, sortOrder: f.sortOrder })),
      ),
    });
    const fns = new Map(
      (await db.function.findMany({ where: { serviceId: { in: [...ids.values()] } }, select: { id: true, serviceId: true, key: true } })).map((f) => [
        `${f.serviceId}/${f.key}`,
        f.id,
      ]),
    );
    await db.probe.createMany({
      data: part.flatMap((s) =>
        s.probes.map((p) => ({
          key: p.key,
          serviceId: ids.get(s.slug)!,
          functionId: fns.get(`${ids.get(s.slug)}/${p.functionKey}`)!,
          locationId: locations.get(p.location)!,
          kind: p.kind,
          intervalSec: p.intervalMs / 1000,
          timeoutMs: p.timeoutMs,
          confirm: p.confirm,
          definition: JSON.stringify(p),
          active: true,
        })),
      ),
    });
  }
}

type StepResult = {
  pass: boolean;
  monitors: number;
  checksPerSec: number;
  lagP50: number;
  lagP90: number;
  lagP99: number;
  lagMax: number;
  runs: number;
  stored: number;
  skipped: number;
  failed: number;
  drainMs: number;
  windowSec: number;
};

/** One step: `monitors` probes for `windowSec` seconds, then stop and count what was stored. */
async function runStep(db: Db, databaseUrl: string, full: LedgerConfig, monitors: number, windowSec: number): Promise<StepResult> {
  const config = { ...full, services: full.services.slice(0, Math.ceil(monitors / FUNCTIONS.length)) };
  const log = pino({ level: process.env.BENCH_LOG ?? "silent" });
  // The worker process's sink: the database written on a thread of its own.
  const real = await threadedDatabaseSink({
    databaseUrl,
    config,
    location: "local",
    evidenceDir: mkdtempSync(path.join(os.tmpdir(), "ledger-bench-evidence-")),
    publicUrl: null,
    log,
  });
  let failed = 0;
  const sink = {
    write: (batch: Parameters<typeof real.write>[0]) => {
      failed += batch.filter((r) => r.state !== "UP").length;
      return real.write(batch);
    },
  };
  const before = await db.result.count();
  const worker = await startWorker({ sink, config, location: "local", log });
  // The first beats are the worker starting (probes due before its first beat start late):
  // their runs are counted and must be stored, but the lag is judged after WARMUP_MS.
  const lags: number[] = [];
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const warmupRuns = worker.ctx.stats.lagMs.splice(0).length;
  const measuredFrom = Date.now();
  const sample = setInterval(() => lags.push(...worker.ctx.stats.lagMs.splice(0)), 1000);
  await new Promise((r) => setTimeout(r, windowSec * 1000));
  clearInterval(sample);
  lags.push(...worker.ctx.stats.lagMs.splice(0));
  const elapsed = (Date.now() - measuredFrom) / 1000;
  const stopAt = Date.now();
  await worker.stop();
  const drainMs = Date.now() - stopAt;
  await real.close();
  const stored = (await db.result.count()) - before;
  const runs = warmupRuns + lags.length;
  const s = summarize(lags);
  const skipped = worker.ctx.stats.skipped;
  const pass = runs > 0 && s.p99 <= LAG_LIMIT_MS && skipped === 0 && stored === runs && drainMs <= DRAIN_LIMIT_MS;
  return {
    pass,
    monitors,
    checksPerSec: lags.length / elapsed,
    lagP50: s.p50,
    lagP90: s.p90,
    lagP99: s.p99,
    lagMax: s.max,
    runs,
    stored,
    skipped,
    failed,
    drainMs,
    windowSec,
  };
}

export async function runCapacity(kind: DbKind, opts: { steps?: number[]; windowSec?: number; refine?: number } = {}): Promise<Row[]> {
  const steps = opts.steps ?? [500, 1000, 2500, 5000, 10_000, 20_000, 50_000, 100_000];
  const windowSec = opts.windowSec ?? 20;
  const target = await startTarget();
  const database = await freshDatabase(kind, "capacity");
  const db = await openDb(database.url);
  const label = kind === "sqlite" ? "SQLite" : "PostgreSQL";
  try {
    const full = capacityConfig(Math.max(...steps), target.url);
    let seeded = 0;
    const search = await capacitySearch(
      steps,
      async (n) => {
        const needed = Math.ceil(n / FUNCTIONS.length);
        if (needed > seeded) {
          await seedInBulk(db, { ...full, services: full.services.slice(seeded, needed) }, { locations: seeded === 0 });
          seeded = needed;
        }
        const r = await runStep(db, database.url, full, n, windowSec);
        process.stderr.write(
          `capacity ${label} ${n}: ${r.pass ? "holds" : "fails"}: ${r.checksPerSec.toFixed(0)} checks/s, lag p50 ${r.lagP50} p90 ${r.lagP90} p99 ${r.lagP99} ms, ${r.runs} runs, ${r.stored} stored, ${r.skipped} skipped, ${r.failed} not UP, drain ${r.drainMs} ms\n`,
        );
        return r;
      },
      { refine: opts.refine ?? 1, grain: 500 },
    );
    const trace = search.tried
      .map(
        (t) =>
          `${t.n.toLocaleString("en")} ${t.result.pass ? "✓" : `✗ (lag p99 ${t.result.lagP99} ms, ${t.result.stored}/${t.result.runs} stored by the window's end + ${t.result.drainMs} ms, ${t.result.skipped} skipped)`}`,
      )
      .join("; ");
    const b = search.bestResult;
    return [
      {
        name: `probe capacity, 60 s interval (${label})`,
        value: search.best ?? 0,
        unit: "monitors",
        note: `largest held (lag p99 ≤ ${LAG_LIMIT_MS} ms, none lost); goal 100,000; ${windowSec} s per step: ${trace}`,
      },
      {
        name: `  checks/s at that capacity (${label})`,
        value: b ? Math.round(b.checksPerSec) : 0,
        unit: "checks/s",
        note: b ? `lag p99 ${b.lagP99} ms, max ${b.lagMax} ms, ${b.runs} runs all stored, ${b.failed} not UP; goal 1,667` : "no step held",
      },
    ];
  } finally {
    await db.$disconnect();
    await database.drop();
    target.child.kill();
  }
}
