import { describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import { firstBrokenLink } from "@/core/audit/audit-chain";
import type { ProbeResult } from "@/core/probe-result";
import { acknowledgeOutage } from "@/lib/actions/acknowledge-outage";
import { ActionError } from "@/lib/actions/action-error";
import { announceMaintenance } from "@/lib/actions/announce-maintenance";
import { openDispute } from "@/lib/actions/open-dispute";
import { postOutageUpdate } from "@/lib/actions/post-outage-update";
import { resolveDispute } from "@/lib/actions/resolve-dispute";
import type { Db } from "@/lib/db";
import { serviceReport } from "@/lib/reports/service-report";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

const H = 3_600_000;
// 2026-12-01 00:00 KST = 2026-11-30 15:00 UTC
const DAY_START = Date.parse("2026-11-30T15:00:00Z");
const contract = {
  term: { start: "2026-01-01", end: "2027-12-31" },
  maintenanceNotice: "72h",
  rulesets: [
    {
      effectiveFrom: "2026-01-01",
      rules: [{ id: "sla", kind: "service_credit", clause: "제10조", target: "99.5%", tiers: [{ below: "99.5%", credit: "10%" }] }],
    },
  ],
};

/**
 * One KST day of 10-minute results (144 runs), top-up down from 02:00 to 04:00 KST:
 * 12 DOWN runs, [02:00, 04:00) = 7,200 s of downtime. Confirmed at the first failure (confirm 1).
 */
async function dayWithOutage(db: Db) {
  const svc = await createService(db, { intervalSec: 600, confirm: 1, contract });
  const batch: ProbeResult[] = [];
  for (let i = 0; i < 144; i++) {
    const down = i >= 12 && i < 24;
    batch.push({
      probeKey: svc.probeKey("topup"),
      at: new Date(DAY_START + i * 600_000),
      intervalSec: 600,
      state: down ? "DOWN" : "UP",
      latencyMs: 100,
      httpStatus: down ? 503 : 200,
      errorClass: down ? "ASSERTION_STATUS" : null,
      message: null,
    });
  }
  await recordResults(db, svc.refs, batch);
  const outage = await db.outage.findFirstOrThrow({ where: { service: { slug: svc.slug } } });
  return { ...svc, outage };
}

const asOf = new Date(DAY_START + 24 * H); // the report covers exactly that day: 86,400 s
const december = parseMonth("2026-12")!;

async function refused(p: Promise<unknown>): Promise<ActionError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ActionError) return err;
    throw err;
  }
  throw new Error("expected the action to be refused");
}

describe("operator actions", () => {
  it("an operator acknowledges its own service's outage once; it is in the audit log", async () => {
    const { db } = await createTestDb();
    const svc = await dayWithOutage(db);
    const op = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    const at = new Date(DAY_START + 3 * H);
    await acknowledgeOutage(db, op.user, { outageId: svc.outage.id, note: "원인 파악 중" }, at);
    const ack = await db.outageAcknowledgement.findUniqueOrThrow({ where: { outageId: svc.outage.id } });
    expect(ack).toMatchObject({ userId: op.user.userId, note: "원인 파악 중", at });
    expect((await refused(acknowledgeOutage(db, op.user, { outageId: svc.outage.id }, at))).code).toBe("already_acknowledged");
    const audit = await db.auditEntry.findMany({ where: { action: "outage.acknowledge" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: op.user.displayName, actorRole: "OPERATOR", subject: `outage:${svc.outage.id}`, at });
  });

  it("an operator of service A cannot act on service B, and nothing is written when refused", async () => {
    const { db } = await createTestDb();
    const a = await dayWithOutage(db);
    const b = await dayWithOutage(db);
    const opA = await createTestUser(db, { role: "OPERATOR", services: [a.slug] });
    const now = new Date(DAY_START + 3 * H);
    const before = await db.auditEntry.count();
    // Each attempt starts only when the previous one has been refused, so no refusal goes unawaited.
    for (const attempt of [
      () => acknowledgeOutage(db, opA.user, { outageId: b.outage.id }, now),
      () => postOutageUpdate(db, opA.user, { outageId: b.outage.id, body: "B의 장애에 대한 거짓 공지" }, now),
      () => openDispute(db, opA.user, { outageId: b.outage.id, reason: "다른 운영사의 기록을 지우려는 시도" }, now),
      () => announceMaintenance(db, opA.user, { service: b.slug, start: "2026-12-10T02:00", end: "2026-12-10T04:00" }, now),
    ]) {
      const err = await refused(attempt());
      expect(err.status).toBe(403);
    }
    expect(await db.auditEntry.count()).toBe(before);
    expect(await db.outageAcknowledgement.count()).toBe(0);
    expect(await db.outageUpdate.count()).toBe(0);
    expect(await db.dispute.count()).toBe(0);
    expect(await db.maintenanceAnnouncement.count()).toBe(0);
  });

  it("admins and council members do not speak for the operator", async () => {
    const { db } = await createTestDb();
    const svc = await dayWithOutage(db);
    for (const role of ["ADMIN", "COUNCIL"] as const) {
      const u = await createTestUser(db, { role });
      expect((await refused(acknowledgeOutage(db, u.user, { outageId: svc.outage.id }, new Date()))).status).toBe(403);
    }
  });

  it("an accepted dispute excuses the outage in the accounting; a rejected one changes nothing", async () => {
    const { db } = await createTestDb();
    const svc = await dayWithOutage(db);
    const op = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    const admin = await createTestUser(db, { role: "ADMIN" });
    const council = await createTestUser(db, { role: "COUNCIL" });
    const now = new Date(DAY_START + 5 * H);

    // 7,200 s down of 86,400 s: 1 − 7,200/86,400 = 0.916666…
    const before = await serviceReport(db, svc.slug, december, asOf);
    expect(before.serviceFigures.downtimeSec).toBe(7200);
    expect(before.serviceFigures.availability).toBeCloseTo(1 - 7200 / 86_400, 12);

    const { disputeId } = await openDispute(db, op.user, { outageId: svc.outage.id, reason: "측정 장비 쪽 네트워크 문제였습니다 (기록 첨부)" }, now);
    expect((await refused(openDispute(db, op.user, { outageId: svc.outage.id, reason: "같은 장애에 대한 두 번째 이의" }, now))).code).toBe("dispute_open");
    expect((await refused(resolveDispute(db, op.user, { disputeId, outcome: "ACCEPTED", resolution: "운영사가 스스로 인정할 수는 없음" }, now))).status).toBe(
      403,
    );
    expect((await refused(resolveDispute(db, council.user, { disputeId, outcome: "ACCEPTED", resolution: "의원은 결정하지 않음" }, now))).status).toBe(403);
    await resolveDispute(db, admin.user, { disputeId, outcome: "ACCEPTED", resolution: "측정 위치의 회선 장애가 확인됨 (통신사 확인서)" }, now);
    expect((await refused(resolveDispute(db, admin.user, { disputeId, outcome: "REJECTED", resolution: "이미 결정된 이의" }, now))).code).toBe(
      "dispute_closed",
    );

    // excused: downtime 0, eligible 86,400 − 7,200 = 79,200 s, availability 100%
    const after = await serviceReport(db, svc.slug, december, asOf);
    expect(after.serviceFigures).toMatchObject({ downtimeSec: 0, excusedSec: 7200, eligibleSec: 79_200, availability: 1 });
    expect(after.excused).toEqual([
      expect.objectContaining({ id: `dispute-${disputeId}`, kind: "dispute", excused: true, why: expect.stringContaining("통신사 확인서") }),
    ]);

    // a second outage's dispute, rejected: the figures stay
    const other = await dayWithOutage(db);
    const op2 = await createTestUser(db, { role: "OPERATOR", services: [other.slug] });
    const d2 = await openDispute(db, op2.user, { outageId: other.outage.id, reason: "부하가 예상보다 많았을 뿐입니다" }, now);
    await resolveDispute(db, admin.user, { disputeId: d2.disputeId, outcome: "REJECTED", resolution: "부하는 운영사가 대비해야 할 일" }, now);
    expect((await serviceReport(db, other.slug, december, asOf)).serviceFigures.downtimeSec).toBe(7200);
  });

  it("a dispute about an outage still open cannot be accepted yet", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, { confirm: 1 });
    await recordResults(db, svc.refs, [
      {
        probeKey: svc.probeKey("topup"),
        at: new Date(DAY_START),
        intervalSec: 10,
        state: "DOWN",
        latencyMs: null,
        httpStatus: 503,
        errorClass: "ASSERTION_STATUS",
        message: null,
      },
    ]);
    const outage = await db.outage.findFirstOrThrow({ where: { service: { slug: svc.slug } } });
    const op = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    const admin = await createTestUser(db, { role: "ADMIN" });
    const { disputeId } = await openDispute(db, op.user, { outageId: outage.id, reason: "아직 조사 중이지만 이의를 남깁니다" }, new Date());
    expect((await refused(resolveDispute(db, admin.user, { disputeId, outcome: "ACCEPTED", resolution: "끝나기 전에 인정할 수 없음" }, new Date()))).code).toBe(
      "outage_open",
    );
  });

  it.each([
    // announced 80 h before 02:00 KST: at least the 72 h notice → excused; 86,400 − 7,200 eligible, no downtime
    { name: "announced 80 h ahead: excused", leadH: 80, excused: true, downtimeSec: 0, availability: 1 },
    // announced 10 h before: late → shown, not excused; availability 1 − 7,200/86,400
    {
      name: "announced 10 h ahead, later than the 72 h notice: shown as late, not excused",
      leadH: 10,
      excused: false,
      downtimeSec: 7200,
      availability: 1 - 7200 / 86_400,
    },
  ])("maintenance $name", async ({ leadH, excused, downtimeSec, availability }) => {
    const { db } = await createTestDb();
    const svc = await dayWithOutage(db);
    const op = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    const start = DAY_START + 2 * H; // 02:00 KST
    const r = await announceMaintenance(
      db,
      op.user,
      { service: svc.slug, start: "2026-12-01T02:00", end: "2026-12-01T04:00", note: "DB 이전" },
      new Date(start - leadH * H),
    );
    expect(r.excused).toBe(excused);
    const row = await db.maintenanceAnnouncement.findUniqueOrThrow({ where: { id: r.announcementId } });
    expect(row.start.toISOString()).toBe(new Date(start).toISOString()); // the wall clock was read in KST
    expect(row.announcedAt.getTime()).toBe(start - leadH * H); // the server's clock, not a claim

    const report = await serviceReport(db, svc.slug, december, asOf);
    expect(report.serviceFigures.downtimeSec).toBe(downtimeSec);
    expect(report.serviceFigures.availability).toBeCloseTo(availability, 12);
    expect(report.excused).toEqual([
      expect.objectContaining({
        id: `announcement-${r.announcementId}`,
        kind: "maintenance",
        excused,
        why: excused ? "announced 80 h before start (notice required: 72 h)" : "announced only 10 h before start; the contract requires 72 h",
        whyKo: excused ? "시작 80시간 전 예고 (계약상 필요: 72시간 전)" : "시작 10시간 전에야 예고함; 계약상 72시간 전까지 예고해야 함",
      }),
    ]);
  });

  it("refuses maintenance that makes no sense", async () => {
    const { db } = await createTestDb();
    const svc = await dayWithOutage(db);
    const op = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    const now = new Date(DAY_START);
    const codes = [];
    for (const [start, end] of [
      ["2026-12-05T04:00", "2026-12-05T02:00"],
      ["2026-11-01T02:00", "2026-11-01T04:00"],
      ["2026-12-05T02:00", "2027-02-05T02:00"],
      ["next tuesday", "2026-12-05T02:00"],
      ["2026-02-30T02:00", "2026-12-05T02:00"],
    ])
      codes.push((await refused(announceMaintenance(db, op.user, { service: svc.slug, start: start!, end: end! }, now))).code);
    expect(codes).toEqual(["end_before_start", "in_the_past", "too_long", "invalid_start", "invalid_start"]);
  });
});

describe("the audit log", () => {
  it("chains every action and refuses changes and deletions", async () => {
    const { db } = await createTestDb();
    const svc = await dayWithOutage(db);
    const op = await createTestUser(db, { role: "OPERATOR", services: [svc.slug] });
    const now = new Date(DAY_START + 3 * H);
    await acknowledgeOutage(db, op.user, { outageId: svc.outage.id }, now);
    await postOutageUpdate(db, op.user, { outageId: svc.outage.id, body: "복구 작업 중입니다" }, now);
    const entries = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    // the account's creation (from the command line), the acknowledgement, the update
    expect(entries.map((e) => e.action)).toEqual(["user.create", "outage.acknowledge", "outage.update"]);
    expect(firstBrokenLink(entries.map((e) => ({ ...e, at: e.at.toISOString() })))).toBeNull();

    await expect(db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "details" = '{}' WHERE "id" = ${entries[2]!.id}`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = ${entries[2]!.id}`)).rejects.toThrow(/append-only/);
    expect(await db.auditEntry.count()).toBe(3);
  });
});
