import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { medianCount, surgeDecision, surgeWindows } from "@/core/citizen/surge";
import { deliverDueAlerts } from "@/lib/alerts/deliver-due-alerts";
import { createMailer } from "@/lib/alerts/send-email";
import { detectReportSurges } from "@/lib/citizen/detect-surges";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { createService } from "../helpers/factories";
import { startHttpReceiver } from "../helpers/http-receiver";
import { startSmtpReceiver } from "../helpers/smtp-receiver";
import { createTestDb } from "../helpers/test-db";

const log = logger("test");
const DAY = 86_400_000;
// 10:02 KST on 8 December 2026; the current bucket is 10:00–10:05 KST, the last hour 09:05–10:05 KST
const NOW = Date.parse("2026-12-08T01:02:00Z");

describe("the surge rule", () => {
  it("is 10 times the median of the same hour on the 7 days before, and at least 20", () => {
    // before: 3 5 2 4 3 6 1 → sorted 1 2 3 3 4 5 6, the middle (4th of 7) is 3 → threshold max(20, 10 × 3) = 30
    const before = [3, 5, 2, 4, 3, 6, 1];
    expect(medianCount(before)).toBe(3);
    expect(surgeDecision(29, before)).toEqual({ count: 29, median: 3, threshold: 30, surge: false });
    expect(surgeDecision(30, before)).toEqual({ count: 30, median: 3, threshold: 30, surge: true });
    // a quiet function: 0 0 1 0 0 2 0 → median 0 → threshold max(20, 0) = 20, the minimum
    expect(surgeDecision(19, [0, 0, 1, 0, 0, 2, 0])).toMatchObject({ median: 0, threshold: 20, surge: false });
    expect(surgeDecision(20, [0, 0, 1, 0, 0, 2, 0])).toMatchObject({ median: 0, threshold: 20, surge: true });
    // one odd day does not set the usual level: 0 0 0 0 0 0 500 → median 0, threshold 20
    expect(surgeDecision(25, [0, 0, 0, 0, 0, 0, 500])).toMatchObject({ median: 0, threshold: 20, surge: true });
    // no history at all (a new ledger): the minimum
    expect(surgeDecision(20, [])).toMatchObject({ median: 0, threshold: 20, surge: true });
  });

  it("compares the 12 buckets up to now with the same 12 on each of the 7 days before", () => {
    const w = surgeWindows(NOW);
    // the bucket of 01:02Z is 01:00–01:05Z, so the hour is 00:05–01:05Z
    expect(new Date(w.current.start).toISOString()).toBe("2026-12-08T00:05:00.000Z");
    expect(new Date(w.current.end).toISOString()).toBe("2026-12-08T01:05:00.000Z");
    expect(w.before.map((b) => new Date(b.start).toISOString())).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((d) => new Date(Date.parse("2026-12-08T00:05:00Z") - d * DAY).toISOString()),
    );
  });
});

let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
beforeAll(async () => {
  hook = await startHttpReceiver();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await hook.close();
  await smtp.close();
});

async function addCount(db: Db, serviceId: number, functionKey: string, at: number, count: number, district = "") {
  await db.citizenReportCount.create({ data: { serviceId, functionKey, district, bucketStart: new Date(Math.floor(at / 300_000) * 300_000), count } });
}

describe("a surge of reports", () => {
  it("is alerted once to the operator's and the admins' channels from the counts alone (no probe result is read), and ends below the threshold", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, {
      functions: ["topup", "payment"],
      alerts: (slug) => ({
        smtp: { host: "127.0.0.1", port: smtp.port, from: "Uptime Ledger <alerts@ledger.test>" },
        channels: [
          { key: "operator-hook", kind: "webhook", url: `${hook.url}/operator` },
          { key: "admin-mail", kind: "email", to: ["admins@ledger.test"] },
        ],
        policies: [{ key: "operator", services: [slug], events: ["citizen_surge"], escalation: [{ channels: ["operator-hook"] }] }],
        instance: { channels: ["admin-mail"] },
      }),
    });
    const s = await db.service.findUniqueOrThrow({ where: { slug: svc.slug } });
    // the same hour on the 7 days before: 3 5 2 4 3 6 1 top-up reports (median 3 → threshold 30),
    // split over two buckets and a district to show the counts are summed
    for (const [d, n] of [3, 5, 2, 4, 3, 6, 1].entries()) {
      await addCount(db, s.id, "topup", NOW - (d + 1) * DAY - 30 * 60_000, n - Math.floor(n / 2));
      if (Math.floor(n / 2) > 0) await addCount(db, s.id, "topup", NOW - (d + 1) * DAY - 10 * 60_000, Math.floor(n / 2), "saha");
    }
    // the last hour: 29 top-up reports (10 + 19), and 19 in-store payment reports (no history: threshold 20)
    await addCount(db, s.id, "topup", NOW - 40 * 60_000, 10);
    await addCount(db, s.id, "topup", NOW, 19);
    await addCount(db, s.id, "in-store-payment", NOW, 19);
    expect(await detectReportSurges(db, svc.config.alerts, { now: NOW, publicUrl: "https://ledger.test" })).toEqual([]);

    // one more top-up report: 30 reaches the threshold
    await db.citizenReportCount.update({
      where: {
        serviceId_functionKey_district_bucketStart: {
          serviceId: s.id,
          functionKey: "topup",
          district: "",
          bucketStart: new Date(Date.parse("2026-12-08T01:00:00Z")),
        },
      },
      data: { count: 20 },
    });
    const opened = await detectReportSurges(db, svc.config.alerts, { now: NOW + 1000, publicUrl: "https://ledger.test" });
    expect(opened).toEqual([{ slug: svc.slug, functionKey: "topup", opened: true, decision: { count: 30, median: 3, threshold: 30, surge: true }, alerts: 2 }]);
    // run again: still the same surge, no second alert
    expect(await detectReportSurges(db, svc.config.alerts, { now: NOW + 16_000, publicUrl: "https://ledger.test" })).toEqual([]);
    expect(await db.alertOutbox.count({ where: { kind: "citizen_surge" } })).toBe(2);

    const mailer = createMailer(svc.config.alerts.smtp!, "https://ledger.test");
    try {
      const stats = await deliverDueAlerts(db, svc.config.alerts, { now: () => NOW + 20_000, log, mailer });
      expect(stats.delivered).toBe(2);
    } finally {
      mailer.close();
    }
    const [req] = await hook.waitFor(1);
    const body = JSON.parse(req!.body) as { type: string; title: { ko: string; en: string }; surge: { count: number; threshold: number } };
    expect(body.type).toBe("citizen_surge");
    expect(body.title.ko).toContain("[시민 신고 급증]");
    expect(body.surge).toMatchObject({ count: 30, threshold: 30, median: 3 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(["admins@ledger.test"]);
    expect(mail!.subject).toContain("Citizen report surge");

    // an hour later the reports have passed out of the window: the surge ends
    const ended = await detectReportSurges(db, svc.config.alerts, { now: NOW + 3_600_000, publicUrl: "https://ledger.test" });
    expect(ended.map((c) => [c.functionKey, c.opened])).toEqual([["topup", false]]);
    expect(await db.reportSurge.count({ where: { endedAt: null } })).toBe(0);
  });
});
