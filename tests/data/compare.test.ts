import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/core/probe-result";
import { compareServices, sortCompare } from "@/lib/data/compare";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const MIN = 60_000;
// Two whole UTC hours of 1-minute results, ending at "now".
const NOW = Date.parse("2026-01-01T02:00:00Z");
const FIRST = NOW - 120 * MIN;

function runs(probeKey: string, down: (i: number) => boolean): ProbeResult[] {
  return Array.from({ length: 120 }, (_, i) => ({
    probeKey,
    at: new Date(FIRST + i * MIN),
    intervalSec: 60,
    state: down(i) ? "DOWN" : "UP",
    latencyMs: down(i) ? null : 100,
    httpStatus: down(i) ? 503 : 200,
    errorClass: down(i) ? "ASSERTION_STATUS" : null,
    message: null,
  }));
}

describe("comparing services and operators", () => {
  it("each service's 30-day figures, by operator, availability and outages", async () => {
    const { db } = await createTestDb();
    // A (가 운영사): top-up DOWN for runs 30–59 (00:30–01:00 UTC), payment always UP.
    //   outage = 00:30 → 01:00 = 1,800 s (start of the first failing run → start of the first UP run)
    //   measured = 2 hours in which both core functions were measured every minute = 7,200 s
    //   availability = 1 − 1,800 / 7,200 = 0.75
    const a = await createService(db, { functions: ["topup", "payment"], intervalSec: 60, confirm: 3, operator: ["가 운영사", "Alpha Operator"] });
    await recordResults(db, a.refs, [...runs(a.probeKey("topup"), (i) => i >= 30 && i < 60), ...runs(a.probeKey("payment"), () => false)]);
    // B (나 운영사): top-up always UP: 7,200 s measured, no downtime → 1.
    const b = await createService(db, { functions: ["topup"], intervalSec: 60, confirm: 3, operator: ["나 운영사", "Beta Operator"] });
    await recordResults(db, b.refs, runs(b.probeKey("topup"), () => false));

    const data = await compareServices(db, new Date(NOW));
    const row = (slug: string) => data.rows.find((r) => r.slug === slug)!;
    expect(row(a.slug)).toMatchObject({ operator: "가 운영사", downtimeSec: 1_800, measuredSec: 7_200, availability: 0.75, outages: 1, openOutages: 0 });
    expect(row(a.slug).longest).toMatchObject({ durationSec: 1_800, ongoing: false, functionKey: "topup" });
    expect(row(b.slug)).toMatchObject({ operator: "나 운영사", downtimeSec: 0, measuredSec: 7_200, availability: 1, outages: 0, longest: null });

    const order = (sort: "operator" | "availability" | "outages", lang: "ko" | "en") => sortCompare(data.rows, sort, lang).map((r) => r.slug);
    expect(order("operator", "ko")).toEqual([a.slug, b.slug]);
    expect(order("operator", "en")).toEqual([a.slug, b.slug]);
    expect(order("availability", "ko")).toEqual([a.slug, b.slug]);
    expect(order("outages", "ko")).toEqual([a.slug, b.slug]);
    await db.$disconnect();
  });
});
