import path from "node:path";
import os from "node:os";
import { mkdtempSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig, type LedgerConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import { acknowledgeOutage } from "@/lib/actions/acknowledge-outage";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { syncConfig } from "@/lib/store/sync-config";
import { startAlerter, type Alerter } from "@/alerts/alerter";
import { deliverAlerts } from "@/alerts/jobs/deliver-alerts";
import { escalateOutages } from "@/alerts/jobs/escalate-outages";
import { alertPlan } from "@/lib/alerts/alert-plan";
import { databaseSink } from "@/probes/database-sink";
import { startWorker, type Worker } from "@/probes/worker";
import type { Sandbox } from "@/sandbox/server";
import { startHttpReceiver } from "../helpers/http-receiver";
import { startSmtpReceiver } from "../helpers/smtp-receiver";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";
import { startSandbox } from "../sandbox/sandbox-fixture";

/**
 * The whole path with real parts: the sandbox operator, the probe worker, the
 * alerter, a real SMTP server and a real HTTP receiver. Top-up is probed every
 * second and confirmed after 3 failures, so an outage is confirmed at most 3 s
 * after the fault (the first failing run within 1 s, two more 1 s apart). The
 * e-mail and the webhook must both arrive within that window + 5 s, once each.
 */
const INTERVAL_MS = 1000;
const CONFIRM = 3;
const REPEAT_MS = 10 * 60_000;
const log = logger("test");

let db: Db;
let sandbox: Sandbox;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
let worker: Worker;
let alerter: Alerter;
let clockOffset = 0; // the alerter's clock: real time, moved forward to reach later escalation rounds
let config: LedgerConfig;

beforeAll(async () => {
  ({ db } = await createTestDb());
  sandbox = await startSandbox();
  smtp = await startSmtpReceiver();
  hook = await startHttpReceiver();
  const file = configFileSchema.parse({
    services: [
      {
        slug: "scripted",
        name: "각본 서비스",
        nameEn: "Scripted service",
        operator: "운영사",
        operatorEn: "Operator",
        functions: [{ key: "topup", name: "충전", nameEn: "Top-up" }],
        probes: [
          {
            function: "topup",
            interval: "1s",
            timeout: "800ms",
            confirm: CONFIRM,
            request: {
              method: "POST",
              url: `${sandbox.url}/api/v1/wallet/topups`,
              headers: { authorization: "Bearer sandbox-test-token-probe-01", "idempotency-key": "{{uuid}}" },
              body: { amount: 1000, sourceAccount: "TEST-ACCOUNT" },
            },
            expect: { status: [201], json: [{ path: "$.status", equals: "COMPLETED" }] },
          },
        ],
      },
    ],
    alerts: {
      smtp: { host: "127.0.0.1", port: smtp.port, from: "Uptime Ledger <alerts@ledger.test>" },
      channels: [
        { key: "ops-hook", kind: "webhook", url: `${hook.url}/ops` },
        { key: "ops-mail", kind: "email", to: ["oncall@operator.test"] },
        { key: "manager-mail", kind: "email", to: ["manager@operator.test"] },
      ],
      policies: [{ key: "operator", escalation: [{ channels: ["ops-hook", "ops-mail"] }, { channels: ["manager-mail"] }], repeatEvery: "10m", maxRepeats: 3 }],
    },
  });
  const resolved = resolveConfig([{ file: "scripted.yaml", data: file }]);
  expect(resolved.issues).toEqual([]);
  config = resolved.config;
  await syncConfig(db, config);
  worker = await startWorker({
    sink: await databaseSink({
      db,
      config,
      location: "local",
      evidenceDir: mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-")),
      log,
      alerts: alertPlan(config.alerts, "https://ledger.test"),
    }),
    config,
    location: "local",
    log,
  });
  alerter = startAlerter({ db, alerts: config.alerts, publicUrl: "https://ledger.test", log, now: () => Date.now() + clockOffset });
});

afterAll(async () => {
  await alerter?.stop();
  await worker?.stop();
  await sandbox?.close();
  await smtp?.close();
  await hook?.close();
  await db?.$disconnect();
});

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

describe("a scripted outage in the sandbox", () => {
  it("produces one e-mail and one webhook within the confirmation window + 5 s; acknowledging stops the escalation", async () => {
    // the probe is answering correctly first
    await expect.poll(() => db.result.count({ where: { state: "UP" } }), { timeout: 10_000, interval: 200 }).toBeGreaterThan(0);

    const faultAt = Date.now();
    sandbox.setFault("topup", { mode: "error", status: 503 });
    const [req] = await hook.waitFor(1, 20_000);
    const [mail] = await smtp.waitFor(1, 20_000);
    const budgetMs = CONFIRM * INTERVAL_MS + 5_000;
    expect(req!.at - faultAt, "webhook after the fault").toBeLessThanOrEqual(budgetMs);
    expect(mail!.at - faultAt, "e-mail after the fault").toBeLessThanOrEqual(budgetMs);
    const outage = await db.outage.findFirstOrThrow({ where: { endedAt: null } });
    expect(JSON.parse(req!.body)).toMatchObject({ type: "outage_opened", outage: { id: outage.id } });
    expect(mail!.to).toEqual(["oncall@operator.test"]);
    expect(mail!.subject).toContain(`장애 #${outage.id}`);

    // Exactly one of each: the failures go on, the deliver job keeps running, nothing more is sent.
    const ticks = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await deliverAlerts.handler(alerter.ctx);
        await escalateOutages.handler(alerter.ctx);
      }
    };
    await expect
      .poll(() => db.outage.findUniqueOrThrow({ where: { id: outage.id } }).then((o) => o.failures), { timeout: 10_000, interval: 200 })
      .toBeGreaterThanOrEqual(CONFIRM + 2);
    await ticks(2);
    expect(hook.requests).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);

    // Ten minutes without acknowledgement (the alerter's clock moves on): round 1 repeats to
    // level 0 and escalates to the manager.
    clockOffset = REPEAT_MS + 1000;
    await ticks(1);
    await hook.waitFor(2);
    await expect.poll(() => mailsTo("manager@operator.test").length, { timeout: 10_000 }).toBe(1);
    expect(JSON.parse(hook.requests[1]!.body)).toMatchObject({ type: "outage_reminder", round: 1 });
    expect(mailsTo("manager@operator.test")[0]!.subject).toContain("[장애·미확인 1차]");

    // The operator acknowledges. Later rounds come due, and nothing more is enqueued or sent.
    const operator = await createTestUser(db, { role: "OPERATOR", services: ["scripted"] });
    await acknowledgeOutage(db, operator.user, { outageId: outage.id, note: "확인했습니다" }, new Date(Date.now() + clockOffset));
    const rowsAtAck = await db.alertOutbox.count();
    const sentAtAck = { hooks: hook.requests.length, mails: smtp.mails.length };
    clockOffset = 3 * REPEAT_MS + 1000;
    await ticks(2);
    expect(await db.alertOutbox.count()).toBe(rowsAtAck);
    expect({ hooks: hook.requests.length, mails: smtp.mails.length }).toEqual(sentAtAck);

    // The fault is lifted: the closing alert reaches everyone alerted (webhook, on-call, manager).
    sandbox.setFault("topup", { mode: "ok" });
    await hook.waitFor(sentAtAck.hooks + 1, 20_000);
    await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(sentAtAck.mails + 2);
    expect(JSON.parse(hook.requests.at(-1)!.body)).toMatchObject({ type: "outage_closed", outage: { id: outage.id } });
    const attempts = await db.alertAttempt.count({ where: { ok: true } });
    expect(attempts).toBe(await db.alertOutbox.count({ where: { status: "DELIVERED" } }));
  });
});
