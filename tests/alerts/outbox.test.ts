import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { alertPlan } from "@/lib/alerts/alert-plan";
import { deliverDueAlerts } from "@/lib/alerts/deliver-due-alerts";
import { escalateOutages } from "@/lib/alerts/escalate-outages";
import { createMailer } from "@/lib/alerts/send-email";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { recordResults, recordResultsIn } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { startHttpReceiver } from "../helpers/http-receiver";
import { startSmtpReceiver } from "../helpers/smtp-receiver";
import { createTestDb } from "../helpers/test-db";

const log = logger("test");
const T0 = Date.parse("2026-12-01T00:00:00Z");
const CODES: Record<string, ProbeState> = { U: "UP", D: "DOWN" };
const SECRET = "webhook-signing-secret-0123456789";
const SMTP_PASSWORD = "smtp-password-never-shown-42";

function results(probeKey: string, text: string, fromIndex = 0): ProbeResult[] {
  return [...text].map((c, i) => ({
    probeKey,
    at: new Date(T0 + (fromIndex + i) * 10_000),
    intervalSec: 10,
    state: CODES[c]!,
    latencyMs: 100,
    httpStatus: c === "D" ? 503 : 201,
    errorClass: c === "D" ? "ASSERTION_STATUS" : null,
    message: c === "D" ? "status 503, expected 201" : null,
  }));
}

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
beforeAll(async () => {
  smtp = await startSmtpReceiver({ user: "alerts", password: SMTP_PASSWORD });
  hook = await startHttpReceiver();
});
afterAll(async () => {
  await smtp.close();
  await hook.close();
});

/** A service alerting a signed JSON webhook and an e-mail list first, a manager's address after 15 min. */
async function alertingService(db: Db, extra: { slack?: boolean; webhookUrl?: string } = {}) {
  return createService(db, {
    alerts: (slug) => ({
      smtp: { host: "127.0.0.1", port: smtp.port, user: "alerts", password: SMTP_PASSWORD, from: "Uptime Ledger <alerts@ledger.test>" },
      channels: [
        { key: "ops-hook", kind: "webhook", url: extra.webhookUrl ?? `${hook.url}/hooks/ops`, secret: SECRET, format: extra.slack ? "slack" : "json" },
        { key: "ops-mail", kind: "email", to: ["oncall@operator.test"] },
        { key: "manager-mail", kind: "email", to: ["manager@operator.test"] },
      ],
      policies: [
        {
          key: "operator",
          services: [slug],
          escalation: [{ channels: ["ops-hook", "ops-mail"] }, { channels: ["manager-mail"] }],
          repeatEvery: "15m",
          maxRepeats: 3,
        },
      ],
    }),
  });
}

describe("the alert outbox", () => {
  it("is filled in the transaction that opens the outage: one row per channel of the first level", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => T0 + 60_000)!;
    // D D D at 0, 10, 20 s: the third failure confirms the outage (confirm = 3)
    const events = await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    expect(events.map((e) => e.type)).toEqual(["outage_opened"]);
    const rows = await db.alertOutbox.findMany({ where: { outageId: events[0]!.outageId }, orderBy: { channelKey: "asc" } });
    expect(rows.map((r) => [r.kind, r.channelKey, r.level, r.round, r.status])).toEqual([
      ["outage_opened", "ops-hook", 0, 0, "PENDING"],
      ["outage_opened", "ops-mail", 0, 0, "PENDING"],
    ]);
    const payload = JSON.parse(rows[0]!.payload) as { url: string; outage: { id: number; startedAt: string } };
    expect(payload.url).toBe(`https://ledger.test/ko/outages/${events[0]!.outageId}`);
    expect(payload.outage.startedAt).toBe(new Date(T0).toISOString());
    // what is stored says nothing about where it goes or how it is signed
    expect(rows.map((r) => r.payload).join("")).not.toMatch(new RegExp(`${SECRET}|${SMTP_PASSWORD}|oncall@|127\\.0\\.0\\.1:${hook.url.split(":").at(-1)}`));
  });

  it("is not filled when that transaction fails: no outage, no alert", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => T0)!;
    await expect(
      db.$transaction(async (tx) => {
        await recordResultsIn(tx, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
        throw new Error("the process died here");
      }),
    ).rejects.toThrow("the process died here");
    expect(await db.outage.count({ where: { service: { slug: svc.slug } } })).toBe(0);
    expect(await db.alertOutbox.count()).toBe(0);
  });

  it("an import of past results (no plan) alerts nobody", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDDU"));
    expect(await db.outage.count()).toBe(1);
    expect(await db.alertOutbox.count()).toBe(0);
  });

  it("repeats and escalates after N minutes without acknowledgement, once per round; closing goes to every level reached", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    let now = T0 + 30_000;
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => now)!;
    const [opened] = await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    const confirmedAt = T0 + 20_000;
    const escalate = () => escalateOutages(db, svc.config.alerts, { now: () => now, publicUrl: "https://ledger.test" });

    now = confirmedAt + 15 * 60_000 - 1000;
    expect(await escalate()).toBe(0); // 14 min 59 s: nothing yet
    now = confirmedAt + 15 * 60_000;
    expect(await escalate()).toBe(3); // round 1: ops-hook, ops-mail again, and the manager for the first time
    expect(await escalate()).toBe(0); // the same round is never enqueued twice
    const round1 = await db.alertOutbox.findMany({ where: { outageId: opened!.outageId, round: 1 }, orderBy: { channelKey: "asc" } });
    expect(round1.map((r) => [r.kind, r.channelKey, r.level])).toEqual([
      ["outage_reminder", "manager-mail", 1],
      ["outage_reminder", "ops-hook", 0],
      ["outage_reminder", "ops-mail", 0],
    ]);
    expect((JSON.parse(round1[0]!.payload) as { escalated: boolean }).escalated).toBe(true);

    // Round 1 goes out; round 2 is enqueued but the outage ends before it is sent.
    const mailer = createMailer(svc.config.alerts.smtp!, "https://ledger.test");
    expect(await deliverDueAlerts(db, svc.config.alerts, { now: () => now, log, mailer })).toMatchObject({ delivered: 5 });
    mailer.close();
    now = confirmedAt + 30 * 60_000;
    expect(await escalate()).toBe(3);
    now += 1000;
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "U", 3), { alerts: plan });
    // the unsent reminders are cancelled; the closing alert goes to every channel alerted, manager included
    expect(await db.alertOutbox.count({ where: { outageId: opened!.outageId, kind: "outage_reminder", status: "CANCELLED" } })).toBe(3);
    const closing = await db.alertOutbox.findMany({ where: { outageId: opened!.outageId, kind: "outage_closed" }, orderBy: { channelKey: "asc" } });
    expect(closing.map((r) => r.channelKey)).toEqual(["manager-mail", "ops-hook", "ops-mail"]);
    now = confirmedAt + 60 * 60_000;
    expect(await escalate()).toBe(0); // a closed outage is never escalated
  });

  it("an outage that ends before its first reminder went out closes only to those who heard of it", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    let now = T0 + 30_000;
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => now)!;
    const [opened] = await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    now = T0 + 20_000 + 15 * 60_000;
    expect(await escalateOutages(db, svc.config.alerts, { now: () => now, publicUrl: "https://ledger.test" })).toBe(3);
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "U", 3), { alerts: plan });
    const closing = await db.alertOutbox.findMany({ where: { outageId: opened!.outageId, kind: "outage_closed" }, orderBy: { channelKey: "asc" } });
    // the manager's first alert was still waiting: cancelled, and no "resolved" about something never heard of
    expect(closing.map((r) => r.channelKey)).toEqual(["ops-hook", "ops-mail"]);
  });

  it("after a long silence only the round due now is sent, not every round missed (no floods)", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    let now = T0 + 30_000;
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => now)!;
    const [opened] = await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    now = T0 + 20_000 + 50 * 60_000; // 50 min: round 3 is due (rounds 1 and 2 were missed)
    await escalateOutages(db, svc.config.alerts, { now: () => now, publicUrl: "https://ledger.test" });
    const rounds = await db.alertOutbox.groupBy({ by: ["round"], where: { outageId: opened!.outageId }, _count: true, orderBy: { round: "asc" } });
    expect(rounds.map((r) => [r.round, r._count])).toEqual([
      [0, 2],
      [3, 3],
    ]);
  });
});

describe("delivery", () => {
  it("sends the e-mail over SMTP and the signed webhook, and records every attempt", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    const now = T0 + 30_000;
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => now)!;
    const [opened] = await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    const mailsBefore = smtp.mails.length;
    const hooksBefore = hook.requests.length;
    const mailer = createMailer(svc.config.alerts.smtp!, "https://ledger.test");
    const stats = await deliverDueAlerts(db, svc.config.alerts, { now: () => now, log, mailer });
    mailer.close();
    expect(stats).toEqual({ delivered: 2, retrying: 0, failed: 0, cancelled: 0 });

    const mail = (await smtp.waitFor(mailsBefore + 1)).at(-1)!;
    expect(mail.to).toEqual(["oncall@operator.test"]);
    expect(mail.from).toBe("alerts@ledger.test");
    expect(mail.subject).toBe(
      `[장애] 서비스 ${svc.slug} topup 장애 발생 (장애 #${opened!.outageId}) / [Outage] Service ${svc.slug} topup is down (outage #${opened!.outageId})`,
    );
    expect(mail.headers["x-ledger-event"]).toBe("outage_opened");

    const req = (await hook.waitFor(hooksBefore + 1)).at(-1)!;
    expect(req.path).toBe("/hooks/ops");
    expect(req.headers["content-type"]).toBe("application/json; charset=utf-8");
    const body = JSON.parse(req.body) as { type: string; outage: { id: number; durationSec: number }; url: string; title: { ko: string; en: string } };
    expect(body).toMatchObject({
      type: "outage_opened",
      outage: { id: opened!.outageId, durationSec: 30 },
      url: `https://ledger.test/ko/outages/${opened!.outageId}`,
    });
    // the signature checks out with the shared secret, over "t.body"
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers["x-ledger-signature"]))!;
    expect(m).not.toBeNull();
    expect(createHmac("sha256", SECRET).update(`${m[1]}.${req.body}`).digest("hex")).toBe(m[2]);

    const rows = await db.alertOutbox.findMany({ where: { outageId: opened!.outageId }, include: { deliveryAttempts: true } });
    for (const r of rows) {
      expect(r.status).toBe("DELIVERED");
      expect(r.deliveryAttempts).toHaveLength(1);
      expect(r.deliveryAttempts[0]!.ok).toBe(true);
    }
    expect(rows.find((r) => r.channelKey === "ops-hook")!.deliveryAttempts[0]!.detail).toBe("HTTP 200: ok");
    expect(rows.find((r) => r.channelKey === "ops-mail")!.deliveryAttempts[0]!.detail).toMatch(/^250 /);
  });

  it("sends a Slack-compatible message to a Slack-format channel", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db, { slack: true });
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => T0)!;
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    const before = hook.requests.length;
    await deliverDueAlerts(db, svc.config.alerts, { now: () => T0 + 30_000, log, mailer: null });
    const body = JSON.parse((await hook.waitFor(before + 1)).at(-1)!.body) as { text: string; blocks: { type: string }[] };
    expect(body.text).toMatch(/^\[장애\] .* \/ \[Outage\] /);
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "context", "section"]);
  });

  it("retries a failing receiver with backoff (5 s, then 15 s) and records each attempt", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    let now = T0 + 30_000;
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => now)!;
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    await db.alertOutbox.updateMany({ where: { channelKey: "ops-mail" }, data: { status: "CANCELLED" } }); // webhook only here
    const deliver = () => deliverDueAlerts(db, svc.config.alerts, { now: () => now, log, mailer: null });
    hook.failNext(2, 503);

    expect(await deliver()).toMatchObject({ retrying: 1 });
    let row = await db.alertOutbox.findFirstOrThrow({ where: { channelKey: "ops-hook" } });
    expect(row.status).toBe("PENDING");
    expect(row.attempts).toBe(1);
    // the wait counts from the end of the attempt (a few ms of real sending): about 5 s
    expect(row.nextAttemptAt.getTime() - now).toBeGreaterThanOrEqual(5_000);
    expect(row.nextAttemptAt.getTime() - now).toBeLessThan(6_000);
    expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0, cancelled: 0 }); // not due yet

    now = row.nextAttemptAt.getTime();
    expect(await deliver()).toMatchObject({ retrying: 1 });
    row = await db.alertOutbox.findFirstOrThrow({ where: { channelKey: "ops-hook" } });
    expect(row.nextAttemptAt.getTime() - now).toBeGreaterThanOrEqual(15_000);

    now = row.nextAttemptAt.getTime();
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const attempts = await db.alertAttempt.findMany({ where: { outboxId: row.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.ok, a.detail])).toEqual([
      [false, "HTTP 503: receiver is failing on purpose"],
      [false, "HTTP 503: receiver is failing on purpose"],
      [true, "HTTP 200: ok"],
    ]);
  });

  it("an SMTP server that refuses the login: the attempt is recorded without the password, and retried", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => T0)!;
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    await db.alertOutbox.updateMany({ where: { channelKey: "ops-hook" }, data: { status: "CANCELLED" } });
    const wrong = createMailer({ ...svc.config.alerts.smtp!, password: "a-wrong-password-xyz" }, "https://ledger.test");
    const stats = await deliverDueAlerts(db, svc.config.alerts, { now: () => T0 + 30_000, log, mailer: wrong });
    wrong.close();
    expect(stats.retrying).toBe(1);
    const attempt = await db.alertAttempt.findFirstOrThrow({
      where: { outbox: { channelKey: "ops-mail", serviceId: (await db.service.findUniqueOrThrow({ where: { slug: svc.slug } })).id } },
    });
    expect(attempt.ok).toBe(false);
    expect(attempt.detail).toMatch(/EAUTH|535/);
    expect(attempt.detail).not.toContain("a-wrong-password-xyz");
  });

  it("nothing is lost across a restart: a claim left by a crashed alerter is taken up after its lease", async () => {
    const { db, url } = await createTestDb();
    const svc = await alertingService(db);
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => T0)!;
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    await db.alertOutbox.updateMany({ where: { channelKey: "ops-mail" }, data: { status: "CANCELLED" } });
    // a previous alerter claimed the row and died before sending
    await db.alertOutbox.updateMany({ where: { channelKey: "ops-hook" }, data: { status: "SENDING", leaseUntil: new Date(T0 + 60_000) } });
    await db.$disconnect();

    const { openDb } = await import("@/lib/db");
    const again = await openDb(url);
    const before = hook.requests.length;
    expect(await deliverDueAlerts(again, svc.config.alerts, { now: () => T0 + 59_000, log, mailer: null })).toMatchObject({ delivered: 0 }); // still leased
    expect(await deliverDueAlerts(again, svc.config.alerts, { now: () => T0 + 61_000, log, mailer: null })).toMatchObject({ delivered: 1 });
    await hook.waitFor(before + 1);
    await again.$disconnect();
  });

  it("a channel removed from the configuration fails the alert with a clear reason", async () => {
    const { db } = await createTestDb();
    const svc = await alertingService(db);
    const plan = alertPlan(svc.config.alerts, "https://ledger.test", () => T0)!;
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    const without = { ...svc.config.alerts, channels: svc.config.alerts.channels.filter((c) => c.key !== "ops-hook") };
    await deliverDueAlerts(db, without, { now: () => T0 + 30_000, log, mailer: null });
    const row = await db.alertOutbox.findFirstOrThrow({ where: { channelKey: "ops-hook" } });
    expect(row.status).toBe("FAILED");
    expect(row.lastError).toBe('channel "ops-hook" is no longer configured');
  });
});
