import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { citizenReportsSchema, reportAcceptedSchema, reportChallengeSchema } from "@/lib/openapi/citizen-schemas";
import { solveChallenge } from "@/lib/citizen/proof-of-work";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

type Ctx = { params: Promise<{ slug: string }> };
type Route = (req: Request, ctx: Ctx) => Promise<Response>;
let slug = "";
let routes: { GET: Route; POST: Route; challenge: Route; csv: Route };

beforeAll(async () => {
  const { db, url } = await createTestDb();
  slug = (await createService(db, { functions: ["topup", "payment"], citizenReports: { districts: [{ key: "saha", name: "사하구", nameEn: "Saha-gu" }] } }))
    .slug;
  // The routes read the database and the secret the environment names, as in production.
  process.env.DATABASE_URL = url;
  process.env.LEDGER_SECRET = "route-test-secret-of-at-least-32-characters";
  vi.resetModules();
  const r = await import("@/app/api/v1/services/[slug]/reports/route");
  const c = await import("@/app/api/v1/services/[slug]/reports/challenge/route");
  const csv = await import("@/app/api/v1/services/[slug]/reports.csv/route");
  routes = { GET: r.GET, POST: r.POST, challenge: c.GET, csv: csv.GET };
});

const ctx = () => ({ params: Promise.resolve({ slug }) });
const from = (address: string, init: RequestInit = {}) =>
  new Request(`http://ledger.test/api/v1/services/${slug}/reports`, { ...init, headers: { "x-forwarded-for": address, ...(init.headers ?? {}) } });

describe("the report routes", () => {
  it("take a report with a solved challenge as JSON, and a form without one (303 back to the page)", async () => {
    const ch = reportChallengeSchema.parse(await (await routes.challenge(from("203.0.113.1"), ctx())).json());
    const nonce = solveChallenge(ch.challenge, ch.bits);
    const body = JSON.stringify({ function: "topup", district: "saha", challenge: ch.challenge, nonce });
    const res = await routes.POST(from("203.0.113.1", { method: "POST", headers: { "content-type": "application/json" }, body }), ctx());
    expect(res.status).toBe(200);
    expect(reportAcceptedSchema.parse(await res.json())).toEqual({ ok: true, counted: true, proof: true });
    // the same challenge from another address is not its own: refused, nothing counted
    const stolen = await routes.POST(from("203.0.113.2", { method: "POST", headers: { "content-type": "application/json" }, body }), ctx());
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as { error: { code: string } }).error.code).toBe("bad_proof");

    const form = new URLSearchParams({ function: "in-store-payment", lang: "en" });
    const plain = await routes.POST(
      from("203.0.113.3", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form }),
      ctx(),
    );
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toBe(`/en/services/${slug}?report=ok#report`);
  });

  it("refuse a body over 2 KB, another site's form, and what the form does not offer", async () => {
    const big = new URLSearchParams({ function: "topup", pad: "x".repeat(3000) });
    const res = await routes.POST(from("203.0.113.9", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: big }), ctx());
    expect(res.status).toBe(413);
    const cross = await routes.POST(
      from("203.0.113.9", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.test", "sec-fetch-site": "cross-site" },
        body: "function=topup",
      }),
      ctx(),
    );
    expect(cross.status).toBe(403);
    const bad = await routes.POST(
      from("203.0.113.9", { method: "POST", headers: { "content-type": "application/json" }, body: '{"function":"refund"}' }),
      ctx(),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("topup, payment, in-store-payment, other");
  });

  it("give the counts as JSON and CSV, as reports apart from measurements", async () => {
    const json = citizenReportsSchema.parse(await (await routes.GET(new Request(`http://ledger.test/api/v1/services/${slug}/reports`), ctx())).json());
    expect(json.kind).toBe("CITIZEN_REPORTS");
    expect(json.keys).toEqual(["topup", "payment", "in-store-payment", "other"]);
    expect(json.counts.map((c) => [c.functionKey, c.district, c.count])).toEqual(
      expect.arrayContaining([
        ["topup", "saha", 1],
        ["in-store-payment", null, 1],
      ]),
    );
    expect(json.counts.reduce((a, c) => a + c.count, 0)).toBe(2);
    const csv = await (await routes.csv(new Request(`http://ledger.test/api/v1/services/${slug}/reports.csv`), ctx())).text();
    const rows = parse(csv.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.kind, r.function_key, r.district, r.count])).toEqual(
      expect.arrayContaining([
        ["CITIZEN_REPORTS", "topup", "saha", "1"],
        ["CITIZEN_REPORTS", "in-store-payment", "", "1"],
      ]),
    );
    const tooLong = await routes.GET(
      new Request(`http://ledger.test/api/v1/services/${slug}/reports?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`),
      ctx(),
    );
    expect(tooLong.status).toBe(400);
  });
});
