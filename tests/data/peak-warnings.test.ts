import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/core/probe-result";
import { alertTitle, emailMessage } from "@/core/alerts/render-alert";
import type { AlertPayload } from "@/core/alerts/alert-payload";
import { enqueuePeakWarnings } from "@/lib/alerts/enqueue-peak-warnings";
import { peakWarningsOf } from "@/lib/data/peak-warnings";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const KST = (s: string) => Date.parse(`${s}+09:00`);
const MIN = 60_000;

/**
 * Hourly roll-ups written by the real writer: for Sep, Oct and Nov 2024, the 09:00 KST hour of
 * the 1st, 2nd, 3rd and 4th, two UP runs each (09:00 and 09:01). `peakMs` is the latency on the
 * 1st; the other days answer in 200 ms. Each month's median hourly p95 is then that of the
 * three ordinary hours and the peak: with a slow peak, median of [200, 200, 200, slow] = 200.
 */
async function serviceWith(peakMs: number) {
  const { db } = await createTestDb();
  const svc = await createService(db, {
    functions: ["topup"],
    intervalSec: 60,
    alerts: (slug) => ({ channels: [{ key: `hook-${slug}`, kind: "webhook", url: "http://127.0.0.1:9/hook" }], policies: [{ key: `peak-${slug}`, services: [slug], events: ["peak_warning"], escalation: [{ channels: [`hook-${slug}`] }] }] }),
  });
  const key = svc.probeKey("topup");
  const batch: ProbeResult[] = [];
  for (const month of ["09", "10", "11"]) {
    for (const day of ["01", "02", "03", "04"]) {
      for (const minute of [0, 1]) {
        batch.push({ probeKey: key, at: new Date(KST(`2024-${month}-${day}T09:00:00`) + minute * MIN), intervalSec: 60, state: "UP", latencyMs: day === "01" ? peakMs : 200, httpStatus: 200, errorClass: null, message: null });
      }
    }
  }
  await recordResults(db, svc.refs, batch);
  await db.service.update({
    where: { slug: svc.slug },
    data: { accounting: JSON.stringify({ quorum: 1, peakWarnings: [{ id: "first-0900", day: 1, hour: 9, latencyFactor: 2, errorRateAbove: 0.05, months: 3, warnBefore: 3 * 24 * 60 * MIN }] }) },
  });
  return { db, slug: svc.slug, alerts: svc.config.alerts };
}

describe("peak warnings from stored hourly roll-ups", () => {
  it("three slow 1st-of-month 09:00 hours: the warning shows three days ahead of December's", async () => {
    const { db, slug } = await serviceWith(900);
    const [w] = await peakWarningsOf(db, slug, "Asia/Seoul", new Date(KST("2024-11-29T10:00:00")));
    // p95 of two 900 ms samples is 900 ms, within a histogram bucket (about 9%); > 2 × ~200 ms
    expect(w!.months.map((m) => m.degraded)).toEqual(["latency", "latency", "latency"]);
    expect(w!.months[0]!.latencyP95!).toBeGreaterThan(2 * w!.months[0]!.medianLatencyP95!);
    expect(w).toMatchObject({ firing: true, showNow: true, nextPeak: KST("2024-12-01T09:00:00") });
  });

  it("a clean history: no warning", async () => {
    const { db, slug } = await serviceWith(210);
    const [w] = await peakWarningsOf(db, slug, "Asia/Seoul", new Date(KST("2024-11-29T10:00:00")));
    expect(w).toMatchObject({ firing: false, showNow: false });
  });

  it("the operator is alerted once ahead of the peak, through the outbox", async () => {
    const { db, slug, alerts } = await serviceWith(900);
    const opts = { now: () => KST("2024-11-29T10:00:00"), publicUrl: "https://ledger.test" };
    expect(await enqueuePeakWarnings(db, alerts, opts)).toBe(1);
    expect(await enqueuePeakWarnings(db, alerts, opts)).toBe(0); // once per rule and peak
    const row = await db.alertOutbox.findFirstOrThrow({ where: { service: { slug } } });
    expect(row).toMatchObject({ kind: "peak_warning", status: "PENDING" });
    const payload = JSON.parse(row.payload) as AlertPayload;
    expect(payload.peak).toMatchObject({ ruleId: "first-0900", nextPeak: "2024-12-01T00:00:00.000Z" });
    expect(alertTitle(payload, "ko")).toContain("사전 경고");
    expect(emailMessage(payload).text).toContain("2024-09");
    // before the 3-day window (11-28 09:00 KST) nothing is enqueued
    const early = await serviceWith(900);
    expect(await enqueuePeakWarnings(early.db, early.alerts, { ...opts, now: () => KST("2024-11-27T10:00:00") })).toBe(0);
  });
});
