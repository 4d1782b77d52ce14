import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { startEdge, type Edge } from "@/edge/edge-server";
import { logger } from "@/lib/log";

/** The edge in front of a real local origin that counts what reaches it. */
let origin: http.Server;
let edge: Edge;
let hits: string[] = [];
let version = 1;
let release: (() => void) | null = null;

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url} cookie=${req.headers.cookie ?? ""} rsc=${req.headers.rsc ?? ""}`);
    const reply = () => {
      if (req.url === "/ko/missing") return res.writeHead(404, { "content-type": "text/html" }).end("not found");
      if (req.url?.startsWith("/api/v1/services/x/results")) return res.writeHead(200, { "content-type": "text/csv" }).end("a,b\n1,2\n");
      res.writeHead(200, { "content-type": req.headers.rsc ? "text/x-component" : "text/html; charset=utf-8", "cache-control": "private, no-store" });
      res.end(`page ${req.url} v${version} ${req.headers.rsc ? "rsc" : "html"} ${"x".repeat(2000)}`);
    };
    if (req.url === "/ko/slow" && release === null) {
      release = reply;
      return;
    }
    reply();
  });
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  edge = await startEdge({
    port: 0,
    host: "127.0.0.1",
    upstreamPort: (origin.address() as AddressInfo).port,
    token: "test-internal-token-123",
    log: logger("test"),
    minFreshMs: 0,
    rewarmWindowMs: 0,
  });
});
afterAll(async () => {
  await edge.close();
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await request(`${edge.url}${path}`, { headers });
  const body = Buffer.from(await r.body.arrayBuffer());
  return { status: r.statusCode, cache: r.headers["x-cache"], body, headers: r.headers };
};
const invalidate = (token = "test-internal-token-123") =>
  request(`${edge.url}/_edge/invalidate`, { method: "POST", headers: { authorization: `Bearer ${token}` } }).then((r) => r.statusCode);

describe("page cache at the edge", () => {
  it("serves a page once from the origin, then from the cache", async () => {
    hits = [];
    expect((await get("/ko/services/a")).cache).toBe("MISS");
    expect((await get("/ko/services/a")).cache).toBe("HIT");
    expect(hits).toHaveLength(1);
  });

  it("new results make entries stale: served at once while one refresh runs", async () => {
    await get("/ko/services/b");
    hits = [];
    version = 2;
    expect(await invalidate()).toBe(204);
    const stale = await get("/ko/services/b");
    expect(stale.cache).toBe("STALE");
    expect(stale.body.toString()).toContain("v1");
    // the refresh has been requested from the origin; the next reader gets the new page
    await expect.poll(async () => (await get("/ko/services/b")).body.toString(), { timeout: 2000 }).toContain("v2");
    expect(hits.filter((h) => h.startsWith("GET /ko/services/b"))).toHaveLength(1);
  });

  it("a flood of readers of an uncached page costs one origin render", async () => {
    hits = [];
    release = null;
    const readers = Array.from({ length: 200 }, () => get("/ko/slow"));
    await expect.poll(() => release !== null).toBe(true);
    release!();
    const all = await Promise.all(readers);
    expect(new Set(all.map((r) => r.status))).toEqual(new Set([200]));
    expect(hits.filter((h) => h.startsWith("GET /ko/slow"))).toHaveLength(1);
  });

  it("RSC payloads are cached apart from HTML", async () => {
    const html = await get("/ko/services/c");
    const rsc = await get("/ko/services/c", { rsc: "1" });
    expect(html.body.toString()).toContain("html");
    expect(rsc.body.toString()).toContain("rsc");
    expect((await get("/ko/services/c", { rsc: "1" })).cache).toBe("HIT");
  });

  it("compresses for clients that accept gzip", async () => {
    await get("/ko/services/d");
    const r = await get("/ko/services/d", { "accept-encoding": "gzip" });
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(r.body).toString()).toContain("page /ko/services/d");
  });

  it.each([
    ["a request with a cookie", "/ko/services/e", { cookie: "session=abc" }],
    ["a results export", "/api/v1/services/x/results?format=csv", {}],
    ["metrics", "/metrics", {}],
    ["an outages CSV", "/api/v1/services/x/outages.csv?r=1", {}],
    ["a monthly report CSV", "/api/v1/services/x/sla.csv?month=2022-04", {}],
    ["a council PDF", "/api/v1/services/x/council/2022-04.pdf", {}],
  ])("%s always goes to the origin, marked private", async (_, path, headers) => {
    hits = [];
    const a = await get(path, headers);
    await get(path, headers);
    expect(hits).toHaveLength(2);
    expect(a.headers["cache-control"]).toBe("private, no-store");
  });

  it("errors are not cached", async () => {
    hits = [];
    expect((await get("/ko/missing")).status).toBe(404);
    expect((await get("/ko/missing")).status).toBe(404);
    expect(hits).toHaveLength(2);
  });

  it("invalidation needs the internal token", async () => {
    expect(await invalidate("wrong-token")).toBe(401);
  });
});

describe("re-rendering on new results", () => {
  it("re-renders recently read pages in the background, so the next reader gets the new state at once", async () => {
    const rewarming = await startEdge({
      port: 0,
      host: "127.0.0.1",
      upstreamPort: (origin.address() as AddressInfo).port,
      token: "test-internal-token-123",
      log: logger("test"),
      minFreshMs: 0,
      rewarmWindowMs: 60_000,
    });
    try {
      const at = (path: string) => request(`${rewarming.url}${path}`).then(async (r) => ({ cache: r.headers["x-cache"], body: await r.body.text() }));
      version = 10;
      expect((await at("/ko/services/rewarm")).body).toContain("v10");
      hits = [];
      version = 11;
      await request(`${rewarming.url}/_edge/invalidate`, { method: "POST", headers: { authorization: "Bearer test-internal-token-123" } });
      // the edge asks the origin by itself, without any reader
      await expect.poll(() => hits.filter((h) => h.startsWith("GET /ko/services/rewarm")).length, { timeout: 2000 }).toBe(1);
      await expect.poll(() => at("/ko/services/rewarm"), { timeout: 2000 }).toMatchObject({ cache: "HIT", body: expect.stringContaining("v11") });
      expect(hits.filter((h) => h.startsWith("GET /ko/services/rewarm"))).toHaveLength(1);
    } finally {
      await rewarming.close();
    }
  });
});

describe("page cache freshness", () => {
  it("an entry younger than the minimum stays fresh through an invalidation; then refreshes", async () => {
    const { createPageCache } = await import("@/edge/page-cache");
    let t = 0;
    const cache = createPageCache({ boundMs: 5_000, ceilingMs: 15_000, maxEntries: 10, minFreshMs: 2_000, now: () => t });
    const e = cache.set("k", { status: 200, headers: {}, body: Buffer.from("x"), version: cache.version() });
    cache.invalidate();
    t = 1_999;
    expect(cache.isFresh(e)).toBe(true);
    t = 2_000;
    expect(cache.isFresh(e)).toBe(false);
  });
  it("nothing is answered past the ceiling, even without new results; refreshed a bound before it", async () => {
    const { createPageCache } = await import("@/edge/page-cache");
    let t = 0;
    const cache = createPageCache({ boundMs: 5_000, ceilingMs: 15_000, maxEntries: 10, now: () => t });
    const e = cache.set("k", { status: 200, headers: {}, body: Buffer.from("x"), version: cache.version() });
    t = 9_999;
    expect(cache.state(e)).toBe("fresh");
    t = 10_000;
    expect(cache.state(e)).toBe("stale");
    t = 15_000;
    expect(cache.state(e)).toBe("expired");
  });
  it("an invalidation is dated: the entry may be answered for the bound after it, no longer", async () => {
    const { createPageCache } = await import("@/edge/page-cache");
    let t = 0;
    const cache = createPageCache({ boundMs: 5_000, ceilingMs: 15_000, maxEntries: 10, now: () => t });
    const e = cache.set("k", { status: 200, headers: {}, body: Buffer.from("x"), version: cache.version() });
    t = 1_000;
    cache.invalidate();
    t = 2_000;
    cache.invalidate(); // later ones do not move it: the entry has been behind since the first
    t = 5_999;
    expect(cache.state(e)).toBe("stale");
    t = 6_000;
    expect(cache.state(e)).toBe("expired");
  });
  it("keeps at most maxEntries, dropping the least recently used", async () => {
    const { createPageCache } = await import("@/edge/page-cache");
    const cache = createPageCache({ boundMs: 5_000, ceilingMs: 15_000, maxEntries: 2 });
    const put = (k: string) => cache.set(k, { status: 200, headers: {}, body: Buffer.from(k), version: 0 });
    put("a");
    put("b");
    cache.get("a");
    put("c");
    expect([cache.get("a") !== undefined, cache.get("b") !== undefined, cache.get("c") !== undefined]).toEqual([true, false, true]);
  });
});

describe("signing in and acting never go through the cache", () => {
  it.each(["/ko/sign-in", "/en/sign-in?next=%2Fen%2Fdesk", "/ko/desk", "/en/admin/users", "/ko/admin/deliveries?status=FAILED"])(
    "GET %s is passed through every time",
    async (path) => {
      hits = [];
      const a = await get(path);
      const b = await get(path);
      expect([a.cache, b.cache]).toEqual([undefined, undefined]);
      expect(hits).toHaveLength(2);
    },
  );

  // A subscription's confirm and unsubscribe pages carry its token: a shared copy would confirm or show someone else's.
  it.each(["/ko/subscriptions/confirm?token=aaaa", "/en/subscriptions/unsubscribe?token=bbbb", "/ko/subscriptions?service=x&step=sent"])(
    "GET %s (a subscription page) is passed through every time",
    async (path) => {
      hits = [];
      const a = await get(path);
      const b = await get(path);
      expect([a.cache, b.cache]).toEqual([undefined, undefined]);
      expect(hits).toHaveLength(2);
    },
  );

  it("a POST to an action goes to the origin with its cookie and body", async () => {
    hits = [];
    const r = await request(`${edge.url}/actions/outages/1/acknowledge`, {
      method: "POST",
      headers: { cookie: "ledger_session=abc", "content-type": "application/x-www-form-urlencoded" },
      body: "csrf=t",
    });
    await r.body.dump();
    expect(hits).toEqual(["POST /actions/outages/1/acknowledge cookie=ledger_session=abc rsc="]);
  });
});

describe("the public API's rate limit at the edge", () => {
  it("answers 429 with Retry-After once an address has used its burst, and pages are not limited", async () => {
    const limited = await startEdge({
      port: 0,
      host: "127.0.0.1",
      upstreamPort: (origin.address() as AddressInfo).port,
      token: "test-internal-token-123",
      log: logger("test"),
      apiRate: { perMinute: 60, burst: 3 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await request(`${limited.url}/api/v1/services`);
        statuses.push(r.statusCode);
        if (r.statusCode === 429) {
          expect(r.headers["retry-after"]).toBe("1");
          expect(JSON.parse(await r.body.text())).toEqual({ error: { code: "rate_limited", message: "too many requests from this address; retry after 1 s" } });
        } else await r.body.dump();
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const page = await request(`${limited.url}/ko/services/z`);
      await page.body.dump();
      expect(page.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("dot segments on API paths", () => {
  it("answer the API's JSON 404 at the edge, before the framework resolves them into an HTML page", async () => {
    hits = [];
    // sent as written (a URL parser would resolve the dots before they reach the edge)
    const raw = (p: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const u = new URL(edge.url);
        http
          .get({ host: u.hostname, port: u.port, path: p }, (res) => {
            let body = "";
            res.on("data", (c: Buffer) => (body += c.toString()));
            res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), body }));
          })
          .on("error", reject);
      });
    for (const p of ["/api/v1/evidence/../../../etc/passwd", "/api/v1/evidence/%2e%2e/%2e%2e/metrics"]) {
      const r = await raw(p);
      expect(r.status).toBe(404);
      expect(r.type).toMatch(/^application\/json/);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: "not_found" } });
    }
    expect(hits).toEqual([]);
  });
});
