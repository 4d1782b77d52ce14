import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { request } from "undici";
import { startEdge, type Edge } from "@/edge/edge-server";
import { logger } from "@/lib/log";

/**
 * Issue 13: what the site says is true at every moment. The edge runs on an
 * injected clock in front of a real local origin whose answers carry a data
 * version, so "how old is what a reader got" is exact and needs no sleeps.
 */
let origin: http.Server;
let edge: Edge;
let t = 1_000_000;
let version = 1;
let hits: string[] = [];
let hold: Promise<void> | null = null;

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const v = version;
    const reply = () => {
      res.writeHead(200, { "content-type": req.url?.startsWith("/api/") ? "application/json" : "text/html; charset=utf-8" });
      res.end(`v${v} ${req.url}`);
    };
    if (hold) void hold.then(reply);
    else reply();
  });
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  edge = await startEdge({
    port: 0,
    host: "127.0.0.1",
    upstreamPort: (origin.address() as AddressInfo).port,
    token: "test-internal-token-123",
    log: logger("test"),
    rewarmWindowMs: 0,
    minFreshMs: 0,
    now: () => t,
    // the tests read as the proxy in front would; a browser's answer is in live-changes.test.ts
    trustedProxies: ["127.0.0.1"],
  });
});
afterAll(async () => {
  await edge.close();
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
});
beforeEach(() => {
  hits = [];
  hold = null;
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await request(`${edge.url}${path}`, { headers });
  return { status: r.statusCode, body: await r.body.text(), headers: r.headers };
};
const invalidate = () =>
  request(`${edge.url}/_edge/invalidate`, { method: "POST", headers: { authorization: "Bearer test-internal-token-123" } }).then((r) => r.body.dump());
const settle = () => new Promise((r) => setTimeout(r, 50));

describe("bounded staleness at the edge (5 s after new results, 15 s at most)", () => {
  it("the first reader after an idle hour gets a fresh render, not the hour-old copy", async () => {
    version = 1;
    expect((await get("/ko")).body).toContain("v1");
    version = 2;
    t += 3_600_000;
    const r = await get("/ko");
    expect(r.body).toContain("v2");
    expect(r.headers["x-cache"]).not.toBe("STALE");
  });

  it("results that arrived more than the bound ago: the reader waits for the one fresh render", async () => {
    version = 3;
    expect((await get("/api/v1/services/dongbaekjeon/outages")).body).toContain("v3");
    t += 1_000;
    version = 4;
    await invalidate();
    t += 5_000;
    expect((await get("/api/v1/services/dongbaekjeon/outages")).body).toContain("v4");
  });

  it("inside the bound the copy is served while one refresh runs", async () => {
    version = 5;
    await get("/ko/services/a");
    t += 1_000;
    version = 6;
    await invalidate();
    t += 3_000;
    const r = await get("/ko/services/a");
    expect(r.body).toContain("v5");
    expect(r.headers["x-cache"]).toBe("STALE");
    await expect.poll(async () => (await get("/ko/services/a")).body).toContain("v6");
  });

  it("without new results an entry is never served past the 15 s ceiling (time-dependent states)", async () => {
    version = 7;
    await get("/api/v1/services/x/badge.svg");
    version = 8;
    t += 14_999;
    // near the ceiling: still answered at once, and refreshed in the background
    expect((await get("/api/v1/services/x/badge.svg")).body).toContain("v7");
    await expect.poll(() => hits.length).toBe(2);
    await settle();
    version = 9;
    t += 15_000;
    expect((await get("/api/v1/services/x/badge.svg")).body).toContain("v9");
  });

  it("an invalidation arriving while an entry renders counts against that entry", async () => {
    version = 10;
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const first = get("/ko/compare");
    await expect.poll(() => hits.length).toBe(1);
    t += 100;
    await invalidate(); // the render may have read the data before this
    version = 11;
    release();
    expect((await first).body).toContain("v10");
    hold = null;
    t += 5_000;
    expect((await get("/ko/compare")).body).toContain("v11");
  });

  it("concurrent readers past the bound share one render", async () => {
    version = 12;
    await get("/ko/services/flood");
    version = 13;
    await invalidate();
    t += 6_000;
    hits = [];
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const readers = Array.from({ length: 50 }, () => get("/ko/services/flood"));
    await expect.poll(() => hits.length).toBe(1);
    await settle();
    release();
    const bodies = (await Promise.all(readers)).map((r) => r.body);
    expect(new Set(bodies)).toEqual(new Set(["v13 /ko/services/flood"]));
    expect(hits).toHaveLength(1);
  });
});

describe("every response says when it was built", () => {
  it("Last-Modified is the render time, Age the seconds since, Cache-Control keeps shared caches inside the ceiling", async () => {
    version = 20;
    t = 1_700_000_000_000; // a whole second
    // read as the proxy in front would, forwarding for a client
    const viaProxy = { "x-forwarded-for": "203.0.113.5" };
    const first = await get("/en/methodology", viaProxy);
    expect(first.headers["last-modified"]).toBe(new Date(t).toUTCString());
    expect(first.headers.age).toBe("0");
    expect(first.headers["cache-control"]).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=9");
    t += 3_200;
    const later = await get("/en/methodology", viaProxy);
    expect(later.headers["last-modified"]).toBe(first.headers["last-modified"]);
    expect(later.headers.age).toBe("3");
    // what a shared cache may still add stays within 15 s of the render
    expect(later.headers["cache-control"]).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=5");
  });

  it("a request with a cookie goes straight through and is marked private", async () => {
    const r = await get("/en/methodology", { cookie: "ledger_session=abc" });
    expect(r.headers["cache-control"]).toBe("private, no-store");
    expect(r.headers["x-cache"]).toBeUndefined();
  });
});

describe("cache keys: only the query parameters a route reads, in a fixed order", () => {
  it("unknown parameters neither split the cache nor reach the origin", async () => {
    t += 60_000;
    version = 30;
    const a = await get("/ko/services/q?r=1");
    const b = await get("/ko/services/q?r=2&utm_source=x");
    const c = await get("/ko/services/q");
    expect([a.body, b.body, c.body]).toEqual(["v30 /ko/services/q", "v30 /ko/services/q", "v30 /ko/services/q"]);
    expect(hits).toEqual(["/ko/services/q"]);
  });

  it("the parameters a route reads are kept, sorted, and forwarded so the render matches the key", async () => {
    t += 60_000;
    await get("/ko/services/q?speed=60&at=2022-04-01T00:00:00Z&r=9");
    await get("/ko/services/q?at=2022-04-01T00:00:00Z&speed=60");
    await get("/api/v1/services/s/outages?to=2022-05-01T00:00:00Z&x=1&from=2022-04-01T00:00:00Z");
    await get("/api/v1/services/s/badge.svg?lang=en&kind=uptime&function=topup&cb=3");
    await get("/ko/compare?sort=name&page=2");
    expect(hits).toEqual([
      "/ko/services/q?at=2022-04-01T00%3A00%3A00Z&speed=60",
      "/api/v1/services/s/outages?from=2022-04-01T00%3A00%3A00Z&to=2022-05-01T00%3A00%3A00Z",
      "/api/v1/services/s/badge.svg?function=topup&kind=uptime&lang=en",
      "/ko/compare?sort=name",
    ]);
  });

  it("different values of a parameter the route reads are different pages", async () => {
    t += 60_000;
    await get("/ko/compare?sort=name");
    await get("/ko/compare?sort=worst");
    expect(hits).toHaveLength(2);
  });

  it("an RSC request keeps Next's _rsc parameter (Next checks it against the router headers)", async () => {
    t += 60_000;
    await get("/ko/services/q?_rsc=abc123&r=1", { rsc: "1" });
    await get("/ko/services/q?_rsc=abc123&r=2", { rsc: "1" });
    expect(hits).toEqual(["/ko/services/q?_rsc=abc123"]);
  });
});
