import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Fault, SandboxFunction } from "../../sandbox/faults";
import type { Sandbox } from "../../sandbox/server";
import { bearer, call, callError, errorCode, moneyHeaders, startSandbox, type CallOptions } from "./sandbox-fixture";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.close());

const api = (method: string, path: string, options?: CallOptions) => call(sandbox.url, method, path, options);

/** One representative request per function. */
const requests: Record<SandboxFunction, () => { method: string; path: string; options?: CallOptions }> = {
  signup: () => ({ method: "POST", path: "/api/v1/members", options: { body: { name: "김부산", phone: "01012345678", birthDate: "1990-04-01" } } }),
  identity: () => ({ method: "POST", path: "/api/v1/members/M10000000001/identity", options: { body: { method: "PASS", code: "000000" } } }),
  login: () => ({ method: "POST", path: "/api/v1/auth/login", options: { body: { loginId: "probe-01", password: "x" } } }),
  balance: () => ({ method: "GET", path: "/api/v1/wallet/balance", options: { headers: bearer() } }),
  topup: () => ({ method: "POST", path: "/api/v1/wallet/topups", options: { headers: moneyHeaders(), body: { amount: 10_000, sourceAccount: "BNK-1" } } }),
  refund: () => ({ method: "POST", path: "/api/v1/wallet/topups/TP000000000001/refund", options: { headers: moneyHeaders() } }),
  payment: () => ({ method: "POST", path: "/api/v1/payments", options: { headers: moneyHeaders(), body: { merchantId: "M-1", amount: 1_000 } } }),
  cancel: () => ({ method: "POST", path: "/api/v1/payments/PY000000000001/cancel", options: { headers: moneyHeaders() } }),
  app: () => ({ method: "GET", path: "/app" }),
};

const send = (fn: SandboxFunction) => {
  const { method, path, options } = requests[fn]();
  return api(method, path, options);
};

const topup = () => send("topup");
const balanceTotal = async () => ((await send("balance")).json as { balance: { total: number } }).balance.total;

describe("every function is gated by its own fault", () => {
  it.each(Object.keys(requests) as SandboxFunction[])("%s answers its error fault while health and the others stay up", async (fn) => {
    sandbox.setFault(fn, { mode: "error", status: 502 });
    const res = await send(fn);
    expect(res.status).toBe(502);
    if (fn === "app") expect(res.text).toContain("서비스 점검 안내");
    else expect(res.json).toMatchObject({ error: { code: "BAD_GATEWAY", message: expect.any(String) } });
    expect((await api("GET", "/api/v1/health")).status).toBe(200);
    const bystander: SandboxFunction = fn === "balance" ? "app" : "balance";
    expect((await send(bystander)).status).toBe(200);
  });

  it("never faults health", async () => {
    for (const fn of Object.keys(requests) as SandboxFunction[]) sandbox.setFault(fn, { mode: "refused" });
    const res = await api("GET", "/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "ok" });
  });
});

describe("fault modes, observed on top-up", () => {
  it("ok answers normally", async () => {
    sandbox.setFault("topup", { mode: "ok" });
    expect((await topup()).status).toBe(201);
  });

  it("slow delays the response, then answers correctly", async () => {
    sandbox.setFault("topup", { mode: "slow", latencyMs: 250 });
    const started = performance.now();
    const res = await topup();
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: "COMPLETED" });
  });

  it.each<{ name: string; fault: Fault; status: number; code: string; retryAfter?: string }>([
    { name: "default 503", fault: { mode: "error", status: 503 }, status: 503, code: "SERVICE_UNAVAILABLE" },
    { name: "500 with Retry-After", fault: { mode: "error", status: 500, retryAfter: 30 }, status: 500, code: "INTERNAL_ERROR", retryAfter: "30" },
    { name: "504", fault: { mode: "error", status: 504 }, status: 504, code: "GATEWAY_TIMEOUT" },
    { name: "an unnamed 5xx", fault: { mode: "error", status: 599, message: "점검" }, status: 599, code: "SERVER_ERROR" },
  ])("error answers $name with a JSON error body", async ({ fault, status, code, retryAfter }) => {
    sandbox.setFault("topup", fault);
    const res = await topup();
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error: { code } });
    expect(res.headers["retry-after"]).toBe(retryAfter);
  });

  it("error moves no money", async () => {
    sandbox.setFault("topup", { mode: "error", status: 503 });
    await topup();
    expect(await balanceTotal()).toBe(1_000_000);
  });

  it("wrong_body html answers 200 with a maintenance page", async () => {
    sandbox.setFault("topup", { mode: "wrong_body", body: "html" });
    const res = await topup();
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.text).toContain("시스템 점검 중입니다");
  });

  it("wrong_body json answers 200 with JSON missing the expected fields", async () => {
    sandbox.setFault("topup", { mode: "wrong_body", body: "json" });
    const res = await topup();
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.json).not.toHaveProperty("topupId");
    expect(res.json).not.toHaveProperty("balanceAfter");
  });

  it("refused resets the connection without a response", async () => {
    sandbox.setFault("topup", { mode: "refused" });
    const error = await callError(topup());
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(errorCode(error));
    // The listener itself is fine: other functions still answer.
    expect((await send("balance")).status).toBe(200);
  });

  it("hang never answers: the client times out, and the sandbox still closes promptly", async () => {
    sandbox.setFault("topup", { mode: "hang" });
    const { path, options } = requests.topup();
    const pending = callError(api("POST", path, { ...options, timeoutMs: 30_000 }));
    const timedOut = await callError(api("POST", path, { ...requests.topup().options, timeoutMs: 300 }));
    expect(["TimeoutError", "AbortError"]).toContain((timedOut as Error).name);

    // `pending` has been hanging at least as long as the timed-out call; closing must end it.
    const started = performance.now();
    await sandbox.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(errorCode(await pending));
  });
});

describe("offline", () => {
  it("closes the API listener (ECONNREFUSED) and reopens it on the same port", async () => {
    const topped = await topup();
    expect(topped.status).toBe(201);
    await sandbox.setOffline(true);
    expect(sandbox.faults.offline).toBe(true);
    expect(errorCode(await callError(api("GET", "/api/v1/health")))).toBe("ECONNREFUSED");

    const admin = await call(sandbox.adminUrl, "GET", "/admin/faults", { headers: { authorization: "Bearer test-admin-token-0123" } });
    expect(admin.status).toBe(200);
    expect(admin.json).toMatchObject({ offline: true });

    await sandbox.setOffline(false);
    const health = await api("GET", "/api/v1/health");
    expect(health.status).toBe(200);
    // In-memory state survives the outage.
    expect(await balanceTotal()).toBe(1_011_000);
  });

  it("ends requests that were hanging when the service went offline", async () => {
    sandbox.setFault("topup", { mode: "hang" });
    const pending = callError(api("POST", requests.topup().path, { ...requests.topup().options, timeoutMs: 30_000 }));
    await callError(api("POST", requests.topup().path, { ...requests.topup().options, timeoutMs: 200 }));
    await sandbox.setOffline(true);
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(errorCode(await pending));
  });

  it("survives rapid toggling", async () => {
    await Promise.all([sandbox.setOffline(true), sandbox.setOffline(false), sandbox.setOffline(true), sandbox.setOffline(false)]);
    expect((await api("GET", "/api/v1/health")).status).toBe(200);
  });
});
