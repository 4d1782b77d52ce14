import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalJson } from "../../sandbox/idempotency-store";
import type { Sandbox } from "../../sandbox/server";
import { bearer, call, moneyHeaders, startSandbox } from "./sandbox-fixture";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.close());

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(sandbox.url, method, path, options);
const balanceTotal = async (token?: string) =>
  ((await api("GET", "/api/v1/wallet/balance", { headers: bearer(token) })).json as { balance: { total: number } }).balance.total;

const moneyCalls = [
  {
    name: "top-up",
    path: "/api/v1/wallet/topups",
    body: { amount: 20_000, sourceAccount: "BNK-1" },
    other: { amount: 30_000, sourceAccount: "BNK-1" },
    status: 201,
  },
  { name: "payment", path: "/api/v1/payments", body: { merchantId: "M-1", amount: 4_500 }, other: { merchantId: "M-1", amount: 4_600 }, status: 201 },
];

describe.each(moneyCalls)("$name idempotency", ({ path, body, other, status }) => {
  it("replays the same response for the same key and body, moving money once", async () => {
    const headers = moneyHeaders("replay-key");
    const first = await api("POST", path, { headers, body });
    const totalAfterFirst = await balanceTotal();
    const second = await api("POST", path, { headers, body: { ...body } });
    expect(first.status).toBe(status);
    expect(second.status).toBe(status);
    expect(second.text).toBe(first.text);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(await balanceTotal()).toBe(totalAfterFirst);
  });

  it("treats the same body with keys in another order as the same request", async () => {
    const headers = moneyHeaders("order-key");
    await api("POST", path, { headers, body });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await api("POST", path, { headers, body: reordered });
    expect(replay.headers["idempotent-replayed"]).toBe("true");
  });

  it("answers 409 when the key is reused with a different body", async () => {
    const headers = moneyHeaders("conflict-key");
    await api("POST", path, { headers, body });
    const res = await api("POST", path, { headers, body: other });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_REUSED" } });
  });

  it("answers 400 when the key is missing or malformed", async () => {
    const missing = await api("POST", path, { headers: bearer(), body });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_REQUIRED" } });
    const tooLong = await api("POST", path, { headers: { ...bearer(), "idempotency-key": "k".repeat(256) }, body });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json).toMatchObject({ error: { code: "INVALID_IDEMPOTENCY_KEY" } });
  });

  it("scopes keys per member", async () => {
    const a = await api("POST", path, { headers: moneyHeaders("shared-key", "sandbox-test-token-probe-01"), body });
    const b = await api("POST", path, { headers: moneyHeaders("shared-key", "sandbox-test-token-probe-02"), body });
    expect(b.headers["idempotent-replayed"]).toBeUndefined();
    expect(b.text).not.toBe(a.text);
  });
});

describe("idempotency of follow-up calls", () => {
  it("replays a refund and a cancel instead of answering 409 ALREADY_*", async () => {
    const { topupId } = (await api("POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 1_000, sourceAccount: "B" } })).json as {
      topupId: string;
    };
    const refundHeaders = moneyHeaders("refund-key");
    const refund = await api("POST", `/api/v1/wallet/topups/${topupId}/refund`, { headers: refundHeaders });
    const refundAgain = await api("POST", `/api/v1/wallet/topups/${topupId}/refund`, { headers: refundHeaders });
    expect([refund.status, refundAgain.status]).toEqual([200, 200]);
    expect(refundAgain.headers["idempotent-replayed"]).toBe("true");

    const { paymentId } = (await api("POST", "/api/v1/payments", { headers: moneyHeaders(), body: { merchantId: "M-1", amount: 1_000 } })).json as {
      paymentId: string;
    };
    const cancelHeaders = moneyHeaders("cancel-key");
    await api("POST", `/api/v1/payments/${paymentId}/cancel`, { headers: cancelHeaders });
    const cancelAgain = await api("POST", `/api/v1/payments/${paymentId}/cancel`, { headers: cancelHeaders });
    expect(cancelAgain.status).toBe(200);
    expect(cancelAgain.headers["idempotent-replayed"]).toBe("true");
  });

  it("answers 409 when a key is reused on another endpoint", async () => {
    const headers = moneyHeaders("cross-key");
    await api("POST", "/api/v1/wallet/topups", { headers, body: { amount: 1_000, sourceAccount: "B" } });
    const res = await api("POST", "/api/v1/payments", { headers, body: { amount: 1_000, sourceAccount: "B" } });
    expect(res.status).toBe(409);
  });

  it("does not remember validation errors, so a corrected retry with the same key succeeds", async () => {
    const headers = moneyHeaders("fix-key");
    const bad = await api("POST", "/api/v1/wallet/topups", { headers, body: { amount: 999, sourceAccount: "B" } });
    expect(bad.status).toBe(400);
    const retry = await api("POST", "/api/v1/wallet/topups", { headers, body: { amount: 1_000, sourceAccount: "B" } });
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBeUndefined();
  });
});

describe("canonicalJson", () => {
  it.each([
    { name: "sorts object keys", value: { b: 1, a: { d: 2, c: 3 } }, expected: '{"a":{"c":3,"d":2},"b":1}' },
    { name: "keeps array order", value: [3, 1, 2], expected: "[3,1,2]" },
    { name: "renders undefined as null", value: undefined, expected: "null" },
  ])("$name", ({ value, expected }) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
