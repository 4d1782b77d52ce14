import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpProbe } from "@/core/config/resolve";
import { DEFAULT_EVIDENCE } from "@/core/config/probe-definition";
import type { ProbeResult } from "@/core/probe-result";
import { runProbe, type RunDeps } from "@/probes/run-probe";
import type { Resolver } from "@/probes/resolver";

/**
 * What a hostile target found: redirects that carry credentials to
 * another origin, bad redirects that would pass for the monitor's fault, and
 * redirects or names that point the monitor into private networks. Every
 * target is a real server on 127.0.0.1; names resolve through an injected
 * resolver, so a test decides what `target.example` is without any network.
 */
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A server answering with `answer`, recording every request it got and every connection made to it. */
async function server(answer: (req: Seen, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      seen.push(r);
      answer(r, res);
    });
  });
  s.on("connection", () => connections++);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  closers.push(() => {
    s.closeAllConnections();
    s.close();
  });
  const port = (s.address() as AddressInfo).port;
  return { port, origin: `http://127.0.0.1:${port}`, seen, connections: () => connections };
}

const ok = (_: Seen, res: http.ServerResponse) => res.writeHead(200, { "content-type": "text/plain" }).end("fine");
const redirect = (status: number, location: string) => (_: Seen, res: http.ServerResponse) => res.writeHead(status, { location }).end("moved");

const SECRETS = {
  authorization: "Bearer op-token-1234567890",
  cookie: "sid=session-abcdef",
  "proxy-authorization": "Basic cHJveHk6c2VjcmV0",
  "x-api-key": "key-0987654321",
  // secret only because the configuration says so (evidence.redactHeaders)
  "x-session": "configured-secret-42",
};
const deps: RunDeps = { evidence: { ...DEFAULT_EVIDENCE, redactHeaders: ["x-session"] } };

const probe = (url: string, extra: Partial<HttpProbe> = {}, request: Partial<HttpProbe["request"]> = {}): HttpProbe => ({
  key: "hostile-redirects",
  serviceSlug: "s",
  functionKey: "topup",
  location: "local",
  kind: "http",
  intervalMs: 10_000,
  timeoutMs: 2000,
  confirm: 1,
  maxBodyBytes: 65_536,
  maxRedirects: 5,
  ca: null,
  request: { method: "GET", url, headers: {}, ...request },
  expect: { status: ["2xx"], json: [], headers: [], bodyContains: [], bodyNotContains: [] },
  ...extra,
});

const post = (url: string, extra: Partial<HttpProbe> = {}) =>
  probe(url, extra, { method: "POST", headers: { ...SECRETS, "x-trace": "visible-1" }, body: { amount: 10_000 } });

/** Names resolve only through this table; anything else does not exist. */
const resolver =
  (table: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

/** Everything a run publishes about itself, as one string, to search for what must not be there. */
const published = (r: ProbeResult) =>
  JSON.stringify({ message: r.message, detail: r.detail }) + (r.evidence ?? []).map((b) => new TextDecoder().decode(b.bytes)).join("\n");

describe("credentials on redirects", () => {
  it("307 to another origin: the method and body go on, Authorization, Cookie, Proxy-Authorization and secret headers do not", async () => {
    const other = await server(ok);
    const first = await server(redirect(307, `${other.origin}/landing`));
    const r = await runProbe(post(`${first.origin}/pay`), new Date(), deps);
    expect([r.state, r.httpStatus]).toEqual(["UP", 200]);
    expect(other.seen).toHaveLength(1);
    const got = other.seen[0]!;
    expect([got.method, got.url, got.body]).toEqual(["POST", "/landing", '{"amount":10000}']);
    expect(got.headers["x-trace"]).toBe("visible-1");
    expect(got.headers["content-type"]).toBe("application/json");
    for (const name of Object.keys(SECRETS)) expect(got.headers[name], name).toBeUndefined();
    // the first origin got everything: it is the one the configuration names
    expect(first.seen[0]!.headers.authorization).toBe(SECRETS.authorization);
  });

  it("302 POST to another origin: becomes a GET without body, content type or credentials", async () => {
    const other = await server(ok);
    const first = await server(redirect(302, `${other.origin}/done`));
    await runProbe(post(`${first.origin}/pay`), new Date(), deps);
    const got = other.seen[0]!;
    expect([got.method, got.body]).toEqual(["GET", ""]);
    for (const name of [...Object.keys(SECRETS), "content-type", "content-length"]) expect(got.headers[name], name).toBeUndefined();
  });

  it("credentials dropped on the way out stay dropped when a later redirect comes back to the first origin", async () => {
    let firstOrigin = "";
    const other = await server((_, res) => res.writeHead(307, { location: `${firstOrigin}/back` }).end());
    const first = await server((req, res) => (req.url === "/back" ? ok(req, res) : redirect(307, `${other.origin}/away`)(req, res)));
    firstOrigin = first.origin;
    const r = await runProbe(post(`${first.origin}/pay`), new Date(), deps);
    expect(r.state).toBe("UP");
    const back = first.seen.find((s) => s.url === "/back")!;
    expect(back.headers.authorization).toBeUndefined();
    expect(back.body).toBe('{"amount":10000}');
  });

  it("307 POST on the same origin keeps method, body and credentials", async () => {
    const s = await server((req, res) => (req.url === "/next" ? ok(req, res) : redirect(307, "/next")(req, res)));
    const r = await runProbe(post(`${s.origin}/pay`), new Date(), deps);
    expect(r.state).toBe("UP");
    const got = s.seen.find((x) => x.url === "/next")!;
    expect([got.method, got.body, got.headers.authorization, got.headers["x-session"]]).toEqual([
      "POST",
      '{"amount":10000}',
      SECRETS.authorization,
      SECRETS["x-session"],
    ]);
  });

  it("303 POST on the same origin becomes a GET: no body, no Content-Type, credentials kept", async () => {
    const s = await server((req, res) => (req.url === "/receipt" ? ok(req, res) : redirect(303, "/receipt")(req, res)));
    const r = await runProbe(post(`${s.origin}/pay`), new Date(), deps);
    expect(r.state).toBe("UP");
    const got = s.seen.find((x) => x.url === "/receipt")!;
    expect([got.method, got.body, got.headers["content-type"], got.headers["content-length"]]).toEqual(["GET", "", undefined, undefined]);
    expect(got.headers.authorization).toBe(SECRETS.authorization);
  });
});

describe("bad redirects are the target's failure", () => {
  it.each([
    ["file:///etc/passwd", /file:/],
    ["ftp://files.example/outage.txt", /ftp:/],
    ["http://[::1", /not a URL/],
    ["javascript:alert(1)", /javascript:/],
  ])("302 Location: %s → DOWN / BAD_REDIRECT", async (location, says) => {
    const s = await server(redirect(302, location));
    const r = await runProbe(probe(`${s.origin}/status`), new Date(), deps);
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "BAD_REDIRECT", 302]);
    expect(r.message).toMatch(says);
  });
});

describe("private networks", () => {
  it("a redirect to the cloud metadata address is refused: DOWN / BLOCKED_ADDRESS, nothing of that hop kept", async () => {
    const s = await server(redirect(302, "http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
    const r = await runProbe(probe(`${s.origin}/status`), new Date(), deps);
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "BLOCKED_ADDRESS", 302]);
    expect(r.message).toContain("169.254.169.254");
    expect(r.message).toContain("link-local");
    // what is kept is the target's own 302 that pointed there, not anything from the refused address
    expect(r.detail?.kind === "http" && r.detail.response?.url).toBe(`${s.origin}/status`);
    expect(r.detail?.kind === "http" && r.detail.response?.status).toBe(302);
    expect(r.evidence ?? []).toEqual([]);
  });

  it("a redirect to a name that resolves into a private network is refused before connecting", async () => {
    const internal = await server((_, res) => res.writeHead(200).end("# HELP ledger_internal_secret 1"));
    const s = await server(redirect(302, `http://metrics.internal:${internal.port}/metrics`));
    const r = await runProbe(probe(`${s.origin}/status`), new Date(), { ...deps, resolve: resolver({ "metrics.internal": ["10.20.30.40"] }) });
    expect([r.state, r.errorClass]).toEqual(["DOWN", "BLOCKED_ADDRESS"]);
    expect(r.message).toMatch(/metrics\.internal.*10\.20\.30\.40.*private/);
    expect(published(r)).not.toContain("ledger_internal_secret");
  });

  it("a configured name that resolves to loopback (the instance's own port, /metrics) is refused before any connection", async () => {
    const own = await server((_, res) => res.writeHead(200).end("# HELP ledger_internal_secret 1"));
    const r = await runProbe(probe(`http://target.example:${own.port}/metrics`), new Date(), {
      ...deps,
      resolve: resolver({ "target.example": ["127.0.0.1"] }),
    });
    expect([r.state, r.errorClass]).toEqual(["DOWN", "BLOCKED_ADDRESS"]);
    expect(r.message).toMatch(/target\.example.*127\.0\.0\.1.*loopback/);
    expect(own.connections()).toBe(0);
    expect(published(r)).not.toContain("ledger_internal_secret");
  });

  it("every resolved address is checked: one private address among public ones refuses the name", async () => {
    const own = await server(ok);
    const r = await runProbe(probe(`http://target.example:${own.port}/`), new Date(), {
      ...deps,
      resolve: resolver({ "target.example": ["93.184.216.34", "169.254.169.254"] }),
    });
    expect([r.state, r.errorClass]).toEqual(["DOWN", "BLOCKED_ADDRESS"]);
    expect(r.message).toContain("169.254.169.254");
    expect(own.connections()).toBe(0);
  });

  it("allowPrivateNetwork lets the same probe through, to the address that was checked", async () => {
    const own = await server(ok);
    const r = await runProbe(probe(`http://target.example:${own.port}/`, { allowPrivateNetwork: true }), new Date(), {
      ...deps,
      resolve: resolver({ "target.example": ["127.0.0.1"] }),
    });
    expect([r.state, r.httpStatus]).toEqual(["UP", 200]);
    expect(own.seen[0]?.headers.host).toBe(`target.example:${own.port}`);
  });

  it("a configured loopback URL allows loopback hops, and only that class", async () => {
    const other = await server(ok);
    const s = await server(redirect(302, `http://localhost:${other.port}/`));
    const r = await runProbe(probe(`${s.origin}/`), new Date(), deps);
    expect([r.state, r.httpStatus]).toEqual(["UP", 200]);
  });
});
