/**
 * From a fault to the operator's webhook: the sandbox's top-up starts failing,
 * the real worker probes it every second and confirms after 3 failures, the
 * alert is written to the outbox in the same transaction, and the real alerter
 * delivers it to a local HTTP receiver. Repeated injections, at random phases
 * of the probe schedule, give the distribution.
 */
import { copyFileSync, mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { resolveConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import { openDb } from "@/lib/db";
import { migrateDeploy } from "@/lib/migrate";
import { syncConfig } from "@/lib/store/sync-config";
import { startAlerter } from "@/alerts/alerter";
import { threadedDatabaseSink } from "@/probes/threaded-database-sink";
import { startWorker } from "@/probes/worker";
import { createSandbox } from "@/sandbox/server";

type Row = { name: string; value: number; unit: string; note: string };

function q(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

type Samples = { total: number[]; detect: number[]; deliver: number[] };

/**
 * `injections` in all, shared by `lanes` independent set-ups run side by side (each its
 * own sandbox, database, worker, alerter and receiver, injecting at its own random
 * phases), so 50 injections take about a minute and a half rather than six.
 */
export async function runAlertLatency(opts: { injections?: number; lanes?: number; intervalMs?: number; confirm?: number } = {}): Promise<Row[]> {
  const injections = opts.injections ?? 50;
  const lanes = opts.lanes ?? 5;
  const intervalMs = opts.intervalMs ?? 1000;
  const confirm = opts.confirm ?? 3;
  const per = Array.from({ length: lanes }, (_, i) => Math.floor(injections / lanes) + (i < injections % lanes ? 1 : 0));
  const results = await Promise.all(per.map((n) => measureLane(n, intervalMs, confirm)));
  const total = results.flatMap((r) => r.total);
  const detect = results.flatMap((r) => r.detect);
  const deliver = results.flatMap((r) => r.deliver);
  const s = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [t, d, v] = [s(total), s(detect), s(deliver)];
  const windowMs = confirm * intervalMs;
  const note = `${total.length} injections (${lanes} set-ups side by side), probe every ${intervalMs / 1000} s, confirmed after ${confirm} failures`;
  return [
    {
      name: "confirmation window (configured)",
      value: windowMs,
      unit: "ms",
      note: `${confirm} failures × ${intervalMs / 1000} s interval; the bound asked for is the window + 5 s = ${windowMs + 5000} ms`,
    },
    { name: "fault → webhook, p50", value: q(t, 0.5), unit: "ms", note },
    { name: "fault → webhook, p90", value: q(t, 0.9), unit: "ms", note: `min ${t[0]} ms` },
    {
      name: "fault → webhook, max",
      value: t.at(-1)!,
      unit: "ms",
      note: `${t.filter((x) => x > windowMs + 5000).length} of ${t.length} beyond window + 5 s (${windowMs + 5000} ms)`,
    },
    { name: "  of which detection (p50 / max)", value: q(d, 0.5), unit: "ms", note: `max ${d.at(-1)} ms: fault → confirming result stored with its alert` },
    { name: "  of which delivery (p50 / max)", value: q(v, 0.5), unit: "ms", note: `max ${v.at(-1)} ms: outbox row → webhook received` },
  ];
}

async function measureLane(injections: number, intervalMs: number, confirm: number): Promise<Samples> {
  const log = pino({ level: "silent" });
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-bench-alerts-"));
  const file = path.join(dir, "bench.db");
  await migrateDeploy(`file:${file}`, process.env);
  copyFileSync(file, `${file}.bak`);
  const db = await openDb(`file:${file}`);

  const arrivals: { at: number; body: { type: string; outage: { id: number } | null } }[] = [];
  let wake: (() => void) | null = null;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      arrivals.push({ at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200).end("ok");
      wake?.();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const sandbox = await createSandbox({ port: 0, adminPort: 0, adminToken: "bench-admin-token", logger: log });

  const data = configFileSchema.parse({
    services: [
      {
        slug: "bench",
        name: "벤치",
        nameEn: "Bench",
        operator: "운영사",
        operatorEn: "Operator",
        functions: [{ key: "topup", name: "충전", nameEn: "Top-up" }],
        probes: [
          {
            function: "topup",
            interval: `${intervalMs / 1000}s`,
            timeout: `${Math.min(intervalMs - 200, 5000)}ms`,
            confirm,
            request: {
              method: "POST",
              url: `${sandbox.url}/api/v1/wallet/topups`,
              headers: { authorization: "Bearer sandbox-test-token-probe-01", "idempotency-key": "{{uuid}}" },
              body: { amount: 1000, sourceAccount: "TEST-ACCOUNT" },
            },
            expect: { status: [201] },
          },
        ],
      },
    ],
    alerts: { channels: [{ key: "hook", kind: "webhook", url: hookUrl }], policies: [{ key: "p", escalation: [{ channels: ["hook"] }], repeatEvery: "1h" }] },
  });
  const { config } = resolveConfig([{ file: "bench.yaml", data }]);
  await syncConfig(db, config);
  // As in the worker process: results written on the writer thread, which also fills the alert outbox.
  const sink = await threadedDatabaseSink({
    databaseUrl: `file:${file}`,
    config,
    location: "local",
    evidenceDir: mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-")),
    publicUrl: "http://localhost",
    log,
  });
  const worker = await startWorker({ sink, config, location: "local", log });
  const alerter = startAlerter({ db, alerts: config.alerts, publicUrl: "http://localhost", log });

  const waitFor = async (pred: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error("timed out waiting for the webhook");
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 200);
      });
    }
  };

  const total: number[] = [];
  const detect: number[] = [];
  const deliver: number[] = [];
  try {
    // the first results, then each injection at a random phase of the schedule
    await new Promise((r) => setTimeout(r, 2 * intervalMs));
    for (let i = 0; i < injections; i++) {
      await new Promise((r) => setTimeout(r, Math.random() * intervalMs));
      const before = arrivals.length;
      const faultAt = Date.now();
      sandbox.setFault("topup", { mode: "error", status: 503 });
      await waitFor(() => arrivals.slice(before).some((a) => a.body.type === "outage_opened"), 60_000);
      const arrival = arrivals.slice(before).find((a) => a.body.type === "outage_opened")!;
      const row = await db.alertOutbox.findFirstOrThrow({ where: { outageId: arrival.body.outage!.id, kind: "outage_opened" } });
      total.push(arrival.at - faultAt);
      // detection: fault → the confirming run's result is stored (the outbox row's creation, same transaction)
      detect.push(row.createdAt.getTime() - faultAt);
      deliver.push(arrival.at - row.createdAt.getTime());
      sandbox.setFault("topup", { mode: "ok" });
      const closing = arrivals.length;
      await waitFor(() => arrivals.slice(closing).some((a) => a.body.type === "outage_closed"), 60_000);
    }
  } finally {
    await alerter.stop();
    await worker.stop();
    await sink.close();
    await sandbox.close();
    receiver.close();
    await db.$disconnect();
  }
  return { total, detect, deliver };
}
