import { gzipSync } from "node:zlib";
import { entryState, type EntryState, type Freshness } from "./freshness";

/**
 * The public site's cache: whole responses (pages, their RSC payloads, public
 * JSON) kept in memory and served to everyone, so a flood of readers costs one
 * render per page per change instead of one per reader. How long a copy may be
 * answered is edge/freshness.ts: the invalidations (new results) that arrived
 * since its render began say how far behind it is.
 */
export type CachedResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer | null;
  /** the data version when its render began */
  version: number;
  /** when its render began: the data it shows is at least this recent */
  builtAt: number;
  /** content-addressed (/_next/static): never goes stale */
  immutable?: boolean;
};

export type PageCache = {
  get(key: string): CachedResponse | undefined;
  set(key: string, value: Omit<CachedResponse, "gzip" | "builtAt"> & { builtAt?: number }): CachedResponse;
  state(entry: CachedResponse): EntryState;
  isFresh(entry: CachedResponse): boolean;
  /**
   * New results arrived: every entry is behind from now on. `urgent`: the public record changed (an
   * outage opened or closed, a statement): no entry rendered before it is answered again, not even within the bound.
   */
  invalidate(urgent?: boolean): number;
  version(): number;
  size(): number;
  now(): number;
  /** one refresh per key at a time */
  singleFlight<T>(key: string, work: () => Promise<T>): Promise<T>;
};

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|atom\+xml)|image\/svg\+xml|text\/x-component)/;

export function createPageCache(opts: Freshness & { maxEntries: number; minFreshMs?: number; now?: () => number }): PageCache {
  const policy = { boundMs: opts.boundMs, ceilingMs: opts.ceilingMs, minFreshMs: opts.minFreshMs ?? 0 };
  const now = opts.now ?? Date.now;
  const entries = new Map<string, CachedResponse>();
  const inflight = new Map<string, Promise<unknown>>();
  let version = 0;
  // The newest version an urgent invalidation began: entries rendered before it are expired at once.
  let urgentVersion = 0;
  // When each version began (its invalidation arrived). Older than the ceiling they no longer
  // matter: an entry they concern is expired anyway, and a missing time counts as expired.
  const versionStart = new Map<number, number>();
  const invalidatedAt = (e: CachedResponse): number | null => (e.version === version ? null : (versionStart.get(e.version + 1) ?? -Infinity));
  const state = (e: CachedResponse): EntryState => {
    if (e.immutable) return "fresh";
    if (e.version < urgentVersion) return "expired";
    return entryState({ builtAt: e.builtAt, invalidatedAt: invalidatedAt(e) }, now(), policy);
  };
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
      const entry: CachedResponse = { ...value, gzip, builtAt: value.builtAt ?? now() };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
      return entry;
    },
    state,
    isFresh: (e) => state(e) === "fresh",
    invalidate: (urgent = false) => {
      const t = now();
      versionStart.set(++version, t);
      if (urgent) urgentVersion = version;
      for (const [v, at] of versionStart) {
        if (at >= t - opts.ceilingMs) break;
        versionStart.delete(v);
      }
      return version;
    },
    version: () => version,
    size: () => entries.size,
    now,
    singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = inflight.get(key) as Promise<T> | undefined;
      if (running) return running;
      const p = work().finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
  };
}
