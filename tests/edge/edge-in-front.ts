import type http from "node:http";
import type { AddressInfo } from "node:net";
import { startEdge, type Edge, type EdgeOptions } from "@/edge/edge-server";
import { logger } from "@/lib/log";

export const TEST_EDGE_TOKEN = "test-internal-token-123";

/** An edge on a free loopback port in front of a local test origin; `opts` replaces the defaults. */
export function edgeInFront(origin: http.Server, opts: Partial<EdgeOptions> = {}): Promise<Edge> {
  return startEdge({
    port: 0,
    host: "127.0.0.1",
    upstreamPort: (origin.address() as AddressInfo).port,
    token: TEST_EDGE_TOKEN,
    log: logger("test"),
    ...opts,
  });
}
