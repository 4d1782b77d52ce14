import { describe, expect, it } from "vitest";
import { applyFaultPatch, faultTableSchema, okFaultTable, parseFault, SANDBOX_FUNCTIONS, withFault, withOffline } from "../../sandbox/faults";

describe("parseFault", () => {
  it.each([
    { name: "ok", input: { mode: "ok" }, fault: { mode: "ok" } },
    { name: "slow with latency", input: { mode: "slow", latencyMs: 800 }, fault: { mode: "slow", latencyMs: 800 } },
    { name: "error defaults to 503", input: { mode: "error" }, fault: { mode: "error", status: 503 } },
    {
      name: "error with Retry-After and message",
      input: { mode: "error", status: 500, retryAfter: 60, message: "점검" },
      fault: { mode: "error", status: 500, retryAfter: 60, message: "점검" },
    },
    { name: "wrong_body defaults to html", input: { mode: "wrong_body" }, fault: { mode: "wrong_body", body: "html" } },
    { name: "wrong_body json", input: { mode: "wrong_body", body: "json" }, fault: { mode: "wrong_body", body: "json" } },
    { name: "hang", input: { mode: "hang" }, fault: { mode: "hang" } },
    { name: "refused", input: { mode: "refused" }, fault: { mode: "refused" } },
  ])("accepts $name", ({ input, fault }) => {
    expect(parseFault(input)).toEqual({ ok: true, fault });
  });

  it.each([
    { name: "an unknown mode", input: { mode: "flaky" }, path: "mode", message: /mode must be one of ok, slow, error, hang, wrong_body, refused/ },
    { name: "a missing mode", input: {}, path: "mode", message: /mode must be one of/ },
    { name: "slow without latencyMs", input: { mode: "slow" }, path: "latencyMs", message: /expected number/ },
    { name: "a negative latency", input: { mode: "slow", latencyMs: -5 }, path: "latencyMs", message: /.+/ },
    { name: "a 4xx error status", input: { mode: "error", status: 404 }, path: "status", message: /.+/ },
    { name: "a fractional status", input: { mode: "error", status: 503.5 }, path: "status", message: /.+/ },
    { name: "latencyMs on an error fault", input: { mode: "error", latencyMs: 10 }, path: "", message: /latencyMs/ },
    { name: "an unknown wrong_body kind", input: { mode: "wrong_body", body: "xml" }, path: "body", message: /.+/ },
    { name: "a string", input: "slow", path: "", message: /expected object/ },
  ])("rejects $name", ({ input, path, message }) => {
    const result = parseFault(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toBe(path);
    expect(result.issues[0]?.message).toMatch(message);
  });
});

describe("fault table functions", () => {
  it("starts with every function ok and online", () => {
    const table = okFaultTable();
    expect(Object.keys(table.functions)).toEqual([...SANDBOX_FUNCTIONS]);
    expect(Object.values(table.functions).every((f) => f.mode === "ok")).toBe(true);
    expect(table.offline).toBe(false);
    expect(faultTableSchema.safeParse(table).success).toBe(true);
  });

  it("withFault and withOffline return new tables and leave the input alone", () => {
    const base = okFaultTable();
    const faulted = withOffline(withFault(base, "topup", { mode: "hang" }), true);
    expect(faulted.functions.topup).toEqual({ mode: "hang" });
    expect(faulted.offline).toBe(true);
    expect(base.functions.topup).toEqual({ mode: "ok" });
    expect(base.offline).toBe(false);
  });

  it.each([
    { name: "all applies to every function", patch: { all: { mode: "error", status: 503 } as const }, topup: "error", app: "error", offline: false },
    {
      name: "a named function overrides all",
      patch: { all: { mode: "error", status: 503 } as const, functions: { app: { mode: "ok" } as const } },
      topup: "error",
      app: "ok",
      offline: false,
    },
    { name: "offline is carried", patch: { offline: true }, topup: "slow", app: "ok", offline: true },
    { name: "an empty patch changes nothing", patch: {}, topup: "slow", app: "ok", offline: false },
  ])("applyFaultPatch: $name", ({ patch, topup, app, offline }) => {
    const start = withFault(okFaultTable(), "topup", { mode: "slow", latencyMs: 100 });
    const next = applyFaultPatch(start, patch);
    expect(next.functions.topup.mode).toBe(topup);
    expect(next.functions.app.mode).toBe(app);
    expect(next.offline).toBe(offline);
  });
});
