import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import { reportToCsv } from "@/lib/reports/render-csv";
import { exportResults, OUTAGE_FIELDS, RESULT_FIELDS } from "@/lib/data/exports";
import { serviceReport } from "@/lib/reports/service-report";
import { call, INTERVAL_SEC, NASTY_MESSAGE, openDataFixture, RUNS, type Fixture, type SlugRoute } from "./fixture";

let fx: Fixture;
let results: SlugRoute;
let outagesJson: SlugRoute;
let outagesCsv: SlugRoute;
let slaJson: SlugRoute;
let slaCsv: SlugRoute;

beforeAll(async () => {
  fx = await openDataFixture();
  results = (await import("@/app/api/v1/services/[slug]/results/route")).GET;
  outagesJson = (await import("@/app/api/v1/services/[slug]/outages/route")).GET;
  outagesCsv = (await import("@/app/api/v1/services/[slug]/outages.csv/route")).GET;
  slaJson = (await import("@/app/api/v1/services/[slug]/sla/route")).GET;
  slaCsv = (await import("@/app/api/v1/services/[slug]/sla.csv/route")).GET;
});

const BOM = "\uFEFF";
const window = () => `from=${fx.start.toISOString()}&to=${fx.end.toISOString()}`;

/** CSV text → records keyed by header, every value a string as CSV has it. */
function parseCsv(text: string): Record<string, string>[] {
  expect(text.startsWith(BOM)).toBe(true);
  return parse(text.slice(1), { columns: true, record_delimiter: "\r\n", relax_quotes: false }) as Record<string, string>[];
}

/** The body as sent: Response.text() would drop the byte order mark, as the Fetch standard decodes. */
async function rawText(res: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
}

/** A JSON value as this API writes it in CSV: null → empty, the rest as text. */
const asCsv = (v: unknown) => (v === null || v === undefined ? "" : String(v));

describe("GET …/results", () => {
  it("JSON and CSV of one query hold the same rows, field by field", async () => {
    const jsonRes = await call(results, `/api/v1/services/${fx.slug}/results?${window()}`, fx.slug);
    expect(jsonRes.status).toBe(200);
    expect(jsonRes.headers.get("content-type")).toContain("application/json");
    const body = await jsonRes.json();
    expect(body.results).toHaveLength(2 * RUNS);
    expect(body).toMatchObject({ service: fx.slug, function: null, from: fx.start.toISOString(), to: fx.end.toISOString() });

    const csvRes = await call(results, `/api/v1/services/${fx.slug}/results?${window()}&format=csv`, fx.slug);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(csvRes.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${fx.slug}-results-\\d{8}T\\d{6}Z-\\d{8}T\\d{6}Z\\.csv"`));
    const text = await rawText(csvRes);
    expect(text.split("\r\n")[0]).toBe(`${BOM}${RESULT_FIELDS.join(",")}`);
    const rows = parseCsv(text);

    expect(rows).toHaveLength(body.results.length);
    body.results.forEach((r: Record<string, unknown>, i: number) => {
      expect(Object.keys(r)).toEqual([...RESULT_FIELDS]);
      for (const k of RESULT_FIELDS) expect(rows[i]![k], `row ${i} ${k}`).toBe(asCsv(r[k]));
    });
  });

  it("orders by time and holds what was recorded", async () => {
    const body = await (await call(results, `/api/v1/services/${fx.slug}/results?${window()}&function=topup`, fx.slug)).json();
    expect(body.function).toBe("topup");
    expect(body.results).toHaveLength(RUNS);
    const ats = body.results.map((r: { at: string }) => Date.parse(r.at));
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(body.results[0]).toEqual({
      function: "topup",
      location: "local",
      at: fx.start.toISOString(),
      state: "UP",
      latencyMs: 120,
      httpStatus: 200,
      errorClass: null,
      intervalSec: INTERVAL_SEC,
    });
    expect(body.results.filter((r: { state: string }) => r.state === "DOWN")).toHaveLength(10);
  });

  it("the window is half-open: a run at `to` is left out, one at `from` kept", async () => {
    const from = fx.start.toISOString();
    const to = new Date(fx.start.getTime() + 3 * INTERVAL_SEC * 1000).toISOString();
    const body = await (await call(results, `/api/v1/services/${fx.slug}/results?from=${from}&to=${to}&function=payment`, fx.slug)).json();
    expect(body.results.map((r: { at: string }) => r.at)).toEqual([0, 1, 2].map((i) => new Date(fx.start.getTime() + i * INTERVAL_SEC * 1000).toISOString()));
  });

  it("reads in pages without losing or repeating a row at page edges (same bytes for any page size)", async () => {
    const read = async (pageSize: number, format: "json" | "csv") =>
      rawText(new Response((await exportResults(fx.db, { slug: fx.slug, from: fx.start, to: fx.end, format, pageSize }, new Date(0))).body));
    for (const format of ["json", "csv"] as const) {
      const whole = await read(5_000, format);
      // 360 rows: 7 does not divide it, 8 does not, 360 does (the last page exactly full, then an empty one)
      for (const size of [7, 8, 360]) expect(await read(size, format), `${format} page ${size}`).toBe(whole);
    }
    expect(JSON.parse(await read(7, "json")).results).toHaveLength(2 * RUNS);
  });

  it("an empty window is still a complete document", async () => {
    const from = new Date(fx.end.getTime() + 60_000).toISOString();
    const to = new Date(fx.end.getTime() + 120_000).toISOString();
    const json = await (await call(results, `/api/v1/services/${fx.slug}/results?from=${from}&to=${to}`, fx.slug)).json();
    expect(json.results).toEqual([]);
    const csv = await rawText(await call(results, `/api/v1/services/${fx.slug}/results?from=${from}&to=${to}&format=csv`, fx.slug));
    expect(csv).toBe(`${BOM}${RESULT_FIELDS.join(",")}\r\n`);
  });

  it.each([
    ["from=yesterday", "from"],
    ["from=2022-04-01T00:00:00", "from"], // no offset
    ["to=2022-13-01T00:00:00Z", "to"],
    ["from=2022-04-02T00:00:00Z&to=2022-04-01T00:00:00Z", "from"],
    ["from=2022-04-01T00:00:00Z&to=2022-05-02T00:00:00.001Z", "from"], // 31 days and 1 ms
    ["format=xml", "format"],
    ["function=Top%20Up", "function"],
  ])("%s → 400 naming %s", async (q, parameter) => {
    const res = await call(results, `/api/v1/services/${fx.slug}/results?${q}`, fx.slug);
    expect(res.status).toBe(400);
    expect((await res.json()).error.parameter).toBe(parameter);
  });

  it("exactly 31 days is allowed; an unencoded + offset (a space) is read as +", async () => {
    const res = await call(results, `/api/v1/services/${fx.slug}/results?from=2022-04-01T00:00:00 09:00&to=2022-05-02T00:00:00 09:00`, fx.slug);
    expect(res.status).toBe(200);
    expect((await res.json()).from).toBe("2022-03-31T15:00:00.000Z");
  });

  it("unknown service or function → 404", async () => {
    const res = await call(results, "/api/v1/services/nope/results", "nope");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    const fn = await call(results, `/api/v1/services/${fx.slug}/results?function=refund`, fx.slug);
    expect(fn.status).toBe(404);
    expect((await fn.json()).error.parameter).toBe("function");
  });
});

describe("GET …/outages.csv", () => {
  it("holds the rows of GET …/outages for the same window, field by field, escapes intact", async () => {
    const from = new Date(fx.start.getTime() - 2 * 86_400_000).toISOString();
    const to = new Date(fx.end.getTime() + 1000).toISOString();
    const json = await (await call(outagesJson, `/api/v1/services/${fx.slug}/outages?from=${from}&to=${to}`, fx.slug)).json();
    const res = await call(outagesCsv, `/api/v1/services/${fx.slug}/outages.csv?from=${from}&to=${to}`, fx.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename="${fx.slug}-outages-`);
    const rows = parseCsv(await rawText(res));

    expect(json.outages).toHaveLength(3); // reported, closed, open
    expect(rows).toHaveLength(json.outages.length);
    json.outages.forEach((o: Record<string, unknown>, i: number) => {
      for (const k of OUTAGE_FIELDS) {
        // an open outage's duration runs to "now", which moved between the two requests
        if (k === "durationSec" && o.ongoing) continue;
        expect(rows[i]![k], `outage ${i} ${k}`).toBe(asCsv(o[k]));
      }
    });
    expect(rows.map((r) => r.source)).toEqual(["REPORTED", "MEASURED", "MEASURED"]);
    expect(rows[1]!.message).toBe(NASTY_MESSAGE);
    expect(rows[2]!.ongoing).toBe("true");
  });

  it("defaults to the last 90 days; errors as JSON", async () => {
    const rows = parseCsv(await rawText(await call(outagesCsv, `/api/v1/services/${fx.slug}/outages.csv`, fx.slug)));
    expect(rows).toHaveLength(3);
    const bad = await call(outagesCsv, `/api/v1/services/${fx.slug}/outages.csv?to=soon`, fx.slug);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.parameter).toBe("to");
    expect((await call(outagesCsv, "/api/v1/services/nope/outages.csv", "nope")).status).toBe(404);
  });
});

describe("GET …/sla.csv", () => {
  it("is the report of GET …/sla as reportToCsv writes it, with a BOM", async () => {
    const month = "2022-04"; // inside the factory's contract term, long past
    const res = await call(slaCsv, `/api/v1/services/${fx.slug}/sla.csv?month=${month}`, fx.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename="${fx.slug}-sla-${month}.csv"`);
    const text = await rawText(res);
    const json = await (await call(slaJson, `/api/v1/services/${fx.slug}/sla?month=${month}`, fx.slug)).json();
    // The month has no measurements, so it never settles: each response is as of the instant it was read,
    // stated in its as_of row (in KST); the rest is the same report.
    const asOfRow = /^(보고서|report),as_of,.*\r?\n/m;
    expect(text).toMatch(/^보고서,as_of,\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2}:\d{2},/m);
    const same = (csv: string) => csv.replace(asOfRow, "");
    expect(same(text)).toBe(same(BOM + reportToCsv(json)));
    expect(same(text)).toBe(same(BOM + reportToCsv(await serviceReport(fx.db, fx.slug, parseMonth(month)!, new Date(json.period.asOf)))));
    const rows = parseCsv(text);
    expect(Object.keys(rows[0]!)).toEqual(["구분", "키", "값", "금액(원)", "조항", "계산", "입력값"]);
    expect(rows.find((r) => r["키"] === "total_krw")?.["금액(원)"]).toBe(String(json.totalKrw));
    // ?lang=en: the same report in English, with machine-readable headers
    const en = await rawText(await call(slaCsv, `/api/v1/services/${fx.slug}/sla.csv?month=${month}&lang=en`, fx.slug));
    expect(same(en)).toBe(same(BOM + reportToCsv(json, "en")));
    expect(parseCsv(en).find((r) => r.key === "total_krw")?.amount_krw).toBe(String(json.totalKrw));
    expect((await call(slaCsv, `/api/v1/services/${fx.slug}/sla.csv?month=${month}&lang=fr`, fx.slug)).status).toBe(400);
  });

  it.each([
    ["", 400],
    ["?month=2022-4", 400],
    ["?month=2019-01", 422],
  ])("month %s → %d", async (q, status) => {
    const res = await call(slaCsv, `/api/v1/services/${fx.slug}/sla.csv${q}`, fx.slug);
    expect(res.status).toBe(status);
    if (status === 400) expect((await res.json()).error.parameter).toBe("month");
  });

  it("unknown service → 404", async () => expect((await call(slaCsv, "/api/v1/services/nope/sla.csv?month=2022-04", "nope")).status).toBe(404));
});
