import Parser from "rss-parser";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rootOfRoots } from "@/core/ledger/day-root";
import type { ProbeResult } from "@/core/probe-result";
import { ledgerRootListSchema } from "@/lib/openapi/schemas";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

type Get = (req: Request) => Promise<Response>;
let roots: Get;
let feed: Get;
let slug = "";
const T0 = Date.parse("2026-11-01T00:00:00Z");

beforeAll(async () => {
  const { db, url } = await createTestDb();
  const svc = await createService(db, { intervalSec: 60, functions: ["topup", "payment"] });
  slug = svc.slug;
  // One result an hour for three days, both probes.
  for (const fn of ["topup", "payment"]) {
    const rs: ProbeResult[] = Array.from({ length: 72 }, (_, i) => ({
      probeKey: svc.probeKey(fn),
      at: new Date(T0 + i * 3_600_000),
      intervalSec: 60,
      state: "UP",
      latencyMs: 50,
      httpStatus: 200,
      errorClass: null,
      message: null,
    }));
    await recordResults(db, svc.refs, rs);
  }
  await computeDailyRoots(db, { now: Date.parse("2026-11-04T00:10:00Z"), graceMs: 300_000 });
  await db.$disconnect();
  process.env.DATABASE_URL = url;
  process.env.LEDGER_PUBLIC_URL = "http://ledger.test"; // the feed's links
  vi.resetModules();
  roots = ((await import("@/app/api/v1/ledger/roots/route")) as { GET: Get }).GET;
  feed = ((await import("@/app/api/v1/feed.atom/route")) as { GET: Get }).GET;
}, 120_000);

describe("GET /api/v1/ledger/roots", () => {
  it("serves the roots of [from, to) in the documented shape, each one recomputable from its leaves", async () => {
    const res = await roots(new Request("http://ledger.test/api/v1/ledger/roots?from=2026-11-01&to=2026-11-03"));
    expect(res.status).toBe(200);
    const body = ledgerRootListSchema.parse(await res.json());
    expect(body.from).toBe("2026-11-01");
    expect(body.roots.map((r) => r.day)).toEqual(["2026-11-01", "2026-11-02"]);
    const [d1, d2] = body.roots;
    // 24 results a day per probe: the heads at the ends of the days are seq 24 and 48.
    expect(d1!.leaves.map((l) => [l.probe, l.seq])).toEqual([
      [`${slug}-payment-local`, 24],
      [`${slug}-topup-local`, 24],
    ]);
    expect(d2!.leaves.map((l) => l.seq)).toEqual([48, 48]);
    for (const r of body.roots) expect(r.root).toBe(rootOfRoots(r.day, r.leaves));
  });

  it("defaults to the last 31 days up to today", async () => {
    const body = ledgerRootListSchema.parse(await (await roots(new Request("http://ledger.test/api/v1/ledger/roots?to=2026-11-05"))).json());
    expect(body.from).toBe("2026-10-05");
    expect(body.roots.map((r) => r.day)).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
  });

  it.each([
    ["?from=2026-11-31", 400, "from"],
    ["?from=yesterday", 400, "from"],
    ["?from=2026-11-03&to=2026-11-01", 400, "from"],
    ["?from=2025-01-01&to=2026-11-01", 400, "from"],
  ])("%s → %d", async (q, status, parameter) => {
    const res = await roots(new Request(`http://ledger.test/api/v1/ledger/roots${q}`));
    expect(res.status).toBe(status);
    expect((await res.json()).error.parameter).toBe(parameter);
  });
});

describe("the incident feed carries the roots", () => {
  it("one entry per daily root, with the root in its title and every leaf in its summary", async () => {
    const xml = await (await feed(new Request("http://ledger.test/api/v1/feed.atom"))).text();
    const parsed = await new Parser<object, { id: string; summary: string }>({ customFields: { item: ["id", "summary"] } }).parseString(xml);
    const entries = parsed.items.filter((i) => i.title?.includes("Ledger daily root"));
    expect(entries).toHaveLength(3);
    const body = ledgerRootListSchema.parse(await (await roots(new Request("http://ledger.test/api/v1/ledger/roots?from=2026-11-03&to=2026-11-04"))).json());
    const e = entries.find((i) => i.title!.includes("2026-11-03"))!;
    expect(e.title).toContain(body.roots[0]!.root);
    expect(e.id).toMatch(/^tag:ledger\.test,\d{4}-\d{2}-\d{2}:ledger\/root\/2026-11-03$/);
    expect(e.link).toBe("http://ledger.test/api/v1/ledger/roots?from=2026-11-03&to=2026-11-04");
    for (const l of body.roots[0]!.leaves) expect(xml).toContain(`${l.probe} ${l.seq} ${l.hash}`);
  });
});
