import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ProbeResult } from "@/core/probe-result";
import { loadConfig } from "@/lib/config/load-config";
import * as schemas from "@/lib/openapi/schemas";
import { importResults } from "@/lib/store/import-results";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * What the API says is true at the moment it says it: results reconstructed from
 * press reports carry that fact (provenance), and a function whose measuring has
 * stopped is STOPPED with its last measurement, never its last state as if current.
 */
const EXAMPLE = "examples/dongbaekjeon-2022";
type Route = (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>;
type ListRoute = () => Promise<Response>;
const routes: Record<string, Route> = {};
let listRoute: ListRoute;
let measured: string;
const INTERVAL = 10;

beforeAll(async () => {
  const { db, url } = await createTestDb();
  await importResults(db, loadConfig(EXAMPLE, { SANDBOX_URL: "http://127.0.0.1:9" }), `${EXAMPLE}/results.jsonl.gz`);
  // A measured service: payment measured up to now, topup's results stopped an hour ago.
  const svc = await createService(db, { functions: ["topup", "payment"], intervalSec: INTERVAL, contract: true });
  measured = svc.slug;
  const now = Math.floor(Date.now() / 10_000) * 10_000;
  const results: ProbeResult[] = [];
  for (let i = 0; i < 30; i++) {
    const base = { intervalSec: INTERVAL, state: "UP" as const, latencyMs: 100, httpStatus: 200, errorClass: null, message: null };
    results.push({ ...base, probeKey: svc.probeKey("topup"), at: new Date(now - 3_600_000 - (30 - i) * INTERVAL * 1000) });
    results.push({ ...base, probeKey: svc.probeKey("payment"), at: new Date(now - (29 - i) * INTERVAL * 1000) });
  }
  await recordResults(db, svc.refs, results);
  // The factory syncs a configuration of its own, which deactivates the example's probes; a site serving both configures both.
  await db.probe.updateMany({ where: { service: { slug: "dongbaekjeon" } }, data: { active: true } });
  await db.$disconnect();
  // the routes read the database named by the environment, as in production
  process.env.DATABASE_URL = url;
  vi.resetModules();
  routes.detail = ((await import("@/app/api/v1/services/[slug]/route")) as { GET: Route }).GET;
  routes.outages = ((await import("@/app/api/v1/services/[slug]/outages/route")) as { GET: Route }).GET;
  routes.sla = ((await import("@/app/api/v1/services/[slug]/sla/route")) as { GET: Route }).GET;
  routes.badge = ((await import("@/app/api/v1/services/[slug]/badge.svg/route")) as { GET: Route }).GET;
  routes.feed = ((await import("@/app/api/v1/services/[slug]/feed.atom/route")) as { GET: Route }).GET;
  listRoute = ((await import("@/app/api/v1/services/route")) as { GET: ListRoute }).GET;
}, 120_000);

const get = (route: string, slug: string, query = "") =>
  routes[route]!(new Request(`http://ledger.test/api/v1/services/${slug}${query}`), { params: Promise.resolve({ slug }) });

describe("provenance: results not measured say so", () => {
  it("the 2022 example's service is RECONSTRUCTED, with the press article it was built from", async () => {
    const body = schemas.serviceDetailSchema.parse(await (await get("detail", "dongbaekjeon")).json());
    expect(body.provenance).toBe("RECONSTRUCTED");
    expect(body.provenanceSources[0]).toMatchObject({ title: expect.stringContaining("동백전 서버 트래픽"), date: "2022-04-04" });
  });

  it("a measured service is MEASURED, with no sources", async () => {
    const body = schemas.serviceDetailSchema.parse(await (await get("detail", measured)).json());
    expect(body).toMatchObject({ provenance: "MEASURED", provenanceSources: [] });
  });

  it("the service list carries each service's provenance", async () => {
    const body = schemas.serviceListSchema.parse(await (await listRoute()).json());
    const of = (slug: string) => body.services.find((s) => s.slug === slug)!;
    expect(of("dongbaekjeon").provenance).toBe("RECONSTRUCTED");
    expect(of(measured).provenance).toBe("MEASURED");
  });

  it("the outage list and the SLA report carry it", async () => {
    const outages = schemas.outageListSchema.parse(
      await (await get("outages", "dongbaekjeon", "/outages?from=2022-04-01T00:00:00%2B09:00&to=2022-05-01T00:00:00%2B09:00")).json(),
    );
    // outages found in the reconstructed results are reconstructed too
    expect(outages.outages.length).toBeGreaterThan(0);
    expect(outages.outages.map((o) => [o.source, o.provenance])).toEqual(outages.outages.map(() => ["MEASURED", "RECONSTRUCTED"]));
    const sla = schemas.serviceReportResponseSchema.parse(await (await get("sla", "dongbaekjeon", "/sla?month=2022-04")).json());
    expect(sla).toMatchObject({ provenance: "RECONSTRUCTED", provenanceSources: [expect.objectContaining({ date: "2022-04-04" })] });
    // the press incident is REPORTED; the outages found in the results RECONSTRUCTED
    expect(sla.outages.map((o) => [o.source, o.provenance])).toContainEqual(["REPORTED", "REPORTED"]);
    expect(sla.outages.filter((o) => o.source === "MEASURED").map((o) => o.provenance)).toEqual(Array(4).fill("RECONSTRUCTED"));
  });

  it("the feed labels the reconstructed outages and names the article", async () => {
    const xml = await (await get("feed", "dongbaekjeon", "/feed.atom")).text();
    expect(xml).toContain("재구성(보도 기반) · reconstructed from press reports");
    expect(xml).toContain("동백전 서버 트래픽 관리 못하는 운영사");
    expect(xml).not.toContain("측정된 장애");
  });
});

describe("when measuring stops, the API says so", () => {
  it("every function of the 2022 example stopped at its last result (2022-04-30 23:55 KST); the service is STOPPED, not UP", async () => {
    const body = schemas.serviceDetailSchema.parse(await (await get("detail", "dongbaekjeon")).json());
    expect(body.state).toBe("STOPPED");
    for (const f of body.functions) expect(f).toMatchObject({ state: "STOPPED", lastResultAt: "2022-04-30T14:55:00.000Z", since: "2022-04-30T14:55:00.000Z" });
  });

  it("a measured service whose one critical function stopped an hour ago: that function STOPPED, the other UP, the service STOPPED", async () => {
    const body = schemas.serviceDetailSchema.parse(await (await get("detail", measured)).json());
    const state = Object.fromEntries(body.functions.map((f) => [f.key, f.state]));
    expect(state).toEqual({ topup: "STOPPED", payment: "UP" });
    expect(body.state).toBe("STOPPED");
    const list = schemas.serviceListSchema.parse(await (await listRoute()).json());
    expect(list.services.find((s) => s.slug === measured)!.state).toBe("STOPPED");
  });

  it("the badge says 측정 중단 / stopped, in grey", async () => {
    const ko = await (await get("badge", "dongbaekjeon", "/badge.svg")).text();
    expect(ko).toContain("동백전: 측정 중단");
    expect(ko).toContain('fill="#636c76"');
    const en = await (await get("badge", measured, "/badge.svg?function=topup&lang=en")).text();
    expect(en).toContain("topup: Measurements stopped");
  });
});
