import { describe, expect, it } from "vitest";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { getService } from "@/lib/data/services";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

/**
 * What the service page reads beyond the bars themselves: the contract's English names, each
 * function's blips and 90-day availability under its own bars, what the operator did about each
 * outage, and latency per day as well as per hour.
 */
const T0 = Date.parse("2026-03-10T03:00:00Z"); // 12:00 KST
const CODES: Record<string, ProbeState> = { U: "UP", D: "DOWN" };

function runs(probeKey: string, text: string, offsetSec = 0, latencyMs = 100): ProbeResult[] {
  return [...text].map((c, i) => ({
    probeKey,
    at: new Date(T0 + (offsetSec + i * 10) * 1000),
    intervalSec: 10,
    state: CODES[c]!,
    latencyMs,
    httpStatus: c === "D" ? 503 : 200,
    errorClass: c === "D" ? ("ASSERTION_STATUS" as const) : null,
    message: c === "D" ? "status 503, expected 200" : null,
  }));
}

describe("the service page's data", () => {
  it("gives the contract's English title and operator when the configuration has them", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { contract: { titleEn: "Local currency operation services", operatorEn: "Busan Bank" } });
    const detail = await getService(db, svc.slug, new Date(T0));
    expect(detail!.contract).toMatchObject({ title: "계약", titleEn: "Local currency operation services", operator: "운영사", operatorEn: "Busan Bank" });
    const bare = await createService(db, { contract: true });
    expect((await getService(db, bare.slug, new Date(T0)))!.contract).toMatchObject({ titleEn: null, operatorEn: null });
  });

  it("puts each function's blips and 90-day availability with that function, and the operator's response with each outage", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { functions: ["topup", "payment"], confirm: 3 });
    const topup = svc.probeKey("topup");
    const payment = svc.probeKey("payment");
    // topup: U D D D D U … → one outage [10 s, 50 s) = 40 s; payment: U D U D U … → two blips (1 failure each, fewer than 3)
    await recordResults(db, svc.refs, [...runs(topup, "UDDDDUUUUU"), ...runs(payment, "UDUDUUUUUU", 5)]);
    const now = new Date(T0 + 100_000);
    const before = await getService(db, svc.slug, now);
    const days = Object.fromEntries(before!.days.map((d) => [d.functionKey, d]));
    expect(days.topup!.blips).toBe(0);
    expect(days.payment!.blips).toBe(2);
    expect(before!.blipsLast90Days).toBe(2);
    // topup measured 100 s (10 runs × 10 s) of which 40 s down: 1 − 40 ÷ 100 = 0.6
    expect(days.topup!.availability).toBeCloseTo(0.6, 10);
    expect(days.payment!.availability).toBe(1);

    const outage = before!.outages.find((o) => o.functionKey === "topup")!;
    expect(outage).toMatchObject({ acknowledgedAt: null, dispute: null });
    const operator = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    const ackAt = new Date(T0 + 60_000);
    await db.outageAcknowledgement.create({ data: { outageId: outage.id, userId: operator.user.userId, at: ackAt } });
    await db.dispute.create({ data: { outageId: outage.id, userId: operator.user.userId, at: new Date(T0 + 70_000), reason: "점검 중이었습니다" } });
    const after = await getService(db, svc.slug, now);
    expect(after!.outages.find((o) => o.id === outage.id)).toMatchObject({ acknowledgedAt: ackAt.toISOString(), dispute: "OPEN" });
  });

  it("gives latency per KST day over 90 days as well as per hour", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { functions: ["topup"] });
    // six correct answers of 100 ms on 2026-03-10 (KST): the day's p50 and p95 are in the 100 ms bucket
    await recordResults(db, svc.refs, runs(svc.probeKey("topup"), "UUUUUU"));
    const detail = await getService(db, svc.slug, new Date(T0 + 3_600_000));
    const daily = detail!.latencyDaily.find((l) => l.functionKey === "topup")!.points;
    expect(daily).toHaveLength(90);
    const today = daily.at(-1)!;
    // 2026-03-10 00:00 KST = 2026-03-09 15:00 UTC
    expect(today).toMatchObject({ date: "2026-03-10", start: "2026-03-09T15:00:00.000Z", samples: 6 });
    expect(today.p50).not.toBeNull();
    expect(daily.at(-2)).toMatchObject({ date: "2026-03-09", samples: 0, p50: null, p95: null });
    expect(detail!.latency[0]!.points.reduce((n, p) => n + p.samples, 0)).toBe(6);
  });
});
