import http from "node:http";
import type { AddressInfo } from "node:net";
import { timingSafeEqual, createHash } from "node:crypto";
import type { Logger } from "@/lib/log";
import { normalizeUrl } from "./cache-key";
import { cacheControl, DEFAULT_FRESHNESS, type Freshness } from "./freshness";
import { createLiveChanges, type LiveChanges } from "./live-changes";
import { createPageCache, type CachedResponse, type PageCache } from "./page-cache";
import { createRateLimiter } from "./rate-limiter";

/**
 * The public entrance: a small HTTP server in front of the Next.js server.
 * Public reads are answered from the page cache (edge/page-cache.ts); anything
 * else, and anything carrying a cookie or credentials, goes straight through.
 * The worker calls POST /_edge/invalidate (with the internal token) whenever new
 * results are stored; the edge then re-renders the pages readers have asked for
 * recently, in the background, so the next reader gets the new state rather than
 * the stale copy (a reader refreshing every 10 s would otherwise see a change one
 * refresh late). A copy behind the newest results by more than the bound, or older
 * than the ceiling (edge/freshness.ts), is never answered: the reader waits for the render.
 */
export type EdgeOptions = {
  port: number;
  host?: string;
  upstreamPort: number;
  token: string;
  /** how far behind the newest results, and how old, an answer may be (default 5 s / 15 s) */
  freshness?: Freshness;
  maxEntries?: number;
  minFreshMs?: number;
  /** re-render on invalidation the entries read within this window (0: only on the next read) */
  rewarmWindowMs?: number;
  log: Logger;
  /** an authenticated invalidation arrived here (the cluster primary relays it to the other workers) */
  onInvalidate?: (urgent: boolean) => void;
  /** the public API's rate limit per client address (requests per minute, burst) */
  apiRate?: { perMinute: number; burst: number };
  /** the agents' endpoint: a limit per agent (named in x-ledger-agent, at its address) and one per address */
  agentRate?: { perAgent: { perMinute: number; burst: number }; perAddress: { perMinute: number; burst: number } };
  /** proxies in front of the edge whose X-Forwarded-For is believed */
  trustedProxies?: string[];
  /** the clock (tests) */
  now?: () => number;
};
export type Edge = {
  url: string;
  cache: PageCache;
  /**
   * New results arrived (relayed from another edge worker): stale now, re-rendered shortly. `urgent`: the
   * record changed (an outage confirmed or ended, a statement): expired at once, re-rendered now, and the
   * readers' open pages told to refresh (edge/live-changes.ts).
   */
  invalidate: (urgent?: boolean) => void;
  live: LiveChanges;
  close: () => Promise<void>;
};

const MAX_CACHED_BODY = 8 * 1024 * 1024;
const CACHEABLE = [
  /^\/$/,
  /^\/(ko|en)(\/.*)?$/,
  /^\/_next\/static\//,
  /^\/(icon\.svg|favicon\.ico|robots\.txt)$/,
  /^\/api\/v1\/(services|openapi\.json|feed\.atom)(\/.*)?$/,
];
// Large or per-request answers: exports, PDFs and metrics always go to the origin. So does
// everything about signing in and acting (pages carry per-browser CSRF tokens and cookies):
// it is never cached, never shared between users.
const NEVER = [
  /\/results(\/|$|\?)/,
  /\.csv(\?|$)/,
  /\.pdf(\?|$)/,
  /\/pdf(\?|$)/,
  /^\/metrics/,
  /^\/_edge\//,
  /^\/(ko|en)\/(sign-in|desk|admin)(\/|$|\?)/,
  // a subscription's confirm and unsubscribe pages carry its token in the address: one reader's own
  /^\/(ko|en)\/subscriptions(\/|$|\?)/,
  /^\/(auth|actions)\//,
  /\/reports\/challenge(\?|$)/, // bound to the client that asks
];
const VARY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];
const VARY = ["accept-encoding", ...VARY_HEADERS].join(", ");
// What goes straight through is someone's own (cookies, exports): no cache in front may keep it.
const PRIVATE = "private, no-store";
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authorization",
  "proxy-authenticate",
  "content-length",
  "content-encoding",
  "date",
  "set-cookie",
]);

/** The client's address: the socket's, or, behind a trusted proxy, the last address that proxy saw. */
export function clientAddress(req: http.IncomingMessage, trusted: ReadonlySet<string>): string {
  const socket = req.socket.remoteAddress ?? "";
  if (!trusted.has(socket)) return socket;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded.at(-1) ?? socket;
}

/** The cache key, and the URL the origin is asked for (only the parameters the route reads); null: not cached. */
export function cacheKey(req: http.IncomingMessage): { key: string; forward: string } | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (req.headers.cookie || req.headers.authorization) return null;
  const url = req.url ?? "/";
  const { path, key, forward } = normalizeUrl(url, Boolean(req.headers.rsc));
  if (!CACHEABLE.some((r) => r.test(path)) || NEVER.some((r) => r.test(url))) return null;
  return { key: `${key} ${VARY_HEADERS.map((h) => req.headers[h] ?? "").join("|")}`, forward };
}

type Upstream = { url: string; headers: http.IncomingHttpHeaders };
/** A cached response, or an answer that may not be kept (an error, a cookie, too large) */
type Answer = CachedResponse & { uncacheable?: boolean };
type Recipe = Upstream & { lastReadAt: number };
const REWARM_CONCURRENCY = 2;
/** What a browser is told of a public answer: ask again every time (the edge answers from its cache). */
export const BROWSER_CONTROL = "no-cache";

export async function startEdge(opts: EdgeOptions): Promise<Edge> {
  const maxEntries = opts.maxEntries ?? 2_000;
  const minFreshMs = opts.minFreshMs ?? 2_000;
  const rewarmWindowMs = opts.rewarmWindowMs ?? 60_000;
  const freshness = opts.freshness ?? DEFAULT_FRESHNESS;
  const now = opts.now ?? Date.now;
  const cache = createPageCache({ ...freshness, maxEntries, minFreshMs, now });
  const live = createLiveChanges({ version: () => cache.version(), now });
  const apiLimiter = opts.apiRate ? createRateLimiter(opts.apiRate) : null;
  const agentLimiter = opts.agentRate ? createRateLimiter({ ...opts.agentRate.perAgent, now }) : null;
  const agentAddressLimiter = opts.agentRate ? createRateLimiter({ ...opts.agentRate.perAddress, now }) : null;
  const trusted = new Set(opts.trustedProxies ?? []);
  const tokenDigest = createHash("sha256").update(opts.token).digest();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  // Pass-through requests (sign-in, actions, exports) each get a connection of their own: a kept-alive
  // socket the origin closes just as it is reused fails the request ("socket hang up"), and a POST's body
  // cannot be sent again. Cached pages share kept-alive sockets and are asked once more on a fresh one.
  const passAgent = new http.Agent({ keepAlive: false, maxSockets: 256 });
  const fetchUpstream = async (req: Upstream): Promise<Omit<CachedResponse, "gzip"> & { cacheable: boolean }> => {
    try {
      return await fetchOnce(req);
    } catch (err) {
      if (!isStaleSocket(err)) throw err;
      return fetchOnce(req);
    }
  };
  const fetchOnce = (req: Upstream): Promise<Omit<CachedResponse, "gzip"> & { cacheable: boolean }> =>
    new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { "accept-encoding": "identity", host: req.headers.host ?? "localhost" };
      for (const h of [...VARY_HEADERS, "accept", "accept-language", "user-agent"]) if (req.headers[h]) headers[h] = req.headers[h];
      // Taken before asking: results stored from here on may be missing from the answer.
      const version = cache.version();
      const builtAt = now();
      const up = http.request({ host: "127.0.0.1", port: opts.upstreamPort, method: "GET", path: req.url, headers, agent, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size <= MAX_CACHED_BODY) chunks.push(c);
        });
        res.on("end", () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = Array.isArray(v) ? v.join(", ") : v;
          const cacheable = res.statusCode === 200 && size <= MAX_CACHED_BODY && !res.headers["set-cookie"];
          const immutable = req.url.startsWith("/_next/static/");
          resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks), version, builtAt, immutable, cacheable });
        });
        res.on("error", reject);
      });
      up.on("timeout", () => up.destroy(new Error("origin timed out")));
      up.on("error", reject);
      up.end();
    });

  const refresh = (key: string, req: Upstream): Promise<Answer> =>
    cache.singleFlight(key, async () => {
      const { cacheable, ...r } = await fetchUpstream(req);
      return cacheable ? cache.set(key, r) : { ...r, gzip: null, uncacheable: true };
    });

  // What readers asked for lately, so an invalidation can re-render it before they ask again.
  const recipes = new Map<string, Recipe>();
  const noteRead = (key: string, up: Upstream) => {
    if (rewarmWindowMs === 0 || up.url.startsWith("/_next/static/")) return;
    recipes.delete(key);
    recipes.set(key, { ...up, lastReadAt: now() });
    if (recipes.size > maxEntries) recipes.delete(recipes.keys().next().value!);
  };
  let rewarmTimer: NodeJS.Timeout | null = null;
  // One pass at a time: results that arrive during a pass ask for one more pass after it, never a second
  // beside it, so background renders at the origin stay at REWARM_CONCURRENCY however often results come.
  let rewarming = false;
  let rewarmAgain = false;
  const rewarm = async () => {
    rewarmTimer = null;
    if (rewarming) {
      rewarmAgain = true;
      return;
    }
    rewarming = true;
    try {
      do {
        rewarmAgain = false;
        await rewarmPass();
      } while (rewarmAgain);
    } finally {
      rewarming = false;
    }
  };
  const rewarmPass = async () => {
    const since = now() - rewarmWindowMs;
    const due: [string, Recipe][] = [];
    for (const [key, r] of recipes) {
      if (r.lastReadAt < since) recipes.delete(key);
      else due.push([key, r]);
    }
    // Most recently read first; a couple at a time, so probes and readers keep the CPU. A page a reader
    // refreshed meanwhile is skipped.
    due.reverse();
    const stale = ([key]: [string, Recipe]) => {
      const entry = cache.get(key);
      return entry !== undefined && !cache.isFresh(entry);
    };
    for (let i = 0; i < due.length; i += REWARM_CONCURRENCY) {
      await Promise.allSettled(
        due
          .slice(i, i + REWARM_CONCURRENCY)
          .filter(stale)
          .map(([key, r]) => refresh(key, r)),
      );
    }
  };
  // Entries stay fresh for minFreshMs through an invalidation; re-render once that has passed.
  const scheduleRewarm = () => {
    if (rewarmWindowMs === 0 || rewarmTimer) return;
    rewarmTimer = setTimeout(() => void rewarm().catch((err: unknown) => opts.log.warn({ err: (err as Error).message }, "re-render failed")), minFreshMs);
  };
  // An urgent change expires every copy and is announced at once: the pages open right now ask for
  // themselves, one render per page however many readers share it (singleFlight), ahead of the background
  // pass, which comes minFreshMs later and skips what their readers already had rendered again.
  const invalidate = (urgent = false) => {
    cache.invalidate(urgent);
    if (urgent) live.announce(cache.version());
    scheduleRewarm();
  };

  // Response headers are built once per entry and variant, not per reader: the hot path only writes.
  const prepared = new WeakMap<CachedResponse, Map<string, string[]>>();
  const headersFor = (e: CachedResponse, gz: boolean, state: string): string[] => {
    let byVariant = prepared.get(e);
    if (!byVariant) prepared.set(e, (byVariant = new Map()));
    const variant = `${gz}|${state}`;
    let h = byVariant.get(variant);
    if (!h) {
      h = [];
      for (const [k, v] of Object.entries(e.headers)) if (k !== "cache-control" && k !== "vary" && k !== "last-modified" && k !== "age") h.push(k, v);
      h.push("vary", VARY, "last-modified", new Date(e.builtAt).toUTCString());
      h.push("x-cache", state, "content-length", String((gz ? e.gzip! : e.body).length));
      if (gz) h.push("content-encoding", "gzip");
      byVariant.set(variant, h);
    }
    return h;
  };

  const send = (req: http.IncomingMessage, res: http.ServerResponse, e: Answer, state: string) => {
    const gz = e.gzip !== null && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const age = Math.max(0, now() - e.builtAt);
    // Only a shared cache the operator put in front (a trusted proxy, forwarding for a client) may keep a copy for s-maxage and answer it
    // stale while it revalidates. A browser must not: Chrome honours stale-while-revalidate too, and would answer
    // a page's refresh from its own stale copy — the very refresh meant to show an outage just confirmed.
    const control = e.uncacheable
      ? "no-store"
      : e.immutable
        ? "public, max-age=31536000, immutable"
        : trusted.has(req.socket.remoteAddress ?? "") && req.headers["x-forwarded-for"] !== undefined
          ? cacheControl(age, freshness)
          : BROWSER_CONTROL;
    res.writeHead(e.status, [...headersFor(e, gz, state), "age", String(Math.floor(age / 1000)), "cache-control", control]);
    res.end(req.method === "HEAD" ? undefined : gz ? e.gzip! : e.body);
  };

  const passThrough = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const up = http.request(
      {
        host: "127.0.0.1",
        port: opts.upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": clientAddress(req, trusted) },
        agent: passAgent,
      },
      (r) => {
        if (!/\bimmutable\b/.test(String(r.headers["cache-control"] ?? ""))) r.headers["cache-control"] = PRIVATE;
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on("error", (err) => {
      opts.log.warn({ err: err.message, url: req.url }, "origin unreachable");
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end("origin unreachable");
    });
    req.pipe(up);
  };

  const server = http.createServer((req, res) => {
    if ((req.url === "/_edge/invalidate" || req.url === "/_edge/invalidate?urgent=1") && req.method === "POST") {
      const given = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
      const ok = timingSafeEqual(createHash("sha256").update(given).digest(), tokenDigest);
      res.writeHead(ok ? 204 : 401).end();
      if (ok) {
        const urgent = req.url.endsWith("?urgent=1");
        invalidate(urgent);
        opts.onInvalidate?.(urgent);
      }
      req.resume();
      return;
    }
    // Next resolves dot segments before any route sees the path, so /api/v1/evidence/../../x would land on
    // an HTML page: an API path with a dot segment (raw or percent-encoded) gets the API's JSON 404 here.
    if (req.url && isApiPathWithDotSegment(req.url)) {
      req.resume();
      res.writeHead(404, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "no such resource: the path has a '.' or '..' segment" } }));
      return;
    }
    const refuse = (wait: number, what: string) => {
      req.resume();
      res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": String(wait), "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "rate_limited", message: `too many requests from this ${what}; retry after ${wait} s` } }));
    };
    // Probe agents drain a backlog faster than the public API allows, so they have their own limits.
    // The agent's name is unverified here: it is counted at its address, so nobody can use up another's share.
    if (req.url?.startsWith("/api/v1/agents/")) {
      if (agentLimiter && agentAddressLimiter) {
        const address = clientAddress(req, trusted);
        const name = String(req.headers["x-ledger-agent"] ?? "").slice(0, 64);
        const agentWait = agentLimiter.take(`${name}@${address}`);
        if (agentWait !== null) return refuse(agentWait, "agent");
        const wait = agentAddressLimiter.take(address);
        if (wait !== null) return refuse(wait, "address");
      }
    } else if (apiLimiter && req.url?.startsWith("/api/")) {
      const wait = apiLimiter.take(clientAddress(req, trusted));
      if (wait !== null) return refuse(wait, "address");
    }
    if (live.handle(req, res, clientAddress(req, trusted))) return;
    const keyed = cacheKey(req);
    if (!keyed) return passThrough(req, res);
    const { key } = keyed;
    const up: Upstream = { url: keyed.forward, headers: req.headers };
    noteRead(key, up);
    const entry = cache.get(key);
    const state = entry ? cache.state(entry) : "expired";
    if (entry && state === "fresh") return send(req, res, entry, "HIT");
    // Behind by less than the bound: answered now, refreshed for the next reader.
    if (entry && state === "stale") {
      send(req, res, entry, "STALE");
      refresh(key, up).catch((err: unknown) => opts.log.warn({ err: (err as Error).message, key }, "refresh failed; serving stale"));
      return;
    }
    // Missing, or too far behind to answer from: every reader waits for the same render.
    refresh(key, up).then(
      (e) => send(req, res, e, entry ? "EXPIRED" : "MISS"),
      (err: unknown) => {
        opts.log.warn({ err: (err as Error).message, url: req.url }, "origin unreachable");
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end("origin unreachable");
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  // A flood opens many connections at once: a deep accept queue keeps them from being dropped and retried.
  await new Promise<void>((resolve) => server.listen({ port: opts.port, host: opts.host ?? "0.0.0.0", backlog: 4096 }, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cache,
    invalidate,
    live,
    close: () =>
      new Promise<void>((resolve) => {
        if (rewarmTimer) clearTimeout(rewarmTimer);
        live.close();
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
        passAgent.destroy();
      }),
  };
}

/** An /api/ path (before any decoding by the framework) with a "." or ".." segment, raw or percent-encoded. */
export function isApiPathWithDotSegment(url: string): boolean {
  const pathPart = url.split(/[?#]/, 1)[0]!;
  if (!/^\/api(\/|%2f)/i.test(pathPart)) return false;
  return pathPart.split(/\/|%2f|%5c|\\/i).some((seg) => /^(\.|%2e){1,2}$/i.test(seg));
}

/** A kept-alive socket the origin had closed: the request never reached it, so asking again is safe. */
function isStaleSocket(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === "ECONNRESET" || e.message === "socket hang up";
}
