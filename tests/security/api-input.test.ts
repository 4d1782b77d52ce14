import { describe, expect, it } from "vitest";
import { GET as sla } from "@/app/api/v1/services/[slug]/sla/route";
import { GET as slaCsv } from "@/app/api/v1/services/[slug]/sla.csv/route";
import { isApiPathWithDotSegment } from "@/edge/edge-server";

/**
 * Hostile input to the public API: a month the report
 * cannot represent is refused with the API's JSON error, before any lookup,
 * never echoed back altered.
 */
describe("month parameters", () => {
  it.each([
    ["sla", sla],
    ["sla.csv", slaCsv],
  ] as const)("%s?month=0000-01 → 400 invalid_parameter in JSON", async (name, route) => {
    const res = await route(new Request(`http://127.0.0.1/api/v1/services/demo/${name}?month=0000-01`), { params: Promise.resolve({ slug: "demo" }) });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/(problem\+)?json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(JSON.stringify(body)).toContain("invalid_parameter");
    expect(JSON.stringify(body)).not.toContain("0-01");
  });
});

describe("dot segments on API paths", () => {
  it.each([
    ["/api/v1/evidence/../../../etc/passwd", true],
    ["/api/v1/evidence/%2e%2e/%2E%2E/etc/passwd", true],
    ["/api/v1/evidence/..%2f..%2fetc", true],
    ["/api/v1/services/./dongbaekjeon", true],
    ["/api/v1/evidence/abc..def", false],
    ["/api/v1/services/dongbaekjeon/outages?from=..", false],
    ["/ko/../en", false],
  ])("%s → JSON 404 at the edge: %s", (url, refused) => {
    expect(isApiPathWithDotSegment(url)).toBe(refused);
  });
});
