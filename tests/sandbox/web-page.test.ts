import { Script } from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/server";
import { call, startSandbox } from "./sandbox-fixture";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.close());

const page = (query = "") => call(sandbox.url, "GET", `/app${query}`);

const TEST_IDS = [
  "balance-total",
  "balance-cash",
  "balance-policy",
  "balance-cashback",
  "balance-status",
  "balance-refresh",
  "signup-form",
  "signup-name",
  "signup-phone",
  "signup-birth-date",
  "signup-submit",
  "signup-result",
  "signup-member-id",
  "topup-form",
  "topup-amount",
  "topup-submit",
  "topup-result",
  "topup-balance",
];

describe("GET /app", () => {
  it("serves a Korean page with every data-testid", async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).toContain("실제 지역화폐 서비스나 실제 데이터가 아닙니다");
    for (const id of TEST_IDS) expect(res.text).toContain(`data-testid="${id}"`);
  });

  it("loads nothing from outside (works offline)", async () => {
    const { text } = await page();
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  it("has an inline script that compiles", async () => {
    const { text } = await page();
    const script = /<script>([\s\S]*)<\/script>/.exec(text)?.[1];
    expect(script).toBeDefined();
    expect(() => new Script(script ?? "")).not.toThrow();
  });

  it.each([
    { query: "", account: "probe-01" },
    { query: "?account=probe-04", account: "probe-04" },
    { query: "?account=someone-else", account: "probe-01" },
  ])("uses test account $account for '$query'", async ({ query, account }) => {
    const { text } = await page(query);
    expect(text).toContain(`<span data-testid="account-id">${account}</span>`);
    expect(text).toContain(`"token":"sandbox-test-token-${account}"`);
  });

  it("redirects / to /app", async () => {
    const res = await call(sandbox.url, "GET", "/");
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/app");
  });
});

describe("the page is subject to the app fault", () => {
  it.each([
    { name: "error", fault: { mode: "error", status: 503 } as const, status: 503 },
    { name: "wrong_body html", fault: { mode: "wrong_body", body: "html" } as const, status: 200 },
    { name: "wrong_body json", fault: { mode: "wrong_body", body: "json" } as const, status: 200 },
  ])("$name answers $status without the app's test ids", async ({ fault, status }) => {
    sandbox.setFault("app", fault);
    const res = await page();
    expect(res.status).toBe(status);
    expect(res.text).not.toContain('data-testid="topup-submit"');
  });

  it("a top-up fault leaves the page up (the journey fails inside it, at the top-up step)", async () => {
    sandbox.setFault("topup", { mode: "error", status: 503 });
    expect((await page()).status).toBe(200);
  });
});
