import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpProbe } from "@/core/config/resolve";
import { loadConfig } from "@/lib/config/load-config";
import { runProbe } from "@/probes/run-probe";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import type { Fault } from "@/sandbox/faults";

/**
 * The single-request runner against the sandbox operator in every fault mode,
 * one HTTP call per function (tests/probes/fixtures/single-requests). The demo's
 * own flows are tested in flow-runner.test.ts.
 */
let sandbox: Sandbox;
let probes: Map<string, HttpProbe>;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, adminPort: 0, adminToken: "runner-test-token" });
  const config = loadConfig("tests/probes/fixtures/single-requests", { SANDBOX_URL: sandbox.url });
  // shorter deadline than the demo's 5 s so the hang case ends quickly; everything else as configured
  probes = new Map(config.services[0]!.probes.filter((p) => p.kind === "http").map((p) => [p.functionKey, { ...p, timeoutMs: 1500 }]));
});
afterAll(() => sandbox.close());

async function runWith(fn: "signup" | "topup" | "payment" | "balance", fault: Fault) {
  await sandbox.resetFaults();
  sandbox.setFault(fn, fault);
  return runProbe(probes.get(fn)!, new Date());
}

describe("HTTP runner against the sandbox", () => {
  it.each(["signup", "topup", "payment", "balance"] as const)("%s answers correctly → UP", async (fn) => {
    const r = await runWith(fn, { mode: "ok" });
    expect(r).toMatchObject({ state: "UP", errorClass: null });
    expect(r.httpStatus).toBeGreaterThanOrEqual(200);
    expect(r.latencyMs).toBeLessThan(1500);
  });

  const faults: { name: string; fault: Fault; state: string; errorClass: string | null; status?: number | null }[] = [
    // the demo's target is 1,500 ms: 1,600 ms is slow but correct (timeout raised for this case below)
    { name: "slow beyond the latency target → DEGRADED", fault: { mode: "slow", latencyMs: 1600 }, state: "DEGRADED", errorClass: null },
    { name: "503 → DOWN", fault: { mode: "error", status: 503 }, state: "DOWN", errorClass: "ASSERTION_STATUS", status: 503 },
    { name: "500 → DOWN", fault: { mode: "error", status: 500 }, state: "DOWN", errorClass: "ASSERTION_STATUS", status: 500 },
    { name: "hang → TIMEOUT at the deadline", fault: { mode: "hang" }, state: "DOWN", errorClass: "TIMEOUT", status: null },
    // a 200 where the top-up probe expects 201 fails on status before the body is read
    {
      name: "200 with a maintenance page → ASSERTION_STATUS",
      fault: { mode: "wrong_body", body: "html" },
      state: "DOWN",
      errorClass: "ASSERTION_STATUS",
      status: 200,
    },
    { name: "connection dropped → CONNECTION_RESET", fault: { mode: "refused" }, state: "DOWN", errorClass: "CONNECTION_RESET", status: null },
  ];
  for (const f of faults) {
    it(`top-up ${f.name}`, async () => {
      await sandbox.resetFaults();
      sandbox.setFault("topup", f.fault);
      const probe = f.fault.mode === "slow" ? { ...probes.get("topup")!, timeoutMs: 5000 } : probes.get("topup")!;
      const started = Date.now();
      const r = await runProbe(probe, new Date());
      expect([r.state, r.errorClass]).toEqual([f.state, f.errorClass]);
      if (f.status !== undefined) expect(r.httpStatus).toBe(f.status);
      // every run ends by its deadline (plus scheduling slack)
      expect(Date.now() - started).toBeLessThan(probe.timeoutMs + 500);
    });
  }

  // balance expects any 2xx, so a wrong body is judged on its content
  it.each([
    ["html", "INVALID_JSON"],
    ["json", "ASSERTION_JSON"],
  ] as const)("balance answering 200 with a wrong %s body → %s", async (body, errorClass) => {
    const r = await runWith("balance", { mode: "wrong_body", body });
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", errorClass, 200]);
  });

  it("the whole service offline → CONNECTION_REFUSED, and UP again once back", async () => {
    await sandbox.resetFaults();
    await sandbox.setOffline(true);
    const down = await runProbe(probes.get("balance")!, new Date());
    expect([down.state, down.errorClass]).toEqual(["DOWN", "CONNECTION_REFUSED"]);
    await sandbox.setOffline(false);
    const up = await runProbe(probes.get("balance")!, new Date());
    expect(up.state).toBe("UP");
  });

  it("a fault on one function leaves the others up", async () => {
    await sandbox.resetFaults();
    sandbox.setFault("topup", { mode: "error", status: 503 });
    expect((await runProbe(probes.get("payment")!, new Date())).state).toBe("UP");
    expect((await runProbe(probes.get("topup")!, new Date())).state).toBe("DOWN");
  });
});

describe("HTTP runner limits", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/loop") {
        res.writeHead(302, { location: "/loop" }).end();
      } else if (req.url === "/hop") {
        res.writeHead(301, { location: "/ok" }).end();
      } else if (req.url === "/big") {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.end(Buffer.alloc(200_000, 97));
      } else if (req.url === "/drip") {
        res.writeHead(200, { "content-type": "text/plain" });
        const t = setInterval(() => res.write("x"), 100);
        res.on("close", () => clearInterval(t));
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const probe = (path: string, extra: Partial<HttpProbe> = {}): HttpProbe => ({
    key: "limits",
    serviceSlug: "s",
    functionKey: "balance",
    location: "local",
    kind: "http",
    intervalMs: 10_000,
    timeoutMs: 1000,
    confirm: 3,
    maxBodyBytes: 65_536,
    maxRedirects: 3,
    request: { method: "GET", url: `${base}${path}`, headers: {} },
    ca: null,
    expect: { status: ["2xx"], json: [], headers: [], bodyContains: [], bodyNotContains: [] },
    ...extra,
  });

  it("follows a redirect", async () => expect((await runProbe(probe("/hop"), new Date())).state).toBe("UP"));
  it("stops a redirect loop", async () => expect((await runProbe(probe("/loop"), new Date())).errorClass).toBe("REDIRECT_LOOP"));
  it("stops reading a body over the limit", async () => expect((await runProbe(probe("/big"), new Date())).errorClass).toBe("BODY_TOO_LARGE"));
  it("a slow drip of bytes ends at the total deadline", async () => {
    const started = Date.now();
    const r = await runProbe(probe("/drip"), new Date());
    expect(r.errorClass).toBe("SLOW_BODY");
    expect(Date.now() - started).toBeLessThan(1500);
  });
  it("nothing listening → CONNECTION_REFUSED", async () => {
    const r = await runProbe({ ...probe("/"), request: { method: "GET", url: "http://127.0.0.1:9/", headers: {} } }, new Date());
    expect(r.errorClass).toBe("CONNECTION_REFUSED");
  });
});
