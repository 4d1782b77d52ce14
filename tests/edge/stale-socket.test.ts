import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { request } from "undici";
import type { Edge } from "@/edge/edge-server";
import { edgeInFront } from "./edge-in-front";

/**
 * A kept-alive connection to the origin can be closed by the origin just as the edge reuses it; the
 * request then fails with "socket hang up" and the reader got 502 "origin unreachable" — a sign-in too,
 * which then never reached its page. Here the origin closes every connection on its second request:
 * a cached page is asked once more on a fresh connection, and pass-through requests (a sign-in POST)
 * never share one.
 */
let origin: http.Server;
let edge: Edge;

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    const socket = req.socket as typeof req.socket & { served?: number };
    socket.served = (socket.served ?? 0) + 1;
    if (socket.served > 1) return void socket.destroy();
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`${req.method} ${req.url} ${body}`));
  });
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  edge = await edgeInFront(origin, { minFreshMs: 0, rewarmWindowMs: 0 });
});
afterAll(async () => {
  await edge.close();
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
});

it("answers pages and sign-ins when the origin closes a kept-alive connection as it is reused", async () => {
  for (const path of ["/ko/services/a", "/ko/services/b", "/en/services/c"]) {
    const r = await request(`${edge.url}${path}`);
    expect(r.statusCode, path).toBe(200);
    expect(await r.body.text()).toBe(`GET ${path} `);
  }
  for (let i = 0; i < 3; i++) {
    const r = await request(`${edge.url}/auth/sign-in`, {
      method: "POST",
      body: `username=op${i}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(r.statusCode, `sign-in ${i}`).toBe(200);
    expect(await r.body.text()).toBe(`POST /auth/sign-in username=op${i}`);
  }
});
