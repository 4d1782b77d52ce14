import { invalidateEdge } from "@/lib/http/invalidate-edge";

let last = 0;

/**
 * After a report the counts on the page changed: the page cache is told at most once a second,
 * so a burst of reports costs one re-render, not one each.
 */
export function invalidateAfterReport(now: number = Date.now()): void {
  if (now - last < 1000) return;
  last = now;
  invalidateEdge();
}
