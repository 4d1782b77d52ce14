import { request } from "undici";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

const log = logger("web");

/**
 * Tells the page cache that the public record changed (an operator's statement,
 * a decision), so cached public pages are refreshed now rather than within
 * their maximum age. Never blocks or fails the action.
 */
export function invalidateEdge(): void {
  const url = env.LEDGER_INVALIDATE_URL;
  const token = env.LEDGER_INTERNAL_TOKEN;
  if (!url || !token) return;
  request(url, { method: "POST", headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) })
    .then((r) => r.body.dump())
    .catch((err: unknown) => log.debug({ err: (err as Error).message }, "page cache not reachable"));
}
