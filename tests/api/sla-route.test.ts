import { beforeAll, describe, expect, it, vi } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import { loadConfig } from "@/lib/config/load-config";
import { fileReport } from "@/lib/reports/file-report";
import { importResults } from "@/lib/store/import-results";
import { createTestDb } from "../helpers/test-db";

const EXAMPLE = "examples/dongbaekjeon-2022";
type Get = (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>;
let GET: Get;

beforeAll(async () => {
  const { db, url } = await createTestDb();
  await importResults(db, loadConfig(EXAMPLE, { SANDBOX_URL: "http://127.0.0.1:9" }), `${EXAMPLE}/results.jsonl.gz`);
  await db.$disconnect();
  // the route reads the database named by the environment, as in production
  process.env.DATABASE_URL = url;
  vi.resetModules();
  ({ GET } = (await import("@/app/api/v1/services/[slug]/sla/route")) as { GET: Get });
}, 120_000);

const call = (slug: string, query: string) => GET(new Request(`http://localhost/api/v1/services/${slug}/sla${query}`), { params: Promise.resolve({ slug }) });

describe("GET /api/v1/services/{slug}/sla", () => {
  it("returns the same report as the CLI", async () => {
    const res = await call("dongbaekjeon", "?month=2022-04");
    expect(res.status).toBe(200);
    const { generatedAt, ...body } = await res.json();
    expect(Math.abs(Date.parse(generatedAt) - Date.now())).toBeLessThan(60_000);
    const expected = await fileReport({
      config: loadConfig(EXAMPLE, { SANDBOX_URL: "http://127.0.0.1:9" }),
      file: `${EXAMPLE}/results.jsonl.gz`,
      slug: "dongbaekjeon",
      month: parseMonth("2022-04")!,
      asOf: new Date(body.period.asOf),
    });
    expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
    // 14,196,000 KRW delay damages; 88.75% availability (hand-worked in tests/cli/report-2022.test.ts)
    expect(body.totalKrw).toBe(14_196_000);
    expect(body.serviceFigures.availability).toBe(0.8875);
  });
  it.each([
    ["", 400],
    ["?month=2022-13", 400],
    ["?month=April", 400],
  ])("month %s → %d", async (q, status) => {
    const res = await call("dongbaekjeon", q);
    expect(res.status).toBe(status);
    expect((await res.json()).error.parameter).toBe("month");
  });
  it("an unknown service → 404", async () => expect((await call("nope", "?month=2022-04")).status).toBe(404));
  it("a month outside every contract → 422", async () => expect((await call("dongbaekjeon", "?month=2019-01")).status).toBe(422));
});
