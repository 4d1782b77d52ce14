import type http from "node:http";

/**
 * GET /api/v1/changes: a stream of server-sent events, one `change` each time the
 * public record changes (an outage confirmed or ended, an operator's statement, a
 * decision), sent as soon as every copy from before it is expired, so that a reader's
 * page asks for itself at once (one render per page, shared by all its readers). Pages
 * keep refreshing every 10 s without it; this makes a change show within a second or two.
 *
 * Each open stream is one socket and a few bytes of memory; the number of streams is
 * bounded per address and in all, and a refused reader falls back to refreshing on its own.
 */
export type LiveChanges = {
  /** answers the request if it asks for the stream; false otherwise */
  handle(req: http.IncomingMessage, res: http.ServerResponse, client: string): boolean;
  /** tells every open stream that the record changed (`version`: the cache's data version) */
  announce(version: number): void;
  size(): number;
  close(): void;
};

export const LIVE_PATH = "/api/v1/changes";
/** a comment line this often keeps proxies (nginx reads for 120 s at most) from closing a quiet stream */
const HEARTBEAT_MS = 25_000;

export function createLiveChanges(opts: { maxStreams?: number; maxPerClient?: number; version: () => number; now?: () => number }): LiveChanges {
  const maxStreams = opts.maxStreams ?? 5_000;
  const maxPerClient = opts.maxPerClient ?? 8;
  const now = opts.now ?? Date.now;
  const streams = new Set<http.ServerResponse>();
  const perClient = new Map<string, number>();

  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(": keep-alive\n\n");
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handle(req, res, client) {
      const path = (req.url ?? "").split("?", 1)[0];
      if (path !== LIVE_PATH) return false;
      req.resume();
      if (req.method !== "GET") {
        res.writeHead(405, { allow: "GET", "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
        res.end(JSON.stringify({ error: { code: "method_not_allowed", message: "GET only" } }));
        return true;
      }
      const mine = perClient.get(client) ?? 0;
      if (streams.size >= maxStreams || mine >= maxPerClient) {
        // EventSource gives up on a 503 (no reconnect storm); the page keeps refreshing every 10 s.
        res.writeHead(503, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "retry-after": "60" });
        res.end(JSON.stringify({ error: { code: "busy", message: "too many open change streams; pages still refresh every 10 s" } }));
        return true;
      }
      perClient.set(client, mine + 1);
      streams.add(res);
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        // nginx passes events on at once instead of buffering them
        "x-accel-buffering": "no",
        connection: "keep-alive",
      });
      // a reconnect waits 10 s: a restarting edge is not met by every reader at once
      res.write(`retry: 10000\nevent: hello\ndata: ${JSON.stringify({ version: opts.version(), at: new Date(now()).toISOString() })}\n\n`);
      res.on("close", () => {
        streams.delete(res);
        const left = (perClient.get(client) ?? 1) - 1;
        if (left <= 0) perClient.delete(client);
        else perClient.set(client, left);
      });
      return true;
    },
    announce(version) {
      const event = `event: change\ndata: ${JSON.stringify({ version, at: new Date(now()).toISOString() })}\n\n`;
      for (const res of streams) res.write(event);
    },
    size: () => streams.size,
    close() {
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      streams.clear();
      perClient.clear();
    },
  };
}
