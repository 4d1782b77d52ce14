import { request } from "undici";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";

/**
 * Tells the page caches (edge/: this instance's, and its peers' in a group) that new results arrived, so cached public pages
 * refresh; `urgent` when the public record changed (an outage confirmed or ended):
 * the edge then renders the open pages again at once and tells them to refresh.
 * At most one call in flight; a call made meanwhile is sent after it (urgent if any
 * of them was), so an urgent change is never lost behind a routine one. Never blocks
 * the caller; a no-op when the process was not started by the supervisor (no URL or token).
 */
export function pageCacheInvalidator(log: Logger): (urgent?: boolean) => void {
  const urls = (env.LEDGER_INVALIDATE_URL ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  const token = env.LEDGER_INTERNAL_TOKEN;
  if (urls.length === 0 || !token) return () => {};
  // one sender per page cache: a peer that is down delays nobody else
  const senders = urls.map((url) => sender(url, token, log));
  return (urgent = false) => {
    for (const send of senders) send(urgent);
  };
}

function sender(url: string, token: string, log: Logger): (urgent: boolean) => void {
  let busy = false;
  let next: { urgent: boolean } | null = null;
  const send = (urgent: boolean) => {
    busy = true;
    request(urgent ? `${url}?urgent=1` : url, { method: "POST", headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) })
      .then((r) => r.body.dump())
      .catch((err: unknown) => log.debug({ err: (err as Error).message, url }, "page cache not reachable"))
      .finally(() => {
        busy = false;
        const queued = next;
        next = null;
        if (queued) send(queued.urgent);
      });
  };
  return (urgent) => {
    if (!busy) return send(urgent);
    next = { urgent: urgent || (next?.urgent ?? false) };
  };
}
