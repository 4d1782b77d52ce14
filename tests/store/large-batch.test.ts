import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/core/probe-result";
import type { Db } from "@/lib/db";
import { verifyDatabase } from "@/lib/ledger/verify-ledger";
import { batchParts, PART_LIMITS, recordResults, type ProbeRef } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const T0 = Date.parse("2026-02-01T00:00:00Z");
const FUNCTIONS = ["signup", "identity", "login", "balance", "topup", "payment", "refund", "cancel", "app"];

/** `services` services × 9 functions × 10 locations: 90 probes each. */
async function fleet(db: Db, services: number): Promise<{ refs: Map<string, ProbeRef>; keys: string[]; failing: Set<string>; firstSlug: string }> {
  const locations = Array.from({ length: 10 }, (_, i) => ({ key: `loc${i}` }));
  const refs = new Map<string, ProbeRef>();
  const keys: string[] = [];
  let firstSlug = "";
  const failing = new Set<string>();
  for (let s = 0; s < services; s++) {
    const svc = await createService(db, { functions: FUNCTIONS, locations, intervalSec: 10, confirm: 3 });
    for (const [k, v] of svc.refs) refs.set(k, v);
    keys.push(...FUNCTIONS.flatMap((f) => locations.map((l) => svc.probeKey(f, l.key))));
    if (s === 0) {
      firstSlug = svc.slug;
      for (const l of locations) failing.add(svc.probeKey("topup", l.key));
    }
  }
  return { refs, keys, failing, firstSlug };
}

/** Each probe's `n` results at 10 s; the probes in `failing` fail throughout. */
function batchFor(keys: string[], n: number, failing = new Set<string>()): ProbeResult[] {
  return keys.flatMap((probeKey) =>
    Array.from({ length: n }, (_, i) => {
      const down = failing.has(probeKey);
      return {
        probeKey,
        at: new Date(T0 + i * 10_000),
        intervalSec: 10,
        state: down ? ("DOWN" as const) : ("UP" as const),
        latencyMs: down ? null : 100,
        httpStatus: down ? 503 : 200,
        errorClass: down ? "ASSERTION_STATUS" : null,
        message: null,
      };
    }),
  );
}

describe("a batch larger than one statement can bind", () => {
  it("is written whole, in parts, in one transaction: 630 probes × 5 results", async () => {
    const { db } = await createTestDb();
    const { refs, keys, failing, firstSlug } = await fleet(db, 7);
    const batch = batchFor(keys, 5, failing);
    // 630 probes, 630 probe-hours, 3,150 results: one statement would bind 1,260 parameters for the
    // hour roll-ups alone (Prisma allows 999 on SQLite), so it is written in parts.
    const parts = batchParts(batch, refs);
    expect(parts.length).toBeGreaterThan(1);
    await recordResults(db, refs, batch);
    expect(await db.result.count()).toBe(3150);
    // topup of the first service fails at all 10 locations from 00:00:00, confirmed by the third result (00:00:20): one outage, open.
    const outages = await db.outage.findMany();
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({
      serviceId: (await db.service.findUniqueOrThrow({ where: { slug: firstSlug } })).id,
      startedAt: new Date(T0),
      confirmedAt: new Date(T0 + 20_000),
      endedAt: null,
    });
    // Sent again, nothing is stored twice; every chain verifies.
    await recordResults(db, refs, batch);
    expect(await db.result.count()).toBe(3150);
    expect(await verifyDatabase(db)).toMatchObject({ ok: true });
  });

  it("cuts by function and time: every part within the limits, each function's results in order", async () => {
    const { db } = await createTestDb();
    const { refs, keys } = await fleet(db, 4);
    // 360 probes × 40 results at 10 s (6.5 minutes); and one probe with 2 days of results (17,280): cut by time.
    const long = Array.from({ length: 17_280 }, (_, i) => ({ ...batchFor([keys[7]!], 1)[0]!, at: new Date(T0 + 3_600_000 + i * 10_000) }));
    const batch = [...batchFor(keys, 40), ...long];
    const parts = batchParts(batch, refs);
    expect(parts.flat()).toHaveLength(batch.length);
    for (const part of parts) {
      expect(new Set(part.map((r) => r.probeKey)).size).toBeLessThanOrEqual(PART_LIMITS.probes);
      expect(new Set(part.map((r) => `${r.probeKey}@${Math.floor(r.at.getTime() / 3_600_000)}`)).size).toBeLessThanOrEqual(PART_LIMITS.probeHours);
      expect(part.length).toBeLessThanOrEqual(PART_LIMITS.results);
    }
    // Each probe's results come in time order across the parts.
    const seen = new Map<string, number>();
    for (const part of parts)
      for (const r of part) {
        expect(r.at.getTime()).toBeGreaterThan(seen.get(r.probeKey) ?? -Infinity);
        seen.set(r.probeKey, r.at.getTime());
      }
    await db.$disconnect();
  });
});
