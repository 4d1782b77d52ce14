import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { request } from "undici";
import { startEdge, type Edge } from "@/edge/edge-server";
import { logger } from "@/lib/log";

/**
 * An outage confirmed is shown at once, not a bound later. A routine invalidation (new results)
 * may leave a copy answered for up to the bound; an urgent one (an outage confirmed or ended, a
 * statement) expires every copy at once and tells the open change streams, whose pages then ask
 * for themselves: one render per page, shared by all its readers.
 */
const TOKEN = "test-internal-token-456";
let origin: http.Server;
let edge: Edge;
let version = 1;
let hits: string[] = [];

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const v = version;
    // a render takes a little while, as a real page does
    setTimeout(() => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`v${v} ${req.url}`);
    }, 30);
  });
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  edge = await startEdge({
    port: 0,
    host: "127.0.0.1",
    upstreamPort: (origin.address() as AddressInfo).port,
    token: TOKEN,
    log: logger("test"),
    // as in production: copies stay fresh for 2 s through routine invalidations
    minFreshMs: 2_000,
    rewarmWindowMs: 60_000,
  });
});
afterAll(async () => {
  await edge.close();
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
});
beforeEach(() => {
  hits = [];
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await request(`${edge.url}${path}`, { headers });
  return { status: r.statusCode, body: await r.body.text(), headers: r.headers };
};
const invalidate = (urgent: boolean) =>
  request(`${edge.url}/_edge/invalidate${urgent ? "?urgent=1" : ""}`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => {
    expect(r.statusCode).toBe(204);
    return r.body.dump();
  });

/** Opens the change stream; `events` collects each event's name and when it arrived. */
function openStream(headers: Record<string, string> = {}) {
  const events: { name: string; at: number; data: { version: number } }[] = [];
  let status = 0;
  let contentType = "";
  const opened = new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(`${edge.url}/api/v1/changes`, { headers }, (res) => {
      status = res.statusCode ?? 0;
      contentType = String(res.headers["content-type"] ?? "");
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (name && data) events.push({ name, at: Date.now(), data: JSON.parse(data) as { version: number } });
        }
      });
      resolve(res);
    });
    req.on("error", reject);
  });
  return { events, opened, status: () => status, contentType: () => contentType };
}
const waitFor = async (cond: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("urgent changes at the edge", () => {
  it("a routine invalidation leaves the copy answered within the bound; an urgent one never does", async () => {
    version = 10;
    expect((await get("/ko/services/a")).body).toContain("v10");
    version = 11;
    await invalidate(false);
    // younger than minFreshMs (2 s): still the copy
    expect((await get("/ko/services/a")).body).toContain("v10");
    version = 12;
    await invalidate(true);
    const r = await get("/ko/services/a");
    expect(r.body).toContain("v12");
    expect(r.headers["x-cache"]).not.toBe("HIT");
  });

  it("open streams hear of an urgent change at once; their refreshes then share one render per page", async () => {
    version = 20;
    await get("/ko/services/b");
    await get("/api/v1/services/b/meter");
    const s = openStream();
    const res = await s.opened;
    expect(s.status()).toBe(200);
    expect(s.contentType()).toMatch(/^text\/event-stream/);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-accel-buffering"]).toBe("no");
    await waitFor(() => s.events.some((e) => e.name === "hello"), 1_000);

    version = 21;
    hits = [];
    const sent = Date.now();
    await invalidate(true);
    await waitFor(() => s.events.some((e) => e.name === "change"), 1_000);
    const change = s.events.find((e) => e.name === "change")!;
    // announced as the invalidation arrives, not after any render
    expect(change.at - sent).toBeLessThan(200);
    expect(hits).toEqual([]);
    // twenty open pages refresh at once: each gets the new copy, and the origin renders each page once
    const pages = await Promise.all(Array.from({ length: 20 }, () => get("/ko/services/b")));
    const meters = await Promise.all(Array.from({ length: 20 }, () => get("/api/v1/services/b/meter")));
    for (const r of [...pages, ...meters]) expect(r.body).toContain("v21");
    expect(hits.filter((h) => h === "/ko/services/b")).toHaveLength(1);
    expect(hits.filter((h) => h === "/api/v1/services/b/meter")).toHaveLength(1);
    res.destroy();
  });

  it("a routine invalidation tells no stream (pages keep their 10 s refresh for those)", async () => {
    const s = openStream();
    const res = await s.opened;
    await waitFor(() => s.events.length === 1, 1_000);
    await invalidate(false);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(s.events.map((e) => e.name)).toEqual(["hello"]);
    res.destroy();
  });

  it("streams are bounded per client: the ninth from one address is refused with 503 (EventSource then stops retrying)", async () => {
    await waitFor(() => edge.live.size() === 0, 1_000);
    const open = Array.from({ length: 8 }, () => openStream());
    const responses = await Promise.all(open.map((s) => s.opened));
    expect(open.map((s) => s.status())).toEqual(Array(8).fill(200));
    const ninth = openStream();
    const refused = await ninth.opened;
    expect(ninth.status()).toBe(503);
    refused.resume();
    // a closed stream gives its place back
    responses[0]!.destroy();
    await waitFor(() => edge.live.size() === 7, 1_000);
    const again = openStream();
    const res = await again.opened;
    expect(again.status()).toBe(200);
    for (const r of [...responses.slice(1), res]) r.destroy();
  });

  it("a browser is told to ask again every time, never to answer from a stale copy while it revalidates", async () => {
    // (Chrome honours stale-while-revalidate: a page's refresh after a change would be answered from its own old copy)
    for (const path of ["/ko/services/c", "/api/v1/services/c/meter"]) {
      await get(path);
      const r = await get(path);
      expect(r.headers["x-cache"]).toBe("HIT");
      expect(r.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("an edge that trusts this address as a proxy gives shared-cache directives only to what it forwards for a client", async () => {
    const trusting = await startEdge({
      port: 0,
      host: "127.0.0.1",
      upstreamPort: (origin.address() as AddressInfo).port,
      token: TOKEN,
      log: logger("test"),
      trustedProxies: ["127.0.0.1"],
    });
    try {
      const at = (headers: Record<string, string>) => request(`${trusting.url}/ko/services/d`, { headers }).then(async (r) => (await r.body.dump(), r.headers));
      expect((await at({}))["cache-control"]).toBe("no-cache");
      expect((await at({ "x-forwarded-for": "203.0.113.7" }))["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    } finally {
      await trusting.close();
    }
  });

  it("the urgent flag needs the internal token like any invalidation", async () => {
    const r = await request(`${edge.url}/_edge/invalidate?urgent=1`, { method: "POST", headers: { authorization: "Bearer wrong" } });
    expect(r.statusCode).toBe(401);
    await r.body.dump();
  });
});
