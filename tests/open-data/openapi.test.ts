import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { parseMonth } from "@/core/accounting/periods";
import { loadConfig } from "@/lib/config/load-config";
import { openApiDocument } from "@/lib/openapi/document";
import * as schemas from "@/lib/openapi/schemas";
import { fileReport } from "@/lib/reports/file-report";
import { LIVE_PATH } from "@/edge/live-changes";
import { call, openDataFixture, type Fixture, type SlugRoute } from "./fixture";

type Doc = { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
const doc = openApiDocument() as Doc;
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Route files that are not endpoints of the public API. */
const NOT_ENDPOINTS = new Set(["app/route.ts" /* redirect to /ko */, "app/api/[...rest]/route.ts" /* JSON 404 for unknown API paths */]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return /^route\.(ts|tsx|js)$/.test(e.name) ? [p.split(path.sep).join("/")] : [];
  });
}

/** app/api/v1/services/[slug]/route.ts → ["api","v1","services","[slug]"] */
const fileSegments = (file: string) => file.split("/").slice(1, -1);
const pathSegments = (p: string) => p.split("/").slice(1);

/**
 * A folder matches a path segment when they are equal, or when the folder is
 * dynamic ([x]) and the segment a template ({x}, or {x}.pdf, which Next.js can
 * only serve from a dynamic folder and a check inside the handler).
 */
function matches(file: string, apiPath: string): boolean {
  const f = fileSegments(file);
  const p = pathSegments(apiPath);
  return f.length === p.length && f.every((seg, i) => seg === p[i] || (/^\[[^.\]]+\]$/.test(seg) && /^\{[^}]+\}(\.[a-z0-9]+)?$/.test(p[i]!)));
}

function exportedMethods(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [
    ...src.matchAll(/export\s+(?:async\s+)?function\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b|export\s+const\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g),
  ]
    .map((m) => (m[1] ?? m[2]!).toLowerCase())
    .sort();
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const v = new Validator();
    const res = await v.validate(doc as never);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(v.version).toBe("3.1");
  });

  it("documents every route file under app/api and /metrics, and nothing else", () => {
    const files = [...routeFiles("app/api"), ...routeFiles("app/metrics")].filter((f) => !NOT_ENDPOINTS.has(f));
    const paths = Object.keys(doc.paths);
    const undocumented = files.filter((f) => !paths.some((p) => matches(f, p)));
    expect(undocumented, "route files with no path in lib/openapi/document.ts").toEqual([]);
    // the change stream is answered by the edge (edge/live-changes.ts), in front of the application
    const missing = paths.filter((p) => !files.some((f) => matches(f, p)) && p !== LIVE_PATH);
    expect(missing, "documented paths with no route file under app/").toEqual([]);
  });

  it("documents exactly the methods each route file exports", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      const file = [...routeFiles("app/api"), ...routeFiles("app/metrics")].find((f) => matches(f, p));
      if (!file) continue; // reported by the test above
      const documented = Object.keys(item)
        .filter((k) => HTTP_METHODS.includes(k))
        .sort();
      // Next.js answers HEAD from GET by itself
      expect(
        exportedMethods(file).filter((m) => m !== "head"),
        p,
      ).toEqual(documented);
    }
  });

  it("has an operationId and a 200 for every operation, and 404 wherever {slug} appears", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item).filter((k) => HTTP_METHODS.includes(k))) {
        const op = item[method] as { operationId?: string; responses: Record<string, unknown> };
        expect(op.operationId, `${method} ${p}`).toBeTruthy();
        expect(op.responses["200"], `${method} ${p}`).toBeTruthy();
        if (p.includes("{slug}")) expect(op.responses["404"], `${method} ${p}`).toBeTruthy();
      }
    }
  });

  it("is what GET /api/v1/openapi.json serves", async () => {
    const res = (await import("@/app/api/v1/openapi.json/route")).GET();
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe("every public JSON answer says when it was built", () => {
  // the description itself depends on code only; agents' answers are not public data
  const EXEMPT = new Set(["/api/v1/openapi.json", "/api/v1/agents/results"]);
  const jsonAnswers = Object.entries(doc.paths).flatMap(([p, ops]) => {
    const get = ops.get as { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> } | undefined;
    const ref = get?.responses["200"]?.content?.["application/json"]?.schema?.$ref;
    return ref && !EXEMPT.has(p) ? [[p, ref.split("/").at(-1)!] as const] : [];
  });
  it("finds the JSON routes", () => expect(jsonAnswers.length).toBeGreaterThanOrEqual(7));
  it.each(jsonAnswers)("GET %s (%s) has generatedAt", (_, name) => {
    expect((doc.components.schemas[name] as { required?: string[] }).required).toContain("generatedAt");
  });
});

describe("the schemas are true to real responses (strict: no undocumented field)", () => {
  let fx: Fixture;
  let get: (route: string, p: string) => Promise<Response>;
  beforeAll(async () => {
    fx = await openDataFixture();
    const routes: Record<string, SlugRoute> = {
      service: (await import("@/app/api/v1/services/[slug]/route")).GET,
      outages: (await import("@/app/api/v1/services/[slug]/outages/route")).GET,
      sla: (await import("@/app/api/v1/services/[slug]/sla/route")).GET,
      results: (await import("@/app/api/v1/services/[slug]/results/route")).GET,
      badge: (await import("@/app/api/v1/services/[slug]/badge.svg/route")).GET,
    };
    get = (route, p) => call(routes[route]!, p, p.split("/")[4]!);
  });

  it("ServiceList", async () => {
    const res = await (await import("@/app/api/v1/services/route")).GET();
    const body = schemas.serviceListSchema.parse(await res.json());
    expect(body.services.map((s) => s.slug)).toContain(fx.slug);
  });

  it("ServiceDetail, with a contract, bars, latency and outages", async () => {
    const body = schemas.serviceDetailSchema.parse(await (await get("service", `/api/v1/services/${fx.slug}`)).json());
    expect(body.contract).not.toBeNull();
    expect(body.outages.length).toBeGreaterThan(0);
  });

  it("OutageList", async () => {
    const body = schemas.outageListSchema.parse(await (await get("outages", `/api/v1/services/${fx.slug}/outages`)).json());
    expect(body.outages.map((o) => o.source)).toContain("REPORTED");
  });

  it("ResultList", async () => {
    const body = schemas.resultListSchema.parse(await (await get("results", `/api/v1/services/${fx.slug}/results`)).json());
    expect(body.results.length).toBeGreaterThan(0);
  });

  it("ServiceReport from the route, and the 2022 example's (money lines, flags, reported outages)", async () => {
    schemas.serviceReportResponseSchema.parse(await (await get("sla", `/api/v1/services/${fx.slug}/sla?month=2022-04`)).json());
    const example = "examples/dongbaekjeon-2022";
    const report = await fileReport({
      config: loadConfig(example, { SANDBOX_URL: "http://127.0.0.1:9" }),
      file: `${example}/results.jsonl.gz`,
      slug: "dongbaekjeon",
      month: parseMonth("2022-04")!,
      asOf: new Date(),
    });
    const body = schemas.serviceReportSchema.parse(JSON.parse(JSON.stringify(report)));
    expect(body.money.length).toBeGreaterThan(0);
    expect(body.flags.length).toBeGreaterThan(0);
    expect(body.outages.some((o) => o.source === "REPORTED")).toBe(true);
  });

  it("Error, from each kind of failure", async () => {
    for (const [route, p] of [
      ["service", "/api/v1/services/nope"],
      ["outages", `/api/v1/services/${fx.slug}/outages?from=x`],
      ["sla", `/api/v1/services/${fx.slug}/sla?month=2019-01`],
      ["results", `/api/v1/services/${fx.slug}/results?from=2022-01-01T00:00:00Z&to=2022-03-01T00:00:00Z`],
      ["badge", `/api/v1/services/${fx.slug}/badge.svg?kind=x`],
    ] as const) {
      const res = await get(route, p);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      schemas.apiErrorSchema.parse(await res.json());
    }
  });
});
