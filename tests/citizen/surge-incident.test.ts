import { describe, expect, it } from "vitest";
import { firstBrokenLink } from "@/core/audit/audit-chain";
import { ActionError } from "@/lib/actions/action-error";
import { recordSurgeIncident } from "@/lib/actions/record-surge-incident";
import { fileCitizenReport } from "@/lib/citizen/file-report";
import { reportTarget } from "@/lib/citizen/report-target";
import { listOutages } from "@/lib/data/services";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

const secret = Buffer.from("a-test-secret-of-at-least-32-characters!!");
const T0 = Date.parse("2026-12-08T01:00:00Z");
const opts = (now: number) => ({ now: new Date(now), publicUrl: "https://ledger.test" });

async function surgeOf(functionKey: string) {
  const { db } = await createTestDb();
  const svc = await createService(db, { functions: ["topup", "payment"] });
  const t = (await reportTarget(db, svc.slug))!;
  // 25 clients report between 01:00 and 01:25 (one a minute), the surge found at 01:26
  for (let i = 0; i < 25; i++)
    expect(await fileCitizenReport(db, t, { functionKey, address: `198.51.100.${i}` }, { now: new Date(T0 + i * 60_000), secret })).toMatchObject({ ok: true });
  const surge = await db.reportSurge.create({
    data: { serviceId: t.serviceId, functionKey, startedAt: new Date(T0 + 26 * 60_000), peakCount: 25, threshold: 20, median: 0 },
  });
  return { db, svc, surge };
}

describe("an admin turns a surge into a REPORTED incident", () => {
  it("with the report counts as its source, once, on the audit log", async () => {
    const { db, svc, surge } = await surgeOf("topup");
    const admin = await createTestUser(db, { role: "ADMIN" });
    const operator = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    await expect(recordSurgeIncident(db, operator.user, { surge: surge.id }, opts(T0 + 30 * 60_000))).rejects.toMatchObject({ code: "forbidden" });

    const { outageId } = await recordSurgeIncident(db, admin.user, { surge: surge.id, note: "사하구 시장 QR 결제 실패 확인" }, opts(T0 + 30 * 60_000));
    const o = await db.outage.findUniqueOrThrow({ where: { id: outageId }, include: { function: true } });
    // from the first bucket with reports (01:00) to the moment it was recorded (01:30): 30 minutes
    expect([o.source, o.function.key, o.startedAt.toISOString(), o.endedAt?.toISOString()]).toEqual([
      "REPORTED",
      "topup",
      "2026-12-08T01:00:00.000Z",
      "2026-12-08T01:30:00.000Z",
    ]);
    const sources = JSON.parse(o.sources) as { title: string; url: string; citizenReports: unknown }[];
    // the pages word it in their language from these figures
    expect(sources[0]!.citizenReports).toEqual({ count: 25, clients: 25, threshold: 20 });
    expect(sources[0]!.title).toContain("시민 신고 25건 (신고한 곳 25곳, 급증 기준 20건)");
    expect(sources[0]!.url).toBe(`https://ledger.test/api/v1/services/${svc.slug}/reports?from=2026-12-08T01%3A00%3A00.000Z&to=2026-12-08T01%3A35%3A00.000Z`);
    // the public outage list shows it as REPORTED, never as measured
    const listed = await listOutages(db, svc.slug, { from: new Date(T0 - 3_600_000), to: new Date(T0 + 3_600_000) }, new Date(T0 + 3_600_000));
    expect(listed!.map((x) => [x.id, x.source, x.provenance])).toEqual([[outageId, "REPORTED", "REPORTED"]]);

    const audit = await db.auditEntry.findMany({ where: { action: "surge.record_incident" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toBe(`outage:${outageId}`);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ surge: surge.id, reports: 25, clients: 25, function: "topup", threshold: 20 });
    const chain = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(firstBrokenLink(chain.map((e) => ({ ...e, at: e.at.toISOString() })))).toBeNull();

    const again = recordSurgeIncident(db, admin.user, { surge: surge.id }, opts(T0 + 31 * 60_000));
    await expect(again).rejects.toBeInstanceOf(ActionError);
    await expect(again).rejects.toMatchObject({ code: "already_recorded" });
  });

  it("asks which function for reports of in-store payment", async () => {
    const { db, surge } = await surgeOf("in-store-payment");
    const admin = await createTestUser(db, { role: "ADMIN" });
    await expect(recordSurgeIncident(db, admin.user, { surge: surge.id }, opts(T0 + 30 * 60_000))).rejects.toMatchObject({ code: "choose_function" });
    const { outageId } = await recordSurgeIncident(db, admin.user, { surge: surge.id, function: "payment" }, opts(T0 + 30 * 60_000));
    expect((await db.outage.findUniqueOrThrow({ where: { id: outageId }, include: { function: true } })).function.key).toBe("payment");
  });
});
