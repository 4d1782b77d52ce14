import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { request } from "undici";
import type { Edge } from "@/edge/edge-server";
import { edgeInFront, TEST_EDGE_TOKEN } from "./edge-in-front";

/**
 * Re-rendering after new results must never crowd out readers: however often results arrive and
 * however many pages were read lately, the edge keeps at most two background renders at the origin.
 * A pass that outlives the next invalidation used to start a second pass beside it, and so on, until
 * the web process did nothing but re-render and a reader's sign-in waited for minutes.
 */
let origin: http.Server;
let edge: Edge;
let inFlight = 0;
let maxInFlight = 0;
let renders = 0;

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    inFlight++;
    renders++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // a page that takes 80 ms to render, like a council page on a busy machine
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`page ${req.url}`);
    }, 80);
  });
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  edge = await edgeInFront(origin, { minFreshMs: 20, rewarmWindowMs: 60_000 });
});
afterAll(async () => {
  await edge.close();
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
});

it("keeps at most two background renders at the origin while results arrive faster than a pass ends", async () => {
  // 30 pages read lately: one pass of re-rendering takes 30 × 80 ms / 2 = 1.2 s
  for (let i = 0; i < 30; i++) await request(`${edge.url}/ko/services/s${i}`).then((r) => r.body.text());
  inFlight = 0;
  maxInFlight = 0;
  renders = 0;
  // results arrive every 50 ms for 1.5 s: 30 invalidations, each a pass's worth of stale pages
  for (let i = 0; i < 30; i++) {
    await request(`${edge.url}/_edge/invalidate`, { method: "POST", headers: { authorization: `Bearer ${TEST_EDGE_TOKEN}` } });
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300));
  expect(maxInFlight).toBeLessThanOrEqual(2);
  // two at a time for ~1.8 s at 80 ms each is at most ~45 renders; overlapping passes made hundreds
  expect(renders).toBeLessThanOrEqual(50);
  // a reader still gets an answer at once from what is there, or after one render
  const started = Date.now();
  const r = await request(`${edge.url}/ko/services/s3`);
  await r.body.text();
  expect(r.statusCode).toBe(200);
  expect(Date.now() - started).toBeLessThan(1_000);
});
