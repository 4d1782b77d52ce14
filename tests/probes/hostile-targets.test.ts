import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpProbe } from "@/core/config/resolve";
import { runProbe } from "@/probes/run-probe";
import { days, serverCert, testCa } from "../helpers/test-certs";

/**
 * Targets that fight back. Each case has its own local server; each run must end
 * within its deadline, with the error class that names what happened, and
 * without reading more than the body cap into memory.
 */
const TIMEOUT_MS = 1000;
const SLACK_MS = 400;
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

async function listen(server: http.Server | https.Server | net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => {
    (server as http.Server).closeAllConnections?.();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

const probe = (url: string, extra: Partial<HttpProbe> = {}): HttpProbe => ({
  key: "hostile",
  serviceSlug: "s",
  functionKey: "balance",
  location: "local",
  kind: "http",
  intervalMs: 10_000,
  timeoutMs: TIMEOUT_MS,
  confirm: 3,
  maxBodyBytes: 65_536,
  maxRedirects: 5,
  ca: null,
  request: { method: "GET", url, headers: {} },
  expect: { status: ["2xx"], json: [], headers: [], bodyContains: [], bodyNotContains: [] },
  ...extra,
});

async function timed(p: HttpProbe) {
  const started = performance.now();
  const r = await runProbe(p, new Date());
  return { r, ms: performance.now() - started };
}

/** A server sending `total` bytes as fast as the client takes them; counts what it got out. */
function bigBody(total: number, declareLength: boolean) {
  const sent = { bytes: 0 };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/octet-stream", ...(declareLength ? { "content-length": String(total) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 120);
    const pump = () => {
      while (sent.bytes < total) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("close", () => res.removeAllListeners("drain"));
    pump();
  });
  return { server, sent };
}

describe("hostile targets", () => {
  it("a 100 MB body without a length: BODY_TOO_LARGE after the cap, the rest never read", async () => {
    const { server, sent } = bigBody(100 * 1024 * 1024, false);
    const port = await listen(server);
    const { r, ms } = await timed(probe(`http://127.0.0.1:${port}/`));
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "BODY_TOO_LARGE", 200]);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    // The server could push only what fits in socket buffers before the probe hung up: far from 100 MB.
    expect(sent.bytes).toBeLessThan(16 * 1024 * 1024);
    expect(r.detail?.response?.bodyBytes).toBeLessThan(65_536 + 64 * 1024 + 1);
  });

  it("a 100 MB body with its length declared: refused before reading", async () => {
    const { server, sent } = bigBody(100 * 1024 * 1024, true);
    const port = await listen(server);
    const { r } = await timed(probe(`http://127.0.0.1:${port}/`));
    expect([r.state, r.errorClass]).toEqual(["DOWN", "BODY_TOO_LARGE"]);
    expect(r.message).toBe("body declared as 104857600 bytes, more than the 65536 allowed");
    expect(sent.bytes).toBeLessThan(16 * 1024 * 1024);
  });

  it("a slow drip of bytes: SLOW_BODY at the deadline", async () => {
    const port = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        const t = setInterval(() => res.write("x"), 50);
        res.on("close", () => clearInterval(t));
      }),
    );
    const { r, ms } = await timed(probe(`http://127.0.0.1:${port}/`));
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "SLOW_BODY", 200]);
    expect(r.message).toMatch(/^body still arriving at the deadline \(\d+ ms\): \d+ bytes received$/);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it("a hang after the headers: BODY_TIMEOUT", async () => {
    const port = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.flushHeaders();
      }),
    );
    const { r, ms } = await timed(probe(`http://127.0.0.1:${port}/`));
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "BODY_TIMEOUT", 200]);
    expect(r.message).toMatch(/^headers \(200\) came after \d+ ms, then no body byte before the deadline/);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it("a hang before the headers: TIMEOUT, saying the connection was made", async () => {
    const port = await listen(http.createServer(() => {}));
    const { r, ms } = await timed(probe(`http://127.0.0.1:${port}/`));
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "TIMEOUT", null]);
    expect(r.message).toMatch(/^no answer within \d+ ms \(connected; waiting for the answer\)$/);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it("a redirect loop: REDIRECT_LOOP naming the hops", async () => {
    const port = await listen(http.createServer((req, res) => res.writeHead(302, { location: req.url === "/a" ? "/b" : "/a" }).end()));
    const { r } = await timed(probe(`http://127.0.0.1:${port}/a`));
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "REDIRECT_LOOP", 302]);
    expect(r.message).toBe("redirect loop: /a → /b → /a");
  });

  it("an endless chain of new redirects: TOO_MANY_REDIRECTS", async () => {
    const port = await listen(http.createServer((req, res) => res.writeHead(302, { location: `/r${Number((req.url ?? "/r0").slice(2)) + 1}` }).end()));
    const { r } = await timed(probe(`http://127.0.0.1:${port}/r0`));
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TOO_MANY_REDIRECTS"]);
    expect(r.detail?.response?.redirects).toHaveLength(6);
  });

  it("an expired certificate from a trusted CA: TLS_CERT_EXPIRED", async () => {
    const ca = await testCa();
    const cert = await serverCert({ ca, notBefore: days(-30), notAfter: days(-1) });
    const port = await listen(https.createServer(cert, (_req, res) => res.end("ok")));
    const { r } = await timed(probe(`https://localhost:${port}/`, { ca: ca.cert }));
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TLS_CERT_EXPIRED"]);
    expect(r.message).toBe("certificate expired (CERT_HAS_EXPIRED)");
  });

  it("a self-signed certificate: TLS_CERT_UNTRUSTED", async () => {
    const cert = await serverCert({ notBefore: days(-1), notAfter: days(30) });
    const port = await listen(https.createServer(cert, (_req, res) => res.end("ok")));
    const { r } = await timed(probe(`https://localhost:${port}/`));
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TLS_CERT_UNTRUSTED"]);
    expect(r.message).toMatch(/^certificate not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });

  it("the same server with its CA configured is trusted: UP, with every timing phase in order", async () => {
    const ca = await testCa();
    const cert = await serverCert({ ca, notBefore: days(-1), notAfter: days(30) });
    const port = await listen(https.createServer(cert, (_req, res) => res.writeHead(500).end("boom")));
    const { r } = await timed(probe(`https://localhost:${port}/`, { ca: ca.cert }));
    // a 500 keeps evidence: the phases show where the time went
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "ASSERTION_STATUS", 500]);
    const p = r.detail!.response!.phases;
    expect(p.dnsMs).not.toBeNull();
    expect(p.connectMs).not.toBeNull();
    expect(p.tlsMs).not.toBeNull();
    expect(p.firstByteMs).not.toBeNull();
    expect(p.dnsMs!).toBeLessThanOrEqual(p.connectMs!);
    expect(p.connectMs!).toBeLessThanOrEqual(p.tlsMs!);
    expect(p.tlsMs!).toBeLessThanOrEqual(p.firstByteMs!);
    expect(p.firstByteMs!).toBeLessThanOrEqual(p.totalMs);
  });

  it("NXDOMAIN (.invalid never resolves): DNS", async () => {
    const { r, ms } = await timed(probe("http://ledger-test.invalid/"));
    expect([r.state, r.errorClass]).toEqual(["DOWN", "DNS"]);
    expect(r.message).toMatch(/^name does not exist \(NXDOMAIN\)/);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it("a connection reset: CONNECTION_RESET", async () => {
    const port = await listen(net.createServer((socket) => socket.once("data", () => socket.resetAndDestroy())));
    const { r } = await timed(probe(`http://127.0.0.1:${port}/`));
    expect([r.state, r.errorClass]).toEqual(["DOWN", "CONNECTION_RESET"]);
  });

  it("HTML where JSON is expected: INVALID_JSON naming the content type", async () => {
    const port = await listen(
      http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<html><body>점검 중입니다</body></html>")),
    );
    const { r } = await timed(
      probe(`http://127.0.0.1:${port}/`, {
        expect: { status: ["2xx"], json: [{ path: "$.status", equals: "ok" }], headers: [], bodyContains: [], bodyNotContains: [] },
      }),
    );
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "INVALID_JSON", 200]);
    expect(r.message).toBe("body is not JSON (text/html; charset=utf-8)");
    expect(new TextDecoder().decode(r.evidence![0]!.bytes)).toContain("점검 중입니다");
  });
});
