import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAlerter, type Alerter } from "@/alerts/alerter";
import { resolveConfig, type LedgerConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import type { Db } from "@/lib/db";
import { readReadiness } from "@/lib/health/read-readiness";
import { logger } from "@/lib/log";
import { syncConfig } from "@/lib/store/sync-config";
import { databaseSink } from "@/probes/database-sink";
import { startWorker, type Worker } from "@/probes/worker";
import { startHttpReceiver } from "../helpers/http-receiver";
import { startSmtpReceiver } from "../helpers/smtp-receiver";
import { createTestDb, createTestDbUrl } from "../helpers/test-db";

/**
 * The instance watches itself, with real processes' parts on a real clock: the worker and the alerter
 * beat every 5 s; with a 5-second probe the limit is max(30 s, 2 × 5 s) = 30 s. When the worker stops,
 * /readyz turns unready and the admins' mail and webhook say so within a minute; when a worker beats
 * again, they say it is back.
 */
const log = logger("test");
let db: Db;
let url: string;
let config: LedgerConfig;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
let alerter: Alerter;
let worker: Worker | null = null;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ledger-instance-"));

async function newWorker(): Promise<Worker> {
  return startWorker({
    sink: await databaseSink({ db, config, location: "local", evidenceDir: path.join(dataDir, "evidence"), log }),
    config,
    location: "local",
    log,
    ledgerDb: db,
    publicUrl: "https://ledger.test",
  });
}

beforeAll(async () => {
  url = await createTestDbUrl();
  ({ db } = await createTestDb());
  smtp = await startSmtpReceiver();
  hook = await startHttpReceiver();
  const file = configFileSchema.parse({
    services: [
      {
        slug: "watched",
        name: "감시 서비스",
        nameEn: "Watched service",
        operator: "운영사",
        operatorEn: "Operator",
        functions: [{ key: "topup", name: "충전", nameEn: "Top-up" }],
        probes: [{ function: "topup", interval: "5s", timeout: "1s", confirm: 3, request: { url: `${hook.url}/health` } }],
      },
    ],
    alerts: {
      smtp: { host: "127.0.0.1", port: smtp.port, from: "Uptime Ledger <alerts@ledger.test>" },
      channels: [
        { key: "admin-mail", kind: "email", to: ["admin@instance.test"] },
        { key: "admin-hook", kind: "webhook", url: `${hook.url}/admin` },
      ],
      instance: { channels: ["admin-mail", "admin-hook"] },
    },
  });
  const resolved = resolveConfig([{ file: "instance.yaml", data: file }]);
  expect(resolved.issues).toEqual([]);
  config = resolved.config;
  await syncConfig(db, config);
  worker = await newWorker();
  alerter = startAlerter({ db, alerts: config.alerts, publicUrl: "https://ledger.test", log, dataDir });
});

afterAll(async () => {
  await alerter?.stop();
  await worker?.stop();
  await smtp?.close();
  await hook?.close();
});

const ready = () => readReadiness(db, { now: Date.now(), databaseUrl: url, dataDir });
const adminMails = () => smtp.mails.filter((m) => m.to.includes("admin@instance.test"));
const adminHooks = () => hook.requests.filter((r) => r.path === "/admin").map((r) => JSON.parse(r.body) as { type: string; instance: { check: string } });

describe("an instance that watches itself", () => {
  it("is ready while its worker and alerter beat; a stopped worker turns it unready and the admins hear within a minute", async () => {
    await expect.poll(async () => (await ready()).ready, { timeout: 20_000, interval: 500 }).toBe(true);
    const r = await ready();
    expect(r.checks.map((c) => c.name)).toEqual(["database", "migrations", "worker", "alerter", "disk"]);

    await worker!.stop();
    worker = null;
    const stoppedAt = Date.now();
    await expect.poll(() => adminMails().length, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(1);
    const mail = adminMails()[0]!;
    expect(mail.at - stoppedAt).toBeLessThanOrEqual(60_000);
    expect(mail.subject).toContain("[측정 시스템 이상] 측정 워커");
    expect(mail.subject).toContain("[Monitor problem] the probe worker");
    await expect.poll(() => adminHooks().map((h) => `${h.type}:${h.instance.check}`), { timeout: 10_000 }).toContain("instance_unready:worker");
    const unready = await ready();
    expect(unready.ready).toBe(false);
    expect(unready.checks.find((c) => c.name === "worker")).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^stopped: last beat \d+ s ago \(limit 30 s\)$/),
    });
    expect(unready.checks.find((c) => c.name === "alerter")!.ok).toBe(true);

    // Reported once per stopped spell, not on every look.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(adminMails()).toHaveLength(1);

    // A worker that beats again: ready again, and the admins hear that too.
    worker = await newWorker();
    await expect.poll(() => adminMails().length, { timeout: 20_000, interval: 500 }).toBe(2);
    expect(adminMails()[1]!.subject).toContain("[측정 시스템 복구] 측정 워커 정상");
    await expect.poll(async () => (await ready()).ready, { timeout: 10_000, interval: 500 }).toBe(true);
  });
});
