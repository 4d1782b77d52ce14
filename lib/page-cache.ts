import { request } from "undici";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";

/**
 * Tells the page cache (edge/) that new results arrived, so cached public pages
 * refresh; `urgent` when the public record changed (an outage confirmed or ended):
 * the edge then renders the open pages again at once and tells them to refresh.
 * At most one call in flight; a call made meanwhile is sent after it (urgent if any
 * of them was), so an urgent change is never lost behind a routine one. Never blocks
 * the caller; a no-op when the process was not started by the supervisor (no URL or token).
 */
export function pageCacheInvalidator(log: Logger): (urgent?: boolean) => void {
  const url = env.LEDGER_INVALIDATE_URL;
  const token = env.LEDGER_INTERNAL_TOKEN;
  if (!url || !token) return () => {};
  let busy = false;
  let next: { urgent: boolean } | null = null;
  const send = (urgent: boolean) => {
    busy = true;
    request(urgent ? `${url}?urgent=1` : url, { method: "POST", headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) })
      .then((r) => r.body.dump())
      .catch((err: unknown) => log.debug({ err: (err as Error).message }, "page cache not reachable"))
      .finally(() => {
        busy = false;
        const queued = next;
        next = null;
        if (queued) send(queued.urgent);
      });
  };
  return (urgent = false) => {
    if (!busy) return send(urgent);
    next = { urgent: urgent || (next?.urgent ?? false) };
  };
}
