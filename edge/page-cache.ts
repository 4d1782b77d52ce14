import { gzipSync } from "node:zlib";

/**
 * The public site's cache: whole responses (pages, their RSC payloads, public
 * JSON) kept in memory and served to everyone, so a flood of readers costs one
 * render per page per change instead of one per reader. An entry is fresh while
 * no new results have arrived since it was made (the data version) and it is
 * younger than `maxAgeMs` (and at least `minFreshMs` old before an invalidation
 * counts); a stale entry is still served while one background
 * refresh runs, so readers never wait on the origin for a page that exists.
 */
export type CachedResponse = { status: number; headers: Record<string, string>; body: Buffer; gzip: Buffer | null; version: number; storedAt: number };

export type PageCache = {
  get(key: string): CachedResponse | undefined;
  set(key: string, value: Omit<CachedResponse, "gzip" | "storedAt">): CachedResponse;
  isFresh(entry: CachedResponse): boolean;
  /** new results arrived: every entry is now stale */
  invalidate(): number;
  version(): number;
  size(): number;
  /** one refresh per key at a time */
  singleFlight<T>(key: string, work: () => Promise<T>): Promise<T>;
};

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|atom\+xml)|image\/svg\+xml|text\/x-component)/;

export function createPageCache(opts: { maxAgeMs: number; maxEntries: number; minFreshMs?: number; now?: () => number }): PageCache {
  // Results arrive every few seconds; re-rendering on each would make a flood of readers
  // also a flood of renders. An entry younger than minFreshMs stays fresh through an invalidation.
  const minFresh = opts.minFreshMs ?? 0;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, CachedResponse>();
  const inflight = new Map<string, Promise<unknown>>();
  let version = 0;
  return {
    get: (key) => {
      const e = entries.get(key);
      if (e) {
        // keep recently used entries at the end (least recently used go first)
        entries.delete(key);
        entries.set(key, e);
      }
      return e;
    },
    set(key, value) {
      const type = value.headers["content-type"] ?? "";
      const gzip = COMPRESSIBLE.test(type) && value.body.length > 1024 ? gzipSync(value.body, { level: 6 }) : null;
      const entry: CachedResponse = { ...value, gzip, storedAt: now() };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
      return entry;
    },
    isFresh: (e) => {
      const age = now() - e.storedAt;
      return age < opts.maxAgeMs && (e.version === version || age < minFresh);
    },
    invalidate: () => ++version,
    version: () => version,
    size: () => entries.size,
    singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = inflight.get(key) as Promise<T> | undefined;
      if (running) return running;
      const p = work().finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
  };
}
