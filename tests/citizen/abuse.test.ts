import http from "node:http";
import { describe, expect, it } from "vitest";
import { REPORT_LIMITS } from "@/core/citizen/report-rules";
import { fileCitizenReport } from "@/lib/citizen/file-report";
import { issueChallenge, solveChallenge } from "@/lib/citizen/proof-of-work";
import { reportClient } from "@/lib/citizen/client-key";
import { reportTarget } from "@/lib/citizen/report-target";
import { pruneCitizenReports } from "@/lib/citizen/prune-reports";
import { clientAddress } from "@/lib/http/request-info";
import { edgeInFront } from "../edge/edge-in-front";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const secret = Buffer.from("a-test-secret-of-at-least-32-characters!!");
const T0 = Date.parse("2026-12-08T01:00:00Z");

async function counted(db: Awaited<ReturnType<typeof createTestDb>>["db"], slug: string): Promise<{ rows: number; sum: number }> {
  const s = await db.service.findUniqueOrThrow({ where: { slug } });
  const rows = await db.citizenReport.count({ where: { serviceId: s.id } });
  const sum = (await db.citizenReportCount.aggregate({ where: { serviceId: s.id }, _sum: { count: true } }))._sum.count ?? 0;
  return { rows, sum };
}

describe("citizen reports resist abuse", () => {
  it("10,000 reports from one client within a minute count as at most the per-client limit", async () => {
    const { db } = await createTestDb();
    const { slug } = await createService(db, { functions: ["topup", "payment"] });
    const t = (await reportTarget(db, slug))!;
    const keys = t.keys; // topup, payment, in-store-payment, other
    let accepted = 0;
    let limited = 0;
    // 10,000 reports over one minute, 50 at a time in parallel (a burst), cycling through every key
    // so the per-function limit alone cannot explain the result, half with a solved proof of work.
    const client = reportClient(secret, "203.0.113.7", T0);
    const c = issueChallenge(secret, { slug, client, now: T0, bits: 8, ttlMs: 600_000 });
    const proof = { challenge: c.challenge, nonce: solveChallenge(c.challenge, 8) };
    const limits = { ...REPORT_LIMITS, proofBits: 8 };
    for (let i = 0; i < 10_000; i += 50) {
      const outs = await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          fileCitizenReport(
            db,
            t,
            { functionKey: keys[(i + j) % keys.length]!, address: "203.0.113.7", proof: (i + j) % 2 === 0 ? proof : null },
            { now: new Date(T0 + Math.floor(((i + j) * 60_000) / 10_000)), secret, limits },
          ),
        ),
      );
      for (const o of outs) {
        if (o.ok) accepted++;
        else if (o.code === "rate_limited") limited++;
      }
    }
    // the per-client limit is 5 an hour; one per function an hour and 4 keys make it 4 here
    expect(accepted).toBeLessThanOrEqual(REPORT_LIMITS.clientPerHour);
    expect(accepted).toBe(4);
    expect(limited).toBe(10_000 - accepted);
    expect(await counted(db, slug)).toEqual({ rows: accepted, sum: accepted });
  }, 240_000);

  it("1,000 distinct clients through a trusted proxy all count; behind an untrusted one they are one client", async () => {
    const { db } = await createTestDb();
    const { slug } = await createService(db, { functions: ["topup"] });
    const t = (await reportTarget(db, slug))!;
    let clock = T0;
    // The web side as the route has it: the client's address from the X-Forwarded-For the edge set.
    const origin = http.createServer((req, res) => {
      req.resume();
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const address = clientAddress(new Request("http://origin/", { headers }));
      void fileCitizenReport(db, t, { functionKey: "topup", address }, { now: new Date(clock), secret }).then((o) => {
        res.writeHead(o.ok ? 201 : 429).end();
      });
    });
    await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
    // 127.0.0.1 (this test) plays the trusted proxy: the edge believes the address it forwards
    const trusting = await edgeInFront(origin, { trustedProxies: ["127.0.0.1"] });
    const untrusting = await edgeInFront(origin, { trustedProxies: [] });
    try {
      const post = (edge: string, n: number) =>
        fetch(`${edge}/api/v1/services/${slug}/reports`, {
          method: "POST",
          headers: { "x-forwarded-for": `10.0.0.1, 198.51.${Math.floor(n / 250)}.${n % 250}` },
        }).then((r) => r.status);
      let accepted = 0;
      // 1,000 addresses over 5 minutes (200 a minute, under the ceiling of 300 a function a minute)
      for (let i = 0; i < 1000; i += 25) {
        clock = T0 + Math.floor((i * 300_000) / 1000);
        const statuses = await Promise.all(Array.from({ length: 25 }, (_, j) => post(trusting.url, i + j)));
        accepted += statuses.filter((s) => s === 201).length;
      }
      expect(accepted).toBe(1000);
      expect(await counted(db, slug)).toEqual({ rows: 1000, sum: 1000 });
      // no address is stored: only the keyed daily hash, one per client
      const stored = await db.citizenReport.findMany({ select: { client: true } });
      expect(stored.some((r) => r.client.includes("198.51"))).toBe(false);
      expect(new Set(stored.map((r) => r.client)).size).toBe(1000);
      // the same 100 claims through an edge that does not trust the sender: all from 127.0.0.1, one client
      clock = T0 + 2 * 3_600_000;
      const statuses = await Promise.all(Array.from({ length: 100 }, (_, n) => post(untrusting.url, n)));
      expect(statuses.filter((s) => s === 201).length).toBe(REPORT_LIMITS.clientPerFunctionPerHour);
    } finally {
      await trusting.close();
      await untrusting.close();
      origin.close();
    }
  }, 120_000);

  it("the ceiling per function per minute holds however many clients report, and pruning bounds storage", async () => {
    const { db } = await createTestDb();
    const { slug } = await createService(db, { functions: ["topup"] });
    const t = (await reportTarget(db, slug))!;
    // 500 distinct clients in the same minute: only 300 (the ceiling) count
    const outs = [];
    for (let i = 0; i < 500; i += 25)
      outs.push(
        ...(await Promise.all(
          Array.from({ length: 25 }, (_, j) =>
            fileCitizenReport(db, t, { functionKey: "topup", address: `192.0.2.${(i + j) % 250}-${i + j}` }, { now: new Date(T0 + 1000), secret }),
          ),
        )),
      );
    expect(outs.filter((o) => o.ok).length).toBe(REPORT_LIMITS.functionPerMinute);
    expect((await counted(db, slug)).rows).toBe(300);
    // 90 days later (the default raw-results retention) reports, counts and limit counters of that day are gone
    const pruned = await pruneCitizenReports(db, { now: T0 + 91 * 86_400_000, retentionDays: 90 });
    expect(pruned.reports).toBe(300);
    expect(await counted(db, slug)).toEqual({ rows: 0, sum: 0 });
    expect(await db.attemptLimit.count({ where: { key: { startsWith: "report" } } })).toBe(0);
  }, 120_000);

  it("refuses what the form does not offer, with a clear reason, and a forged proof", async () => {
    const { db } = await createTestDb();
    const { slug } = await createService(db, { functions: ["topup"], citizenReports: { districts: [{ key: "saha", name: "사하구", nameEn: "Saha-gu" }] } });
    const t = (await reportTarget(db, slug))!;
    const opts = { now: new Date(T0), secret };
    expect(await fileCitizenReport(db, t, { functionKey: "refund", address: "a" }, opts)).toMatchObject({ ok: false, code: "bad_function" });
    expect(await fileCitizenReport(db, t, { functionKey: "topup", district: "gangnam", address: "a" }, opts)).toMatchObject({
      ok: false,
      code: "bad_district",
    });
    const forged = { challenge: "v1.1.15.xxxx.yyyy", nonce: "1" };
    expect(await fileCitizenReport(db, t, { functionKey: "topup", address: "a", proof: forged }, opts)).toMatchObject({ ok: false, code: "bad_proof" });
    expect(await fileCitizenReport(db, t, { functionKey: "in-store-payment", district: "saha", address: "a" }, opts)).toEqual({ ok: true, proof: false });
    // without a proof, the stricter limit: 2 an hour
    expect(await fileCitizenReport(db, t, { functionKey: "other", address: "a" }, opts)).toEqual({ ok: true, proof: false });
    expect(await fileCitizenReport(db, t, { functionKey: "topup", address: "a" }, opts)).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await counted(db, slug)).toEqual({ rows: 2, sum: 2 });
  });
});
