import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tokensMatch } from "../../sandbox/admin-routes";
import type { Sandbox } from "../../sandbox/server";
import { admin, call, callError, errorCode, fakeClock, moneyHeaders, startSandbox, type CallOptions } from "./sandbox-fixture";

let sandbox: Sandbox;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock();
  sandbox = await startSandbox({ clock: clock.now });
});
afterEach(() => sandbox.close());

const adminCall = (method: string, path: string, options: CallOptions = {}) =>
  call(sandbox.adminUrl, method, path, { ...options, headers: { ...admin(), ...options.headers } });
const topup = () => call(sandbox.url, "POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 1_000, sourceAccount: "B" } });

describe("admin authentication", () => {
  const routes = [
    ["GET", "/admin/faults"],
    ["PUT", "/admin/faults/topup"],
    ["DELETE", "/admin/faults"],
    ["PUT", "/admin/offline"],
    ["POST", "/admin/scenario"],
    ["DELETE", "/admin/scenario"],
    ["GET", "/admin/nothing-here"],
  ] as const;
  const credentials: { name: string; headers: Record<string, string> }[] = [
    { name: "no header", headers: {} },
    { name: "a wrong token", headers: { authorization: "Bearer wrong-token" } },
    { name: "a prefix of the token", headers: { authorization: "Bearer test-admin" } },
    { name: "basic auth", headers: { authorization: "Basic dGVzdDp0ZXN0" } },
    { name: "the API's probe token", headers: { authorization: "Bearer sandbox-test-token-probe-01" } },
  ];

  it.each(routes.flatMap(([method, path]) => credentials.map((c) => ({ method, path, ...c }))))(
    "$method $path with $name → 401",
    async ({ method, path, headers }) => {
      const res = await call(sandbox.adminUrl, method, path, { headers, body: method === "GET" || method === "DELETE" ? undefined : { mode: "hang" } });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: "UNAUTHORIZED" } });
      expect(sandbox.faults.functions.topup.mode).toBe("ok");
    },
  );

  it.each([
    { given: "test-admin-token-0123", expected: "test-admin-token-0123", match: true },
    { given: "test-admin-token-0124", expected: "test-admin-token-0123", match: false },
    { given: "", expected: "test-admin-token-0123", match: false },
    { given: "test-admin-token-0123-longer", expected: "test-admin-token-0123", match: false },
  ])("tokensMatch($given) is $match", ({ given, expected, match }) => {
    expect(tokensMatch(given, expected)).toBe(match);
  });
});

describe("admin fault control", () => {
  it("GET /admin/faults returns the table, the offline flag and the scenario", async () => {
    const res = await adminCall("GET", "/admin/faults");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ functions: { topup: { mode: "ok" }, app: { mode: "ok" } }, offline: false, scenario: null });
  });

  it("PUT /admin/faults/{function} sets a fault that the API then acts out", async () => {
    const res = await adminCall("PUT", "/admin/faults/topup", { body: { mode: "error", status: 500, retryAfter: 10 } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ functions: { topup: { mode: "error", status: 500, retryAfter: 10 } } });
    const api = await topup();
    expect(api.status).toBe(500);
    expect(api.headers["retry-after"]).toBe("10");
  });

  it.each([
    { name: "an unknown mode", body: { mode: "broken" }, message: /mode must be one of/ },
    { name: "slow without latency", body: { mode: "slow" }, message: /latencyMs/ },
    { name: "a 200 error status", body: { mode: "error", status: 200 }, message: /status/ },
    { name: "an extra field", body: { mode: "hang", latencyMs: 5 }, message: /latencyMs/ },
    { name: "broken JSON", body: "{", message: /JSON/ },
  ])("PUT with $name → 400 with a clear message", async ({ body, message }) => {
    const res = await adminCall("PUT", "/admin/faults/topup", { body });
    expect(res.status).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toMatch(message);
  });

  it.each(["health", "transfer", "TOPUP"])("PUT /admin/faults/%s → 404", async (fn) => {
    const res = await adminCall("PUT", `/admin/faults/${fn}`, { body: { mode: "hang" } });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: "UNKNOWN_FUNCTION" } });
  });

  it("DELETE /admin/faults returns everything to ok and online", async () => {
    await adminCall("PUT", "/admin/faults/payment", { body: { mode: "refused" } });
    await adminCall("PUT", "/admin/offline", { body: { offline: true } });
    const res = await adminCall("DELETE", "/admin/faults");
    expect(res.json).toMatchObject({ functions: { payment: { mode: "ok" } }, offline: false });
    expect((await topup()).status).toBe(201);
  });

  it("PUT /admin/offline switches the API listener off and on", async () => {
    const off = await adminCall("PUT", "/admin/offline", { body: { offline: true } });
    expect(off.json).toMatchObject({ offline: true });
    expect(errorCode(await callError(topup()))).toBe("ECONNREFUSED");
    await adminCall("PUT", "/admin/offline", { body: { offline: false } });
    expect((await topup()).status).toBe(201);
  });

  it("PUT /admin/offline validates its body", async () => {
    const res = await adminCall("PUT", "/admin/offline", { body: { offline: "yes" } });
    expect(res.status).toBe(400);
  });
});

describe("admin scenario control", () => {
  it("lists the shipped scenarios", async () => {
    const res = await adminCall("GET", "/admin/scenarios");
    expect(res.json).toEqual({ scenarios: expect.arrayContaining(["demo", "dongbaekjeon-2022-04", "first-of-month"]) });
  });

  it("starts a shipped scenario by name with a speed override, and stops it", async () => {
    const res = await adminCall("POST", "/admin/scenario", { body: { name: "dongbaekjeon-2022-04", speed: 3600 } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ scenario: { name: "dongbaekjeon-2022-04", speed: 3600, stepIndex: 0 }, functions: { topup: { mode: "error" } } });
    clock.advance(14_000); // 14 simulated hours at 3600x
    expect((await topup()).status).toBe(201);

    const stopped = await adminCall("DELETE", "/admin/scenario");
    expect(stopped.json).toMatchObject({ scenario: null, functions: { topup: { mode: "ok" } } });
  });

  it("starts an inline scenario object", async () => {
    const scenario = { name: "inline", description: "test", steps: [{ at: "0s", set: { payment: { mode: "wrong_body", body: "json" } } }] };
    const res = await adminCall("POST", "/admin/scenario", { body: { scenario } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ scenario: { name: "inline", speed: 1 }, functions: { payment: { mode: "wrong_body", body: "json" } } });
  });

  it.each([
    { name: "an unknown name", body: { name: "no-such-scenario" }, status: 404, code: "SCENARIO_NOT_FOUND" },
    { name: "a path instead of a name", body: { name: "../package" }, status: 404, code: "SCENARIO_NOT_FOUND" },
    { name: "an invalid inline scenario", body: { scenario: { name: "x", description: "d", steps: [{ at: "soon" }] } }, status: 400, code: "INVALID_SCENARIO" },
    { name: "both name and scenario", body: { name: "demo", scenario: {} }, status: 400, code: "VALIDATION_ERROR" },
    { name: "neither", body: {}, status: 400, code: "VALIDATION_ERROR" },
    { name: "a zero speed", body: { name: "demo", speed: 0 }, status: 400, code: "VALIDATION_ERROR" },
  ])("POST /admin/scenario with $name → $status", async ({ body, status, code }) => {
    const res = await adminCall("POST", "/admin/scenario", { body });
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error: { code } });
  });

  it("names the invalid path of an inline scenario", async () => {
    const res = await adminCall("POST", "/admin/scenario", { body: { scenario: { name: "x", description: "d", steps: [{ at: "soon" }] } } });
    expect((res.json as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe("steps.0.at");
  });
});
