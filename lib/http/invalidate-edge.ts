import { logger } from "@/lib/log";
import { pageCacheInvalidator } from "@/lib/page-cache";

const invalidate = pageCacheInvalidator(logger("web"));

/**
 * Tells the page cache that the public record changed (an operator's statement,
 * a decision), so cached public pages are rendered again now and open pages
 * refresh. Never blocks or fails the action.
 */
export function invalidateEdge(): void {
  invalidate(true);
}
