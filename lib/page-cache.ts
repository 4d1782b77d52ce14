import { request } from "undici";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";

/**
 * Tells the page cache (edge/) that new results arrived, so cached public pages
 * refresh. At most one call in flight; never blocks the caller; a no-op when the
 * process was not started by the supervisor (no URL or token).
 */
export function pageCacheInvalidator(log: Logger): () => void {
  const url = env.LEDGER_INVALIDATE_URL;
  const token = env.LEDGER_INTERNAL_TOKEN;
  if (!url || !token) return () => {};
  let busy = false;
  return () => {
    if (busy) return;
    busy = true;
    request(url, { method: "POST", headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) })
      .then((r) => r.body.dump())
      .catch((err: unknown) => log.debug({ err: (err as Error).message }, "page cache not reachable"))
      .finally(() => {
        busy = false;
      });
  };
}
