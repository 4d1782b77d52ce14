import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log";

/**
 * The worker's calls to the page caches: every cache of the group is told (its own edge and its peers'),
 * one call in flight per cache, and a call made meanwhile is sent after it — an urgent change (an outage
 * confirmed) is never dropped because a routine one was still on its way.
 */
type Hit = { url: string; auth: string };
const servers: http.Server[] = [];
const hits: Hit[][] = [[], []];
let invalidate: (urgent?: boolean) => void;

beforeAll(async () => {
  for (const i of [0, 1]) {
    const s = http.createServer((req, res) => {
      hits[i]!.push({ url: req.url ?? "", auth: String(req.headers.authorization ?? "") });
      // a slow answer keeps the first call in flight while the next ones are made
      setTimeout(() => res.writeHead(204).end(), 100);
    });
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    servers.push(s);
  }
  const urls = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/_edge/invalidate`);
  vi.stubEnv("LEDGER_INVALIDATE_URL", urls.join(","));
  vi.stubEnv("LEDGER_INTERNAL_TOKEN", "a-token-of-sixteen-chars");
  vi.resetModules();
  const { pageCacheInvalidator } = await import("@/lib/page-cache");
  invalidate = pageCacheInvalidator(logger("test"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
});

describe("telling the page caches", () => {
  it("tells every cache; calls made while one is in flight become one call after it, urgent if any was", async () => {
    invalidate(false); // in flight
    invalidate(false);
    invalidate(true); // must not be lost
    invalidate(false);
    await new Promise((r) => setTimeout(r, 500));
    for (const h of hits) {
      expect(h.map((x) => x.url)).toEqual(["/_edge/invalidate", "/_edge/invalidate?urgent=1"]);
      expect(h.every((x) => x.auth === "Bearer a-token-of-sixteen-chars")).toBe(true);
    }
  });
});
