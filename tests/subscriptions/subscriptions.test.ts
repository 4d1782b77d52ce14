import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { normalizeEmail } from "@/core/subscriptions/subscription-rules";
import { postOutageUpdate } from "@/lib/actions/post-outage-update";
import { alertPlan } from "@/lib/alerts/alert-plan";
import { deliverDueAlerts } from "@/lib/alerts/deliver-due-alerts";
import { createMailer } from "@/lib/alerts/send-email";
import { incidentFeed } from "@/lib/data/feed";
import { exportOutagesCsv } from "@/lib/data/exports";
import { getService, listOutages, listServices } from "@/lib/data/services";
import { getOutageDetail } from "@/lib/data/outage-detail";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { recordResults } from "@/lib/store/record-results";
import { confirmSubscription, sweepSubscriptions, tokenSubject, unsubscribe } from "@/lib/subscriptions/manage-subscription";
import { subscribe } from "@/lib/subscriptions/subscribe";
import { subscriptionToken, tokenHash } from "@/lib/subscriptions/tokens";
import { createService } from "../helpers/factories";
import { mailText, startSmtpReceiver } from "../helpers/smtp-receiver";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

const log = logger("test");
const SECRET = Buffer.from("subscription-test-secret-0123456789abcdef");
const PUBLIC_URL = "https://ledger.example.org";
const T0 = Date.parse("2026-12-01T00:00:00Z");
const MIN = 60_000;
const CODES: Record<string, ProbeState> = { U: "UP", D: "DOWN" };

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
beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.close();
});

async function mailingService(db: Db) {
  return createService(db, {
    contract: true,
    alerts: () => ({ smtp: { host: "127.0.0.1", port: smtp.port, from: "Uptime Ledger <ledger@ledger.test>" } }),
  });
}

const ask = (db: Db, slug: string, email: string, at: number, client = "203.0.113.7") =>
  subscribe(db, { slug, email, client, now: new Date(at), secret: SECRET, publicUrl: PUBLIC_URL });

describe("e-mail subscriptions", () => {
  it("keeps only hashes of the tokens, which are 256-bit, differ by purpose and by nonce, and open nothing when guessed", async () => {
    const { db } = await createTestDb();
    const svc = await mailingService(db);
    expect(await ask(db, svc.slug, "  Reader@Example.TEST ", T0)).toEqual({ ok: true, mailed: true });
    const row = await db.emailSubscription.findFirstOrThrow();
    expect(row.email).toBe("reader@example.test");
    const confirm = subscriptionToken(SECRET, "confirm", row.nonce);
    const leave = subscriptionToken(SECRET, "unsubscribe", row.nonce);
    // 32 bytes of HMAC-SHA256 in base64url: ceil(32 × 8 / 6) = 43 characters
    expect(confirm).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(confirm).not.toBe(leave);
    expect(subscriptionToken(SECRET, "confirm", "another-nonce")).not.toBe(confirm);
    expect(subscriptionToken(Buffer.from("another-secret-0123456789abcdefghij"), "confirm", row.nonce)).not.toBe(confirm);
    // the row holds SHA-256 hashes, never the tokens
    expect([row.confirmHash, row.unsubscribeHash]).toEqual([tokenHash(confirm), tokenHash(leave)]);
    expect(JSON.stringify(row)).not.toContain(confirm);
    expect(JSON.stringify(row)).not.toContain(leave);
    // a stored hash used as a link, a wrong token, or the other purpose's token confirms nothing
    for (const wrong of [row.confirmHash, leave, `${confirm.slice(0, 42)}A`, "", null])
      expect(await confirmSubscription(db, wrong, new Date(T0 + MIN))).toBeNull();
    expect(await tokenSubject(db, "confirm", confirm, new Date(T0 + MIN))).toMatchObject({ slug: svc.slug, confirmed: false });
    expect(await confirmSubscription(db, confirm, new Date(T0 + MIN))).toMatchObject({ slug: svc.slug, confirmed: true });
    const confirmed = await db.emailSubscription.findUniqueOrThrow({ where: { id: row.id } });
    expect([confirmed.confirmedAt?.toISOString(), confirmed.expiresAt]).toEqual([new Date(T0 + MIN).toISOString(), null]);
  });

  it("lets an unconfirmed subscription expire after 24 hours: the link stops working, the sweep deletes it and its unsent mail", async () => {
    const { db } = await createTestDb();
    const svc = await mailingService(db);
    await ask(db, svc.slug, "late@example.test", T0);
    const row = await db.emailSubscription.findFirstOrThrow();
    expect(row.expiresAt?.toISOString()).toBe(new Date(T0 + 24 * 60 * MIN).toISOString());
    const token = subscriptionToken(SECRET, "confirm", row.nonce);
    // 1 ms before the day is over the link works (asked, not confirmed); at the day's end it does not
    expect(await tokenSubject(db, "confirm", token, new Date(T0 + 24 * 60 * MIN - 1))).not.toBeNull();
    expect(await confirmSubscription(db, token, new Date(T0 + 24 * 60 * MIN))).toBeNull();
    expect(await sweepSubscriptions(db, new Date(T0 + 24 * 60 * MIN - 1))).toBe(0);
    expect(await sweepSubscriptions(db, new Date(T0 + 24 * 60 * MIN))).toBe(1);
    expect(await db.emailSubscription.count()).toBe(0);
    expect((await db.alertOutbox.findFirstOrThrow()).status).toBe("CANCELLED");
  });

  it("mails an address at most once per 10 minutes and 5 times a day, and takes at most 20 requests per client an hour", async () => {
    const { db } = await createTestDb();
    const svc = await mailingService(db);
    const other = await mailingService(db);
    const victim = "victim@example.test";
    expect(await ask(db, svc.slug, victim, T0)).toEqual({ ok: true, mailed: true });
    // the same answer whether mailed or not: the form tells nobody about the address
    expect(await ask(db, svc.slug, victim, T0 + 10 * MIN - 1000, "198.51.100.1")).toEqual({ ok: true, mailed: false });
    // the limit is per address over all services
    expect(await ask(db, other.slug, victim, T0 + 5 * MIN, "198.51.100.2")).toEqual({ ok: true, mailed: false });
    // mails at 0, 10, 20, 30, 40 min are the day's five; the one at 50 min is refused; a day after the first, one goes again
    for (const m of [10, 20, 30, 40]) expect(await ask(db, svc.slug, victim, T0 + m * MIN, `198.51.100.${m}`)).toEqual({ ok: true, mailed: true });
    expect(await ask(db, svc.slug, victim, T0 + 50 * MIN, "198.51.100.50")).toEqual({ ok: true, mailed: false });
    expect(await ask(db, svc.slug, victim, T0 + 24 * 60 * MIN, "198.51.100.60")).toEqual({ ok: true, mailed: true });
    expect(await db.alertOutbox.count({ where: { kind: "subscription_confirm" } })).toBe(6);

    // one client: 20 requests in the hour (different addresses) pass, the 21st is refused for the rest of the hour
    const client = "192.0.2.9";
    for (let i = 0; i < 20; i++) expect((await ask(db, other.slug, `a${i}@example.test`, T0 + i * 1000, client)).ok).toBe(true);
    const refused = await ask(db, other.slug, "a20@example.test", T0 + 20_000, client);
    // the window started at T0: 3,600 s − 20 s = 3,580 s left
    expect(refused).toEqual({ ok: false, reason: "rate_limited", retryAfterSec: 3_580 });
    expect((await ask(db, other.slug, "a20@example.test", T0 + 60 * MIN, client)).ok).toBe(true);
    // no table names the address: the limits are keyed by an HMAC of it
    const keys = (await db.attemptLimit.findMany()).map((l) => l.key).join(" ");
    expect(keys).not.toContain("victim");
  });

  it("refuses what is not an address or not a service, and sends nothing to an address already confirmed", async () => {
    const { db } = await createTestDb();
    const svc = await mailingService(db);
    for (const bad of ["", "reader", "reader@", "@example.test", "a b@example.test", `${"x".repeat(250)}@example.test`])
      expect(await ask(db, svc.slug, bad, T0)).toEqual({ ok: false, reason: "invalid_email" });
    expect(normalizeEmail(" A@B.example ")).toBe("a@b.example");
    expect(await ask(db, "no-such-service", "a@example.test", T0)).toEqual({ ok: false, reason: "unknown_service" });
    await ask(db, svc.slug, "known@example.test", T0);
    const row = await db.emailSubscription.findFirstOrThrow();
    await confirmSubscription(db, subscriptionToken(SECRET, "confirm", row.nonce), new Date(T0 + MIN));
    expect(await ask(db, svc.slug, "known@example.test", T0 + 60 * MIN)).toEqual({ ok: true, mailed: false });
    expect(await db.alertOutbox.count()).toBe(1);
  });

  it("delivers through the outbox and SMTP: confirmation, the outage with unsubscribe links, and nothing after unsubscribing", async () => {
    const { db } = await createTestDb();
    const svc = await mailingService(db);
    const address = `reader-${svc.slug}@example.test`;
    let now = T0;
    const mailer = createMailer(svc.config.alerts.smtp!, PUBLIC_URL);
    const deliver = () => deliverDueAlerts(db, svc.config.alerts, { now: () => now, log, mailer, subscribers: { publicUrl: PUBLIC_URL, secret: SECRET } });
    const mine = () => smtp.mails.filter((m) => m.to.includes(address));
    // a second reader stays subscribed throughout
    const stays = `stays-${svc.slug}@example.test`;
    await ask(db, svc.slug, stays, now, "198.51.100.200");
    const staying = await db.emailSubscription.findFirstOrThrow({ where: { email: stays } });
    await confirmSubscription(db, subscriptionToken(SECRET, "confirm", staying.nonce), new Date(now));
    await db.alertOutbox.deleteMany();
    try {
      await ask(db, svc.slug, address, now);
      expect(await deliver()).toMatchObject({ delivered: 1 });
      const confirmMail = mailText(mine()[0]!.raw);
      expect(mine()[0]!.subject).toMatch(/^\[구독 확인\] .* \/ \[Confirm\] /);
      // Korean first, English below, the expiry in KST: T0 + 24 h = 2026-12-02 00:00 UTC = 09:00 KST
      expect(confirmMail.indexOf("2026년 12월 2일 09:00까지")).toBeLessThan(confirmMail.indexOf("2026-12-02 09:00 KST"));
      const token = /\/ko\/subscriptions\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(confirmMail)![1]!;
      expect(confirmMail).toContain(`${PUBLIC_URL}/en/subscriptions/confirm?token=${token}`);
      expect(await confirmSubscription(db, token, new Date(now))).not.toBeNull();

      // D D D from T0: the third failure (T0 + 20 s) confirms the outage; its row goes to the subscribers in one row
      now = T0 + 30_000;
      const plan = alertPlan(svc.config.alerts, PUBLIC_URL, () => now)!;
      const [opened] = await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
      const fanOut = await db.alertOutbox.findFirstOrThrow({ where: { outageId: opened!.outageId } });
      expect([fanOut.channelKey, fanOut.kind]).toEqual(["subscribers", "outage_opened"]);
      expect(await deliver()).toMatchObject({ delivered: 1 }); // the fan-out: one row per subscriber
      expect(await deliver()).toMatchObject({ delivered: 2 }); // the mails
      const incident = mine()[1]!;
      const text = mailText(incident.raw);
      expect(incident.subject).toContain("[장애]");
      // started T0 = 09:00:00 KST, confirmed at the third failure, T0 + 20 s = 09:00:20 KST
      expect(text).toContain("시작: 2026년 12월 1일 09:00:00");
      expect(text).toContain("확정: 2026년 12월 1일 09:00:20");
      expect(text).toContain("Started: 2026-12-01 09:00:00 KST");
      expect(text).toContain(`자세히: ${PUBLIC_URL}/ko/outages/${opened!.outageId}`);
      const leave = /\/ko\/subscriptions\/unsubscribe\?token=([A-Za-z0-9_-]{43})/.exec(text)![1]!;
      expect(incident.headers["list-unsubscribe"]).toBe(`<${PUBLIC_URL}/actions/subscriptions/unsubscribe?token=${leave}>`);
      expect(incident.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

      // the address is in no outbox row, no recorded attempt, and no public reading of the service
      const outbox = JSON.stringify(await db.alertOutbox.findMany({ include: { deliveryAttempts: true } }));
      const day = { from: new Date(T0 - 60 * MIN), to: new Date(T0 + 60 * MIN) };
      const at = new Date(now);
      const publicOutputs = [
        outbox,
        JSON.stringify(await listServices(db, at)),
        JSON.stringify(await getService(db, svc.slug, at)),
        JSON.stringify(await listOutages(db, svc.slug, day, at)),
        JSON.stringify(await getOutageDetail(db, opened!.outageId!, at)),
        JSON.stringify(await incidentFeed(db, { slug: svc.slug, origin: PUBLIC_URL, selfUrl: `${PUBLIC_URL}/feed`, now: at })),
        (await exportOutagesCsv(db, svc.slug, day, at))!.csv,
      ];
      for (const out of publicOutputs) expect(out).not.toContain(address);

      // unsubscribed: the row is gone, and the outage's end mails nobody
      expect(await unsubscribe(db, leave, new Date(now))).toMatchObject({ slug: svc.slug });
      expect(await db.emailSubscription.count({ where: { email: address } })).toBe(0);
      expect(await unsubscribe(db, leave, new Date(now))).toBeNull();
      now = T0 + 40_000;
      await recordResults(db, svc.refs, results(svc.probeKey("topup"), "U", 3), { alerts: plan });
      await deliver();
      await deliver();
      expect(mine()).toHaveLength(2);
      // the one still subscribed hears of the end once (the outage's subscriber rows are not channels "alerted" about it)
      const theirs = smtp.mails.filter((m) => m.to.includes(stays)).map((m) => m.subject.split(" (")[0]);
      expect(theirs).toEqual([expect.stringMatching(/^\[장애\]/), expect.stringMatching(/^\[복구\]/)]);
      expect(mailText(smtp.mails.filter((m) => m.to.includes(stays))[1]!.raw)).toMatch(/지속 시간: 30초/); // T0 → T0 + 30 s (the first correct run)
    } finally {
      mailer.close();
    }
  });

  it("cancels a subscriber's mail not yet sent when they unsubscribe in between", async () => {
    const { db } = await createTestDb();
    const svc = await mailingService(db);
    await ask(db, svc.slug, "quick@example.test", T0);
    const row = await db.emailSubscription.findFirstOrThrow();
    await confirmSubscription(db, subscriptionToken(SECRET, "confirm", row.nonce), new Date(T0));
    const plan = alertPlan(svc.config.alerts, PUBLIC_URL, () => T0 + 30_000)!;
    await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"), { alerts: plan });
    const opts = { now: () => T0 + 30_000, log, mailer: null, subscribers: { publicUrl: PUBLIC_URL, secret: SECRET } };
    await db.alertOutbox.updateMany({ where: { kind: "subscription_confirm" }, data: { status: "DELIVERED" } });
    expect(await deliverDueAlerts(db, svc.config.alerts, opts)).toMatchObject({ delivered: 1 }); // fan-out
    await unsubscribe(db, subscriptionToken(SECRET, "unsubscribe", row.nonce), new Date(T0 + 31_000));
    expect(await deliverDueAlerts(db, svc.config.alerts, opts)).toMatchObject({ delivered: 0, cancelled: 0 });
    const mail = await db.alertOutbox.findFirstOrThrow({ where: { channelKey: `subscriber:${row.id}`, kind: "outage_opened" } });
    expect([mail.status, mail.lastError]).toEqual(["CANCELLED", "unsubscribed before it was sent"]);
  });

  it("mails the operator's public statement about an outage to subscribers, marked as the operator's words", async () => {
    const { db } = await createTestDb();
    const svc = await mailingService(db);
    const address = `statement-${svc.slug}@example.test`;
    await ask(db, svc.slug, address, T0);
    const row = await db.emailSubscription.findFirstOrThrow();
    await confirmSubscription(db, subscriptionToken(SECRET, "confirm", row.nonce), new Date(T0));
    await db.alertOutbox.deleteMany();
    const [opened] = await recordResults(db, svc.refs, results(svc.probeKey("topup"), "DDD"));
    const op = await createTestUser(db, { role: "OPERATOR", services: [svc.slug], now: new Date(T0) });
    await postOutageUpdate(
      db,
      op.user,
      { outageId: opened!.outageId!, body: "충전 서버를 재시작하고 있습니다.\n30분 안에 복구 예정." },
      new Date(T0 + 5 * MIN),
    );
    const mailer = createMailer(svc.config.alerts.smtp!, PUBLIC_URL);
    const opts = { now: () => T0 + 5 * MIN, log, mailer, subscribers: { publicUrl: PUBLIC_URL, secret: SECRET } };
    try {
      expect(await deliverDueAlerts(db, svc.config.alerts, opts)).toMatchObject({ delivered: 1 });
      expect(await deliverDueAlerts(db, svc.config.alerts, opts)).toMatchObject({ delivered: 1 });
    } finally {
      mailer.close();
    }
    const mail = smtp.mails.find((m) => m.to.includes(address))!;
    expect(mail.subject).toContain("[운영사 공지]");
    const text = mailText(mail.raw);
    // T0 + 5 min = 09:05:00 KST
    expect(text).toContain(`운영사 공지 (2026년 12월 1일 09:05:00, ${op.user.displayName}):`);
    expect(text).toContain("> 충전 서버를 재시작하고 있습니다.\n> 30분 안에 복구 예정.");
    expect(text).toContain("These are the operator's words, not a measurement.");
  });
});
