/**
 * `npm run bench`: measured figures for the hot paths, printed as a table and
 * written to bench/results/<date>.json. Local only, bounded in time.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { resolveConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import { chainHash, GENESIS_HASH } from "@/core/ledger/chain-hash";
import { detectOutages, type DetectorInput } from "@/core/outage-detector";
import type { ProbeResult } from "@/core/probe-result";
import { openDb } from "@/lib/db";
import { migrateDeploy } from "@/lib/migrate";
import { recordResults } from "@/lib/store/record-results";
import { syncConfig } from "@/lib/store/sync-config";
import { createPrivateKey, randomUUID } from "node:crypto";
import { request } from "undici";
import { canonicalJson, toAgentResult } from "@/core/agent-batch";
import { generateAgentKeyPair, signBytes } from "@/lib/agents/keys";
import { receiveAgentBatch } from "@/lib/agents/receive-batch";
import { openSpool } from "@/probes/agent/spool";
import { runProbe } from "@/probes/run-probe";
import { runAlertLatency } from "./alert-latency";
import { runCapacity } from "./capacity";
import { runCitizenReports } from "./citizen-reports";
import { runEvidenceSweep } from "./evidence-sweep";
import { pgAvailable, type DbKind } from "./databases";
import { runFlood } from "./flood";
import { runMemory } from "./memory";
import { probeKindBench } from "./probe-kinds";
import { runReportCost } from "./report-cost";
import { runSite2022 } from "./site-2022";
import { runSpoolBench } from "./spool";
import { runImportBench } from "./import";
import { percentile } from "./stats";

type Row = { name: string; value: number; unit: string; note: string };
const rows: Row[] = [];
// `npm run bench` runs every part; `npm run bench -- capacity alerts` runs those named: capacity,
// alerts, reports (with storage), flood, memory, site (the 2022 example through the web process), citizen (citizens' reports
// through the web process), core, writes, http, agents, spool (a million pending batches reopened), import (ten million results),
// sweep, flows, browser, hostile.
// BENCH_DB=sqlite or BENCH_DB=postgresql limits the database parts to one database.
const only = new Set(process.argv.slice(2).map((a) => (a === "storage" ? "reports" : a)));
const want = (part: string) => only.size === 0 || only.has(part);
const startedAll = performance.now();
const load = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(", ");
const dbs: DbKind[] = [];
if (process.env.BENCH_DB !== "postgresql") dbs.push("sqlite");
if (process.env.BENCH_DB !== "sqlite") {
  if (await pgAvailable()) dbs.push("postgresql");
  else process.stderr.write("PostgreSQL is not reachable (BENCH_PG_URL, default 127.0.0.1:5432): its rows are left out\n");
}
const failures: string[] = [];
/** Runs one part; a part that fails is reported and the others still run. */
async function part(name: string, fn: () => Promise<Row[]>): Promise<void> {
  process.stderr.write(`— ${name} (${((performance.now() - startedAll) / 1000).toFixed(0)} s in, load ${os.loadavg()[0]!.toFixed(1)})\n`);
  try {
    rows.push(...(await fn()));
  } catch (err) {
    failures.push(`${name}: ${(err as Error).message}`);
    process.stderr.write(`${name} failed: ${(err as Error).stack}\n`);
  }
}

// Against the limits (issue: probe capacity, time to alert, report cost and storage, flood, memory).
if (want("capacity")) for (const kind of dbs) await part(`capacity ${kind}`, () => runCapacity(kind));
if (want("alerts")) await part("alerts", () => runAlertLatency());
if (want("reports")) for (const kind of dbs) await part(`reports ${kind}`, () => runReportCost(kind));
if (want("flood")) await part("flood", () => runFlood());
if (want("memory")) await part("memory", () => runMemory());
if (want("site")) await part("site (2022 example)", () => runSite2022());
if (want("citizen")) await part("citizen reports", () => runCitizenReports());

// The hot paths.
// 1. Pure outage detection over one month of 10 s results (259,200 runs).
if (want("core")) {
  const n = 30 * 24 * 360;
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const inputs: DetectorInput[] = Array.from({ length: n }, (_, i) => ({
    at: new Date(t0 + i * 10_000),
    state: i % 1000 < 5 ? "DOWN" : "UP",
    intervalMs: 10_000,
  }));
  const started = performance.now();
  const r = detectOutages(inputs, 3);
  const ms = performance.now() - started;
  rows.push({
    name: "outage detection",
    value: Math.round(n / (ms / 1000)),
    unit: "results/s",
    note: `${n} results, ${r.outages.length} outages, ${ms.toFixed(0)} ms`,
  });

  // The hash chain alone: canonical JSON + sha256 per result, as record-results does before writing.
  const m = 200_000;
  let prev = GENESIS_HASH;
  const h0 = performance.now();
  for (let i = 0; i < m; i++) {
    const down = i % 97 < 4;
    prev = chainHash(prev, {
      probe: "svc-0-topup-local",
      seq: i + 1,
      at: new Date(t0 + i * 60_000).toISOString(),
      intervalSec: 60,
      state: down ? "DOWN" : "UP",
      latencyMs: 100 + (i % 50),
      httpStatus: down ? 503 : 200,
      errorClass: down ? "ASSERTION_STATUS" : null,
      message: down ? "status 503, expected 2xx" : null,
    });
  }
  const hms = performance.now() - h0;
  rows.push({
    name: "chain hashing (canonical JSON + sha256)",
    value: Math.round(m / (hms / 1000)),
    unit: "results/s",
    note: `${m} results, ${((hms / m) * 1000).toFixed(1)} µs each`,
  });
}

// 2. Writing results in batches (SQLite, WAL, synchronous FULL): results linked into their
// probes' hash chains + chain heads + hourly roll-ups + outage state, in one transaction.
if (want("writes")) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-bench-"));
  const file = path.join(dir, "bench.db");
  await migrateDeploy(`file:${file}`, process.env);
  copyFileSync(file, `${file}.template`);
  const db = await openDb(`file:${file}`);
  const services = 50;
  const file0 = configFileSchema.parse({
    services: Array.from({ length: services }, (_, i) => ({
      slug: `svc-${i}`,
      name: `s${i}`,
      nameEn: `s${i}`,
      operator: "o",
      operatorEn: "o",
      functions: ["signup", "topup", "payment", "balance"].map((key) => ({ key, name: key, nameEn: key })),
      probes: ["signup", "topup", "payment", "balance"].map((fn) => ({ function: fn, interval: "60s", request: { url: "http://127.0.0.1:9/" } })),
    })),
  });
  const { config } = resolveConfig([{ file: "bench", data: file0 }]);
  await syncConfig(db, config);
  const probeRows = await db.probe.findMany();
  const refs = new Map(probeRows.map((p) => [p.key, { id: p.id, functionId: p.functionId, serviceId: p.serviceId, confirm: p.confirm }]));
  const keys = [...refs.keys()];
  const batchSize = 200;
  const batches = 100;
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const lat: number[] = [];
  let k = 0;
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const batch: ProbeResult[] = [];
    for (let i = 0; i < batchSize; i++, k++) {
      const down = k % 97 < 4;
      batch.push({
        probeKey: keys[k % keys.length]!,
        at: new Date(t0 + Math.floor(k / keys.length) * 60_000 + (k % keys.length)),
        intervalSec: 60,
        state: down ? "DOWN" : "UP",
        latencyMs: 100 + (k % 50),
        httpStatus: down ? 503 : 200,
        errorClass: down ? "ASSERTION_STATUS" : null,
        message: null,
      });
    }
    const s = performance.now();
    await recordResults(db, refs, batch);
    lat.push(performance.now() - s);
  }
  const total = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  rows.push({
    name: "result writes (SQLite)",
    value: Math.round((batchSize * batches) / total),
    unit: "results/s",
    note: `${batches} batches of ${batchSize}, ${keys.length} probes`,
  });
  rows.push({ name: "batch write p99 (SQLite)", value: Math.round(percentile(lat, 0.99)), unit: "ms", note: `batch of ${batchSize}` });
  await db.$disconnect();
}

// 3. HTTP checks against a local server, a fresh connection per check, 50 at a time, for 3 s.
if (want("http")) {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const probe = {
    key: "b",
    serviceSlug: "b",
    functionKey: "balance" as const,
    location: "local",
    kind: "http" as const,
    intervalMs: 10_000,
    timeoutMs: 5000,
    confirm: 3,
    maxBodyBytes: 65_536,
    maxRedirects: 0,
    ca: null,
    request: { method: "GET", url, headers: {} },
    expect: { status: ["2xx"], json: [{ path: "$.status", equals: "ok" }], headers: [], bodyContains: [], bodyNotContains: [] },
  };
  let done = 0;
  let failed = 0;
  const until = performance.now() + 3000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < until) {
        const r = await runProbe(probe, new Date());
        done++;
        if (r.state !== "UP") failed++;
      }
    }),
  );
  server.close();
  rows.push({ name: "HTTP checks, new connection each", value: Math.round(done / 3), unit: "checks/s", note: `50 concurrent, 3 s, ${failed} failed` });
}

// The hourly evidence sweep over 20,000 files.
if (want("sweep")) await part("sweep", () => runEvidenceSweep());

// 4. Remote agents: the spool's fsync'd appends, and how fast the server takes a backlog of
// signed batches over HTTP (what an agent sends after the server was unreachable).
if (want("agents")) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-bench-agents-"));
  const spool = await openSpool(path.join(dir, "spool"));
  const result = (probeKey: string, at: number): ProbeResult => ({
    probeKey,
    at: new Date(at),
    intervalSec: 10,
    state: "UP",
    latencyMs: 100,
    httpStatus: 200,
    errorClass: null,
    message: null,
  });
  const appendMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    await spool.append(Array.from({ length: 10 }, (_, j) => result(`p-${j}`, 1_700_000_000_000 + i * 10_000)));
    appendMs.push(performance.now() - s);
  }
  await spool.close();
  appendMs.sort((a, b) => a - b);
  rows.push({
    name: "spool append (fsync)",
    value: Number(percentile(appendMs, 0.99).toFixed(1)),
    unit: "ms p99",
    note: `200 batches of 10 results, p50 ${percentile(appendMs, 0.5).toFixed(1)} ms`,
  });

  const file = path.join(dir, "bench.db");
  await migrateDeploy(`file:${file}`, process.env);
  const db = await openDb(`file:${file}`);
  const pair = generateAgentKeyPair();
  // five services of two functions, probed from the agent's location: 10 probes
  const cfg = configFileSchema.parse({
    locations: [{ key: "busan", name: "부산", nameEn: "Busan" }],
    agents: [{ key: "busan-1", location: "busan", publicKey: pair.publicKey }],
    services: Array.from({ length: 5 }, (_, i) => ({
      slug: `svc-${i}`,
      name: `s${i}`,
      nameEn: `s${i}`,
      operator: "o",
      operatorEn: "o",
      functions: ["topup", "payment"].map((key) => ({ key, name: key, nameEn: key })),
      probes: ["topup", "payment"].map((fn) => ({ function: fn, location: "busan", interval: "10s", request: { url: "http://127.0.0.1:9/" } })),
    })),
  });
  const { config } = resolveConfig([{ file: "bench", data: cfg }]);
  await syncConfig(db, config);
  const keys = config.services.flatMap((sv) => sv.probes.map((p) => p.key));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      receiveAgentBatch(db, {
        body: Buffer.concat(chunks).toString("utf8"),
        agent: req.headers["x-ledger-agent"] as string,
        signature: req.headers["x-ledger-signature"] as string,
        receivedAt: new Date(),
      })
        .then((o) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(o)))
        .catch((err: Error) => res.writeHead(500).end(err.message));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const key = createPrivateKey(pair.privateKeyPem);
  // 300 batches of one 10-probe round each: 50 minutes of results at a 10 s interval, sent back to back.
  const batches = 300;
  const t0 = Date.now() - batches * 10_000 - 60_000;
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const body = canonicalJson({
      v: 1,
      agent: "busan-1",
      batchId: randomUUID(),
      seq: b + 1,
      sentAt: new Date().toISOString(),
      results: keys.map((k) => toAgentResult(result(k, t0 + b * 10_000))),
    });
    const res = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ledger-agent": "busan-1", "x-ledger-signature": signBytes(body, key) },
      body,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('"accepted"')) throw new Error(`batch ${b}: ${res.statusCode} ${text}`);
  }
  const secs = (performance.now() - started) / 1000;
  server.close();
  await db.$disconnect();
  rows.push({
    name: "agent batches taken (HTTP, SQLite)",
    value: Math.round(batches / secs),
    unit: "batches/s",
    note: `${batches} signed batches of ${keys.length} results, one at a time: ${Math.round((batches * keys.length) / secs)} results/s`,
  });
}

// The spool after a long outage: a million pending batches reopened.
if (want("spool")) await part("spool", () => runSpoolBench());
// `ledger import` of ten million results.
if (want("import")) await part("import", () => runImportBench());

// 5. Flows, browser journeys and a hostile 100 MB body (`flows`, `browser`, `hostile`).
if (want("flows") || want("browser") || want("hostile")) rows.push(...(await probeKindBench(want)));

const width = Math.max(...rows.map((r) => r.name.length));
process.stdout.write(`\n${"figure".padEnd(width)}  ${"value".padStart(10)}  unit        note\n`);
for (const r of rows) process.stdout.write(`${r.name.padEnd(width)}  ${String(r.value).padStart(10)}  ${r.unit.padEnd(10)}  ${r.note}\n`);
// the whole run as <date>.json; a run of named parts as <date>-<parts>.json, so it does not replace the whole run's
const out = path.resolve(import.meta.dirname, "results", `${[new Date().toISOString().slice(0, 10), ...[...only].sort()].join("-")}.json`);
const seconds = Math.round((performance.now() - startedAll) / 1000);
const loadAfter = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(", ");
writeFileSync(
  out,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: { before: load, after: loadAfter },
      seconds,
      parts: [...only],
      rows,
      failures,
    },
    null,
    2,
  ),
);
if (failures.length > 0) {
  process.stderr.write(`\nparts that failed:\n${failures.map((f) => `  ${f}`).join("\n")}\n`);
  process.exitCode = 1;
}
process.stdout.write(`\n${seconds} s; load average (1, 5, 15 min) ${load} before, ${loadAfter} after\n`);
process.stdout.write(`\nwritten to ${path.relative(process.cwd(), out)}\n`);
