import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: Request) => Promise<Response>;

/**
 * Serves a Next.js route handler over a real HTTP server on 127.0.0.1, as the web
 * process would: the request body and headers arrive over a socket, the answer
 * goes back over it. `stop()` closes the port (clients get connection refused);
 * `start()` opens it again on the same port. `loseAnswers(n)` handles the next n
 * requests but cuts the connection instead of answering.
 */
export async function serveRoute(
  handler: Handler,
): Promise<{ url: string; port: number; start: () => Promise<void>; stop: () => Promise<void>; requests: () => number; loseAnswers: (n: number) => void }> {
  let count = 0;
  let lose = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      count++;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = Buffer.concat(chunks);
      handler(
        new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body }),
      )
        .then(async (r) => {
          // The request was handled, but its answer never reaches the client (a connection cut at the worst moment).
          if (lose > 0) {
            lose--;
            res.destroy();
            return;
          }
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(err));
        });
    });
  });
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as AddressInfo).port;
        server.off("error", reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await start();
  return { url: `http://127.0.0.1:${port}`, port, start, stop, requests: () => count, loseAnswers: (n) => (lose = n) };
}

/** Polls a condition every 50 ms until it holds; fails with `what` after `timeoutMs`. Waits for events, not for time. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
