import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FlowProbe, ProbeDefinition } from "@/core/config/resolve";
import { loadConfig } from "@/lib/config/load-config";
import { runProbe } from "@/probes/run-probe";
import type { Sandbox } from "@/sandbox/server";
import { bearer, call, startSandbox } from "../sandbox/sandbox-fixture";

/**
 * The demo's own flow probes (examples/demo) against the real sandbox: each
 * canonical flow passes when the service is healthy, and a fault names the step
 * and the reason. Cleanup steps run whatever happened, so the test accounts end
 * where they started.
 */
let sandbox: Sandbox;
let flows: Map<string, FlowProbe>;

beforeAll(async () => {
  sandbox = await startSandbox();
  const config = loadConfig("examples/demo", { SANDBOX_URL: sandbox.url });
  flows = new Map(config.services[0]!.probes.filter((p): p is FlowProbe => p.kind === "flow").map((p) => [p.functionKey, p]));
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetFaults());

const flow = (fn: string, extra: Partial<FlowProbe> = {}): ProbeDefinition => ({ ...flows.get(fn)!, ...extra });
const balanceOf = async (token: string) =>
  ((await call(sandbox.url, "GET", "/api/v1/wallet/balance", { headers: bearer(token) })).json as { balance: { total: number } }).balance.total;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("canonical flows against a healthy sandbox", () => {
  it("sign-up → identity check is UP", async () => {
    const r = await runProbe(flow("signup"), new Date());
    expect([r.state, r.errorClass, r.message]).toEqual(["UP", null, null]);
    // an UP run keeps no detail and no evidence
    expect(r.detail).toBeNull();
    expect(r.evidence).toEqual([]);
  });

  it("login → balance → top-up 1,000 → balance went up → refund is UP and leaves the balance as it was", async () => {
    const before = await balanceOf("sandbox-test-token-probe-01");
    const r = await runProbe(flow("topup"), new Date());
    expect([r.state, r.errorClass]).toEqual(["UP", null]);
    expect(r.httpStatus).toBe(200);
    // the refund took back the 1,000 top-up and its 100 cashback
    expect(await balanceOf("sandbox-test-token-probe-01")).toBe(before);
  });

  it("payment approval, the same idempotency key again, then cancel is UP and moves money once", async () => {
    const before = await balanceOf("sandbox-test-token-probe-02");
    const r = await runProbe(flow("payment"), new Date());
    expect([r.state, r.errorClass]).toEqual(["UP", null]);
    expect(await balanceOf("sandbox-test-token-probe-02")).toBe(before);
  });
});

describe("a failing flow names the step and the reason", () => {
  it("top-up answering 503: DOWN at step top-up; the refund is skipped since nothing was topped up", async () => {
    sandbox.setFault("topup", { mode: "error", status: 503 });
    const before = await balanceOf("sandbox-test-token-probe-01");
    const r = await runProbe(flow("topup"), new Date());
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "ASSERTION_STATUS", 503]);
    expect(r.message).toBe('step "top-up" (3 of 4): status 503, expected 201');
    expect(r.detail?.step).toBe("top-up");
    expect(r.detail?.steps?.map((s) => [s.name, s.phase, s.outcome])).toEqual([
      ["login", "main", "ok"],
      ["balance-before", "main", "ok"],
      ["top-up", "main", "failed"],
      ["refund", "cleanup", "skipped"],
    ]);
    expect(r.detail?.steps?.[3]?.message).toMatch(/\{\{topupId\}\} has no value/);
    for (const s of r.detail!.steps!.slice(0, 3)) expect(s.ms).toBeGreaterThanOrEqual(0);
    // evidence: the answer's status, headers and timings, and its body as text
    expect(r.detail?.response).toMatchObject({ method: "POST", status: 503, url: `${sandbox.url}/api/v1/wallet/topups` });
    expect(r.detail?.response?.phases.totalMs).toBeGreaterThanOrEqual(0);
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence![0]).toMatchObject({ role: "body", step: "top-up", mediaType: "text/plain; charset=utf-8" });
    expect(text(r.evidence![0]!.bytes)).toContain("SERVICE_UNAVAILABLE");
    expect(await balanceOf("sandbox-test-token-probe-01")).toBe(before);
  });

  it("a step hanging: TIMEOUT at that step within the deadline, and the refund still runs", async () => {
    const before = await balanceOf("sandbox-test-token-probe-01");
    // balance-after goes to a server that accepts and never answers; every other step to the sandbox
    const hang = http.createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", r));
    const probe = flow("topup", { timeoutMs: 1500 }) as FlowProbe;
    const hanging: FlowProbe = {
      ...probe,
      steps: probe.steps.map((s) =>
        s.name === "balance-after" ? { ...s, request: { ...s.request, url: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/balance` } } : s,
      ),
    };
    const started = Date.now();
    const r = await runProbe(hanging, new Date());
    hang.closeAllConnections();
    hang.close();
    expect([r.state, r.errorClass]).toEqual(["DOWN", "TIMEOUT"]);
    expect(r.message).toMatch(
      /^step "balance-after" \(4 of 4\): no answer within \d+ ms \(connected; waiting for the answer\); the flow's 1500 ms deadline passed$/,
    );
    expect(r.detail?.steps?.map((s) => [s.name, s.outcome])).toEqual([
      ["login", "ok"],
      ["balance-before", "ok"],
      ["top-up", "ok"],
      ["balance-after", "failed"],
      ["refund", "ok"],
    ]);
    // main deadline 1.5 s, then the refund under its own 3 s deadline
    expect(Date.now() - started).toBeLessThan(4500);
    expect(await balanceOf("sandbox-test-token-probe-01")).toBe(before);
  });

  it("the refund failing: DOWN at the cleanup step, after every main step passed", async () => {
    sandbox.setFault("refund", { mode: "error", status: 500 });
    const r = await runProbe(flow("topup"), new Date());
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "ASSERTION_STATUS", 500]);
    expect(r.message).toBe('step "refund" (cleanup 1 of 1): status 500, expected 200');
    expect(r.detail?.steps?.filter((s) => s.outcome === "ok").map((s) => s.name)).toEqual(["login", "balance-before", "top-up", "balance-after"]);
  });

  it("identity check rejected: DOWN at step identity", async () => {
    sandbox.setFault("identity", { mode: "wrong_body", body: "json" });
    const r = await runProbe(flow("signup"), new Date());
    expect([r.state, r.errorClass]).toEqual(["DOWN", "ASSERTION_JSON"]);
    expect(r.message).toBe('step "identity" (2 of 2): $.status is missing');
  });

  it("login connection dropped: CONNECTION_RESET at step login; nothing after it runs", async () => {
    sandbox.setFault("login", { mode: "refused" });
    const r = await runProbe(flow("topup"), new Date());
    expect([r.state, r.errorClass]).toEqual(["DOWN", "CONNECTION_RESET"]);
    expect(r.message).toMatch(/^step "login" \(1 of 4\): connection closed/);
    expect(r.detail?.steps?.map((s) => s.outcome)).toEqual(["failed", "skipped"]);
  });

  it("a payment that does not replay under the same key is caught at approve-replay", async () => {
    // a different key per request makes the second approval a new payment: the replay check fails
    const probe = flow("payment") as FlowProbe;
    const noReplay: FlowProbe = {
      ...probe,
      steps: probe.steps.map((s) => ({ ...s, request: { ...s.request, headers: { ...s.request.headers, "idempotency-key": "{{uuid}}" } } })),
    };
    const before = await balanceOf("sandbox-test-token-probe-02");
    const r = await runProbe(noReplay, new Date());
    expect([r.state, r.errorClass]).toEqual(["DOWN", "ASSERTION_JSON"]);
    expect(r.message).toMatch(/^step "approve-replay" \(2 of 2\): \$\.paymentId is "PY\d+", expected "PY\d+"$/);
    // the cancel still ran for the first payment; the second (the duplicate charge) stays, as the evidence of the fault
    expect(await balanceOf("sandbox-test-token-probe-02")).toBe(before - 1000);
  });

  it("a slow step makes the flow DEGRADED, naming the step", async () => {
    sandbox.setFault("topup", { mode: "slow", latencyMs: 1600 });
    const r = await runProbe(flow("topup"), new Date());
    expect([r.state, r.errorClass]).toEqual(["DEGRADED", null]);
    expect(r.message).toMatch(/^step "top-up" \(3 of 4\): 16\d\d ms, target 1500 ms$/);
    expect(r.detail?.step).toBe("top-up");
    // a slow but correct run keeps its timings, not the body
    expect(r.detail?.response?.phases.firstByteMs).toBeGreaterThanOrEqual(1600);
    expect(r.evidence).toEqual([]);
  });
});
