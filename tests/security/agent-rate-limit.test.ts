import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { startEdge, type Edge } from "@/edge/edge-server";
import { logger } from "@/lib/log";

/**
 * Issue 15 item 5: the agents' endpoint was exempt from the edge's rate limit,
 * so anyone could post to it as fast as the web process would read. It now has
 * a limit per agent (at its address) and one per address.
 */
let origin: http.Server;
let edge: Edge;
let reached = 0;

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    reached++;
    req.resume();
    req.on("end", () => res.writeHead(401, { "content-type": "application/json" }).end('{"error":{"code":"unsigned","message":"x"}}'));
  });
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  edge = await startEdge({
    port: 0,
    host: "127.0.0.1",
    upstreamPort: (origin.address() as AddressInfo).port,
    token: "test-internal-token-123",
    log: logger("test"),
    apiRate: { perMinute: 60, burst: 100 },
    agentRate: { perAgent: { perMinute: 60, burst: 2 }, perAddress: { perMinute: 60, burst: 3 } },
  });
});
afterAll(async () => {
  await edge.close();
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
});

async function postAs(agent: string): Promise<number> {
  const r = await request(`${edge.url}/api/v1/agents/results`, { method: "POST", headers: { "x-ledger-agent": agent }, body: "{}" });
  await r.body.dump();
  return r.statusCode;
}

describe("the agents' endpoint at the edge", () => {
  it("is limited per agent, then per address; what is refused never reaches the web process", async () => {
    const statuses = [await postAs("busan-1"), await postAs("busan-1"), await postAs("busan-1"), await postAs("seoul-1"), await postAs("seoul-1")];
    expect(statuses).toEqual([401, 401, 429, 401, 429]);
    expect(reached).toBe(3);
  });
});
