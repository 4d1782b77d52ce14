import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/server";
import { TEST_PASSWORD } from "../../sandbox/test-accounts";
import { bearer, call, moneyHeaders, startSandbox } from "./sandbox-fixture";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ clock: () => Date.parse("2026-03-01T00:00:00Z") });
});
afterEach(() => sandbox.close());

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(sandbox.url, method, path, options);
const signupBody = { name: "김부산", phone: "010-1234-5678", birthDate: "1990-04-01" };

describe("public API happy paths", () => {
  it("health answers ok with the clock's time", async () => {
    const res = await api("GET", "/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok", time: "2026-03-01T00:00:00.000Z" });
  });

  it("signs up a member and verifies identity with the test code", async () => {
    const signup = await api("POST", "/api/v1/members", { body: { ...signupBody, test: true } });
    expect(signup.status).toBe(201);
    expect(signup.json).toMatchObject({ memberId: expect.stringMatching(/^M\d{11}$/), status: "PENDING_IDENTITY", createdAt: "2026-03-01T00:00:00.000Z" });
    const { memberId } = signup.json as { memberId: string };

    const identity = await api("POST", `/api/v1/members/${memberId}/identity`, { body: { method: "PASS", code: "000000" } });
    expect(identity.status).toBe(200);
    expect(identity.json).toEqual({ memberId, status: "ACTIVE", verifiedAt: "2026-03-01T00:00:00.000Z" });

    const again = await api("POST", `/api/v1/members/${memberId}/identity`, { body: { method: "SMS", code: "000000" } });
    expect(again.status).toBe(409);
  });

  it("rejects a wrong identity code and an unknown member", async () => {
    const { memberId } = (await api("POST", "/api/v1/members", { body: signupBody })).json as { memberId: string };
    const wrong = await api("POST", `/api/v1/members/${memberId}/identity`, { body: { method: "SMS", code: "123456" } });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ error: { code: "IDENTITY_VERIFICATION_FAILED" } });
    const unknown = await api("POST", "/api/v1/members/M00000000000/identity", { body: { method: "SMS", code: "000000" } });
    expect(unknown.status).toBe(404);
  });

  it("logs in a test account and reads the balance with the issued token", async () => {
    const login = await api("POST", "/api/v1/auth/login", { body: { loginId: "probe-02", password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    const { accessToken, expiresIn } = login.json as { accessToken: string; expiresIn: number };
    expect(expiresIn).toBe(1800);
    const balance = await api("GET", "/api/v1/wallet/balance", { headers: bearer(accessToken) });
    expect(balance.status).toBe(200);
    expect(balance.json).toEqual({
      memberId: "M90000000002",
      currency: "KRW",
      balance: { total: 1_000_000, cash: 1_000_000, policy: 0, cashback: 0 },
      updatedAt: "2026-03-01T00:00:00.000Z",
    });
  });

  it("tops up with a 10% cashback incentive and refunds it", async () => {
    const topup = await api("POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 50_000, sourceAccount: "BNK-101-2000-3000-01" } });
    expect(topup.status).toBe(201);
    expect(topup.json).toMatchObject({
      topupId: expect.stringMatching(/^TP\d{12}$/),
      status: "COMPLETED",
      amount: 50_000,
      cashback: 5_000,
      balanceAfter: 1_055_000,
    });
    const { topupId } = topup.json as { topupId: string };

    const refund = await api("POST", `/api/v1/wallet/topups/${topupId}/refund`, { headers: moneyHeaders() });
    expect(refund.status).toBe(200);
    expect(refund.json).toMatchObject({ topupId, status: "REFUNDED", balanceAfter: 1_000_000 });

    const twice = await api("POST", `/api/v1/wallet/topups/${topupId}/refund`, { headers: moneyHeaders() });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ error: { code: "ALREADY_REFUNDED" } });
  });

  it("pays, spending cashback before cash, and cancels back into the same buckets", async () => {
    await api("POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 10_000, sourceAccount: "BNK-1" } });
    const payment = await api("POST", "/api/v1/payments", { headers: moneyHeaders(), body: { merchantId: "BUSAN-MART-0001", amount: 12_000 } });
    expect(payment.status).toBe(201);
    expect(payment.json).toMatchObject({
      paymentId: expect.stringMatching(/^PY\d{12}$/),
      approvalNo: expect.stringMatching(/^\d{8}$/),
      status: "APPROVED",
      amount: 12_000,
      balanceAfter: 999_000,
    });
    const balance = await api("GET", "/api/v1/wallet/balance", { headers: bearer() });
    expect(balance.json).toMatchObject({ balance: { total: 999_000, cash: 999_000, cashback: 0 } });

    const { paymentId } = payment.json as { paymentId: string };
    const cancel = await api("POST", `/api/v1/payments/${paymentId}/cancel`, { headers: moneyHeaders() });
    expect(cancel.status).toBe(200);
    expect(cancel.json).toMatchObject({ paymentId, status: "CANCELLED", balanceAfter: 1_011_000 });
    const after = await api("GET", "/api/v1/wallet/balance", { headers: bearer() });
    expect(after.json).toMatchObject({ balance: { cash: 1_010_000, cashback: 1_000 } });
  });

  it("refuses a payment larger than the balance with 422 INSUFFICIENT_BALANCE", async () => {
    const res = await api("POST", "/api/v1/payments", { headers: moneyHeaders(), body: { merchantId: "M-1", amount: 1_500_000 } });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ error: { code: "INSUFFICIENT_BALANCE" } });
  });

  it("refuses to refund a top-up whose money was spent", async () => {
    const { topupId } = (await api("POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 100_000, sourceAccount: "BNK-1" } })).json as {
      topupId: string;
    };
    await api("POST", "/api/v1/payments", { headers: moneyHeaders(), body: { merchantId: "M-1", amount: 1_000_000 } });
    const refund = await api("POST", `/api/v1/wallet/topups/${topupId}/refund`, { headers: moneyHeaders() });
    expect(refund.status).toBe(422);
    expect(refund.json).toMatchObject({ error: { code: "TOPUP_ALREADY_USED" } });
  });

  it("keeps each member's top-ups and payments private (404 for another member)", async () => {
    const { topupId } = (await api("POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 1_000, sourceAccount: "BNK-1" } })).json as {
      topupId: string;
    };
    const other = await api("POST", `/api/v1/wallet/topups/${topupId}/refund`, { headers: moneyHeaders(undefined, "sandbox-test-token-probe-03") });
    expect(other.status).toBe(404);
  });
});

describe("test-account balance guards", () => {
  it("resets to the starting balance before a top-up would pass the 3,000,000 ceiling", async () => {
    const topup = () => api("POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 500_000, sourceAccount: "BNK-1" } });
    const after = [];
    for (let i = 0; i < 4; i++) after.push(((await topup()).json as { balanceAfter: number }).balanceAfter);
    expect(after).toEqual([1_550_000, 2_100_000, 2_650_000, 1_550_000]);
  });

  it("resets to the starting balance before a payment from below the 200,000 floor", async () => {
    const pay = (amount: number) => api("POST", "/api/v1/payments", { headers: moneyHeaders(), body: { merchantId: "M-1", amount } });
    expect(((await pay(900_000)).json as { balanceAfter: number }).balanceAfter).toBe(100_000);
    expect(((await pay(50_000)).json as { balanceAfter: number }).balanceAfter).toBe(950_000);
  });
});

describe("validation and errors", () => {
  const cases: { name: string; method: string; path: string; body?: unknown; headers?: Record<string, string>; status: number; code: string }[] = [
    {
      name: "signup without a phone",
      method: "POST",
      path: "/api/v1/members",
      body: { name: "김부산", birthDate: "1990-04-01" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "signup with 31 February",
      method: "POST",
      path: "/api/v1/members",
      body: { ...signupBody, birthDate: "1990-02-31" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "signup with a landline",
      method: "POST",
      path: "/api/v1/members",
      body: { ...signupBody, phone: "051-123-4567" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    { name: "signup with broken JSON", method: "POST", path: "/api/v1/members", body: "{name:", status: 400, code: "INVALID_JSON" },
    {
      name: "identity with a 5-digit code",
      method: "POST",
      path: "/api/v1/members/M10000000001/identity",
      body: { method: "PASS", code: "12345" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "identity with an unknown method",
      method: "POST",
      path: "/api/v1/members/M10000000001/identity",
      body: { method: "EMAIL", code: "000000" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "login with a wrong password",
      method: "POST",
      path: "/api/v1/auth/login",
      body: { loginId: "probe-01", password: "nope" },
      status: 401,
      code: "INVALID_CREDENTIALS",
    },
    { name: "login without a password", method: "POST", path: "/api/v1/auth/login", body: { loginId: "probe-01" }, status: 400, code: "VALIDATION_ERROR" },
    { name: "balance without a token", method: "GET", path: "/api/v1/wallet/balance", status: 401, code: "UNAUTHORIZED" },
    { name: "balance with an unknown token", method: "GET", path: "/api/v1/wallet/balance", headers: bearer("made-up"), status: 401, code: "UNAUTHORIZED" },
    {
      name: "top-up of 1,500 won (not a multiple of 1,000)",
      method: "POST",
      path: "/api/v1/wallet/topups",
      headers: moneyHeaders(),
      body: { amount: 1_500, sourceAccount: "B" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "top-up above 500,000",
      method: "POST",
      path: "/api/v1/wallet/topups",
      headers: moneyHeaders(),
      body: { amount: 501_000, sourceAccount: "B" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "top-up with a fractional amount",
      method: "POST",
      path: "/api/v1/wallet/topups",
      headers: moneyHeaders(),
      body: { amount: 1000.5, sourceAccount: "B" },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "top-up without a token",
      method: "POST",
      path: "/api/v1/wallet/topups",
      headers: { "idempotency-key": "k" },
      body: { amount: 1_000, sourceAccount: "B" },
      status: 401,
      code: "UNAUTHORIZED",
    },
    {
      name: "refund of an unknown top-up",
      method: "POST",
      path: "/api/v1/wallet/topups/TP999/refund",
      headers: moneyHeaders(),
      status: 404,
      code: "TOPUP_NOT_FOUND",
    },
    {
      name: "refund with an unexpected field",
      method: "POST",
      path: "/api/v1/wallet/topups/TP999/refund",
      headers: moneyHeaders(),
      body: { amount: 1 },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "payment of 0 won",
      method: "POST",
      path: "/api/v1/payments",
      headers: moneyHeaders(),
      body: { merchantId: "M-1", amount: 0 },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "payment with a bad merchant id",
      method: "POST",
      path: "/api/v1/payments",
      headers: moneyHeaders(),
      body: { merchantId: "a b", amount: 100 },
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "cancel of an unknown payment",
      method: "POST",
      path: "/api/v1/payments/PY999/cancel",
      headers: moneyHeaders(),
      status: 404,
      code: "PAYMENT_NOT_FOUND",
    },
    { name: "an unknown path", method: "GET", path: "/api/v1/nothing", status: 404, code: "NOT_FOUND" },
    { name: "the wrong method", method: "DELETE", path: "/api/v1/payments", status: 405, code: "METHOD_NOT_ALLOWED" },
  ];

  it.each(cases)("$name → $status $code", async ({ method, path, body, headers, status, code }) => {
    const res = await api(method, path, { body, headers });
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it("names the invalid fields in details", async () => {
    const res = await api("POST", "/api/v1/members", { body: { name: "", phone: "x", birthDate: "1990-04-01" } });
    const details = (res.json as { error: { details: { path: string }[] } }).error.details;
    expect(details.map((d) => d.path).sort()).toEqual(["name", "phone"]);
  });
});
