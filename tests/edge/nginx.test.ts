import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { startEdge, type Edge } from "@/edge/edge-server";
import { logger } from "@/lib/log";
import { startNginx, type RunningNginx } from "../helpers/nginx";

/**
 * The shipped nginx configuration (deploy/nginx/uptime-ledger.conf), run for real:
 * Debian's nginx as a child process with its own prefix, in front of two edge
 * servers, in front of one origin whose pages carry a data version and their
 * render time. Needs nginx installed (.ci/run installs it); real time, so a short
 * bound and ceiling (1 s / 4 s) keep it quick.
 */
const BOUND_MS = 1_000;
const CEILING_MS = 4_000;
// nginx's clock has whole seconds and is read once per event-loop turn; the edge leaves 1 s for it
const SLACK_MS = 300;

let running: RunningNginx | undefined;
let origin: http.Server;
const edges: Edge[] = [];
let base: string;
let version = 1;
let hits: { url: string; cookie: string; xff: string }[] = [];

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    hits.push({ url: req.url ?? "", cookie: req.headers.cookie ?? "", xff: String(req.headers["x-forwarded-for"] ?? "") });
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`v${version} rendered=${Date.now()} ${req.url}`);
  });
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  const upstreamPort = (origin.address() as AddressInfo).port;
  for (let i = 0; i < 2; i++) {
    edges.push(
      await startEdge({
        port: 0,
        host: "127.0.0.1",
        upstreamPort,
        token: "test-internal-token-123",
        log: logger("test"),
        rewarmWindowMs: 0,
        freshness: { boundMs: BOUND_MS, ceilingMs: CEILING_MS },
        trustedProxies: ["127.0.0.1"],
      }),
    );
  }
  running = await startNginx(edges.map((e) => e.url.replace("http://", "")));
  base = running.base;
});

afterAll(async () => {
  await running?.stop();
  for (const e of edges) await e.close();
  origin?.closeAllConnections();
  await new Promise<void>((r) => (origin ? origin.close(() => r()) : r()));
});

const read = async (p: string, headers: Record<string, string> = {}) => {
  const r = await request(`${base}${p}`, { headers });
  const body = await r.body.text();
  const m = /^v(\d+) rendered=(\d+)/.exec(body);
  return { status: r.statusCode, body, version: m ? Number(m[1]) : NaN, renderedAt: m ? Number(m[2]) : NaN, at: Date.now(), headers: r.headers };
};
/** A client on 127.0.0.2 (undici does not bind a local address; node:http does). */
const fromOtherAddress = (p: string, headers: Record<string, string>) =>
  new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
    http
      .get(`${base}${p}`, { headers, localAddress: "127.0.0.2" }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.headers));
      })
      .on("error", reject);
  });
const invalidateAll = () =>
  Promise.all(
    edges.map((e) =>
      request(`${e.url}/_edge/invalidate`, { method: "POST", headers: { authorization: "Bearer test-internal-token-123" } }).then((r) => r.body.dump()),
    ),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("nginx in front of two edges (deploy/nginx/uptime-ledger.conf)", () => {
  it("after new results, nothing read through nginx is older than the ceiling, and the new version arrives within it", async () => {
    version = 1;
    await read("/ko/services/a");
    await sleep(500);
    version = 2;
    const changedAt = Date.now();
    await invalidateAll();
    const reads = [];
    while (Date.now() - changedAt < CEILING_MS + 1_500) {
      reads.push(await read("/ko/services/a"));
      await sleep(100);
    }
    for (const r of reads) {
      expect(r.status).toBe(200);
      expect(r.at - r.renderedAt, `a body rendered ${r.at - r.renderedAt} ms before it was read`).toBeLessThanOrEqual(CEILING_MS + SLACK_MS);
      if (r.at - changedAt > CEILING_MS + SLACK_MS) expect(r.version).toBe(2);
    }
    // nginx did keep answers (it honours s-maxage / stale-while-revalidate): not just a pass-through
    expect(reads.filter((r) => r.headers["x-proxy-cache"] === "HIT").length).toBeGreaterThan(3);
    // and browsers are told to ask again every time, whether nginx answered from its copy or not: a browser
    // keeping a copy stale-while-revalidate would answer a page's refresh from it
    for (const r of reads) expect(r.headers["cache-control"], String(r.headers["x-proxy-cache"])).toBe("no-cache");
  });

  it("the first read after an idle spell gets the current data, not the copy from before it", async () => {
    version = 3;
    // nginx takes turns between the edges: both hold a copy
    for (let i = 0; i < 2; i++) expect((await read("/ko/services/idle")).version).toBe(3);
    await sleep(CEILING_MS + 1_200);
    version = 4; // no invalidation: the ceiling alone must make it fresh
    const r = await read("/ko/services/idle");
    expect(r.version).toBe(4);
    expect(r.at - r.renderedAt).toBeLessThan(1_000);
  });

  it("unknown query parameters neither bypass the edge's cache nor reach the origin", async () => {
    hits = [];
    for (let i = 0; i < 20; i++) await read(`/ko/services/flood?r=${Math.random()}`);
    const renders = hits.filter((h) => h.url.startsWith("/ko/services/flood"));
    // at most one render per edge process; the origin never sees the unknown parameter
    expect(renders.length).toBeLessThanOrEqual(edges.length);
    expect(renders.map((h) => h.url)).toEqual(renders.map(() => "/ko/services/flood"));
  });

  it("a signed-in request is never cached, and the origin sees the client's address from X-Forwarded-For", async () => {
    hits = [];
    for (let i = 0; i < 2; i++) {
      const r = await fromOtherAddress("/ko/services/a", { cookie: "ledger_session=abc", "x-forwarded-for": "203.0.113.9" });
      expect(r["cache-control"]).toBe("private, no-store");
    }
    await fromOtherAddress("/ko/sign-in", {});
    await fromOtherAddress("/ko/sign-in", {});
    expect(hits.map((h) => [h.url, h.cookie, h.xff])).toEqual([
      ["/ko/services/a", "ledger_session=abc", "127.0.0.2"],
      ["/ko/services/a", "ledger_session=abc", "127.0.0.2"],
      ["/ko/sign-in", "", "127.0.0.2"],
      ["/ko/sign-in", "", "127.0.0.2"],
    ]);
  });

  it("the edge's invalidation endpoint is not reachable from outside", async () => {
    const r = await request(`${base}/_edge/invalidate`, { method: "POST", headers: { authorization: "Bearer test-internal-token-123" } });
    await r.body.dump();
    expect(r.statusCode).toBe(404);
  });

  it("the change stream passes through nginx unbuffered: an urgent change arrives at once, and nothing keeps the stream", async () => {
    // two streams, so nginx's turn-taking puts one on each edge; the urgent change reaches both edges
    const streams = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<{ res: http.IncomingMessage; events: { name: string; at: number }[] }>((resolve, reject) => {
            http
              .get(`${base}/api/v1/changes`, (res) => {
                const events: { name: string; at: number }[] = [];
                res.setEncoding("utf8");
                res.on("data", (chunk: string) => {
                  for (const m of chunk.matchAll(/^event: (.+)$/gm)) events.push({ name: m[1]!, at: Date.now() });
                });
                resolve({ res, events });
              })
              .on("error", reject);
          }),
      ),
    );
    for (const s of streams) {
      expect(s.res.statusCode).toBe(200);
      expect(s.res.headers["content-type"]).toMatch(/^text\/event-stream/);
      expect(s.res.headers["x-proxy-cache"] ?? "").not.toBe("HIT");
    }
    const sent = Date.now();
    await Promise.all(
      edges.map((e) =>
        request(`${e.url}/_edge/invalidate?urgent=1`, { method: "POST", headers: { authorization: "Bearer test-internal-token-123" } }).then((r) =>
          r.body.dump(),
        ),
      ),
    );
    const until = Date.now() + 3_000;
    while (streams.some((s) => !s.events.some((e) => e.name === "change")) && Date.now() < until) await sleep(20);
    for (const s of streams) {
      const change = s.events.find((e) => e.name === "change");
      expect(change, "a change event through nginx").toBeTruthy();
      // rewarmWindowMs is 0 here: announced at once; nginx must not hold it back in a buffer
      expect(change!.at - sent).toBeLessThan(500);
      s.res.destroy();
    }
  });
});
