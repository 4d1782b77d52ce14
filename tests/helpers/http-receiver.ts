import http from "node:http";
import type { AddressInfo } from "node:net";
import { waitUntil } from "./smtp-receiver";

export type ReceivedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; at: number };

/**
 * A real HTTP server on a random local port that records every request. It can
 * be told to fail the next n requests (with a status) to exercise retries. `port`: a fixed port
 * (the end-to-end stack's configuration names it before the test starts); a free one by default.
 */
export async function startHttpReceiver(port = 0) {
  const requests: ReceivedRequest[] = [];
  const waiters: (() => void)[] = [];
  let failNext = 0;
  let failStatus = 503;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      if (failNext > 0) {
        failNext--;
        res.writeHead(failStatus, { "content-type": "text/plain" }).end("receiver is failing on purpose");
      } else res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    failNext(n: number, status = 503) {
      failNext = n;
      failStatus = status;
    },
    waitFor(n: number, timeoutMs = 15_000): Promise<ReceivedRequest[]> {
      return waitUntil(
        () => requests.length >= n,
        waiters,
        timeoutMs,
        () => `${requests.length} of ${n} requests`,
      ).then(() => requests);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
